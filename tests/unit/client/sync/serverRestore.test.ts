// What a device keeps of acknowledged mutations, and what it queues again when the server was
// restored from an older backup (src/client/sync/serverRestore.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OutboxRow, TambonDatabase } from '../../../../src/client/db/database';
import {
  ACKED_KEEP_DAYS,
  keepAcknowledged,
  noteServerEpoch,
  requeueAcknowledged,
} from '../../../../src/client/sync/serverRestore';
import { readNextN, readSyncState, writeSyncState } from '../../../../src/client/sync/syncState';
import { uuidv7 } from '../../../../src/shared/ids';

const CLIENT = 'unitTestDevice01';
const DAY = 24 * 60 * 60 * 1000;

function row(n: number): OutboxRow {
  return {
    n,
    bytes: 100,
    mutationId: `${CLIENT}:${n}`,
    clientId: CLIENT,
    txId: `tx${n}`,
    schemaVersion: 1,
    hlc: `2026-12-05T00:00:00.000Z-0000-${CLIENT}`,
    op: 'patch',
    type: 'household',
    id: uuidv7(),
    villageId: uuidv7(),
    patch: { soi: `ซอย ${n}` },
    base: {},
  };
}

let database: TambonDatabase;
beforeEach(() => {
  database = new TambonDatabase(`restore-${uuidv7()}`);
});
afterEach(async () => {
  database.close();
  await database.delete();
});

const inTx = <T>(fn: () => Promise<T>) =>
  database.transaction('rw', [database.outbox, database.acked, database.meta], fn);

describe('acknowledged mutations kept', () => {
  it('for the window, then forgotten', async () => {
    const now = Date.parse('2026-12-05T00:00:00Z');
    await inTx(() =>
      keepAcknowledged(
        database,
        [row(1)],
        new Date(now - (ACKED_KEEP_DAYS + 1) * DAY).toISOString(),
      ),
    );
    await inTx(() => keepAcknowledged(database, [row(2)], new Date(now - DAY).toISOString()));
    await inTx(() => keepAcknowledged(database, [row(3)], new Date(now).toISOString()));
    expect(await database.acked.toCollection().primaryKeys()).toEqual([2, 3]);
  });
});

describe('queued again after a restore', () => {
  it('keeps their counters when they follow on from what the server has', async () => {
    await inTx(() =>
      keepAcknowledged(database, [row(4), row(5), row(6)], new Date().toISOString()),
    );
    await database.outbox.bulkAdd([row(7), row(8)]);
    const again = await inTx(() => requeueAcknowledged(database, CLIENT, 4));
    expect(again).toBe(2);
    const queue = await database.outbox.orderBy('n').toArray();
    expect(queue.map((r) => r.mutationId)).toEqual([5, 6, 7, 8].map((n) => `${CLIENT}:${n}`));
    expect(queue[0]?.patch).toEqual({ soi: 'ซอย 5' });
    expect(await database.acked.toCollection().primaryKeys()).toEqual([4]);
  });

  it('numbers everything on from the server when the backup is older than the window', async () => {
    await inTx(() => keepAcknowledged(database, [row(10), row(11)], new Date().toISOString()));
    await database.outbox.bulkAdd([row(12)]);
    await inTx(() => requeueAcknowledged(database, CLIENT, 3));
    const queue = await database.outbox.orderBy('n').toArray();
    expect(queue.map((r) => r.n)).toEqual([4, 5, 6]);
    expect(queue.map((r) => r.patch.soi)).toEqual(['ซอย 10', 'ซอย 11', 'ซอย 12']);
    expect(await database.transaction('r', database.meta, () => readNextN(database))).toBe(7);
  });

  it('only a new epoch counts as a restore; the first one seen is remembered', async () => {
    await inTx(() => keepAcknowledged(database, [row(1), row(2)], new Date().toISOString()));
    await database.transaction('rw', database.meta, async () =>
      writeSyncState(database, { ...(await readSyncState(database)), cursors: { v: 9 } }),
    );
    expect(await inTx(() => noteServerEpoch(database, CLIENT, 'e1', 2))).toBe(false);
    expect(await inTx(() => noteServerEpoch(database, CLIENT, 'e1', 2))).toBe(false);
    expect(await inTx(() => noteServerEpoch(database, CLIENT, undefined, 0))).toBe(false);
    expect(await database.outbox.count()).toBe(0);

    expect(await inTx(() => noteServerEpoch(database, CLIENT, 'e2', 1))).toBe(true);
    const state = await database.transaction('r', database.meta, () => readSyncState(database));
    expect(state).toMatchObject({ serverEpoch: 'e2', cursors: {}, rebuilding: true });
    expect((await database.outbox.toArray()).map((r) => r.n)).toEqual([2]);
  });
});
