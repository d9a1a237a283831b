import Dexie, { type ObservabilitySet } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../../../src/client/db/database';
import {
  type ChangedRecords,
  changedRecords,
  PeopleEntries,
} from '../../../../src/client/features/search/peopleEntries';
import { type Device, edit } from '../../../../src/client/sync/edit';
import { uuidv7 } from '../../../../src/shared/ids';
import { createClock } from '../../../../src/shared/sync/hlc';
import { TODAY, VILLAGE_1, VILLAGE_2 } from './fixtures';
import { createHome } from './homes';

const CLIENT = 'searchEntriesDev';
let device: Device;
let writes: ObservabilitySet[];
const collect = (parts: ObservabilitySet) => writes.push(parts);

beforeEach(async () => {
  const database = new TambonDatabase(`search-entries-${uuidv7()}`);
  await database.open();
  device = { database, clientId: CLIENT, clock: createClock(CLIENT) };
  writes = [];
  Dexie.on('storagemutated', collect);
});

afterEach(async () => {
  Dexie.on('storagemutated').unsubscribe(collect);
  await device.database.delete();
});

/** What the writes since the last call changed, as the index sees it. */
function takeChanges(): ChangedRecords {
  const changed = new Set<string>();
  for (const parts of writes.splice(0)) {
    const touched = changedRecords(device.database.name, parts);
    if (touched === 'all') return 'all';
    for (const id of touched ?? []) changed.add(id);
  }
  return changed;
}

const names = (entries: PeopleEntries) =>
  entries
    .list()
    .map((e) => `${e.person.fields.firstName} ${e.household?.fields.houseNo ?? '-'}`)
    .sort();

describe('changedRecords', () => {
  it('names the records a save touched and ignores writes elsewhere', async () => {
    const { householdId, personId } = await createHome(device, VILLAGE_1, '1', 'หนึ่ง');
    expect(takeChanges()).toEqual(new Set([householdId, personId]));

    await device.database.meta.put({ key: 'clientId', value: CLIENT });
    expect(changedRecords(device.database.name, writes[0] as ObservabilitySet)).toBeNull();
  });

  it('answers "all" for a big bulk write such as a pulled page', async () => {
    await device.database.records.bulkPut(
      Array.from({ length: 60 }, (_, i) => ({
        id: `r${i}`,
        type: 'person' as const,
        villageId: VILLAGE_1,
        schemaVersion: 1,
        fields: {},
        deleted: false,
        fieldSeq: {},
        seq: 1,
      })),
    );
    expect(takeChanges()).toBe('all');
  });
});

describe('PeopleEntries', () => {
  it('reads only what changed: new people, edited people and households, deletions', async () => {
    const first = await createHome(device, VILLAGE_1, '1', 'หนึ่ง');
    const entries = new PeopleEntries(device.database, [VILLAGE_1]);
    await entries.update('all', TODAY);
    expect(names(entries)).toEqual(['หนึ่ง 1']);
    takeChanges();

    await createHome(device, VILLAGE_1, '2', 'สอง');
    await createHome(device, VILLAGE_2, '3', 'สาม'); // another village: not this list's
    await edit(device, [
      {
        op: 'patch',
        type: 'household',
        id: first.householdId,
        villageId: VILLAGE_1,
        patch: { houseNo: '1/1' },
      },
    ]);
    const changes = takeChanges();
    expect(changes).not.toBe('all');
    await entries.update(changes, TODAY);
    expect(names(entries)).toEqual(['สอง 2', 'หนึ่ง 1/1']);

    await edit(device, [
      { op: 'delete', type: 'person', id: first.personId, villageId: VILLAGE_1 },
    ]);
    await entries.update(takeChanges(), TODAY);
    expect(names(entries)).toEqual(['สอง 2']);
  });

  it('derives every profile again on a new day', async () => {
    const { personId } = await createHome(device, VILLAGE_1, '1', 'หนึ่ง');
    await edit(device, [
      {
        op: 'patch',
        type: 'person',
        id: personId,
        villageId: VILLAGE_1,
        patch: { birthDate: '1966-06-02' },
      },
    ]);
    const entries = new PeopleEntries(device.database, [VILLAGE_1]);
    await entries.update('all', '2026-06-01');
    expect(entries.list()[0]?.profile.age).toBe(59);

    await entries.update(new Set(), '2026-06-02');
    expect(entries.list()[0]?.profile.age).toBe(60);
  });
});
