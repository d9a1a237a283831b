import type { LoginResponse } from '../../shared/api/auth';
import { request } from '../api/http';
import type { StoredSession } from '../db/database';
import { deleteMeta, getMeta, setMeta } from '../db/meta';
import { askPersistentStorage } from '../db/persistentStorage';
import {
  clientIdForLogin,
  openAfterLogin,
  type PasswordUnlock,
  type PinUnlock,
  unlockWithPassword,
  unlockWithPin,
} from '../security/deviceLock';
import type { PlatformUnlock } from '../security/platformUnlock';
import { deviceName } from './deviceName';
import { currentAccountId } from './end';
import { refreshProfile } from './profile';
import { holdPendingSession, profile, session, signedOutReason, takePendingSession } from './state';

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
    holdPendingSession(stored);
    return;
  }
  await startSession(stored);
}

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
  const pending = takePendingSession();
  if (pending && currentAccountId() === pending.user.id) {
    await startSession(pending);
    return;
  }
  await restoreSession();
  void refreshProfile();
}
