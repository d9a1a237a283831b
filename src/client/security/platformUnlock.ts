import { getAccount, updateAccount } from './accounts';
import { activate, deviceLock, passwordKeyAfter, unlockedDataKey } from './deviceLock';
import { openWithPlatform, wrapUnderNewPlatformKey } from './platformKeyring';

// The phone's own screen lock as the daily key (WebAuthn PRF): loaded only when a device sets
// it up or unlocks with it, so the first load stays small.

export type PlatformUnlock = { ok: true } | { ok: false; reason: 'cancelled' | 'wrong-key' };

/**
 * Daily unlock on a device set up with its own screen lock: the authenticator's PRF output opens
 * the data key. A cancelled or failed prompt changes nothing; the password still opens it.
 */
export async function unlockWithPlatform(): Promise<PlatformUnlock> {
  const current = deviceLock.value;
  if (current.state !== 'locked') throw new Error('Nothing to unlock');
  const account = (await getAccount(current.account.userId)) ?? current.account;
  if (!account.platformKey) return { ok: false, reason: 'wrong-key' };
  const key = await openWithPlatform(account.platformKey);
  if (!(key instanceof Uint8Array)) return { ok: false, reason: key };
  await activate({ ...account, passwordKey: await passwordKeyAfter(account, key) }, key);
  return { ok: true };
}

/**
 * Makes the phone's own screen lock the daily key (at setup, or later from Settings): registers
 * a platform credential with PRF for this user and wraps the data key under it. The PIN-wrapped
 * copy is then deleted, so a copied profile cannot be opened without this phone's hardware.
 * Throws when the authenticator has no PRF or the person cancels; nothing changes then.
 */
export async function choosePlatformUnlock(): Promise<void> {
  const current = deviceLock.value;
  const dataKey = unlockedDataKey();
  if ((current.state !== 'set-pin' && current.state !== 'unlocked') || !dataKey) {
    throw new Error('No unlocked user to set up');
  }
  const platformKey = await wrapUnderNewPlatformKey(current.account, dataKey);
  await updateAccount(current.account.userId, { platformKey, pinKey: null, pinFailures: 0 });
  deviceLock.value = {
    state: 'unlocked',
    account: { ...current.account, platformKey, pinKey: null, pinFailures: 0 },
  };
}
