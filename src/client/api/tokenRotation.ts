import type { RotateResponse } from '../../shared/api/auth';
import { db, type StoredSession } from '../db/database';
import { getMeta, setMeta } from '../db/meta';
import { session } from '../session/state';
import { api } from './authenticated';

// Session token rotation, a chunk of its own: loaded once a sync engine runs (main.tsx).

/** A device's token is replaced at most this often, after a successful sync (so while online). */
export const ROTATE_EVERY_MS = 24 * 60 * 60 * 1000;

let rotating: Promise<boolean> | null = null;
const watched = new WeakSet<SyncRuns>();

/** The sync engine as rotation sees it: a hook run after each successful sync. */
export interface SyncRuns {
  afterSync: (() => Promise<unknown>) | null;
}

/** After each successful sync run of `engine` (its `afterSync`), rotates the token if it is due. */
export function rotateAfterSyncs(engine: SyncRuns): void {
  if (watched.has(engine)) return;
  watched.add(engine);
  const before = engine.afterSync;
  engine.afterSync = async () => {
    await before?.();
    if (session.value) void rotateSessionIfDue();
  };
}

/**
 * Replaces the session token (`POST /api/auth/rotate`; the server ends the old one) when the
 * stored one was issued a day ago or more: a token copied from the device stops working soon.
 * The new token is stored only while the same session is stored (a logout stays a logout).
 * Offline or refused: keeps the current token and tries after the next sync.
 */
export function rotateSessionIfDue(now: number = Date.now()): Promise<boolean> {
  rotating ??= rotateOnce(now).finally(() => {
    rotating = null;
  });
  return rotating;
}

async function rotateOnce(now: number): Promise<boolean> {
  const current = session.value;
  if (!current) return false;
  const issuedAt = current.issuedAt ? Date.parse(current.issuedAt) : 0;
  if (now - issuedAt < ROTATE_EVERY_MS) return false;
  let rotated: RotateResponse;
  try {
    rotated = await api<RotateResponse>('/api/auth/rotate', { method: 'POST' });
  } catch {
    return false;
  }
  const updated: StoredSession = {
    ...current,
    token: rotated.token,
    expiresAt: rotated.expiresAt,
    issuedAt: new Date(now).toISOString(),
  };
  const database = db();
  const stored = await database.transaction('rw', database.meta, async () => {
    if ((await getMeta('session'))?.token !== current.token) return false;
    await setMeta('session', updated);
    return true;
  });
  if (stored && session.value?.token === current.token) session.value = updated;
  return stored;
}
