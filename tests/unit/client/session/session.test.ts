// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredRecord } from '../../../../src/client/db/database';
import {
  apiError,
  databaseNames,
  LOGIN_OK,
  ME_OK,
  PASSWORD,
  PIN,
  QUEUED_CREATE,
  resetDatabase,
  stubApi,
} from '../helpers';

type StateModule = typeof import('../../../../src/client/session/state');
type RolesModule = typeof import('../../../../src/client/session/roles');
type SignInModule = typeof import('../../../../src/client/session/signIn');
type EndModule = typeof import('../../../../src/client/session/end');
type ProfileModule = typeof import('../../../../src/client/session/profile');
type AuthenticatedModule = typeof import('../../../../src/client/api/authenticated');
type RotationModule = typeof import('../../../../src/client/api/tokenRotation');
type MetaModule = typeof import('../../../../src/client/db/meta');
type DatabaseModule = typeof import('../../../../src/client/db/database');
type DeviceLockModule = typeof import('../../../../src/client/security/deviceLock');
type AccountsModule = typeof import('../../../../src/client/security/accounts');

interface Page {
  state: StateModule;
  roles: RolesModule;
  signIn: SignInModule;
  end: EndModule;
  profile: ProfileModule;
  authenticated: AuthenticatedModule;
  rotation: RotationModule;
  meta: MetaModule;
  database: DatabaseModule;
  lock: DeviceLockModule;
  accounts: AccountsModule;
}

let page: Page | null = null;

/** The app's modules as a fresh page load would see them; the previous page is gone. */
async function freshPage(): Promise<Page> {
  closePage();
  vi.resetModules();
  page = {
    state: await import('../../../../src/client/session/state'),
    roles: await import('../../../../src/client/session/roles'),
    signIn: await import('../../../../src/client/session/signIn'),
    end: await import('../../../../src/client/session/end'),
    profile: await import('../../../../src/client/session/profile'),
    authenticated: await import('../../../../src/client/api/authenticated'),
    rotation: await import('../../../../src/client/api/tokenRotation'),
    meta: await import('../../../../src/client/db/meta'),
    database: await import('../../../../src/client/db/database'),
    lock: await import('../../../../src/client/security/deviceLock'),
    accounts: await import('../../../../src/client/security/accounts'),
  };
  return page;
}

function closePage(): void {
  page?.database.closeDb();
  page?.accounts.closeAccountsDb();
  page = null;
}

/** The first sign-in on this browser: the password, then the new PIN (what the login screen does). */
async function firstSignIn({ signIn, lock }: Page): Promise<void> {
  await signIn.login('surveyor1', PASSWORD);
  expect(lock.deviceLock.value.state).toBe('set-pin');
  await lock.choosePin(PIN);
  expect(lock.deviceLock.value.state).toBe('unlocked');
}

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

const userDatabase = (p: Page) => p.database.userDatabaseName(LOGIN_OK.user.id);

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  closePage();
  vi.unstubAllGlobals();
});

describe('session on the device', () => {
  it('survives a reload: a fresh page shows the lock, and the PIN restores the session offline', async () => {
    const fetch = stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'GET /api/me': [200, ME_OK],
    });
    const first = await freshPage();
    await firstSignIn(first);
    await first.profile.refreshProfile();
    const clientId = await first.meta.getClientId();
    const login = fetch.mock.calls.find(([url]) => url === '/api/auth/login');
    expect(JSON.parse(String(login?.[1]?.body)).clientId).toBe(clientId);

    // Reload without network: nothing may be fetched.
    const offline = vi.fn(async () => {
      throw new TypeError('offline');
    });
    vi.stubGlobal('fetch', offline);
    const second = await freshPage();
    second.database.requireUnlockedDatabase();
    await second.lock.startDeviceLock();
    const locked = second.lock.deviceLock.value;
    expect(locked.state).toBe('locked');
    expect(locked.state === 'locked' && locked.account.userId).toBe(LOGIN_OK.user.id);
    expect(locked.state === 'locked' && locked.reason).toBe('start');
    expect(second.state.session.value).toBeNull();
    expect(() => second.database.db()).toThrow(second.database.DatabaseLockedError);

    expect(await second.signIn.unlockPin(PIN)).toEqual({ ok: true });
    expect(second.lock.deviceLock.value.state).toBe('unlocked');
    expect(second.state.session.value?.user).toEqual(LOGIN_OK.user);
    expect(second.state.profile.value?.organization?.name).toBe(ME_OK.organization.name);
    expect(second.state.profile.value?.villages).toHaveLength(2);
    expect(await second.meta.getClientId()).toBe(clientId);
    expect(second.roles.mayReadAdmin.value).toBe(false);

    // Refreshing while offline keeps everything as it was.
    await second.profile.refreshProfile();
    expect(second.state.session.value?.token).toBe('token-1');
  });

  it('rotates the session token at most once a day, after which only the new one is stored', async () => {
    const fetch = stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'POST /api/auth/rotate': [200, { token: 'token-2', expiresAt: '2099-02-01T00:00:00.000Z' }],
    });
    const p = await freshPage();
    await firstSignIn(p);
    const rotations = () => fetch.mock.calls.filter(([url]) => url === '/api/auth/rotate').length;

    // Within a day of sign-in nothing is asked.
    expect(await p.rotation.rotateSessionIfDue(Date.now() + 60 * 60_000)).toBe(false);
    expect(rotations()).toBe(0);

    const nextDay = Date.now() + p.rotation.ROTATE_EVERY_MS + 60_000;
    expect(await p.rotation.rotateSessionIfDue(nextDay)).toBe(true);
    expect(rotations()).toBe(1);
    expect(p.state.session.value?.token).toBe('token-2');
    expect((await p.meta.getMeta('session'))?.token).toBe('token-2');
    // The rotation itself went out with the old token.
    const rotate = fetch.mock.calls.find(([url]) => url === '/api/auth/rotate');
    expect(new Headers(rotate?.[1]?.headers).get('authorization')).toBe('Bearer token-1');

    // Not again the same day.
    expect(await p.rotation.rotateSessionIfDue(nextDay + 60 * 60_000)).toBe(false);
    expect(rotations()).toBe(1);
  });

  it('keeps the token when the rotation cannot reach the server', async () => {
    stubApi({ 'POST /api/auth/login': [200, LOGIN_OK] });
    const p = await freshPage();
    await firstSignIn(p);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('offline');
      }),
    );
    expect(await p.rotation.rotateSessionIfDue(Date.now() + 2 * p.rotation.ROTATE_EVERY_MS)).toBe(
      false,
    );
    expect(p.state.session.value?.token).toBe('token-1');
    expect((await p.meta.getMeta('session'))?.token).toBe('token-1');
  });

  it('generates the device id once', async () => {
    const { meta } = await freshPage();
    const [a, b] = await Promise.all([meta.getClientId(), meta.getClientId()]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('picks up a changed role and villages from /api/me', async () => {
    stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'GET /api/me': [200, { ...ME_OK, user: { ...ME_OK.user, role: 'supervisor' } }],
    });
    const current = await freshPage();
    await firstSignIn(current);
    await current.profile.refreshProfile();
    expect(current.state.currentUser.value?.role).toBe('supervisor');
    expect(current.roles.mayReadAdmin.value).toBe(true);
    expect(current.roles.isAdmin.value).toBe(false);
  });

  it('a revoked device pushes what it has, then its database and keys are deleted', async () => {
    stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'GET /api/me': [200, ME_OK],
    });
    const current = await freshPage();
    const { state, profile, authenticated, end, database, lock, accounts } = current;
    await firstSignIn(current);
    await profile.refreshProfile();
    const clientId = await current.meta.getClientId();
    await database.db().records.put(HOUSEHOLD);
    await database.db().outbox.put(QUEUED_CREATE);
    // The last push (main.tsx wires it to the sync engine) still sees the unsynced edit; only
    // then is it deleted.
    const outboxAtPush: number[] = [];
    let ended = 0;
    end.onSessionEnd({
      beforeWipe: async () => {
        outboxAtPush.push(await database.db().outbox.count());
      },
      ended: () => {
        ended += 1;
      },
    });

    stubApi({ 'GET /api/me': [401, apiError('device_revoked')] });
    await expect(authenticated.api('/api/me')).rejects.toMatchObject({ code: 'device_revoked' });
    expect(outboxAtPush).toEqual([1]);
    expect(ended).toBe(1);
    expect(state.session.value).toBeNull();
    expect(state.profile.value).toBeNull();
    expect(state.signedOutReason.value).toBe('device_revoked');
    expect(lock.deviceLock.value.state).toBe('signed-out');
    expect(() => database.db()).toThrow(database.DatabaseLockedError);
    expect(await databaseNames()).not.toContain(userDatabase(current));
    expect(await accounts.getAccount(LOGIN_OK.user.id)).toBeUndefined();
    expect(await accounts.listAccounts()).toEqual([]);

    // Signing in again starts afresh under a new device id: no mutationId is ever reused.
    stubApi({ 'POST /api/auth/login': [200, LOGIN_OK], 'GET /api/me': [200, ME_OK] });
    await firstSignIn(current);
    expect(await database.db().records.count()).toBe(0);
    expect(await current.meta.getClientId()).not.toBe(clientId);
  });

  it.each(['session_expired', 'unauthenticated', 'account_disabled'] as const)(
    '401 %s signs out but keeps the data and the account on the device',
    async (code) => {
      stubApi({ 'POST /api/auth/login': [200, LOGIN_OK], 'GET /api/me': [200, ME_OK] });
      const current = await freshPage();
      const { state, profile, database, lock, accounts, meta } = current;
      await firstSignIn(current);
      await profile.refreshProfile();
      await database.db().records.put(HOUSEHOLD);
      stubApi({ 'GET /api/me': [401, apiError(code)] });
      await profile.refreshProfile();
      expect(state.session.value).toBeNull();
      expect(state.signedOutReason.value).toBe(code);
      expect(lock.deviceLock.value.state).toBe('signed-out');
      expect(() => database.db()).toThrow(database.DatabaseLockedError);
      expect(await accounts.getAccount(LOGIN_OK.user.id)).toBeDefined();

      // The same user opens their data again with their PIN: the records are there, the session not.
      await lock.chooseAccount(LOGIN_OK.user.id);
      expect(await lock.unlockWithPin(PIN)).toEqual({ ok: true });
      expect(await database.db().records.get('r1')).toEqual(HOUSEHOLD);
      expect(await meta.getMeta('session')).toBeUndefined();
    },
  );

  it('other errors (403, 500, wrong current password) keep the session', async () => {
    stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'GET /api/me': [500, apiError('internal')],
      'POST /api/me/password': [401, apiError('invalid_credentials')],
      'GET /api/admin/users': [403, apiError('forbidden')],
    });
    const { state, signIn, profile, authenticated } = await freshPage();
    await signIn.login('surveyor1', 'demo1234');
    await profile.refreshProfile();
    await expect(
      authenticated.api('/api/me/password', { method: 'POST', body: {} }),
    ).rejects.toThrow();
    await expect(authenticated.api('/api/admin/users')).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(state.session.value?.token).toBe('token-1');
  });

  it('logout deletes the database and keys of the user, even when the server cannot be reached', async () => {
    stubApi({ 'POST /api/auth/login': [200, LOGIN_OK], 'GET /api/me': [200, ME_OK] });
    const current = await freshPage();
    const { state, end, database, lock, accounts } = current;
    await firstSignIn(current);
    await database.db().records.put(HOUSEHOLD);
    expect(await databaseNames()).toContain(userDatabase(current));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('offline');
      }),
    );
    await end.logout();
    expect(state.session.value).toBeNull();
    expect(lock.deviceLock.value.state).toBe('signed-out');
    expect(await databaseNames()).not.toContain(userDatabase(current));
    expect(await accounts.getAccount(LOGIN_OK.user.id)).toBeUndefined();
  });

  it('sends the bearer token', async () => {
    const fetch = stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'GET /api/me': [200, ME_OK],
    });
    const { signIn, profile } = await freshPage();
    await signIn.login('surveyor1', 'demo1234');
    await profile.refreshProfile();
    const meCall = fetch.mock.calls.find(([url]) => url === '/api/me');
    expect(new Headers(meCall?.[1]?.headers).get('Authorization')).toBe('Bearer token-1');
  });
});
