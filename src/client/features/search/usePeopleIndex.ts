import { effect, signal, untracked } from '@preact/signals';
import Dexie, { type ObservabilitySet } from 'dexie';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db, type TambonDatabase } from '../../db/database';
import { currentUser, profile } from '../../session/state';
import { type ChangedRecords, changedRecords, PeopleEntries } from './peopleEntries';
import { buildPeopleIndex } from './peopleIndex';
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

/** Builds the index now and again after every change to records or pending edits. */
function keepFresh(database: TambonDatabase, villageIds: readonly string[]): Live {
  const entries = new PeopleEntries(database, villageIds);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let building = false;
  /** What changed since the last build started. */
  let changed: ChangedRecords | null = 'all';

  const run = async () => {
    timer = undefined;
    if (building || changed === null) return;
    const applying = changed;
    changed = null;
    building = true;
    try {
      await entries.update(applying, bangkokDate());
      if (!stopped) peopleIndex.value = buildPeopleIndex(entries.list());
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
    changed = merge(changed, touched);
    timer ??= setTimeout(run, REBUILD_DELAY_MS);
  };

  Dexie.on('storagemutated', onMutated);
  void run();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
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
