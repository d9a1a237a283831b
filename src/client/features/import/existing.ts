import type { ExistingRecord } from '../../../shared/import';
import type { HouseholdFields } from '../../../shared/model/household';
import type { PersonFields } from '../../../shared/model/person';
import type { ProgramEnrollmentFields } from '../../../shared/model/welfare';
import type { TambonDatabase } from '../../db/database';
import { listLiveRecords } from '../../records/liveRecords';

/** The tambon's records this device holds, as the dry run matches rows against them. */
export interface ExistingRecords {
  people: ExistingRecord<PersonFields>[];
  households: ExistingRecord<HouseholdFields>[];
  enrollments: ExistingRecord<ProgramEnrollmentFields>[];
}

/** People, households and allowance enrollments of the villages (an admin's device: all). */
export async function loadExisting(
  database: TambonDatabase,
  villageIds: readonly string[],
): Promise<ExistingRecords> {
  const [people, households, enrollments] = await Promise.all([
    listLiveRecords<PersonFields>(database, 'person', villageIds),
    listLiveRecords<HouseholdFields>(database, 'household', villageIds),
    listLiveRecords<ProgramEnrollmentFields>(database, 'programEnrollment', villageIds),
  ]);
  return { people, households, enrollments };
}
