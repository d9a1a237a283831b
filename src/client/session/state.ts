import { computed, signal } from '@preact/signals';
import type { SessionEndingCode } from '../api/http';
import type { CachedProfile, StoredSession } from '../db/database';

/** The signed-in session of this device, kept in Dexie so the app works offline; null = signed out. */
export const session = signal<StoredSession | null>(null);
/** The organization and villages from the last `/api/me`, also kept offline. */
export const profile = signal<CachedProfile | null>(null);
/** Why the device was last signed out by the server, shown on the login screen. */
export const signedOutReason = signal<SessionEndingCode | null>(null);

export const currentUser = computed(() => session.value?.user ?? null);

/** A session that waits for the PIN to open the data it belongs to (the password changed elsewhere). */
let pendingSession: StoredSession | null = null;

export function holdPendingSession(stored: StoredSession): void {
  pendingSession = stored;
}

/** The session waiting for the unlock, handed over once. */
export function takePendingSession(): StoredSession | null {
  const pending = pendingSession;
  pendingSession = null;
  return pending;
}

/** Forgets the session in memory (the stored one stays unless the caller deletes it). */
export function clearSession(): void {
  pendingSession = null;
  profile.value = null;
  session.value = null;
}
