import type { HouseholdFields } from '../../shared/model/household';
import type { PersonFields } from '../../shared/model/person';
import type { TambonDatabase } from '../db/database';
import { getLocalRecord, listLocalRecords } from '../sync/localRecords';
import { type RecordView, view } from '../sync/recordView';

/**
 * Households and their members as every screen reads them (survey, search, welfare cases):
 * typed views over the sync engine's local records, pending edits included.
 */

export type { RecordView };
export type HouseholdView = RecordView<HouseholdFields>;
export type PersonView = RecordView<PersonFields>;

/** The village's households that are not deleted. */
export async function listHouseholds(
  database: TambonDatabase,
  villageId: string,
): Promise<HouseholdView[]> {
  const records = await listLocalRecords(database, 'household', villageId);
  return records.filter((record) => !record.deleted).map(view<HouseholdFields>);
}

/** The village's people that are not deleted (members of any status). */
export async function listPeople(
  database: TambonDatabase,
  villageId: string,
): Promise<PersonView[]> {
  const records = await listLocalRecords(database, 'person', villageId);
  return records.filter((record) => !record.deleted).map(view<PersonFields>);
}

/** The village's people removed with `op: 'delete'` (entered by mistake): restorable, never lost. */
export async function listRemovedPeople(
  database: TambonDatabase,
  villageId: string,
): Promise<PersonView[]> {
  const records = await listLocalRecords(database, 'person', villageId);
  return records.filter((record) => record.deleted).map(view<PersonFields>);
}

export async function getHousehold(
  database: TambonDatabase,
  id: string,
): Promise<HouseholdView | null> {
  const record = await getLocalRecord(database, id);
  return record?.type === 'household' ? view<HouseholdFields>(record) : null;
}

export async function getPerson(database: TambonDatabase, id: string): Promise<PersonView | null> {
  const record = await getLocalRecord(database, id);
  return record?.type === 'person' ? view<PersonFields>(record) : null;
}

/** A household's members, deleted ones left out (deceased and moved-out members stay listed). */
export async function listMembers(
  database: TambonDatabase,
  household: HouseholdView,
): Promise<PersonView[]> {
  const people = await listPeople(database, household.villageId);
  return people.filter((person) => person.fields.householdId === household.id);
}
