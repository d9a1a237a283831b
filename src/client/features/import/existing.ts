import type { ExistingRecord } from '../../../shared/import';
import type { HouseholdFields } from '../../../shared/model/household';
import type { PersonFields } from '../../../shared/model/person';
import type { ProgramEnrollmentFields } from '../../../shared/model/welfare';
import type { RecordType } from '../../../shared/sync/protocol';
import type { TambonDatabase } from '../../db/database';
import { listLocalRecords } from '../../sync/localRecords';

/** The tambon's records this device holds, as the dry run matches rows against them. */
export interface ExistingRecords {
  people: ExistingRecord<PersonFields>[];
  households: ExistingRecord<HouseholdFields>[];
  enrollments: ExistingRecord<ProgramEnrollmentFields>[];
}

async function listExisting<F>(
  database: TambonDatabase,
  type: RecordType,
  villageIds: readonly string[],
): Promise<ExistingRecord<F>[]> {
  const lists = await Promise.all(villageIds.map((id) => listLocalRecords(database, type, id)));
  return lists.flat().flatMap((record) => {
    if (record.deleted) return [];
    const fields = Object.fromEntries(
      Object.entries(record.fields).filter(([, value]) => value !== null),
    ) as Partial<F>;
    return [{ id: record.id, villageId: record.villageId, fields }];
  });
}

/** People, households and allowance enrollments of the villages (an admin's device: all). */
export async function loadExisting(
  database: TambonDatabase,
  villageIds: readonly string[],
): Promise<ExistingRecords> {
  const [people, households, enrollments] = await Promise.all([
    listExisting<PersonFields>(database, 'person', villageIds),
    listExisting<HouseholdFields>(database, 'household', villageIds),
    listExisting<ProgramEnrollmentFields>(database, 'programEnrollment', villageIds),
  ]);
  return { people, households, enrollments };
}
