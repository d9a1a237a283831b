import { request, type SessionEndingCode } from '../api/http';
import { deleteMeta } from '../db/meta';
import {
  deviceLock,
  forgetUser,
  type LockReason,
  lockDevice,
  signOutLocally,
} from '../security/deviceLock';
import { clearSession, session, signedOutReason } from './state';

/**
 * What the layers above do when a session ends. `main.tsx` wires them to the sync engine, so
 * the session needs to know nothing of sync.
 */
export interface SessionEndHooks {
  /** Before a remote wipe deletes the data: the last push of what was never synced. */
  beforeWipe(): Promise<unknown>;
  /** The session is gone from memory (lock, user switch, logout, expiry, wipe). */
  ended(): void;
}

let hooks: SessionEndHooks | null = null;

export function onSessionEnd(registered: SessionEndHooks): void {
  hooks = registered;
}

/** The user whose data is open or waits for the PIN on this device; null when signed out. */
export function currentAccountId(): string | null {
  const lock = deviceLock.value;
  return lock.state === 'signed-out' ? null : lock.account.userId;
}

/** Locks at once (idle, or the lock button): the key leaves memory, the screens unmount. */
export function lockNow(reason: LockReason = 'manual'): void {
  endInMemory();
  lockDevice(reason);
}

/** Locks this user and shows the sign-in screen with the browser's other users. */
export function switchUser(): void {
  endInMemory();
  signOutLocally();
}

/**
 * Signs this user out of this browser for good: the server session ends (when reachable) and
 * their local data and keys are deleted. The logout dialog first makes sure nothing unsynced
 * is lost (sync now, or an encrypted export).
 */
export async function logout(): Promise<void> {
  const token = session.value?.token;
  const userId = currentAccountId();
  endInMemory();
  if (token) void request('/api/auth/logout', { method: 'POST', token }).catch(() => undefined);
  if (userId) await forgetUser(userId);
  else signOutLocally();
}

function endInMemory(): void {
  clearSession();
  hooks?.ended();
}

/** The server ended this session; a revoked device also loses its local data. */
let ending: Promise<void> | null = null;

/** True while a session is ending (a revoked device's last push): its own errors don't end it again. */
export function sessionEndInProgress(): boolean {
  return ending !== null;
}

export function endSession(reason: SessionEndingCode): Promise<void> {
  ending ??= endSessionOnce(reason).finally(() => {
    ending = null;
  });
  return ending;
}

async function endSessionOnce(reason: SessionEndingCode): Promise<void> {
  const userId = currentAccountId();
  if (reason === 'device_revoked') {
    // Remote wipe: the server still takes this device's last push (into quarantine for a
    // supervisor), so what was never synced reaches the office before the data is deleted.
    await hooks?.beforeWipe().catch(() => undefined);
    endInMemory();
    if (userId) await forgetUser(userId);
  } else {
    // The data stays (sealed); signing in again opens it with the password.
    await deleteMeta('session', 'profile');
    endInMemory();
    signOutLocally();
  }
  signedOutReason.value = reason;
}
