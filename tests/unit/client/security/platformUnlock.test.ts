import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, requireUnlockedDatabase, type StoredRecord } from '../../../../src/client/db/database';
import { getAccount } from '../../../../src/client/security/accounts';
import {
  choosePin,
  deviceLock,
  lockDevice,
  openAfterLogin,
  signOutLocally,
  unlockWithPassword,
  unlockWithPin,
} from '../../../../src/client/security/deviceLock';
import {
  choosePlatformUnlock,
  unlockWithPlatform,
} from '../../../../src/client/security/platformUnlock';
import { databaseNames, PASSWORD, PIN, resetDatabase, SURVEYOR } from '../helpers';

/**
 * A phone's platform authenticator with PRF: HMAC-SHA256 of the input under a secret that never
 * leaves the "hardware". `present = false` is the phone without its authenticator (a copied
 * profile on another machine); `cancel` is the person dismissing the prompt.
 */
const phone = vi.hoisted(() => ({
  secret: new Uint8Array(32).fill(7),
  present: true,
  cancel: false,
  prf: true,
}));

vi.mock('../../../../src/client/security/platformKey', () => {
  const evaluate = async (salt: Uint8Array) => {
    if (!phone.present || phone.cancel) throw new Error('NotAllowedError');
    const key = await crypto.subtle.importKey(
      'raw',
      phone.secret as BufferSource,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, salt as BufferSource));
  };
  return {
    platformAuthenticatorAvailable: async () => phone.present,
    registerPlatformKey: async (_user: unknown, salt: Uint8Array) => {
      if (!phone.prf) throw new Error('The authenticator has no PRF');
      return { credentialId: new Uint8Array([1, 2, 3]), prfOutput: await evaluate(salt) };
    },
    evaluatePlatformKey: async (_id: Uint8Array, salt: Uint8Array) => evaluate(salt),
  };
});

const HOUSEHOLD: StoredRecord = {
  id: 'r1',
  type: 'household',
  villageId: 'v1',
  schemaVersion: 1,
  fields: { houseNo: '1' },
  deleted: false,
  fieldSeq: {},
  seq: 1,
};

beforeEach(async () => {
  Object.assign(phone, { present: true, cancel: false, prf: true });
  phone.secret = crypto.getRandomValues(new Uint8Array(32));
  await resetDatabase();
  requireUnlockedDatabase();
});

afterEach(() => {
  signOutLocally();
});

describe('unlock with the phone’s own screen lock (WebAuthn PRF)', () => {
  it('setup keeps no PIN-wrapped key; the screen lock opens the data; the password still recovers it', async () => {
    expect(await openAfterLogin(SURVEYOR, 'client-1', PASSWORD)).toBe('opened');
    expect(deviceLock.value.state).toBe('set-pin');
    await choosePlatformUnlock();
    expect(deviceLock.value.state).toBe('unlocked');
    await db().records.put(HOUSEHOLD);

    const stored = await getAccount(SURVEYOR.id);
    expect(stored?.pinKey).toBeNull();
    expect(stored?.platformKey?.wrapped).toBeInstanceOf(Uint8Array);
    await expect(choosePin(PIN)).rejects.toThrow();

    lockDevice('manual');
    expect(await unlockWithPin(PIN)).toMatchObject({ ok: false, passwordRequired: true });
    expect(await unlockWithPlatform()).toEqual({ ok: true });
    expect(await db().records.get(HOUSEHOLD.id)).toEqual(HOUSEHOLD);

    // A copied profile on another machine: no authenticator, so no key.
    lockDevice('manual');
    phone.present = false;
    expect(await unlockWithPlatform()).toEqual({ ok: false, reason: 'cancelled' });
    expect(deviceLock.value.state).toBe('locked');
    // Another phone's authenticator gives another PRF output: the GCM tag refuses it.
    phone.present = true;
    phone.secret = crypto.getRandomValues(new Uint8Array(32));
    expect(await unlockWithPlatform()).toEqual({ ok: false, reason: 'wrong-key' });

    // Recovery by password, offline: opens the same data, and the device stays PRF-only.
    expect(await unlockWithPassword(PASSWORD)).toEqual({ ok: true });
    expect(deviceLock.value.state).toBe('unlocked');
    expect(await db().records.get(HOUSEHOLD.id)).toEqual(HOUSEHOLD);
    expect((await getAccount(SURVEYOR.id))?.pinKey).toBeNull();
    expect(await databaseNames()).toContain(`tambon-field-${SURVEYOR.id}`);
  });

  it('a device without PRF keeps the PIN path; switching later deletes the PIN-wrapped key', async () => {
    await openAfterLogin(SURVEYOR, 'client-1', PASSWORD);
    phone.prf = false;
    await expect(choosePlatformUnlock()).rejects.toThrow();
    expect(deviceLock.value.state).toBe('set-pin');
    await choosePin(PIN);
    expect((await getAccount(SURVEYOR.id))?.pinKey).not.toBeNull();
    lockDevice('manual');
    expect(await unlockWithPin(PIN)).toEqual({ ok: true });

    // From Settings, on a browser that has it now.
    phone.prf = true;
    await choosePlatformUnlock();
    const account = await getAccount(SURVEYOR.id);
    expect(account?.pinKey).toBeNull();
    expect(account?.platformKey).toBeTruthy();
    lockDevice('manual');
    expect(await unlockWithPlatform()).toEqual({ ok: true });
  });

  it('a cancelled prompt changes nothing', async () => {
    await openAfterLogin(SURVEYOR, 'client-1', PASSWORD);
    await choosePlatformUnlock();
    lockDevice('idle');
    phone.cancel = true;
    expect(await unlockWithPlatform()).toEqual({ ok: false, reason: 'cancelled' });
    phone.cancel = false;
    expect(await unlockWithPlatform()).toEqual({ ok: true });
  });

  it('after a password change elsewhere, the screen lock opens the data once and the new password is wrapped', async () => {
    await openAfterLogin(SURVEYOR, 'client-1', PASSWORD);
    await choosePlatformUnlock();
    signOutLocally();
    expect(await openAfterLogin(SURVEYOR, 'client-1', 'a-new-password-1')).toBe('needs-pin');
    expect(await unlockWithPlatform()).toEqual({ ok: true });
    lockDevice('manual');
    phone.present = false;
    expect(await unlockWithPassword('a-new-password-1')).toEqual({ ok: true });
  });
});
