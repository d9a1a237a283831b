import type { Conflict, RecordType } from '../../../shared/sync/protocol';
import type { BlobRow, QuarantinedRow, TambonDatabase } from '../../db/database';
import { getLocalRecord, type LocalRecord } from '../../sync/localRecords';
import { readSyncState } from '../../sync/syncState';
import { loadRecordNames, referencedIds } from '../../ui/record/recordLabel';

export interface WaitingRecord {
  recordId: string;
  type: RecordType;
  mutations: number;
  record: LocalRecord | null;
}

export interface SyncOverview {
  lastSyncAt: string | null;
  waitingMutations: number;
  waitingBytes: number;
  waitingPhotos: number;
  waitingPhotoBytes: number;
  /** Photos the server refused (kept on the device, with the reason). */
  failedPhotos: Array<Omit<BlobRow, 'blob'>>;
  waiting: WaitingRecord[];
  quarantined: Array<QuarantinedRow & { record: LocalRecord | null }>;
  conflicts: Array<Conflict & { record: LocalRecord | null }>;
  /** Names of the records the conflicting and quarantined values point to. */
  names: Map<string, string>;
}

/** Everything the sync page shows, read in one go (a live query re-runs it on every change). */
export async function loadSyncOverview(database: TambonDatabase): Promise<SyncOverview> {
  const [state, outbox, uploads, quarantined, conflicts] = await Promise.all([
    readSyncState(database),
    database.outbox.orderBy('n').toArray(),
    database.blobs.where('state').equals('upload').toArray(),
    database.quarantined.toArray(),
    database.conflicts.filter((conflict) => conflict.resolvedAt === null).toArray(),
  ]);
  const waitingPhotos = uploads.filter((row) => !row.error);
  const byRecord = new Map<string, WaitingRecord>();
  for (const row of outbox) {
    const entry = byRecord.get(row.id) ?? {
      recordId: row.id,
      type: row.type,
      mutations: 0,
      record: null,
    };
    entry.mutations += 1;
    byRecord.set(row.id, entry);
  }
  const waiting = await Promise.all(
    [...byRecord.values()].map(async (entry) => ({
      ...entry,
      record: await getLocalRecord(database, entry.recordId),
    })),
  );
  const names = await loadRecordNames(
    database,
    conflicts.flatMap((c) =>
      referencedIds(c.type, [
        [c.field, c.winner.value],
        [c.field, c.loser.value],
      ]),
    ),
  );
  return {
    names,
    lastSyncAt: state.lastSyncAt,
    waitingMutations: outbox.length,
    waitingBytes: outbox.reduce((sum, row) => sum + row.bytes, 0),
    waitingPhotos: waitingPhotos.length,
    waitingPhotoBytes: waitingPhotos.reduce((sum, blob) => sum + blob.size, 0),
    failedPhotos: uploads.filter((row) => row.error).map(({ blob: _blob, ...row }) => row),
    waiting,
    quarantined: await Promise.all(
      quarantined.map(async (row) => ({
        ...row,
        record: await getLocalRecord(database, row.recordId),
      })),
    ),
    conflicts: await Promise.all(
      conflicts.map(async (row) => ({
        ...row,
        record: await getLocalRecord(database, row.recordId),
      })),
    ),
  };
}
