import type { PersonFields } from '../../../shared/model/person';
import type {
  AssistanceFields,
  ProgramEnrollmentFields,
  WelfareCaseFields,
} from '../../../shared/model/welfare';
import type { RecordType } from '../../../shared/sync/protocol';
import type { TambonDatabase } from '../../db/database';
import { listLocalRecords } from '../../sync/localRecords';
import type {
  AssistanceRecord,
  CaseRecord,
  EnrollmentRecord,
  PersonRecord,
  ReportRecord,
} from './officeLists';

/**
 * The Dexie reads of the office lists, each meant to run inside `useLiveQuery` (an async querier,
 * so Dexie keeps watching). Records of all the user's villages, local edits included.
 */

async function listAll<F>(
  database: TambonDatabase,
  type: RecordType,
  villageIds: readonly string[],
): Promise<ReportRecord<F>[]> {
  const lists = await Promise.all(villageIds.map((id) => listLocalRecords(database, type, id)));
  return lists.flat().flatMap((record) => {
    if (record.deleted) return [];
    // A field cleared on some device arrives as null: read it as absent.
    const fields = Object.fromEntries(
      Object.entries(record.fields).filter(([, value]) => value !== null),
    ) as Partial<F>;
    return [{ id: record.id, villageId: record.villageId, fields }];
  });
}

export interface ReportData {
  assistance: AssistanceRecord[];
  cases: CaseRecord[];
  people: PersonRecord[];
}

export async function loadReportData(
  database: TambonDatabase,
  villageIds: readonly string[],
): Promise<ReportData> {
  const [assistance, cases, people] = await Promise.all([
    listAll<AssistanceFields>(database, 'assistance', villageIds),
    listAll<WelfareCaseFields>(database, 'case', villageIds),
    listAll<PersonFields>(database, 'person', villageIds),
  ]);
  return { assistance, cases, people };
}

export interface EligibilityData {
  people: PersonRecord[];
  enrollments: EnrollmentRecord[];
  cases: CaseRecord[];
}

export async function loadEligibilityData(
  database: TambonDatabase,
  villageIds: readonly string[],
): Promise<EligibilityData> {
  const [people, enrollments, cases] = await Promise.all([
    listAll<PersonFields>(database, 'person', villageIds),
    listAll<ProgramEnrollmentFields>(database, 'programEnrollment', villageIds),
    listAll<WelfareCaseFields>(database, 'case', villageIds),
  ]);
  return { people, enrollments, cases };
}
