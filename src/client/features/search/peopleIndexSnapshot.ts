import type { HouseholdFields } from '../../../shared/model/household';
import type { PersonFields } from '../../../shared/model/person';
import type { PersonProfile } from '../../../shared/rules/personProfile';
import type { TambonDatabase } from '../../db/database';
import { dataStamp, readSnapshot, writeSnapshot } from '../../db/snapshot';
import type { HouseholdView, PersonView } from '../households/householdRecords';
import { type PeopleColumns, peopleIndexOver } from './peopleIndex';
import type { PeopleIndex, PersonSearchEntry } from './types';

/**
 * The BUILT people index as one sealed snapshot (DESIGN.md §7: search within 1 s of unlock on a
 * device of 20,000 people): opened with one WebCrypto decrypt and one `JSON.parse` straight into
 * the columns a search compares, instead of opening every record, deriving every profile and
 * building the index again. It holds only what a search and a result row need: the precomputed
 * columns, the fields a row shows, and the profile derived on its day. A result opened reads the
 * full records as any screen does. Sealed under the data key like every snapshot (db/snapshot.ts);
 * it is used only at the data's stamp and on the day it was derived (ages, allowances change).
 */

const KEY_PREFIX = 'people-index|';
const FORMAT = 1;

/** The person fields a result row, a duplicate-ID warning and the household list read. */
const ROW_PERSON_FIELDS = [
  'titlePrefix',
  'firstName',
  'lastName',
  'nationalId',
  'householdId',
  'memberStatus',
  'receivesElderlyAllowance',
  'receivesDisabilityAllowance',
] as const satisfies ReadonlyArray<keyof PersonFields>;
const ROW_HOUSEHOLD_FIELDS = ['houseNo', 'mooNo'] as const satisfies ReadonlyArray<
  keyof HouseholdFields
>;
/** A profile stored as its values in this order (the keys would double the snapshot). */
const PROFILE_KEYS = [
  'age',
  'elderly',
  'elderlyBand',
  'elderlyAllowanceTHB',
  'disabilityAllowanceTHB',
  'disabled',
  'adlScore',
  'adlGroup',
  'bedridden',
  'eligibleNotReceiving',
  'missing',
  'active',
] as const satisfies ReadonlyArray<keyof PersonProfile>;

type StoredHousehold = [id: string, villageId: string, fields: Partial<HouseholdFields>];
type StoredPerson = [
  id: string,
  villageId: string,
  fields: Partial<PersonFields>,
  unsyncedFields: string[],
  /** Index into `households`, -1 for none. */
  household: number,
  profile: unknown[],
];

interface StoredPeopleIndex {
  format: typeof FORMAT;
  households: StoredHousehold[];
  people: StoredPerson[];
  lastNames: string[];
  names: string[];
  innerWords: string[];
  nationalIds: string[];
  idColumn: string;
  houseColumn: string;
  houseStarts: number[];
  villages: number[];
  householdCodes: number[];
  /** The ids of the codes, in code order. */
  codes: string[];
  adlGroups: (string | null)[];
  flags: number[];
}

const snapshotKey = (villageIds: readonly string[]) => KEY_PREFIX + villageIds.join(',');

/**
 * What the index snapshot is stamped with: the data's stamp and the day its profiles were derived
 * on. Read it BEFORE the records the index is built from (as db/snapshot.ts requires).
 */
export async function peopleIndexStamp(database: TambonDatabase, today: string): Promise<string> {
  return `${await dataStamp(database)}|${today}`;
}

/** The index's columns as sealed at `stamp`; null when none, of other data or another day. */
export async function readPeopleIndexSnapshot(
  database: TambonDatabase,
  villageIds: readonly string[],
  stamp: string,
): Promise<PeopleColumns | null> {
  const stored = await readSnapshot<StoredPeopleIndex>(database, snapshotKey(villageIds), stamp);
  return stored?.format === FORMAT ? fromStored(stored) : null;
}

/** Seals the built columns under `stamp` (read before the records they were built from). */
export async function writePeopleIndexSnapshot(
  database: TambonDatabase,
  villageIds: readonly string[],
  stamp: string,
  columns: PeopleColumns,
): Promise<void> {
  await writeSnapshot(database, snapshotKey(villageIds), stamp, toStored(columns));
}

function pick<F, K extends keyof F>(fields: Partial<F>, keys: readonly K[]): Partial<F> {
  const picked: Partial<F> = {};
  for (const key of keys) if (fields[key] !== undefined) picked[key] = fields[key];
  return picked;
}

function toStored(columns: PeopleColumns): StoredPeopleIndex {
  const households: StoredHousehold[] = [];
  const householdAt = new Map<string, number>();
  const people = columns.entries.map(({ person, household, profile }): StoredPerson => {
    let at = -1;
    if (household) {
      at = householdAt.get(household.id) ?? households.length;
      if (at === households.length) {
        householdAt.set(household.id, at);
        households.push([
          household.id,
          household.villageId,
          pick<HouseholdFields, (typeof ROW_HOUSEHOLD_FIELDS)[number]>(
            household.fields,
            ROW_HOUSEHOLD_FIELDS,
          ),
        ]);
      }
    }
    return [
      person.id,
      person.villageId,
      pick<PersonFields, (typeof ROW_PERSON_FIELDS)[number]>(person.fields, ROW_PERSON_FIELDS),
      person.unsyncedFields,
      at,
      PROFILE_KEYS.map((key) => profile[key]),
    ];
  });
  return {
    format: FORMAT,
    households,
    people,
    lastNames: columns.lastNames,
    names: columns.names,
    innerWords: columns.innerWords,
    nationalIds: columns.nationalIds,
    idColumn: columns.idColumn,
    houseColumn: columns.houseColumn,
    houseStarts: [...columns.houseStarts],
    villages: [...columns.villages],
    householdCodes: [...columns.households],
    codes: [...columns.codes.keys()],
    adlGroups: columns.adlGroups,
    flags: [...columns.flags],
  };
}

function fromStored(stored: StoredPeopleIndex): PeopleColumns {
  const households = stored.households.map(
    ([id, villageId, fields]): HouseholdView => ({
      id,
      villageId,
      fields,
      deleted: false,
      unsyncedFields: [],
    }),
  );
  const entries = stored.people.map(
    ([id, villageId, fields, unsyncedFields, household, values]): PersonSearchEntry => {
      const person: PersonView = { id, villageId, fields, deleted: false, unsyncedFields };
      const profile: Record<string, unknown> = {};
      PROFILE_KEYS.forEach((key, i) => {
        profile[key] = values[i];
      });
      return {
        person,
        household: household < 0 ? null : (households[household] as HouseholdView),
        profile: profile as unknown as PersonProfile,
      };
    },
  );
  return {
    entries,
    lastNames: stored.lastNames,
    names: stored.names,
    innerWords: stored.innerWords,
    nationalIds: stored.nationalIds,
    idColumn: stored.idColumn,
    houseColumn: stored.houseColumn,
    houseStarts: Int32Array.from(stored.houseStarts),
    villages: Int32Array.from(stored.villages),
    households: Int32Array.from(stored.householdCodes),
    codes: new Map(stored.codes.map((id, code) => [id, code])),
    adlGroups: stored.adlGroups,
    flags: Uint8Array.from(stored.flags),
  };
}

/** The index as the snapshot holds it when that is the data as it is today; else null. */
export async function openPeopleIndexSnapshot(
  database: TambonDatabase,
  villageIds: readonly string[],
  today: string,
): Promise<PeopleIndex | null> {
  const stamp = await peopleIndexStamp(database, today);
  const columns = await readPeopleIndexSnapshot(database, villageIds, stamp);
  return columns && peopleIndexOver(columns);
}
