import Dexie from 'dexie';
import type { RecordType } from '../../shared/sync/protocol';
import type { TambonDatabase } from '../db/database';
import { dataStamp, readSnapshot, writeSnapshot } from '../db/snapshot';
import type { LocalRecord } from './localRecords';

/**
 * The lists of local records (a type in a village) the screens read, kept in memory and as ONE
 * sealed snapshot on disk, for a database that seals: reading and opening every record of a
 * village took seconds on a slow phone (docs/architecture.md §7: a usable list within 1.5 s of a cold start,
 * search within 1 s of unlock), one WebCrypto decrypt of the snapshot takes milliseconds.
 *
 * Every list is stored with the data's stamp read BEFORE the records were (db/snapshot.ts): a
 * list is served only while the stamp is still the data's, so any write to records, pending
 * edits, cursors or the mutation counter makes every list be read again from the records (and
 * the snapshot is written anew a few seconds after those reads).
 */

/** Each list is its own sealed row, so a screen opens only the lists it shows. */
const SNAPSHOT_PREFIX = 'records|';
/** The snapshot is written this long after the last list read from the records, not on each. */
export const SNAPSHOT_DELAY_MS = 3000;
let snapshotDelayMs = SNAPSHOT_DELAY_MS;

/** Another delay before the snapshot is written (the bench times the write itself). */
export function setSnapshotDelay(ms: number): void {
  snapshotDelayMs = ms;
}

type ListKey = `${RecordType}|${string}`;

interface Cache {
  stamp: string;
  lists: Map<ListKey, LocalRecord[]>;
  /** Lists in memory that the snapshot lacks. */
  unsaved: Set<ListKey>;
}

interface DatabaseCache {
  current: Cache | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The writes of the snapshot, one after the other. */
  saving: Promise<void>;
}

const caches = new WeakMap<TambonDatabase, DatabaseCache>();

function cacheOf(database: TambonDatabase): DatabaseCache {
  let cache = caches.get(database);
  if (!cache) {
    cache = { current: null, timer: undefined, saving: Promise.resolve() };
    caches.set(database, cache);
  }
  return cache;
}

const listKey = (type: RecordType, villageId: string): ListKey => `${type}|${villageId}`;

/**
 * The list of `type` in `villageId` through the cache: `read` reads it from the records when the
 * cache (memory, then the list's sealed snapshot) does not hold it at the data's current stamp.
 * On a database that does not seal, `read` is called every time.
 */
export async function cachedList(
  database: TambonDatabase,
  type: RecordType,
  villageId: string,
  read: () => Promise<LocalRecord[]>,
): Promise<LocalRecord[]> {
  // Inside a caller's transaction the stamp's tables may be out of its scope: read directly.
  if (!database.cipher || Dexie.currentTransaction) return read();
  const state = cacheOf(database);
  // Each call reads the stamp itself: inside a live query, that read is what makes a later
  // write to the records, pending edits or meta run the query again.
  const stamp = await dataStamp(database);
  if (state.current?.stamp !== stamp) {
    state.current = { stamp, lists: new Map(), unsaved: new Set() };
  }
  const cache = state.current;
  const key = listKey(type, villageId);
  const known = cache.lists.get(key);
  if (known) return [...known];
  const snapshot = await readSnapshot<LocalRecord[]>(database, SNAPSHOT_PREFIX + key, stamp);
  if (snapshot) {
    cache.lists.set(key, snapshot);
    return [...snapshot];
  }
  const list = await read();
  cache.lists.set(key, list);
  cache.unsaved.add(key);
  clearTimeout(state.timer);
  state.timer = setTimeout(() => void saveRecordsSnapshot(database), snapshotDelayMs);
  return [...list];
}

/**
 * Writes the lists in memory that the snapshot lacks, each sealed as its own row; resolves when
 * this and any earlier write are done.
 */
export function saveRecordsSnapshot(database: TambonDatabase): Promise<void> {
  const state = caches.get(database);
  if (!state) return Promise.resolve();
  clearTimeout(state.timer);
  state.saving = state.saving.then(() => writeUnsaved(database, state));
  return state.saving;
}

async function writeUnsaved(database: TambonDatabase, state: DatabaseCache): Promise<void> {
  const cache = state.current;
  if (!cache || cache.unsaved.size === 0) return;
  const keys = [...cache.unsaved];
  cache.unsaved.clear();
  try {
    // Not written when the data changed meanwhile: the lists would be taken for the new state.
    if ((await dataStamp(database)) !== cache.stamp) return;
    await Promise.all(
      keys.map((key) =>
        writeSnapshot(database, SNAPSHOT_PREFIX + key, cache.stamp, cache.lists.get(key) ?? []),
      ),
    );
  } catch (error) {
    // Locked or closed meanwhile: the lists are read from the records next time.
    console.warn('records snapshot', error);
  }
}

/** Drops what memory holds of this database (a lock closes it; tests). */
export function forgetCachedLists(database: TambonDatabase): void {
  const state = caches.get(database);
  if (state) clearTimeout(state.timer);
  caches.delete(database);
}
