import Dexie from 'dexie';
import type { FieldValues, RecordType } from '../../shared/sync/protocol';
import type { PendingRow, StoredRecord, TambonDatabase } from '../db/database';
import { readOpenedAhead } from '../db/sealing';
import { cachedList } from './localRecordsCache';

/** A record as this device sees it: the synced state with local unacknowledged values on top. */
export interface LocalRecord {
  id: string;
  type: RecordType;
  villageId: string;
  fields: FieldValues;
  deleted: boolean;
  /** The seq of the synced state (0 when never synced). */
  seq: number;
  /** Fields with local values not yet acknowledged by the server. */
  unsyncedFields: string[];
}

export function overlayPending(
  stored: StoredRecord | undefined,
  pending: PendingRow | undefined,
): LocalRecord | null {
  const base = stored ?? (pending && { ...pending, fields: {}, deleted: false, seq: 0 });
  if (!base) return null;
  const unsyncedFields = pending ? Object.keys(pending.fields) : [];
  if (pending?.deleted) unsyncedFields.push('deleted');
  return {
    id: base.id,
    type: base.type,
    villageId: pending?.villageId ?? base.villageId,
    fields: { ...base.fields, ...pending?.fields },
    deleted: pending?.deleted ? pending.deleted.value : base.deleted,
    seq: base.seq,
    unsyncedFields,
  };
}

export async function getLocalRecord(
  database: TambonDatabase,
  id: string,
): Promise<LocalRecord | null> {
  const [stored, pending] = await Promise.all([database.records.get(id), database.pending.get(id)]);
  return overlayPending(stored, pending);
}

/**
 * Every record of a type in a village, local edits included (a moved record shows where it went).
 * On a sealed database, served from memory or the sealed snapshot while the data is unchanged
 * (localRecordsCache.ts); the caller may change the array, not the records in it.
 */
export async function listLocalRecords(
  database: TambonDatabase,
  type: RecordType,
  villageId: string,
): Promise<LocalRecord[]> {
  return cachedList(database, type, villageId, () => readLocalRecords(database, type, villageId));
}

async function readLocalRecords(
  database: TambonDatabase,
  type: RecordType,
  villageId: string,
): Promise<LocalRecord[]> {
  const [stored, pendingHere, pendingIds] = await Promise.all([
    readVillageRecords(database, type, villageId),
    database.pending.where('villageId').equals(villageId).toArray(),
    // Keys only (nothing opened): the few records with local edits are then read by id, not a
    // get for every record of the village.
    database.pending.toCollection().primaryKeys(),
  ]);
  const edited = new Set(pendingIds);
  const pendingById = new Map(
    (
      await database.pending.bulkGet(stored.flatMap((r) => (edited.has(r.id) ? [r.id] : [])))
    ).flatMap((p) => (p ? [[p.id, p] as const] : [])),
  );
  for (const p of pendingHere) pendingById.set(p.id, p);
  const result: LocalRecord[] = [];
  const seen = new Set<string>();
  for (const record of stored) {
    seen.add(record.id);
    const local = overlayPending(record, pendingById.get(record.id));
    if (local && local.villageId === villageId) result.push(local);
  }
  for (const p of pendingHere) {
    if (seen.has(p.id) || p.type !== type) continue;
    const local = overlayPending(await database.records.get(p.id), p);
    if (local) result.push(local);
  }
  return result;
}

/**
 * The stored records of a type in a village. On a sealed database, outside a transaction, read
 * and opened through WebCrypto in one go (`readOpenedAhead`): the middleware's AES in JavaScript,
 * row by row, took most of the seconds a map or home screen of many villages took to show after
 * a sync. The list cache's stamp, read first, is what a live query then follows.
 */
function readVillageRecords(
  database: TambonDatabase,
  type: RecordType,
  villageId: string,
): Promise<StoredRecord[]> {
  if (!database.cipher || Dexie.currentTransaction) {
    return database.records.where('[type+villageId]').equals([type, villageId]).toArray();
  }
  return readOpenedAhead<StoredRecord>(database, 'records', {
    index: '[type+villageId]',
    range: IDBKeyRange.only([type, villageId]),
  });
}
