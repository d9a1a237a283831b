import type { HouseholdFields } from '../../../shared/model/household';
import type { PersonFields } from '../../../shared/model/person';
import type { PersonProfile } from '../../../shared/rules/personProfile';
import type { TambonDatabase } from '../../db/database';
import { dataStamp, readSnapshot, writeSnapshot } from '../../db/snapshot';
import { nameForm, WORD_SEPARATOR } from './normalize';
import { BLANK_ID, ID_LENGTH, type PeopleColumns, peopleIndexOver } from './peopleIndex';
import type { PeopleIndex, PersonSearchEntry } from './types';

// Through the entry's type: where the record views live is the search types' concern.
type PersonView = PersonSearchEntry['person'];
type HouseholdView = NonNullable<PersonSearchEntry['household']>;

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
const FORMAT = 3;

/**
 * The person fields a result row, a duplicate-ID warning and the household list read besides
 * the names, the national ID and the household, which the columns already hold.
 */
const ROW_PERSON_FIELDS = [
  'titlePrefix',
  'memberStatus',
  'receivesElderlyAllowance',
  'receivesDisabilityAllowance',
] as const satisfies ReadonlyArray<keyof PersonFields>;
/** A profile's numbers and lists, stored as values in this order (the keys would double it). */
const PROFILE_VALUES = [
  'age',
  'elderlyBand',
  'elderlyAllowanceTHB',
  'disabilityAllowanceTHB',
  'adlScore',
  'adlGroup',
  'eligibleNotReceiving',
  'missing',
] as const satisfies ReadonlyArray<keyof PersonProfile>;
/** Its yes/no facts, as the bits of one number. */
const PROFILE_BITS = [
  'elderly',
  'disabled',
  'bedridden',
  'active',
] as const satisfies ReadonlyArray<keyof PersonProfile>;

type StoredHousehold = [
  id: string,
  /** The code of its village, or the id of a village no person of the index lives in. */
  village: number | string,
  fields: Partial<HouseholdFields>,
];
type StoredPerson = [
  id: string,
  /** Index into `households`, -1 when their household is not on the device. */
  household: number,
  /** The row's fields, and a name or ID only where it differs from its search form (rare). */
  fields: Partial<PersonFields>,
  unsyncedFields: string[],
  profile: unknown[],
  profileBits: number,
];

/**
 * The columns of peopleIndex.ts, each string once: Thai takes 3 bytes a letter and names repeat,
 * and what the columns can be rebuilt from cheaply (offsets, ID list) is not stored. A person's
 * row is kept as its JSON text and parsed only when a search returns them.
 */
interface StoredPeopleIndex {
  format: typeof FORMAT;
  households: StoredHousehold[];
  /** Each person's `StoredPerson` as JSON, one a line (JSON text holds no raw line break). */
  rows: string;
  /** Each distinct name (search form) once, with the words inside it after the first. */
  names: string[];
  innerKeys: string[];
  firstNames: number[];
  lastNames: number[];
  idColumn: string;
  /** The national IDs (search form) that are not 13 digits, so not in `idColumn`, by person. */
  otherIds: [person: number, nationalId: string][];
  houseColumn: string;
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

function toStored(columns: PeopleColumns): StoredPeopleIndex {
  const names: string[] = [];
  const innerKeys: string[] = [];
  const nameAt = new Map<string, number>();
  const nameIndex = (name: string) => {
    const form = nameForm(name);
    let at = nameAt.get(form.text);
    if (at === undefined) {
      at = names.length;
      nameAt.set(form.text, at);
      names.push(form.text);
      innerKeys.push(form.innerKey);
    }
    return at;
  };
  const households: StoredHousehold[] = [];
  const householdAt = new Map<string, number>();
  const firstNames: number[] = [];
  const lastNames: number[] = [];
  const otherIds: [number, string][] = [];
  const rows: string[] = [];
  for (let i = 0; i < columns.count; i++) {
    const { person, household, profile } = columns.entry(i);
    let at = -1;
    if (household) {
      at = householdAt.get(household.id) ?? households.length;
      if (at === households.length) {
        householdAt.set(household.id, at);
        const { houseNo, mooNo } = household.fields;
        households.push([
          household.id,
          columns.codes.get(household.villageId) ?? household.villageId,
          {
            ...(houseNo === undefined ? {} : { houseNo }),
            ...(mooNo === undefined ? {} : { mooNo }),
          },
        ]);
      }
    }
    const { firstName = '', lastName = '', nationalId } = person.fields;
    firstNames.push(nameIndex(firstName));
    lastNames.push(nameIndex(lastName));
    const searchId = columns.nationalIds[i] as string;
    if (searchId !== '' && searchId.length !== ID_LENGTH) otherIds.push([i, searchId]);
    const fields: Partial<PersonFields> = {};
    for (const key of ROW_PERSON_FIELDS) {
      if (person.fields[key] !== undefined) Object.assign(fields, { [key]: person.fields[key] });
    }
    // Absent and empty are told apart: a name absent is stored as '' in the columns.
    if (person.fields.firstName === undefined || firstName !== nameForm(firstName).text) {
      fields.firstName = person.fields.firstName;
    }
    if (person.fields.lastName === undefined || lastName !== nameForm(lastName).text) {
      fields.lastName = person.fields.lastName;
    }
    if (nationalId !== undefined && nationalId !== searchId) fields.nationalId = nationalId;
    const row: StoredPerson = [
      person.id,
      at,
      fields,
      person.unsyncedFields,
      PROFILE_VALUES.map((key) => profile[key]),
      PROFILE_BITS.reduce((bits, key, bit) => (profile[key] ? bits | (1 << bit) : bits), 0),
    ];
    rows.push(JSON.stringify(row));
  }
  return {
    format: FORMAT,
    households,
    rows: rows.join(ROW_END),
    names,
    innerKeys,
    firstNames,
    lastNames,
    idColumn: columns.idColumn,
    otherIds,
    houseColumn: columns.houseColumn,
    villages: [...columns.villages],
    householdCodes: [...columns.households],
    codes: [...columns.codes.keys()],
    adlGroups: columns.adlGroups,
    flags: [...columns.flags],
  };
}

const ROW_END = '\n';

function fromStored(stored: StoredPeopleIndex): PeopleColumns {
  const { codes, names, innerKeys, idColumn, houseColumn } = stored;
  const count = stored.firstNames.length;
  const households = stored.households.map(
    ([id, village, fields]): HouseholdView => ({
      id,
      villageId: typeof village === 'string' ? village : (codes[village] as string),
      fields,
      deleted: false,
      unsyncedFields: [],
    }),
  );
  const rowStarts = new Int32Array(count + 1);
  const houseStarts = new Int32Array(count);
  const lastNames: string[] = new Array(count);
  const fullNames: string[] = new Array(count);
  const innerWords: string[] = new Array(count);
  const nationalIds: string[] = new Array(count);
  let rowAt = 0;
  let houseAt = 0;
  for (let i = 0; i < count; i++) {
    rowStarts[i] = rowAt;
    rowAt = stored.rows.indexOf(ROW_END, rowAt) + ROW_END.length;
    houseStarts[i] = houseAt;
    houseAt = houseColumn.indexOf(WORD_SEPARATOR, houseAt + WORD_SEPARATOR.length);
    const first = stored.firstNames[i] as number;
    const last = stored.lastNames[i] as number;
    lastNames[i] = names[last] as string;
    fullNames[i] = (names[first] as string) + WORD_SEPARATOR + (names[last] as string);
    innerWords[i] = (innerKeys[first] as string) + (innerKeys[last] as string);
    const slot = idColumn.slice(i * ID_LENGTH, (i + 1) * ID_LENGTH);
    nationalIds[i] = slot === BLANK_ID ? '' : slot;
  }
  rowStarts[count] = stored.rows.length + ROW_END.length;
  for (const [i, id] of stored.otherIds) nationalIds[i] = id;
  const entries: (PersonSearchEntry | undefined)[] = new Array(count);
  const row = (i: number) =>
    JSON.parse(
      stored.rows.slice(rowStarts[i] as number, (rowStarts[i + 1] as number) - ROW_END.length),
    ) as StoredPerson;
  return {
    count,
    entry: (i) => {
      let made = entries[i];
      if (!made) {
        made = storedEntry(stored, i, row(i), nationalIds[i] as string, households);
        entries[i] = made;
      }
      return made;
    },
    lastNames,
    names: fullNames,
    innerWords,
    nationalIds,
    idColumn,
    houseColumn,
    houseStarts,
    villages: Int32Array.from(stored.villages),
    households: Int32Array.from(stored.householdCodes),
    codes: new Map(codes.map((id, code) => [id, code])),
    adlGroups: stored.adlGroups,
    flags: Uint8Array.from(stored.flags),
  };
}

/** Person i as a result row shows them, from the stored index. */
function storedEntry(
  stored: StoredPeopleIndex,
  i: number,
  [id, household, fields, unsyncedFields, values, bits]: StoredPerson,
  nationalId: string,
  households: readonly HouseholdView[],
): PersonSearchEntry {
  const { codes, names } = stored;
  const first = names[stored.firstNames[i] as number] as string;
  const last = names[stored.lastNames[i] as number] as string;
  const householdId = codes[stored.householdCodes[i] as number] as string;
  const person: PersonView = {
    id,
    villageId: codes[stored.villages[i] as number] as string,
    fields: {
      ...(first === '' ? {} : { firstName: first }),
      ...(last === '' ? {} : { lastName: last }),
      ...(nationalId === '' ? {} : { nationalId }),
      ...(householdId === '' ? {} : { householdId }),
      ...fields,
    },
    deleted: false,
    unsyncedFields,
  };
  const profile: Record<string, unknown> = {};
  PROFILE_VALUES.forEach((key, v) => {
    profile[key] = values[v];
  });
  PROFILE_BITS.forEach((key, bit) => {
    profile[key] = (bits & (1 << bit)) !== 0;
  });
  return {
    person,
    household: household < 0 ? null : (households[household] as HouseholdView),
    profile: profile as unknown as PersonProfile,
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
