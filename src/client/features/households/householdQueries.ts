import type { GpsFix } from '../../../shared/model/household';
import { personProfile } from '../../../shared/rules/personProfile';
import type { TambonDatabase } from '../../db/database';
import { type HouseholdRow, householdRow } from '../../records/householdRows';
import {
  getHousehold,
  getPerson,
  type HouseholdView,
  listHouseholds,
  listPeople,
  listRemovedPeople,
  type PersonView,
} from '../../records/people';

/**
 * The Dexie reads of the survey screens, each meant to run inside `useLiveQuery` as
 * `async () => load…(…)`: Dexie keeps watching the tables read after the first `await` only
 * when the querier itself is an async function (a plain `() => load…()` stops updating).
 */

export interface HouseholdDetail {
  row: HouseholdRow;
  /** Members removed as entered by mistake, restorable. */
  removed: PersonView[];
  /** The village's households with coordinates, for the sketch map. */
  neighbours: Array<{ id: string; gps: GpsFix }>;
}

/** A household with its members and neighbours, or null when it is not (or no longer) here. */
export async function loadHouseholdDetail(
  database: TambonDatabase,
  householdId: string,
  today: string,
): Promise<HouseholdDetail | null> {
  const household = await getHousehold(database, householdId);
  if (!household || household.deleted) return null;
  const [households, people, removed] = await Promise.all([
    listHouseholds(database, household.villageId),
    listPeople(database, household.villageId),
    listRemovedPeople(database, household.villageId),
  ]);
  const members = people
    .filter((person) => person.fields.householdId === householdId)
    .map((person) => ({ person, profile: personProfile(person.fields, today) }));
  return {
    row: householdRow(household, members),
    removed: removed.filter((person) => person.fields.householdId === householdId),
    neighbours: households.flatMap((other) =>
      other.fields.gps ? [{ id: other.id, gps: other.fields.gps }] : [],
    ),
  };
}

export interface PersonDetail {
  person: PersonView;
  household: HouseholdView | null;
}

export async function loadPersonDetail(
  database: TambonDatabase,
  personId: string,
): Promise<PersonDetail | null> {
  const person = await getPerson(database, personId);
  if (!person) return null;
  const householdId = person.fields.householdId;
  const household = householdId ? await getHousehold(database, householdId) : null;
  return { person, household };
}

/** Households of the given villages (a member may move to any of them), by house number. */
export async function loadMoveTargets(
  database: TambonDatabase,
  villageIds: readonly string[],
): Promise<HouseholdView[]> {
  const lists = await Promise.all(villageIds.map((id) => listHouseholds(database, id)));
  return lists.flat();
}
