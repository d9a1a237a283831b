import type { PersonFields } from '../../../shared/model/person';
import type {
  AssistanceFields,
  ProgramEnrollmentFields,
  WelfareCaseFields,
} from '../../../shared/model/welfare';
import type { TambonDatabase } from '../../db/database';
import { listLiveRecords } from '../../records/liveRecords';
import type { AssistanceRecord, CaseRecord, EnrollmentRecord, PersonRecord } from './officeLists';

/**
 * The Dexie reads of the office lists, each meant to run inside `useLiveQuery` (an async querier,
 * so Dexie keeps watching). Records of all the user's villages, local edits included.
 */

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
    listLiveRecords<AssistanceFields>(database, 'assistance', villageIds),
    listLiveRecords<WelfareCaseFields>(database, 'case', villageIds),
    listLiveRecords<PersonFields>(database, 'person', villageIds),
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
    listLiveRecords<PersonFields>(database, 'person', villageIds),
    listLiveRecords<ProgramEnrollmentFields>(database, 'programEnrollment', villageIds),
    listLiveRecords<WelfareCaseFields>(database, 'case', villageIds),
  ]);
  return { people, enrollments, cases };
}
