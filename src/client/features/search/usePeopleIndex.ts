import { effect, signal, untracked } from '@preact/signals';
import Dexie, { type ObservabilitySet } from 'dexie';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db, type TambonDatabase } from '../../db/database';
import { currentUser, profile } from '../../session/state';
import { type ChangedRecords, changedRecords, PeopleEntries } from './peopleEntries';
import { buildPeopleColumns, type PeopleColumns, peopleIndexOver } from './peopleIndex';
import {
  peopleIndexStamp,
  readPeopleIndexSnapshot,
  writePeopleIndexSnapshot,
} from './peopleIndexSnapshot';
import type { PeopleIndex } from './types';

/**
 * One people index per signed-in session, shared by every screen: loaded from IndexedDB once,
 * then rebuilt shortly after records or local edits change (a save, a pull, another tab), never
 * per keystroke. Null until the first build, and when signed out.
 */
export function usePeopleIndex(): PeopleIndex | null {
  watchSession();
  return peopleIndex.value;
}

/** The index itself, for code outside components (e.g. a form's duplicate-ID check). */
export const peopleIndex = signal<PeopleIndex | null>(null);

/** Changes arriving closer together than this are applied in one rebuild. */
export const REBUILD_DELAY_MS = 200;

interface Live {
  stop(): void;
}

let unwatch: (() => void) | null = null;
let live: Live | null = null;

/** Follows the signed-in user and their villages: a new scope gets a new index. */
function watchSession(): void {
  unwatch ??= effect(() => {
    const user = currentUser.value;
    const villageIds = profile.value?.villages.map((v) => v.id) ?? user?.villageIds ?? [];
    const scope = user ? `${user.id}:${villageIds.join(',')}` : null;
    untracked(() => switchScope(scope, villageIds));
  });
}

/** Stops following the session and drops the index (tests; the next use starts again). */
export function stopPeopleIndex(): void {
  unwatch?.();
  unwatch = null;
  switchScope(null, []);
}

let scopeKey: string | null = null;

function switchScope(scope: string | null, villageIds: readonly string[]): void {
  if (scope === scopeKey) return;
  scopeKey = scope;
  live?.stop();
  live = null;
  peopleIndex.value = null;
  if (scope !== null) live = keepFresh(db(), villageIds);
}

/** The index is sealed this long after a full build, when nothing changed meanwhile. */
export const INDEX_SNAPSHOT_DELAY_MS = 3000;

/**
 * Builds the index now and again after every change to records or pending edits. At the start
 * the sealed snapshot of the built index answers when it holds the data as it is today (the
 * usual unlock): the records are then read only after the first change.
 */
function keepFresh(database: TambonDatabase, villageIds: readonly string[]): Live {
  const entries = new PeopleEntries(database, villageIds);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  let building = false;
  let first = true;
  /** What changed since the last build started. */
  let changed: ChangedRecords | null = 'all';
  /** Counts the changes seen, so a snapshot is not written over a change not yet applied. */
  let generation = 0;
  /** The last build, not sealed yet, with the stamp and the changes it was built at. */
  let unsealed: { stamp: string; columns: PeopleColumns; seen: number } | null = null;

  const sealIndex = () => {
    const build = unsealed;
    if (stopped || !build || generation !== build.seen) return;
    unsealed = null;
    writePeopleIndexSnapshot(database, villageIds, build.stamp, build.columns).catch((error) =>
      console.warn('people index snapshot', error),
    );
  };
  // No document in a worker or a test without one: then only the timer seals.
  const page = globalThis.document as Document | undefined;
  const onHidden = () => {
    if (page?.visibilityState === 'hidden') sealIndex();
  };

  const run = async () => {
    timer = undefined;
    if (building || changed === null) return;
    const applying = changed;
    changed = null;
    building = true;
    const seen = generation;
    try {
      const today = bangkokDate();
      // Read before the records: a write landing during the build leaves the snapshot stale.
      const stamp = await peopleIndexStamp(database, today);
      if (first) {
        first = false;
        const columns = await readPeopleIndexSnapshot(database, villageIds, stamp);
        if (columns) {
          if (!stopped) peopleIndex.value = peopleIndexOver(columns);
          return;
        }
      }
      await entries.update(applying, today);
      if (stopped) return;
      const columns = buildPeopleColumns(entries.list());
      peopleIndex.value = peopleIndexOver(columns);
      unsealed = { stamp, columns, seen };
      clearTimeout(snapshotTimer);
      // After a full read (unlock, a big pull) soon; after a save only when the page is hidden:
      // sealing 20,000 people is a moment of main-thread work a slow phone would show as a stall.
      // Either waits, so that a change of another tab, arriving a moment after its write, is seen.
      if (applying === 'all') snapshotTimer = setTimeout(sealIndex, INDEX_SNAPSHOT_DELAY_MS);
    } catch (error) {
      console.error('people index', error);
    } finally {
      building = false;
      if (changed !== null && !stopped) void run(); // changes that came during the build
    }
  };
  const onMutated = (parts: ObservabilitySet) => {
    const touched = stopped ? null : changedRecords(database.name, parts);
    if (touched === null) return;
    generation++;
    changed = merge(changed, touched);
    timer ??= setTimeout(run, REBUILD_DELAY_MS);
  };

  Dexie.on('storagemutated', onMutated);
  page?.addEventListener('visibilitychange', onHidden);
  void run();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(snapshotTimer);
      page?.removeEventListener('visibilitychange', onHidden);
      Dexie.on('storagemutated').unsubscribe(onMutated);
    },
  };
}

function merge(a: ChangedRecords | null, b: ChangedRecords): ChangedRecords {
  if (a === null) return b;
  if (a === 'all' || b === 'all') return 'all';
  for (const id of b) a.add(id);
  return a;
}
