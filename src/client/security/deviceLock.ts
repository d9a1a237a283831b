import { signal } from '@preact/signals';
import Dexie from 'dexie';
import { uuidv7 } from '../../shared/ids';
import type { SessionUser } from '../../shared/model/user';
import { deleteBasemapCopy } from '../db/basemapCache';
import { closeDb, userDatabaseName, useUserDatabase } from '../db/database';
import {
  type DeviceAccount,
  deleteAccount,
  findAccountByUsername,
  getAccount,
  getDeviceSetting,
  saveAccount,
  setDeviceSetting,
  updateAccount,
} from './accounts';
import type { FieldCipher } from './fieldCipher';
import { newDataKey, unwrapDataKey, type WrappedKey, wrapDataKey } from './keyring';

/** After this many wrong PINs in a row only the password unlocks (and a new PIN is set). */
export const MAX_PIN_FAILURES = 5;
/** The password's wait doubles with each wrong try, up to this. */
const MAX_PASSWORD_WAIT_MS = 15 * 60_000;
export const PIN_PATTERN = /^\d{6}$/;

/**
 * Where the device stands: nobody signed in; a user's data locked (screen lock, PIN or password
 * asked); unlocked but the user must first choose how to unlock daily (`set-pin`: the phone's
 * screen lock where it has PRF, else a PIN); or unlocked.
 */
export type DeviceLock =
  | { state: 'signed-out' }
  | { state: 'locked'; account: DeviceAccount; reason: LockReason }
  | { state: 'set-pin'; account: DeviceAccount }
  | { state: 'unlocked'; account: DeviceAccount };
export type LockReason = 'start' | 'idle' | 'manual' | 'password-changed';

export const deviceLock = signal<DeviceLock>({ state: 'signed-out' });

/** The unlocked user's data key and cipher: in memory only, dropped by every lock. */
let dataKey: Uint8Array | null = null;
let cipher: FieldCipher | null = null;

function activeCipher(): FieldCipher {
  if (!cipher) throw new Error('The device is locked');
  return cipher;
}

/** At app start: the last user of this browser is asked for their PIN; else nobody is signed in. */
export async function startDeviceLock(): Promise<void> {
  const lastUserId = await getDeviceSetting('lastUserId');
  const account = lastUserId ? await getAccount(lastUserId) : undefined;
  deviceLock.value = account
    ? { state: 'locked', account, reason: 'start' }
    : { state: 'signed-out' };
}

/** The device id to sign in with: the one this user already has on this browser, or a new one. */
export async function clientIdForLogin(username: string): Promise<string> {
  return (await findAccountByUsername(username.trim()))?.clientId ?? uuidv7();
}

export type LoginOpening = 'opened' | 'needs-pin';

/**
 * After the server accepted the password: opens the user's data on this browser (a new user
 * gets a fresh data key). When the password no longer opens the data (changed on another
 * device), the PIN must open it once; `unlockWithPin` then re-wraps the key with it.
 */
export async function openAfterLogin(
  user: SessionUser,
  clientId: string,
  password: string,
): Promise<LoginOpening> {
  const known = await getAccount(user.id);
  if (known) {
    const key = await unwrapDataKey(known.passwordKey, password);
    if (!key) {
      if (!known.pinKey && !known.platformKey) {
        throw new Error('The data on this device cannot be opened');
      }
      pendingPassword = { userId: user.id, password };
      deviceLock.value = { state: 'locked', account: known, reason: 'password-changed' };
      return 'needs-pin';
    }
    await activate(
      { ...known, ...identity(user), passwordFailures: 0, passwordRetryAt: null },
      key,
    );
    return 'opened';
  }
  const key = newDataKey();
  const account: DeviceAccount = {
    ...identity(user),
    clientId,
    pinKey: null,
    platformKey: null,
    passwordKey: await wrapDataKey(key, password),
    pinFailures: 0,
    passwordFailures: 0,
    passwordRetryAt: null,
    lastUsedAt: new Date().toISOString(),
  };
  await saveAccount(account);
  await activate(account, key);
  return 'opened';
}

let pendingPassword: { userId: string; password: string } | null = null;

export type PinUnlock = { ok: true } | { ok: false; failures: number; passwordRequired: boolean };

export async function unlockWithPin(pin: string): Promise<PinUnlock> {
  const current = deviceLock.value;
  if (current.state !== 'locked') throw new Error('Nothing to unlock');
  const account = (await getAccount(current.account.userId)) ?? current.account;
  if (!account.pinKey || account.pinFailures >= MAX_PIN_FAILURES) {
    return { ok: false, failures: account.pinFailures, passwordRequired: true };
  }
  const key = await unwrapDataKey(account.pinKey, pin);
  if (!key) {
    const failures = account.pinFailures + 1;
    await updateAccount(account.userId, { pinFailures: failures });
    deviceLock.value = { ...current, account: { ...account, pinFailures: failures } };
    return { ok: false, failures, passwordRequired: failures >= MAX_PIN_FAILURES };
  }
  await activate(
    { ...account, passwordKey: await passwordKeyAfter(account, key), pinFailures: 0 },
    key,
  );
  return { ok: true };
}

/**
 * After a password changed elsewhere, the first unlock wraps the key under the new password.
 * Exported for the screen-lock unlock (platformUnlock.ts, loaded only on devices that use it).
 */
export async function passwordKeyAfter(
  account: DeviceAccount,
  key: Uint8Array,
): Promise<WrappedKey> {
  const pending = pendingPassword;
  pendingPassword = null;
  return pending?.userId === account.userId
    ? wrapDataKey(key, pending.password)
    : account.passwordKey;
}

export type PasswordUnlock = { ok: true } | { ok: false; retryAt: string | null };

/** Offline too: the password is checked by opening its wrapped copy of the data key. */
export async function unlockWithPassword(password: string): Promise<PasswordUnlock> {
  const current = deviceLock.value;
  if (current.state !== 'locked') throw new Error('Nothing to unlock');
  const account = (await getAccount(current.account.userId)) ?? current.account;
  if (account.passwordRetryAt && Date.parse(account.passwordRetryAt) > Date.now()) {
    return { ok: false, retryAt: account.passwordRetryAt };
  }
  const key = await unwrapDataKey(account.passwordKey, password);
  if (!key) {
    const failures = account.passwordFailures + 1;
    const wait = Math.min(1000 * 2 ** (failures - 1), MAX_PASSWORD_WAIT_MS);
    const retryAt = new Date(Date.now() + wait).toISOString();
    await updateAccount(account.userId, { passwordFailures: failures, passwordRetryAt: retryAt });
    deviceLock.value = {
      ...current,
      account: { ...account, passwordFailures: failures, passwordRetryAt: retryAt },
    };
    return { ok: false, retryAt };
  }
  // The password also resets a forgotten PIN: a new one is chosen right away.
  const pinForgotten = account.pinFailures >= MAX_PIN_FAILURES;
  await activate(
    {
      ...account,
      pinKey: pinForgotten ? null : account.pinKey,
      pinFailures: 0,
      passwordFailures: 0,
      passwordRetryAt: null,
    },
    key,
  );
  return { ok: true };
}

export async function choosePin(pin: string): Promise<void> {
  const current = deviceLock.value;
  if (current.state !== 'set-pin' || !dataKey) throw new Error('No unlocked user to set a PIN for');
  // A PIN is the daily key only where the phone's own screen lock is not.
  if (current.account.platformKey) throw new Error('This device unlocks with its screen lock');
  if (!PIN_PATTERN.test(pin)) throw new Error('A PIN is 6 digits');
  const pinKey = await wrapDataKey(dataKey, pin);
  await updateAccount(current.account.userId, { pinKey, pinFailures: 0 });
  deviceLock.value = { state: 'unlocked', account: { ...current.account, pinKey, pinFailures: 0 } };
}

/** After a password change in the app: the new password opens the data from now on. */
export async function rewrapWithPassword(password: string): Promise<void> {
  const current = deviceLock.value;
  if (current.state !== 'unlocked' || !dataKey) return;
  const passwordKey: WrappedKey = await wrapDataKey(dataKey, password);
  await updateAccount(current.account.userId, { passwordKey });
}

/** Drops the key from memory and closes the user's database. */
export function lockDevice(reason: LockReason): void {
  const current = deviceLock.value;
  forgetKey();
  if (current.state === 'unlocked' || current.state === 'set-pin') {
    deviceLock.value = { state: 'locked', account: current.account, reason };
  }
}

/** Locks, and shows the sign-in screen with this browser's users to pick from. */
export function signOutLocally(): void {
  forgetKey();
  deviceLock.value = { state: 'signed-out' };
}

/** Shows the PIN screen of another user of this browser. */
export async function chooseAccount(userId: string): Promise<void> {
  const account = await getAccount(userId);
  if (!account) return;
  forgetKey();
  deviceLock.value = { state: 'locked', account, reason: 'manual' };
}

/**
 * Deletes a user's database and keys from this browser (logout, remote wipe): their records,
 * pending edits, drafts, photos and basemap copy are gone, and nothing could open them anyway.
 */
export async function forgetUser(userId: string): Promise<void> {
  forgetKey();
  await Dexie.delete(userDatabaseName(userId));
  await deleteBasemapCopy(userId).catch(() => undefined);
  await deleteAccount(userId);
  deviceLock.value = { state: 'signed-out' };
}

function forgetKey(): void {
  dataKey?.fill(0);
  dataKey = null;
  cipher = null;
  closeDb();
}

/** The unlocked user's data key, for re-wrapping it (platformUnlock.ts); null while locked. */
export function unlockedDataKey(): Uint8Array | null {
  return dataKey;
}

/** Opens a user's database with their data key: the end of every unlock. */
export async function activate(account: DeviceAccount, key: Uint8Array): Promise<void> {
  // The cipher and the sealing layer load here, at the first unlock, not with the lock screen.
  const [{ createFieldCipher }, { sealingWith }] = await Promise.all([
    import('./fieldCipher'),
    import('../db/sealing'),
  ]);
  forgetKey();
  dataKey = key;
  cipher = createFieldCipher(key);
  const database = useUserDatabase(account.userId, sealingWith(activeCipher));
  const now = new Date().toISOString();
  await database.meta.put({ key: 'clientId', value: account.clientId });
  const updated = { ...account, lastUsedAt: now };
  await saveAccount(updated);
  await setDeviceSetting('lastUserId', account.userId);
  deviceLock.value =
    updated.pinKey || updated.platformKey
      ? { state: 'unlocked', account: updated }
      : { state: 'set-pin', account: updated };
}

function identity(user: SessionUser): Pick<DeviceAccount, 'userId' | 'username' | 'name' | 'role'> {
  return { userId: user.id, username: user.username, name: user.name, role: user.role };
}
