import { personProfile } from '../../../shared/rules/personProfile';
import type { TambonDatabase } from '../../db/database';
import {
  type HouseholdView,
  listHouseholds,
  listPeople,
  type PersonView,
} from '../../records/people';
import type { PersonSearchEntry } from './types';

/**
 * Every person of these villages as search shows them, local (unsynced) edits included: the
 * record, their household (from any of the villages) and what is derived on `today`.
 */
export async function loadPeopleEntries(
  database: TambonDatabase,
  villageIds: readonly string[],
  today: string,
): Promise<PersonSearchEntry[]> {
  const { people, households } = await loadPeopleAndHouseholds(database, villageIds);
  return people.map((person) => personEntry(person, households, today));
}

/** The people and households (by id) of these villages, deleted ones left out. */
export async function loadPeopleAndHouseholds(
  database: TambonDatabase,
  villageIds: readonly string[],
): Promise<{ people: PersonView[]; households: Map<string, HouseholdView> }> {
  const perVillage = await Promise.all(
    villageIds.map((villageId) =>
      Promise.all([listPeople(database, villageId), listHouseholds(database, villageId)]),
    ),
  );
  const households = new Map<string, HouseholdView>();
  for (const [, villageHouseholds] of perVillage) {
    for (const household of villageHouseholds) households.set(household.id, household);
  }
  return { people: perVillage.flatMap(([people]) => people), households };
}

export function personEntry(
  person: PersonView,
  households: ReadonlyMap<string, HouseholdView>,
  today: string,
): PersonSearchEntry {
  const householdId = person.fields.householdId;
  return {
    person,
    household: (householdId && households.get(householdId)) || null,
    profile: personProfile(person.fields, today),
  };
}
