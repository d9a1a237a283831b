// When the server is restored from an older backup (issue 17), nothing a device was told is
// safe must be lost: the device keeps what the server acknowledged for ACKED_KEEP_DAYS, and when
// the server turns out to have gone back in time — it expects an earlier counter, or answers
// with a new database epoch — those mutations go again and everything is pulled afresh.
import type { OutboxRow, SyncState, TambonDatabase } from '../db/database';
import { readSyncState, writeNextN, writeSyncState } from './syncState';

/** How long acknowledged mutations are kept: longer than the gap between good backups. */
export const ACKED_KEEP_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps acknowledged mutations and forgets those older than the window; inside the caller's
 * transaction over `acked`.
 */
export async function keepAcknowledged(
  database: TambonDatabase,
  rows: readonly OutboxRow[],
  at: string,
): Promise<void> {
  if (rows.length > 0) await database.acked.bulkPut(rows.map((row) => ({ ...row, ackedAt: at })));
  const cutoff = new Date(Date.parse(at) - ACKED_KEEP_DAYS * DAY_MS).toISOString();
  await database.acked.where('ackedAt').below(cutoff).delete();
}

/**
 * The server has seen counters up to `serverLastN` only: what it acknowledged above that goes
 * back to the outbox, ahead of what waits. Counters stay as they were when they follow on from
 * `serverLastN` (the server then expects exactly them); otherwise (the backup is older than the
 * kept window) everything is numbered on from `serverLastN + 1`. Inside the caller's
 * transaction over `outbox`, `acked` and `meta`. Returns how many mutations go again.
 */
export async function requeueAcknowledged(
  database: TambonDatabase,
  clientId: string,
  serverLastN: number,
): Promise<number> {
  const lost = await database.acked.where('n').above(serverLastN).sortBy('n');
  const waiting = await database.outbox.orderBy('n').toArray();
  const queue: OutboxRow[] = [
    ...lost.map(({ ackedAt: _ackedAt, ...row }) => row),
    ...waiting.filter((row) => !lost.some((again) => again.n === row.n)),
  ].sort((a, b) => a.n - b.n);
  await database.acked.where('n').above(serverLastN).delete();
  const follows = queue.every((row, i) => row.n === serverLastN + 1 + i);
  if (follows) {
    await database.outbox.bulkPut(queue);
  } else {
    await database.outbox.clear();
    let n = serverLastN + 1;
    await database.outbox.bulkAdd(
      queue.map((row) => ({ ...row, n, mutationId: `${clientId}:${n++}` })),
    );
    await writeNextN(database, n);
  }
  return lost.length;
}

/**
 * Reads an answer's epoch: the first one seen is remembered; a different one means the server
 * was restored, so acknowledged mutations above `serverLastN` go again and the device pulls
 * everything afresh (`rebuilding`). True when that happened. Inside the caller's transaction
 * over `outbox`, `acked` and `meta`.
 */
export async function noteServerEpoch(
  database: TambonDatabase,
  clientId: string,
  epoch: string | undefined,
  serverLastN: number,
): Promise<boolean> {
  if (!epoch) return false;
  const state = await readSyncState(database);
  if (state.serverEpoch === epoch) return false;
  const restored = state.serverEpoch !== undefined;
  const next: SyncState = { ...state, serverEpoch: epoch };
  if (restored) {
    await requeueAcknowledged(database, clientId, serverLastN);
    next.cursors = {};
    next.rebuilding = true;
  }
  await writeSyncState(database, next);
  return restored;
}

/**
 * Kept mutations that set a field the server's copy no longer has (erased at the person's
 * request, or cleared) are dropped: an erasure must reach this journal too, and such a value
 * must never go to the server again. Inside the caller's transaction over `acked`.
 */
export async function forgetErasedValues(
  database: TambonDatabase,
  pulled: readonly { id: string; fields: Record<string, unknown> }[],
): Promise<void> {
  if (pulled.length === 0 || (await database.acked.count()) === 0) return;
  const byId = new Map(pulled.map((record) => [record.id, record]));
  const kept = await database.acked
    .where('id')
    .anyOf([...byId.keys()])
    .toArray();
  const gone = kept.filter((row) => {
    const record = byId.get(row.id);
    return record && Object.keys(row.patch).some((field) => !(field in record.fields));
  });
  if (gone.length > 0) await database.acked.bulkDelete(gone.map((row) => row.n));
}
