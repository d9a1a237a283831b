import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../../../src/client/db/database';
import {
  buildPeopleColumns,
  buildPeopleIndex,
} from '../../../../src/client/features/search/peopleIndex';
import {
  openPeopleIndexSnapshot,
  peopleIndexStamp,
  readPeopleIndexSnapshot,
  writePeopleIndexSnapshot,
} from '../../../../src/client/features/search/peopleIndexSnapshot';
import type {
  PeopleFilters,
  PersonSearchEntry,
} from '../../../../src/client/features/search/types';
import { createFieldCipher, type FieldCipher } from '../../../../src/client/security/fieldCipher';
import { newDataKey } from '../../../../src/client/security/keyring';
import { type Device, edit } from '../../../../src/client/sync/edit';
import { uuidv7 } from '../../../../src/shared/ids';
import { createClock } from '../../../../src/shared/sync/hlc';
import { openSealedDatabase } from '../sealedDatabase';
import {
  entry,
  ALL as FIXTURE_PEOPLE,
  HOME_A,
  household,
  PEOPLE,
  SHARED_ID,
  TODAY,
  VILLAGE_1,
  VILLAGE_2,
} from './fixtures';

/** Besides the fixtures: a name not in its search form, no household on the device, no name. */
const ALL: PersonSearchEntry[] = [
  ...FIXTURE_PEOPLE,
  entry('p7', HOME_A, { firstName: 'Anna Maria', lastName: 'SMITH', titlePrefix: 'miss' }),
  {
    ...entry('p8', household('hGone', VILLAGE_2, { houseNo: '99' }), {
      firstName: 'ลอย',
      nationalId: '1-2345-67890-12-1',
    }),
    household: null,
  },
  entry('p9', HOME_A, {}),
];

const VILLAGES = [VILLAGE_1, VILLAGE_2];
const CLIENT = 'indexSnapshotDevice';

let name: string;
let cipher: FieldCipher | null;
let database: TambonDatabase;

const open = () => openSealedDatabase(name, () => cipher);

beforeEach(() => {
  name = `people-index-snapshot-${uuidv7()}`;
  cipher = createFieldCipher(newDataKey());
  database = open();
});

afterEach(async () => {
  database.close();
  await new TambonDatabase(name).delete();
});

/** What a result row shows of an entry: enough to tell two answers apart. */
const row = ({ person, household, profile }: PersonSearchEntry) => ({
  id: person.id,
  villageId: person.villageId,
  title: person.fields.titlePrefix,
  firstName: person.fields.firstName,
  lastName: person.fields.lastName,
  nationalId: person.fields.nationalId,
  householdId: person.fields.householdId,
  unsynced: person.unsyncedFields,
  household: household && { id: household.id, houseNo: household.fields.houseNo },
  mooNo: household?.fields.mooNo,
  profile,
});

const QUERIES: [string, PeopleFilters?][] = [
  ['สม'],
  ['มี'],
  ['ม'],
  ['ใจดี'],
  ['สม ใจ'],
  ['12/3'],
  ['4'],
  ['0121'],
  ['1101'],
  ['', { includeInactive: true }],
  ['', { elderly: true }],
  ['', { bedridden: true }],
  ['', { missingData: true, includeInactive: true }],
  ['', { eligibleNotReceiving: true }],
  ['', { adlGroup: 'homebound' }],
  ['', { villageId: VILLAGE_2, includeInactive: true }],
  ['', { householdId: 'hA' }],
  ['', { householdId: 'hGone' }],
  ['anna'],
  ['smi'],
  ['ลอย'],
  ['1234567890121'],
  ['มี', { disabled: true }],
];

async function snapshotTaken(): Promise<string> {
  const stamp = await peopleIndexStamp(database, TODAY);
  await writePeopleIndexSnapshot(database, VILLAGES, stamp, buildPeopleColumns(ALL));
  return stamp;
}

describe('the sealed snapshot of the people index', () => {
  it('answers every search as the index freshly built from the records does', async () => {
    await snapshotTaken();
    const fresh = buildPeopleIndex(ALL);
    const opened = await openPeopleIndexSnapshot(database, VILLAGES, TODAY);
    expect(opened?.size).toBe(fresh.size);
    for (const [query, filters] of QUERIES) {
      const expected = fresh.search(query, filters).map(row);
      expect(expected.length, `${query} ${JSON.stringify(filters)}`).toBeGreaterThan(0);
      expect(opened?.search(query, filters).map(row)).toEqual(expected);
    }
    expect(opened?.findByNationalId(SHARED_ID).map(row)).toEqual(
      fresh.findByNationalId(SHARED_ID).map(row),
    );
    expect(opened?.search('สม', {}, 1).map(row)).toEqual(fresh.search('สม', {}, 1).map(row));
  });

  it('is refused once the data changed, on another day, and for other villages', async () => {
    const stamp = await snapshotTaken();
    expect(await readPeopleIndexSnapshot(database, VILLAGES, stamp)).not.toBeNull();
    expect(await openPeopleIndexSnapshot(database, VILLAGES, '2026-06-02')).toBeNull();
    expect(await openPeopleIndexSnapshot(database, [VILLAGE_1], TODAY)).toBeNull();

    const device: Device = { database, clientId: CLIENT, clock: createClock(CLIENT) };
    await edit(device, [
      {
        op: 'create',
        type: 'person',
        id: uuidv7(),
        villageId: VILLAGE_1,
        patch: { firstName: 'ใหม่', lastName: 'ดี' },
      },
    ]);
    expect(await peopleIndexStamp(database, TODAY)).not.toBe(stamp);
    expect(await openPeopleIndexSnapshot(database, VILLAGES, TODAY)).toBeNull();
  });

  it('is not opened with another key, and shows nothing readable on disk', async () => {
    await snapshotTaken();
    const raw = new TambonDatabase(name);
    const rows = await raw.snapshots.toArray();
    raw.close();
    expect(rows).toHaveLength(1);
    const stored = rows[0];
    expect(stored?.sealed).toBeInstanceOf(Uint8Array);
    const bytes = new TextDecoder().decode(stored?.sealed);
    // Values long enough not to turn up in random bytes (the fixtures' ids are 2 letters).
    for (const { person } of ALL) {
      const { firstName, lastName, nationalId } = person.fields;
      for (const value of [firstName, lastName, nationalId]) {
        if (value) expect(bytes).not.toContain(value);
      }
    }
    expect(bytes).not.toContain('12/3');
    expect(bytes).not.toContain('homebound');
    expect(JSON.stringify(stored)).not.toContain(PEOPLE.somchai.person.fields.firstName);

    cipher = createFieldCipher(newDataKey());
    expect(await openPeopleIndexSnapshot(database, VILLAGES, TODAY)).toBeNull();
  });

  it('is neither written nor read by a database that does not seal', async () => {
    const plain = new TambonDatabase(`${name}-plain`);
    try {
      const stamp = await peopleIndexStamp(plain, TODAY);
      await writePeopleIndexSnapshot(plain, VILLAGES, stamp, buildPeopleColumns(ALL));
      expect(await plain.snapshots.count()).toBe(0);
      expect(await openPeopleIndexSnapshot(plain, VILLAGES, TODAY)).toBeNull();
    } finally {
      plain.close();
      await plain.delete();
    }
  });
});
