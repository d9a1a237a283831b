import type { SyncState, TambonDatabase } from './database';

/**
 * Sealed snapshots of what the first screens need (docs/architecture.md §7: search ready within a second of
 * unlock): one value sealed as one blob under the user's data key, opened with one WebCrypto
 * decrypt instead of reading and opening thousands of records. A snapshot is a cache: it is used
 * only when its stamp equals the data's stamp now, else the caller reads the records and writes
 * a new one. Only a sealing database keeps snapshots; nothing is ever stored in the clear.
 *
 * The stamp changes with every write that can change a record as this device shows it: a local
 * save takes a mutation counter (`nextN`), a pull that writes records moves the cursors (its
 * departures too) or the scope version, and an acknowledgement removes pending rows.
 */
export async function dataStamp(database: TambonDatabase): Promise<string> {
  return database.transaction('r', [database.meta, database.pending], async () => {
    // Not the records' count: counting walks every row, and records change only in a pull.
    const [nextN, sync, pending] = await Promise.all([
      database.meta.get('nextN'),
      database.meta.get('sync'),
      database.pending.count(),
    ]);
    const { cursors = null, scopeVersion = null } = (sync?.value ?? {}) as Partial<SyncState>;
    return JSON.stringify([nextN?.value ?? null, scopeVersion, cursors, pending]);
  });
}

/**
 * The snapshot stored under `key` when it was taken at `stamp` (read with `dataStamp` before the
 * data it holds was read); null when there is none, it is of another state, or it cannot be
 * opened (another key, damaged).
 */
export async function readSnapshot<T>(
  database: TambonDatabase,
  key: string,
  stamp: string,
): Promise<T | null> {
  if (!database.cipher) return null;
  try {
    const row = await database.snapshots.get(key);
    if (!row || row.stamp !== stamp) return null;
    return (await database.cipher().openLarge(row.sealed)) as T;
  } catch {
    return null;
  }
}

/**
 * Seals `value` and stores it under `key` with `stamp`, the data's stamp read BEFORE the data in
 * `value` was read: a write that lands in between leaves the snapshot older than its data, and
 * it is then never used. Does nothing on a database that does not seal.
 */
export async function writeSnapshot(
  database: TambonDatabase,
  key: string,
  stamp: string,
  value: unknown,
): Promise<void> {
  if (!database.cipher) return;
  const sealed = await database.cipher().sealLarge(value);
  await database.snapshots.put({ key, stamp, sealed });
}
