import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DatabaseLockedError,
  db,
  requireUnlockedDatabase,
  type StoredRecord,
  userDatabaseName,
} from '../../../../src/client/db/database';
import { getAccount } from '../../../../src/client/security/accounts';
import {
  chooseAccount,
  choosePin,
  deviceLock,
  forgetUser,
  lockDevice,
  MAX_PIN_FAILURES,
  openAfterLogin,
  rewrapWithPassword,
  signOutLocally,
  unlockWithPassword,
  unlockWithPin,
} from '../../../../src/client/security/deviceLock';
import type { SessionUser } from '../../../../src/shared/model/user';
import { databaseNames, PASSWORD, PIN, QUEUED_CREATE, resetDatabase, SURVEYOR } from '../helpers';

const OTHER: SessionUser = {
  id: '01930000-0000-7000-8000-0000000000b2',
  username: 'welfare1',
  name: 'สมศรี มีสุข',
  role: 'welfare',
  villageIds: [],
};

const HOUSEHOLD: StoredRecord = {
  id: 'r1',
  type: 'household',
  villageId: 'v1',
  schemaVersion: 1,
  fields: {},
  deleted: false,
  fieldSeq: {},
  seq: 1,
};

/** A user's first sign-in on this browser: the password opens a new data key, then the PIN is set. */
async function firstSignIn(user: SessionUser = SURVEYOR, clientId = `client-${user.username}`) {
  expect(await openAfterLogin(user, clientId, PASSWORD)).toBe('opened');
  await choosePin(PIN);
}

function lockState() {
  return deviceLock.value.state;
}

beforeEach(async () => {
  await resetDatabase();
  requireUnlockedDatabase();
});

afterEach(() => {
  vi.useRealTimers();
  signOutLocally();
});

describe('device lock', () => {
  it('a new user chooses a PIN; locking drops the database', async () => {
    expect(await openAfterLogin(SURVEYOR, 'client-1', PASSWORD)).toBe('opened');
    expect(lockState()).toBe('set-pin');
    await expect(choosePin('12345')).rejects.toThrow();
    await choosePin(PIN);
    expect(lockState()).toBe('unlocked');
    expect(db().name).toBe(userDatabaseName(SURVEYOR.id));
    expect((await getAccount(SURVEYOR.id))?.clientId).toBe('client-1');

    lockDevice('idle');
    expect(deviceLock.value).toMatchObject({ state: 'locked', reason: 'idle' });
    expect(() => db()).toThrow(DatabaseLockedError);
  });

  it('after 5 wrong PINs only the password opens, slower after each wrong one; then a new PIN is set', async () => {
    await firstSignIn();
    await db().outbox.put(QUEUED_CREATE);
    lockDevice('manual');
    for (let failures = 1; failures <= MAX_PIN_FAILURES; failures++) {
      expect(await unlockWithPin('000000')).toEqual({
        ok: false,
        failures,
        passwordRequired: failures === MAX_PIN_FAILURES,
      });
    }
    // The right PIN no longer opens: only the password does.
    expect(await unlockWithPin(PIN)).toMatchObject({ ok: false, passwordRequired: true });
    expect(lockState()).toBe('locked');

    vi.useFakeTimers({ toFake: ['Date'] });
    const first = await unlockWithPassword('wrong-1');
    const firstWait = Date.parse(first.ok ? '' : (first.retryAt ?? '')) - Date.now();
    // Before the wait is over even the right password is not tried.
    expect(await unlockWithPassword(PASSWORD)).toMatchObject({ ok: false });
    vi.setSystemTime(Date.now() + firstWait + 1);
    const second = await unlockWithPassword('wrong-2');
    const secondWait = Date.parse(second.ok ? '' : (second.retryAt ?? '')) - Date.now();
    expect(firstWait).toBeGreaterThan(0);
    expect(secondWait).toBeGreaterThan(firstWait);

    vi.setSystemTime(Date.now() + secondWait + 1);
    expect(await unlockWithPassword(PASSWORD)).toEqual({ ok: true });
    expect(lockState()).toBe('set-pin');
    // Nothing unsynced was lost to the lock-out.
    expect(await db().outbox.count()).toBe(1);
    const account = await getAccount(SURVEYOR.id);
    expect(account).toMatchObject({ pinKey: null, pinFailures: 0, passwordFailures: 0 });
  }, 30_000); // nine PBKDF2 derivations at 600,000 iterations

  it('two users of one browser each open only their own database', async () => {
    await firstSignIn(SURVEYOR);
    await db().records.put(HOUSEHOLD);
    signOutLocally();

    await firstSignIn(OTHER);
    expect(db().name).toBe(userDatabaseName(OTHER.id));
    expect(await db().records.count()).toBe(0);
    await db().records.put({ ...HOUSEHOLD, id: 'r2' });

    await chooseAccount(SURVEYOR.id);
    expect(() => db()).toThrow(DatabaseLockedError);
    expect(await unlockWithPin(PIN)).toEqual({ ok: true });
    expect(deviceLock.value.state === 'unlocked' && deviceLock.value.account.userId).toBe(
      SURVEYOR.id,
    );
    expect((await db().records.toArray()).map((r) => r.id)).toEqual(['r1']);
  });

  it('forgetting a user deletes their database and keys', async () => {
    await firstSignIn();
    await db().records.put(HOUSEHOLD);
    expect(await databaseNames()).toContain(userDatabaseName(SURVEYOR.id));
    await forgetUser(SURVEYOR.id);
    expect(lockState()).toBe('signed-out');
    expect(await databaseNames()).not.toContain(userDatabaseName(SURVEYOR.id));
    expect(await getAccount(SURVEYOR.id)).toBeUndefined();
    expect(() => db()).toThrow(DatabaseLockedError);
  });

  it('after a password change the new password opens the data and the old one no longer does', async () => {
    await firstSignIn();
    await rewrapWithPassword('new-password-1');
    lockDevice('manual');
    expect(await unlockWithPassword('new-password-1')).toEqual({ ok: true });
    lockDevice('manual');
    expect(await unlockWithPassword(PASSWORD)).toMatchObject({ ok: false });
    expect(lockState()).toBe('locked');
  });
});
