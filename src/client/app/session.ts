import { computed, signal } from '@preact/signals';
import type { LoginResponse, MeResponse } from '../../shared/api/auth';
import { canReadAdmin, canWriteAdmin } from '../../shared/model/roles';
import { type CachedProfile, db, type StoredSession } from '../db/database';
import { deleteMeta, getMeta, setMeta } from '../db/meta';
import {
  clientIdForLogin,
  deviceLock,
  forgetUser,
  type LockReason,
  lockDevice,
  openAfterLogin,
  type PasswordUnlock,
  type PinUnlock,
  signOutLocally,
  unlockWithPassword,
  unlockWithPin,
} from '../security/deviceLock';
import type { PlatformUnlock } from '../security/platformUnlock';
import {
  ApiError,
  isSessionEnding,
  type RequestOptions,
  request,
  type SessionEndingCode,
} from '../sync/api';
import { deviceSync } from '../sync/deviceSync';

/** The signed-in session of this device, kept in Dexie so the app works offline; null = signed out. */
export const session = signal<StoredSession | null>(null);
/** The organization and villages from the last `/api/me`, also kept offline. */
export const profile = signal<CachedProfile | null>(null);
/** Why the device was last signed out by the server, shown on the login screen. */
export const signedOutReason = signal<SessionEndingCode | null>(null);

export const currentUser = computed(() => session.value?.user ?? null);
export const mayReadAdmin = computed(() => {
  const user = currentUser.value;
  return user !== null && canReadAdmin(user.role);
});
/** Welfare officers and supervisors run cases, follow-ups and the office lists. */
export const mayWorkCases = computed(() => {
  const role = currentUser.value?.role;
  return role === 'welfare' || role === 'supervisor';
});
/** Only admins change users, villages and devices; supervisors read them. */
export const isAdmin = computed(() => {
  const user = currentUser.value;
  return user !== null && canWriteAdmin(user.role);
});

/** Loads the stored session and profile; the app starts signed in when one is there. */
export async function restoreSession(): Promise<void> {
  const [stored, cached] = await Promise.all([getMeta('session'), getMeta('profile')]);
  profile.value = stored && cached && cached.user.id === stored.user.id ? cached : null;
  session.value = stored ?? null;
}

/** Signs in (needs the network). Throws `ApiError`: `invalid_credentials`, `too_many_requests`… */
export async function login(username: string, password: string): Promise<void> {
  const clientId = await clientIdForLogin(username);
  const response = await request<LoginResponse>('/api/auth/login', {
    method: 'POST',
    body: { username: username.trim(), password, clientId, deviceName: deviceName() },
  });
  const stored: StoredSession = {
    token: response.token,
    expiresAt: response.expiresAt,
    user: response.user,
    issuedAt: new Date().toISOString(),
  };
  signedOutReason.value = null;
  if ((await openAfterLogin(response.user, clientId, password)) === 'needs-pin') {
    // The password changed elsewhere: the PIN opens the data once, then the session starts.
    pendingSession = stored;
    return;
  }
  await startSession(stored);
}

/** A session that waits for the PIN to open the data it belongs to. */
let pendingSession: StoredSession | null = null;

async function startSession(stored: StoredSession): Promise<void> {
  const previous = await getMeta('profile');
  if (previous && previous.user.id !== stored.user.id) await deleteMeta('profile');
  await setMeta('session', stored);
  profile.value = previous?.user.id === stored.user.id ? previous : null;
  session.value = stored;
  void askPersistentStorage();
  void refreshProfile();
}

/** Unlocks with the PIN; on success the user's session and data come back. */
export async function unlockPin(pin: string): Promise<PinUnlock> {
  const result = await unlockWithPin(pin);
  if (result.ok) await afterUnlock();
  return result;
}

/** Unlocks with the phone's own fingerprint or screen lock (a device set up with PRF). */
export async function unlockPlatform(): Promise<PlatformUnlock> {
  const { unlockWithPlatform } = await import('../security/platformUnlock');
  const result = await unlockWithPlatform();
  if (result.ok) await afterUnlock();
  return result;
}

/** Unlocks with the password, offline too; a forgotten PIN is then chosen anew. */
export async function unlockPassword(password: string): Promise<PasswordUnlock> {
  const result = await unlockWithPassword(password);
  if (result.ok) await afterUnlock();
  return result;
}

async function afterUnlock(): Promise<void> {
  const pending = pendingSession;
  pendingSession = null;
  if (pending && currentAccountId() === pending.user.id) {
    await startSession(pending);
    return;
  }
  await restoreSession();
  void refreshProfile();
}

function currentAccountId(): string | null {
  const lock = deviceLock.value;
  return lock.state === 'signed-out' ? null : lock.account.userId;
}

/** Locks at once (idle, or the lock button): the key leaves memory, the screens unmount. */
export function lockNow(reason: LockReason = 'manual'): void {
  clearSessionSignals();
  lockDevice(reason);
}

/** Locks this user and shows the sign-in screen with the browser's other users. */
export function switchUser(): void {
  clearSessionSignals();
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
  clearSessionSignals();
  if (token) void request('/api/auth/logout', { method: 'POST', token }).catch(() => undefined);
  if (userId) await forgetUser(userId);
  else signOutLocally();
}

function clearSessionSignals(): void {
  pendingSession = null;
  profile.value = null;
  session.value = null;
}

/** The server ended this session; a revoked device also loses its local data. */
let ending: Promise<void> | null = null;

function endSession(reason: SessionEndingCode): Promise<void> {
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
    await deviceSync.value?.engine.push().catch(() => undefined);
    clearSessionSignals();
    if (userId) await forgetUser(userId);
  } else {
    // The data stays (sealed); signing in again opens it with the password.
    await deleteMeta('session', 'profile');
    clearSessionSignals();
    signOutLocally();
  }
  signedOutReason.value = reason;
}

/**
 * A request with this device's session. A 401 that ends the session signs the device out
 * (and wipes it when revoked) before the error is rethrown.
 */
export function api<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
  return withSession((token) => request<T>(path, { ...options, token }));
}

/**
 * Runs any request (JSON or binary, e.g. photos) with this device's session token, with the
 * same sign-out on a session-ending 401 as `api()`.
 */
export async function withSession<T>(call: (token: string) => Promise<T>): Promise<T> {
  const token = session.value?.token;
  if (!token) throw new ApiError(401, 'unauthenticated', 'not signed in');
  try {
    return await call(token);
  } catch (error) {
    // While a session is ending (a revoked device's last push), its own errors don't end it again.
    if (isSessionEnding(error) && session.value?.token === token && !ending) {
      const { adoptRotatedToken } = await import('./sessionRotation');
      if (!(await adoptRotatedToken(token))) await endSession(error.code);
    }
    throw error;
  }
}

// The token is rotated after successful syncs (sessionRotation.ts, a chunk of its own).
deviceSync.subscribe((scheduler) => {
  if (scheduler) void import('./sessionRotation').then((m) => m.rotateAfterSyncs(scheduler.engine));
});

let refreshing: Promise<void> | null = null;

/** Refreshes the user, organization and villages from `/api/me`; offline it quietly does nothing. */
export function refreshProfile(): Promise<void> {
  refreshing ??= loadProfile().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function loadProfile(): Promise<void> {
  const signedIn = session.value;
  if (!signedIn) return;
  let me: MeResponse;
  try {
    me = await api<MeResponse>('/api/me');
  } catch {
    return; // Offline, server down or signed out: keep working with what the device has.
  }
  const { id, username, name, role, villageIds } = me.user;
  const updated: StoredSession = { ...signedIn, user: { id, username, name, role, villageIds } };
  const cached: CachedProfile = {
    user: me.user,
    organization: me.organization,
    villages: me.villages,
    serverTime: me.serverTime,
    fetchedAt: new Date().toISOString(),
    devicePolicy: me.devicePolicy,
  };
  // Only while the same session is stored: a logout during the request must stay a logout.
  const database = db();
  const stored = await database.transaction('rw', database.meta, async () => {
    if ((await getMeta('session'))?.token !== signedIn.token) return false;
    await setMeta('session', updated);
    await setMeta('profile', cached);
    return true;
  });
  if (stored && session.value?.token === signedIn.token) {
    session.value = updated;
    profile.value = cached;
  }
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:A|iOS)?\/(\d+)/, 'Edge'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari/, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/Android [\d.]+/, ''],
  [/iPhone|iPad/, 'iOS'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A short, readable name of this browser for the admin's device list, e.g. `Chrome 120 · Android 13`. */
export function deviceName(userAgent: string = navigator.userAgent): string {
  let browser: string | undefined;
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  let system: string | undefined;
  for (const [pattern, name] of SYSTEMS) {
    const match = pattern.exec(userAgent);
    if (match) {
      system = name || match[0];
      break;
    }
  }
  return [browser, system].filter(Boolean).join(' · ') || 'Browser';
}

/** Persistent storage, asked at the first sign-in without bothering anyone (docs/architecture.md §4). */
async function askPersistentStorage(): Promise<void> {
  try {
    if (navigator.storage?.persisted && !(await navigator.storage.persisted())) {
      await navigator.storage.persist();
    }
  } catch {
    // Not supported: Settings shows the state and offers the button.
  }
}
