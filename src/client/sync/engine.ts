import { SENSITIVE_FIELDS } from '../../shared/model/sensitive';
import { type Clock, createClock } from '../../shared/sync/hlc';
import { MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS } from '../../shared/sync/limits';
import type { Cursors, PulledRecord, PullResponse, PushResponse } from '../../shared/sync/protocol';
import type { OutboxRow, PendingRow, SyncState, TambonDatabase } from '../db/database';
import { readOpenedAhead, sealAhead } from '../db/sealing';
import type { Device } from './edit';
import {
  forgetErasedValues,
  keepAcknowledged,
  noteServerEpoch,
  requeueAcknowledged,
} from './serverRestore';
import { readNextN, readSyncState, writeNextN, writeSyncState } from './syncState';
import { CounterGapError, RefusedMutationsError, type SyncTransport } from './transport';

export const PULL_PAGE_SIZE = 1000;

/** A pulled page, its changes sealed for storing, and as they came (`opened`). */
type PulledPage = PullResponse & { opened: PulledRecord[] };

export interface SyncProgress {
  phase: 'push' | 'photos' | 'pull';
  /** Mutations pushed, photos uploaded, or records pulled, so far in this run. */
  done: number;
  /** Photos: bytes still to upload. */
  bytesLeft?: number;
}

/** The photo uploader as the engine runs it (set by deviceSync.ts; blobsUpload.ts). */
export type BlobUploadHook = (onProgress?: (progress: SyncProgress) => void) => Promise<unknown>;

/**
 * Push then pull (docs/architecture.md §5): the outbox goes up in counter order (txIds never split
 * across requests), acknowledged mutations leave it; then pages of changes come down, each
 * applied with its cursors in one transaction. Local values stay visible until the pulled
 * state contains them.
 */
export class SyncEngine {
  readonly device: Device;
  /**
   * Runs in every sync after the push and before the pull: uploads the photos waiting on this
   * device. Its failure does not hold back the pull; the run fails after the pull instead.
   */
  uploadBlobs: BlobUploadHook | null = null;
  /** Sends what else waits on the device for the server (audit events) after each run. */
  afterSync: (() => Promise<unknown>) | null = null;

  private constructor(
    readonly database: TambonDatabase,
    readonly clientId: string,
    readonly transport: SyncTransport,
    readonly clock: Clock,
  ) {
    this.device = { database, clientId, clock };
  }

  /** Opens the engine of a device, continuing its clock from what the database remembers. */
  static async open(
    database: TambonDatabase,
    clientId: string,
    transport: SyncTransport,
    now: () => number = Date.now,
  ): Promise<SyncEngine> {
    const state = await database.transaction('r', database.meta, () => readSyncState(database));
    const clock = createClock(clientId, {
      now,
      serverOffsetMs: state.serverOffsetMs,
      restore: state.lastHlc,
    });
    return new SyncEngine(database, clientId, transport, clock);
  }

  async sync(onProgress?: (progress: SyncProgress) => void): Promise<void> {
    // The device holds everything the server had when this run started: that is the time shown.
    const startedAt = new Date().toISOString();
    await this.push(onProgress);
    const uploadFailure = await this.uploadBlobs?.(onProgress).then(
      () => null,
      (error: unknown) => error ?? new Error('photo upload failed'),
    );
    await this.pull(onProgress);
    if (uploadFailure) throw uploadFailure;
    await this.database.transaction('rw', this.database.meta, async () => {
      const state = await readSyncState(this.database);
      await writeSyncState(this.database, { ...state, lastSyncAt: startedAt });
    });
    await this.afterSync?.();
  }

  /**
   * Pushes the whole outbox, batch by batch, in counter order. While a request is on its way
   * the next batch is read, and it is sent while the answer to this one is being recorded
   * (recording an answer only deletes acknowledged rows; if it fails, those mutations go
   * again and the server answers `duplicate`).
   */
  async push(onProgress?: (progress: SyncProgress) => void): Promise<void> {
    let done = 0;
    let recording: Promise<void> = Promise.resolve();
    let batch = await this.nextBatch(0);
    while (batch.length > 0) {
      const lastN = (batch.at(-1) as OutboxRow).n;
      const sending = this.transport.push({
        clientId: this.clientId,
        mutations: batch.map(({ n: _n, bytes: _bytes, ...mutation }) => mutation),
      });
      const following = this.nextBatch(lastN);
      following.catch(() => undefined); // awaited below unless the push fails
      let response: PushResponse;
      try {
        response = await sending;
      } catch (error) {
        await recording;
        if (error instanceof RefusedMutationsError) {
          await this.setAside(batch, error.indexes);
        } else if (error instanceof CounterGapError) {
          await this.recoverFromGap(error.expectedN);
        } else {
          throw error;
        }
        batch = await this.nextBatch(0);
        continue;
      }
      await recording;
      recording = this.acknowledgePush(batch, response);
      recording.catch(() => undefined); // awaited before the next answer and at the end
      done += batch.length;
      onProgress?.({ phase: 'push', done });
      // The server may acknowledge more than this batch (an earlier answer was lost), or have
      // been restored (a new epoch): then the queue is read again.
      if (response.lastN === lastN && !(await this.epochChanges(response.epoch)))
        batch = await following;
      else {
        await recording;
        batch = await this.nextBatch(0);
      }
    }
    await recording;
  }

  /**
   * The mutations to push after counter `afterN`: at most 500 and 1 MB, and never part of a
   * transaction.
   */
  private async nextBatch(afterN: number): Promise<OutboxRow[]> {
    // Opened through WebCrypto: the batch is read while the request before it is on the server.
    const rows = await readOpenedAhead<OutboxRow>(this.database, 'outbox', {
      range: IDBKeyRange.lowerBound(afterN, true),
      limit: MAX_PUSH_MUTATIONS + 1,
    });
    const batch: OutboxRow[] = [];
    let bytes = 0;
    for (const row of rows) {
      if (batch.length === MAX_PUSH_MUTATIONS || bytes + row.bytes > MAX_PUSH_BYTES - 4096) break;
      batch.push(row);
      bytes += row.bytes;
    }
    // A mutation too big for any batch goes alone: the server refuses it (413) and it is set
    // aside, instead of staying first in the queue forever.
    if (batch.length === 0 && rows[0]) return [rows[0]];
    if (batch.length < rows.length || batch.length === MAX_PUSH_MUTATIONS) {
      // Cut before the last transaction if it may continue past the batch.
      const lastTx = batch.at(-1)?.txId;
      const next = rows[batch.length];
      if (next && next.txId === lastTx) {
        const firstOfTx = batch.findIndex((row) => row.txId === lastTx);
        if (firstOfTx > 0) batch.length = firstOfTx;
      }
    }
    return batch;
  }

  /**
   * A 409 says which n the server expects. Higher than ours: our earlier push landed but its
   * answer was lost, so those mutations are acknowledged. Lower: the server forgot mutations
   * (restored from a backup, or we moved some to orphans): what it had acknowledged and no
   * longer has goes again, ahead of what waits (serverRestore.ts).
   */
  private async recoverFromGap(expectedN: number): Promise<void> {
    const { database } = this;
    await database.transaction('rw', [database.outbox, database.acked, database.meta], async () => {
      const first = await database.outbox.orderBy('n').first();
      if (!first) return;
      if (expectedN > first.n) {
        const acknowledged = await database.outbox.where('n').below(expectedN).toArray();
        await keepAcknowledged(database, acknowledged, new Date().toISOString());
        await database.outbox.where('n').below(expectedN).delete();
        return;
      }
      await requeueAcknowledged(database, this.clientId, expectedN - 1);
    });
  }

  /**
   * Mutations the server refused whole (a 400 naming them): nothing of that push was applied.
   * They are kept with the quarantined ones (shown on the sync page), with every mutation of
   * their transactions, and leave the outbox; the ones behind them are numbered on, so the
   * server sees no gap and the queue keeps moving.
   */
  private async setAside(batch: OutboxRow[], indexes: number[]): Promise<void> {
    const { database } = this;
    const named = indexes.flatMap((i) => batch[i] ?? []);
    if (named.length === 0) throw new Error('the server refused a push without naming why');
    const txIds = new Set(named.map((row) => row.txId));
    const refused = batch.filter((row) => txIds.has(row.txId));
    const at = new Date().toISOString();
    await database.transaction(
      'rw',
      [database.outbox, database.quarantined, database.meta],
      async () => {
        for (const row of refused) {
          const { n: _n, bytes: _bytes, ...mutation } = row;
          await database.quarantined.put({
            // Its counter is handed to the next mutation: the key must not collide with it.
            mutationId: `${row.mutationId}/${row.hlc}`,
            recordId: row.id,
            type: row.type,
            villageId: row.villageId,
            reason: 'refused',
            mutation,
            at,
          });
        }
        await database.outbox.bulkDelete(refused.map((row) => row.n));
        await this.renumberFrom((refused[0] as OutboxRow).n);
      },
    );
  }

  /** Numbers the outbox on from `n` without gaps (inside the caller's transaction). */
  private async renumberFrom(n: number): Promise<void> {
    const { database } = this;
    const rows = await database.outbox.where('n').aboveOrEqual(n).sortBy('n');
    await database.outbox.bulkDelete(rows.map((row) => row.n));
    let next = n;
    const renumbered = rows.map((row) => ({
      ...row,
      n: next,
      mutationId: `${this.clientId}:${next++}`,
    }));
    await database.outbox.bulkAdd(renumbered);
    await writeNextN(database, next);
  }

  private async acknowledgePush(batch: OutboxRow[], response: PushResponse): Promise<void> {
    const { database } = this;
    const at = new Date().toISOString();
    await database.transaction(
      'rw',
      [database.outbox, database.acked, database.quarantined, database.meta],
      async () => {
        // A new epoch: the server was restored; what it acknowledged and lost is queued again.
        await noteServerEpoch(database, this.clientId, response.epoch, response.lastN);
        const byId = new Map(batch.map((row) => [row.mutationId, row]));
        const erased = new Set(
          response.results
            .filter((result) => result.status === 'quarantined' && result.reason === 'field_erased')
            .map((result) => result.mutationId),
        );
        const scrubbed = (row: OutboxRow) =>
          erased.has(row.mutationId) ? withoutSensitiveValues(row) : row;
        for (const result of response.results) {
          const found = byId.get(result.mutationId);
          if (result.status !== 'quarantined' || !found) continue;
          const row = scrubbed(found);
          const { n: _n, bytes: _bytes, ...mutation } = row;
          await database.quarantined.put({
            mutationId: row.mutationId,
            recordId: row.id,
            type: row.type,
            villageId: row.villageId,
            reason: result.reason ?? 'unknown',
            mutation,
            at,
          });
        }
        // Kept a while: should the server be restored from an older backup, they go again.
        const inBatch = batch.filter((row) => row.n <= response.lastN);
        const beyond =
          (batch.at(-1)?.n ?? 0) < response.lastN
            ? await database.outbox
                .where('n')
                .between(batch.at(-1)?.n ?? 0, response.lastN, false, true)
                .toArray()
            : [];
        await keepAcknowledged(database, [...inBatch, ...beyond].map(scrubbed), at);
        await database.outbox.where('n').belowOrEqual(response.lastN).delete();
        await this.learnServerTime(response.serverTime);
      },
    );
  }

  /** True when `epoch` is not the one this device last saw (the server was restored). */
  private async epochChanges(epoch: string | undefined): Promise<boolean> {
    if (!epoch) return false;
    const state = await this.database.transaction('r', this.database.meta, () =>
      readSyncState(this.database),
    );
    return state.serverEpoch !== undefined && state.serverEpoch !== epoch;
  }

  /**
   * Pulls every page of changes for the villages this user may see. The next page is fetched
   * while this one is written: its request carries the cursors this page will leave (see
   * `advanceCursors`); should the stored cursors come out different, it is fetched again.
   */
  async pull(onProgress?: (progress: SyncProgress) => void): Promise<void> {
    let done = 0;
    const state = await this.database.transaction('r', this.database.meta, () =>
      readSyncState(this.database),
    );
    // After a restore the device pulls everything afresh until one such pull has finished.
    let cursors = state.rebuilding ? {} : state.cursors;
    let asked = cursors;
    const seen = new Set<string>();
    let request = this.requestPage(asked);
    for (;;) {
      const page = await request;
      if (await this.serverWasRestored(page)) {
        // What it lost goes up first, then everything comes down afresh.
        await this.push(onProgress);
        return this.pull(onProgress);
      }
      for (const change of page.changes) seen.add(change.id);
      const expected = advanceCursors(cursors, page);
      const next = page.hasMore ? this.requestPage(expected) : null;
      next?.catch(() => undefined); // awaited below, unless this page fails to apply
      cursors = await this.applyPage(page, asked);
      done += page.changes.length;
      onProgress?.({ phase: 'pull', done });
      if (!next) {
        if (state.rebuilding) await this.finishRebuild(seen);
        return;
      }
      if (sameCursors(cursors, expected)) {
        asked = expected;
        request = next;
      } else {
        asked = cursors;
        request = this.requestPage(asked);
      }
    }
  }

  /** Notes the page's epoch; true when it is new (the server restored), after requeueing. */
  private serverWasRestored(page: PullResponse): Promise<boolean> {
    const { database } = this;
    return database.transaction('rw', [database.outbox, database.acked, database.meta], () =>
      noteServerEpoch(database, this.clientId, page.epoch, page.ackedThroughN),
    );
  }

  /**
   * A pull from nothing after a restore has finished: records the restored server did not send
   * (written after its backup, and sent again by no device) leave this device too.
   */
  private async finishRebuild(seen: Set<string>): Promise<void> {
    const { database } = this;
    await database.transaction('rw', [database.records, database.meta], async () => {
      const stale = (await database.records.toCollection().primaryKeys()).filter(
        (id) => !seen.has(String(id)),
      );
      await database.records.bulkDelete(stale);
      const state = await readSyncState(database);
      await writeSyncState(database, { ...state, rebuilding: false });
    });
  }

  /**
   * A page, its records sealed as soon as it arrives (`sealAhead`: native WebCrypto, while the
   * page before is still being written), so its transaction only stores them.
   */
  private async requestPage(cursors: Cursors): Promise<PulledPage> {
    const page = await this.transport.pull({
      clientId: this.clientId,
      cursors,
      limit: PULL_PAGE_SIZE,
    });
    const changes = await sealAhead(this.database.cipher, 'records', page.changes);
    // The fields as pulled, before sealing folds them into one value: the kept journal checks
    // which fields the server no longer has (forgetErasedValues).
    return { ...page, changes, opened: page.changes };
  }

  /**
   * Writes a page, asked for with the cursors `asked`, with its new cursors in one
   * transaction; returns the cursors stored.
   */
  private async applyPage(page: PulledPage, asked: Cursors): Promise<Cursors> {
    const { database } = this;
    const tables = [
      database.records,
      database.pending,
      database.outbox,
      database.acked,
      database.conflicts,
      database.orphans,
      database.meta,
    ];
    return database.transaction('rw', tables, async () => {
      const state = await readSyncState(database);
      const visible = new Set(page.scope.villages.map((village) => village.id));
      if (state.scopeVersion !== page.scope.version) await this.leaveVillages(state, visible);

      // Every stored record is at or below its village's cursor, every change above the cursor
      // it was asked with: when those are the stored cursors, each change is newer than any
      // stored copy. Otherwise (cursors moved meanwhile) each is checked.
      // While rebuilding after a restore, the restored server's copy wins over any stored one.
      const newer =
        state.rebuilding || sameCursors(state.cursors, asked)
          ? page.changes
          : await this.newerThanStored(page.changes);
      await database.records.bulkPut(newer);
      await forgetErasedValues(database, page.opened);
      for (const departure of page.departures) {
        const stored = await database.records.get(departure.id);
        if (stored && stored.villageId === departure.villageId && stored.seq < departure.seq) {
          await database.records.delete(departure.id);
        }
      }
      await database.conflicts.bulkPut(page.conflicts);

      const cursors = advanceCursors(state.cursors, page);
      if (!page.hasMore) await this.pruneAcknowledged(page.ackedThroughN);
      // The server has seen counters up to ackedThroughN: never hand one of them out again.
      if ((await readNextN(database)) <= page.ackedThroughN)
        await writeNextN(database, page.ackedThroughN + 1);
      await writeSyncState(database, { ...state, cursors, scopeVersion: page.scope.version });
      await this.learnServerTime(page.serverTime);
      return cursors;
    });
  }

  /** Seqs are per village: only a stored copy from the same village can be newer. */
  private async newerThanStored(changes: PulledRecord[]): Promise<PulledRecord[]> {
    const current = await this.database.records.bulkGet(changes.map((change) => change.id));
    return changes.filter((change, i) => {
      const stored = current[i];
      return !stored || stored.villageId !== change.villageId || stored.seq <= change.seq;
    });
  }

  /**
   * A village left this user's scope: its synced rows go, its unacknowledged local data moves
   * to `orphans` (the outbox was pushed before this pull, so usually there is none).
   */
  private async leaveVillages(state: SyncState, visible: Set<string>): Promise<void> {
    const { database } = this;
    const at = new Date().toISOString();
    const known = new Set([
      ...Object.keys(state.cursors),
      ...(await database.records.orderBy('villageId').uniqueKeys()).map(String),
    ]);
    for (const villageId of known) {
      if (visible.has(villageId)) continue;
      const pending = await database.pending.where('villageId').equals(villageId).toArray();
      const outbox = await database.outbox.where('villageId').equals(villageId).toArray();
      await database.orphans.bulkAdd([
        ...pending.map((payload) => ({ villageId, kind: 'pending' as const, payload, at })),
        ...outbox.map((payload) => ({ villageId, kind: 'outbox' as const, payload, at })),
      ]);
      await database.pending.where('villageId').equals(villageId).delete();
      await database.outbox.where('villageId').equals(villageId).delete();
      await database.records.where('villageId').equals(villageId).delete();
      await database.conflicts.where('villageId').equals(villageId).delete();
      delete state.cursors[villageId];
    }
  }

  /** Local values whose mutations the server has acknowledged are now in the pulled state. */
  private async pruneAcknowledged(ackedThroughN: number): Promise<void> {
    const { database } = this;
    const rows = await database.pending.toArray();
    const kept: PendingRow[] = [];
    const acknowledged: string[] = [];
    for (const row of rows) {
      const pruned = withoutAcknowledged(row, ackedThroughN);
      if (pruned === row) continue;
      if (pruned) kept.push(pruned);
      else acknowledged.push(row.id);
    }
    // In bulk: one request each instead of one per row (a push of 1,000 leaves 1,000 rows).
    if (kept.length > 0) await database.pending.bulkPut(kept);
    if (acknowledged.length > 0) await database.pending.bulkDelete(acknowledged);
  }

  private async learnServerTime(serverTime: string): Promise<void> {
    const offset = Date.parse(serverTime) - Date.now();
    if (Number.isNaN(offset)) return;
    this.clock.setServerOffset(offset);
    const state = await readSyncState(this.database);
    await writeSyncState(this.database, {
      ...state,
      serverOffsetMs: offset,
      lastHlc: this.clock.last(),
    });
  }

  /** Mutations not yet acknowledged by the server. */
  outboxCount(): Promise<number> {
    return this.database.outbox.count();
  }
}

/** The cursors after a page: never backwards, only for villages the user may still see. */
export function advanceCursors(cursors: Cursors, page: PullResponse): Cursors {
  const visible = new Set(page.scope.villages.map((village) => village.id));
  const advanced = { ...cursors };
  for (const [villageId, seq] of Object.entries(page.cursors)) {
    if (visible.has(villageId)) advanced[villageId] = Math.max(advanced[villageId] ?? 0, seq);
  }
  return advanced;
}

function sameCursors(a: Cursors, b: Cursors): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The row without the fields set at or before `ackedThroughN`; null when nothing is left. */
export function withoutAcknowledged(row: PendingRow, ackedThroughN: number): PendingRow | null {
  const stale = Object.keys(row.fieldN).filter(
    (field) => (row.fieldN[field] ?? 0) <= ackedThroughN,
  );
  const deletedAcked = row.deleted !== undefined && row.deleted.n <= ackedThroughN;
  if (stale.length === 0 && !deletedAcked) return row;
  const fields = { ...row.fields };
  const fieldN = { ...row.fieldN };
  for (const field of stale) {
    delete fields[field];
    delete fieldN[field];
  }
  const deleted = deletedAcked ? undefined : row.deleted;
  if (Object.keys(fields).length === 0 && !deleted) return null;
  return { ...row, fields, fieldN, deleted };
}

/**
 * A mutation the server refused because it sets fields a PDPA erasure removed (`field_erased`)
 * is kept on the device (refused edits, the acknowledged journal) without the values of its
 * record type's sensitive fields, the only ones an erasure removes: the erased data leaves the
 * device as it left the server.
 */
function withoutSensitiveValues(row: OutboxRow): OutboxRow {
  const sensitive: readonly string[] = SENSITIVE_FIELDS[row.type] ?? [];
  const patch = Object.fromEntries(
    Object.entries(row.patch).filter(([field]) => !sensitive.includes(field)),
  );
  return { ...row, patch };
}
