import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StoredRecord, TambonDatabase } from '../../../../src/client/db/database';
import { createFieldCipher, type FieldCipher } from '../../../../src/client/security/fieldCipher';
import { newDataKey } from '../../../../src/client/security/keyring';
import { type Device, edit } from '../../../../src/client/sync/edit';
import { listLocalRecords } from '../../../../src/client/sync/localRecords';
import {
  forgetCachedLists,
  saveRecordsSnapshot,
} from '../../../../src/client/sync/localRecordsCache';
import { initialSyncState } from '../../../../src/client/sync/syncState';
import { uuidv7 } from '../../../../src/shared/ids';
import { createClock } from '../../../../src/shared/sync/hlc';
import { openSealedDatabase } from '../sealedDatabase';

const VILLAGE = '01930000-0000-7000-8000-0000000000a1';
const NATIONAL_ID = '1101700203451';
const CLIENT = 'cacheTestDevice';

let name: string;
let cipher: FieldCipher | null;
let database: TambonDatabase;

const open = () => openSealedDatabase(name, () => cipher);

function person(firstName: string, seq: number): StoredRecord {
  return {
    id: uuidv7(),
    type: 'person',
    villageId: VILLAGE,
    schemaVersion: 1,
    fields: { firstName, nationalId: NATIONAL_ID },
    deleted: false,
    seq,
    fieldSeq: {},
  };
}

const firstNames = async (db: TambonDatabase) =>
  (await listLocalRecords(db, 'person', VILLAGE)).map((r) => r.fields.firstName).sort();

beforeEach(async () => {
  name = `records-cache-${uuidv7()}`;
  cipher = createFieldCipher(newDataKey());
  database = open();
  await database.records.bulkPut([person('สมชาย', 1), person('สมหญิง', 2)]);
});

afterEach(async () => {
  forgetCachedLists(database);
  database.close();
  await new TambonDatabase(name).delete();
});

describe('the sealed snapshot of local record lists', () => {
  it('serves a list from the snapshot after a restart, without reading the records', async () => {
    expect(await firstNames(database)).toEqual(['สมชาย', 'สมหญิง']);
    await saveRecordsSnapshot(database);
    const row = await database.snapshots.get(`records|person|${VILLAGE}`);
    expect(row?.sealed).toBeInstanceOf(Uint8Array);
    // Nothing of the lists is readable in the stored row.
    const stored = new TextDecoder().decode(row?.sealed);
    expect(stored).not.toContain(NATIONAL_ID);
    expect(stored).not.toContain('สมชาย');

    forgetCachedLists(database);
    database.close();
    database = open();
    let recordReads = 0;
    database.use({
      stack: 'dbcore',
      name: 'count record reads',
      create: (down) => ({
        ...down,
        table: (table) => {
          const inner = down.table(table);
          if (table !== 'records') return inner;
          return {
            ...inner,
            query: (request) => {
              if (request.values) recordReads += 1;
              return inner.query(request);
            },
          };
        },
      }),
    });
    expect(await firstNames(database)).toEqual(['สมชาย', 'สมหญิง']);
    expect(recordReads).toBe(0);
  });

  it('reads the records again after any write, and never serves an older list', async () => {
    expect(await firstNames(database)).toEqual(['สมชาย', 'สมหญิง']);
    await saveRecordsSnapshot(database);
    // A pulled record: written with the village's cursor moved, as a pull writes it.
    await database.transaction('rw', database.records, database.meta, async () => {
      await database.records.put(person('สมศักดิ์', 3));
      await database.meta.put({
        key: 'sync',
        value: { ...initialSyncState(), cursors: { [VILLAGE]: 3 } },
      });
    });
    expect(await firstNames(database)).toEqual(['สมชาย', 'สมศักดิ์', 'สมหญิง']);
    // A local edit.
    const device: Device = { database, clientId: CLIENT, clock: createClock(CLIENT) };
    const [first] = await listLocalRecords(database, 'person', VILLAGE);
    await edit(device, [
      {
        op: 'patch',
        type: 'person',
        id: first?.id as string,
        villageId: VILLAGE,
        patch: { firstName: 'มานี' },
      },
    ]);
    const names = await firstNames(database);
    expect(names).toContain('มานี');
    // The snapshot on disk is of an older state: a restart does not use it.
    forgetCachedLists(database);
    database.close();
    database = open();
    expect(await firstNames(database)).toEqual(names);
  });

  it('lists on a sealed database what an unsealed one lists: local edits on top, moves followed', async () => {
    const OTHER = '01930000-0000-7000-8000-0000000000a2';
    const plain = new TambonDatabase(`${name}-plain`);
    const sealed = openSealedDatabase(`${name}-sealed`, () => cipher);
    const stored = [
      person('สมชาย', 1),
      person('สมหญิง', 2),
      { ...person('สมปอง', 3), villageId: OTHER },
    ];
    const [staying, leaving, arriving] = stored as [StoredRecord, StoredRecord, StoredRecord];
    const lists = async (db: TambonDatabase) =>
      Promise.all(
        [VILLAGE, OTHER].map(async (village) =>
          (await listLocalRecords(db, 'person', village))
            .map((r) => `${r.fields.firstName}|${r.unsyncedFields.join(',')}|${r.seq}`)
            .sort(),
        ),
      );
    try {
      for (const db of [sealed, plain]) {
        await db.records.bulkPut(stored);
        const device: Device = { database: db, clientId: CLIENT, clock: createClock(CLIENT) };
        await edit(device, [
          {
            op: 'patch',
            type: 'person',
            id: staying.id,
            villageId: VILLAGE,
            patch: { firstName: 'มานี' },
          },
          {
            op: 'patch',
            type: 'person',
            id: leaving.id,
            villageId: OTHER,
            patch: { firstName: 'สมหญิง' },
          },
          {
            op: 'patch',
            type: 'person',
            id: arriving.id,
            villageId: VILLAGE,
            patch: { firstName: 'สมปอง' },
          },
          {
            op: 'create',
            type: 'person',
            id: uuidv7(),
            villageId: VILLAGE,
            patch: { firstName: 'ใหม่', nationalId: NATIONAL_ID },
          },
        ]);
      }
      const sealedLists = await lists(sealed);
      expect(sealedLists).toEqual(await lists(plain));
      expect(sealedLists[0]).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^มานี\|firstName\|1$/),
          expect.stringMatching(/^สมปอง\|/),
        ]),
      );
      expect(sealedLists[0]?.some((row) => row.startsWith('สมหญิง'))).toBe(false);
      expect(sealedLists[0]?.some((row) => row.startsWith('ใหม่|'))).toBe(true);
    } finally {
      forgetCachedLists(sealed);
      await sealed.delete();
      await plain.delete();
    }
  });

  it('is not used with another key, and never written for an unsealed database', async () => {
    await firstNames(database);
    await saveRecordsSnapshot(database);
    forgetCachedLists(database);
    database.close();
    cipher = createFieldCipher(newDataKey());
    database = open();
    // The records themselves cannot be opened with another key either: the list fails loudly.
    await expect(firstNames(database)).rejects.toThrow();

    const plain = new TambonDatabase(`${name}-plain`);
    await plain.records.put(person('สมชาย', 1));
    expect((await listLocalRecords(plain, 'person', VILLAGE)).length).toBe(1);
    await saveRecordsSnapshot(plain);
    expect(await plain.snapshots.count()).toBe(0);
    await plain.delete();
  });
});
