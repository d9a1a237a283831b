import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { LoginResponse, MeResponse, VillagesResponse } from '../../src/shared/api/auth';
import { testDatabases } from './databases';
import {
  call,
  createUser,
  expectError,
  login,
  newClientId,
  openSession,
  PASSWORD,
  type Seed,
  seed,
  testApp,
  testClock,
} from './helpers';

const databases = await testDatabases();
const DAY = 24 * 60 * 60_000;

describe.each(databases)('authentication on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: Seed;
  const clock = testClock();

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await seed(store);
    app = await testApp(store, {
      clock: clock.now,
      // Waits long enough that the slow password checks of a busy machine do not outlast them.
      loginThrottle: { freeFailures: 3, baseDelayMs: 60_000, maxFailuresPerIp: 1000 },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const postLogin = (payload: Record<string, unknown>, remoteAddress?: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress });

  it('logs in with a token, its expiry and the user; usernames are case-insensitive', async () => {
    const clientId = newClientId();
    const response = await postLogin({
      username: '  Surveyor ',
      password: PASSWORD,
      clientId,
      deviceName: 'Galaxy A05',
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = LoginResponse.parse(response.json());
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt) - clock.now().getTime()).toBeGreaterThan(6 * DAY);
    expect(body.user).toEqual({
      id: data.users.surveyor.id,
      username: 'surveyor',
      name: data.users.surveyor.name,
      role: 'surveyor',
      villageIds: data.users.surveyor.villageIds,
    });
    expect(response.body).not.toMatch(/scrypt|passwordHash/);
    const device = await store.getDevice(clientId);
    expect(device).toMatchObject({ userId: data.users.surveyor.id, name: 'Galaxy A05' });

    const me = await call(app, body.token, { method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(MeResponse.parse(me.json()).user.username).toBe('surveyor');
  });

  it('stores only a hash of the token', async () => {
    const { token } = await login(app, 'welfare');
    const audit = await store.listAudit({ limit: 200 });
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(await store.getSession(token)).toBeNull();
  });

  it('answers a wrong password and an unknown user alike: 401 invalid_credentials', async () => {
    const wrong = await postLogin({
      username: 'welfare',
      password: 'wrong-pass',
      clientId: newClientId(),
    });
    const unknown = await postLogin({
      username: 'nobody',
      password: PASSWORD,
      clientId: newClientId(),
    });
    const a = expectError(wrong, 401, 'invalid_credentials');
    const b = expectError(unknown, 401, 'invalid_credentials');
    expect(a).toEqual(b);
    const actions = (await store.listAudit({ limit: 20 })).filter(
      (e) => e.action === 'auth.login_failed',
    );
    expect(actions.map((e) => e.target)).toEqual(expect.arrayContaining(['welfare', 'nobody']));
    expect(JSON.stringify(actions)).not.toContain('wrong-pass');
  });

  it('slows a username down from an address after repeated failures: 429 with Retry-After, even with the right password', async () => {
    await createUser(store, { username: 'guessed', role: 'surveyor' });
    const attempt = (password: string) =>
      postLogin({ username: 'guessed', password, clientId: newClientId() }, '10.0.0.7');
    for (let i = 0; i < 3; i++)
      expectError(await attempt('not-it-123'), 401, 'invalid_credentials');
    const locked = await attempt(PASSWORD);
    expectError(locked, 429, 'too_many_requests');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // Other accounts are not locked out by it.
    expect(
      (await postLogin({ username: 'admin', password: PASSWORD, clientId: newClientId() }))
        .statusCode,
    ).toBe(200);

    clock.advance(retryAfter * 1000 + 1);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it('locks an IP that sprays many usernames', async () => {
    const sprayApp = await testApp(store, {
      clock: clock.now,
      loginThrottle: { freeFailures: 100, freeFailuresPerUser: 100, maxFailuresPerIp: 2 },
    });
    const spray = (username: string) =>
      sprayApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { username, password: 'wrong-pass', clientId: newClientId() },
      });
    expectError(await spray('spray1'), 401, 'invalid_credentials');
    expectError(await spray('spray2'), 401, 'invalid_credentials');
    expectError(await spray('spray3'), 429, 'too_many_requests');
    await sprayApp.close();
  });

  it('logs out: the token stops working, other sessions keep working', async () => {
    const first = await openSession(store, data.users.supervisor.id, clock.now());
    const second = await openSession(store, data.users.supervisor.id, clock.now());
    const logout = await call(app, first.token, { method: 'POST', url: '/api/auth/logout' });
    expect(logout.statusCode).toBe(204);
    expectError(
      await call(app, first.token, { method: 'GET', url: '/api/me' }),
      401,
      'unauthenticated',
    );
    expect((await call(app, second.token, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expectError(
      await call(app, null, { method: 'POST', url: '/api/auth/logout' }),
      401,
      'unauthenticated',
    );
  });

  it('refuses a revoked device: its token, and a new login from it', async () => {
    const { token, clientId } = await openSession(store, data.users.welfare.id, clock.now());
    const admin = await openSession(store, data.users.admin.id, clock.now());
    const revoke = await call(app, admin.token, {
      method: 'POST',
      url: `/api/admin/devices/${clientId}/revoke`,
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect(revoke.json().revokedAt).toEqual(expect.any(String));
    expectError(await call(app, token, { method: 'GET', url: '/api/me' }), 401, 'device_revoked');
    expectError(
      await postLogin({ username: 'welfare', password: PASSWORD, clientId }),
      401,
      'device_revoked',
    );
    // Another user on that device is refused as well; a new clientId works.
    expectError(
      await postLogin({ username: 'admin', password: PASSWORD, clientId }),
      401,
      'device_revoked',
    );
    expect(
      (await postLogin({ username: 'welfare', password: PASSWORD, clientId: newClientId() }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a disabled account: its sessions and its logins', async () => {
    const user = await createUser(store, { username: 'leaving', role: 'surveyor' });
    const { token } = await openSession(store, user.id, clock.now());
    await store.updateUser(user.id, { disabled: true }, clock.now().toISOString());
    expectError(await call(app, token, { method: 'GET', url: '/api/me' }), 401, 'account_disabled');
    expectError(
      await postLogin({ username: 'leaving', password: PASSWORD, clientId: newClientId() }),
      401,
      'account_disabled',
    );
    // A wrong password on a disabled account reveals nothing.
    expectError(
      await postLogin({ username: 'leaving', password: 'wrong-pass', clientId: newClientId() }),
      401,
      'invalid_credentials',
    );
  });

  it('expires an unused session, and slides a used one', async () => {
    const { token } = await login(app, 'surveyor');
    clock.advance(5 * DAY);
    expect((await call(app, token, { method: 'GET', url: '/api/villages' })).statusCode).toBe(200);
    clock.advance(5 * DAY);
    expect((await call(app, token, { method: 'GET', url: '/api/villages' })).statusCode).toBe(200);
    clock.advance(8 * DAY);
    expectError(await call(app, token, { method: 'GET', url: '/api/me' }), 401, 'session_expired');
  });

  it('keeps a device its first user: another user on its clientId is refused, its session kept', async () => {
    const clientId = newClientId();
    const first = await login(app, 'surveyor', clientId);
    const refused = await postLogin({ username: 'supervisor', password: PASSWORD, clientId });
    expectError(refused, 403, 'forbidden');
    expect((await store.getDevice(clientId))?.userId).toBe(data.users.surveyor.id);
    expect((await call(app, first.token, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    // Signing in again on the own device ends the earlier session there.
    const again = await login(app, 'surveyor', clientId);
    expectError(
      await call(app, first.token, { method: 'GET', url: '/api/me' }),
      401,
      'unauthenticated',
    );
    expect((await call(app, again.token, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });

  it('GET /api/me: the user, the organization and the villages the user may see', async () => {
    const surveyor = await openSession(store, data.users.surveyor.id, clock.now());
    const me = MeResponse.parse(
      (await call(app, surveyor.token, { method: 'GET', url: '/api/me' })).json(),
    );
    expect(me.user).toMatchObject({
      id: data.users.surveyor.id,
      role: 'surveyor',
      disabled: false,
    });
    expect(me.villages.map((v) => v.mooNo)).toEqual([1, 2]);
    expect(me.organization).toBeNull();
    expect(Math.abs(Date.parse(me.serverTime) - clock.now().getTime())).toBeLessThan(5000);
    // The organization's device policy: the server's default idle lock.
    expect(me.devicePolicy).toEqual({ idleLockMinutes: 5 });

    const supervisor = await openSession(store, data.users.supervisor.id, clock.now());
    const all = MeResponse.parse(
      (await call(app, supervisor.token, { method: 'GET', url: '/api/me' })).json(),
    );
    expect(all.villages.map((v) => v.mooNo)).toEqual([1, 2, 3]);
  });

  it('GET /api/villages lists every village to any logged-in user', async () => {
    const { token } = await openSession(store, data.users.surveyor.id, clock.now());
    const response = await call(app, token, { method: 'GET', url: '/api/villages' });
    expect(VillagesResponse.parse(response.json()).villages.map((v) => v.mooNo)).toEqual([1, 2, 3]);
    expectError(
      await call(app, null, { method: 'GET', url: '/api/villages' }),
      401,
      'unauthenticated',
    );
  });

  it('changes the own password: checks the current one and ends the other sessions', async () => {
    const changer = await createUser(store, { username: 'changer', role: 'welfare' });
    const here = await openSession(store, changer.id, clock.now());
    const elsewhere = await openSession(store, changer.id, clock.now());
    const change = (currentPassword: string, newPassword: string) =>
      call(app, here.token, {
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword, newPassword },
      });
    expectError(await change('wrong-current', 'brand new pass'), 401, 'invalid_credentials');
    expectError(await change(PASSWORD, 'short'), 400, 'validation_failed');
    expect((await change(PASSWORD, 'brand new pass')).statusCode).toBe(204);
    expect((await call(app, here.token, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expectError(
      await call(app, elsewhere.token, { method: 'GET', url: '/api/me' }),
      401,
      'unauthenticated',
    );
    const relogin = await postLogin({
      username: 'changer',
      password: 'brand new pass',
      clientId: newClientId(),
    });
    expect(relogin.statusCode).toBe(200);
  });

  it('a password changed with a token whose rotation answer was lost keeps this device signed in', async () => {
    const changer = await createUser(store, { username: 'rotated-changer', role: 'surveyor' });
    const here = await openSession(store, changer.id, clock.now());
    const elsewhere = await openSession(store, changer.id, clock.now());
    const rotate = (token: string) => call(app, token, { method: 'POST', url: '/api/auth/rotate' });
    // The rotation's answer never reached the device: it still holds only its old token.
    expect((await rotate(here.token)).statusCode).toBe(200);
    const changed = await call(app, here.token, {
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: PASSWORD, newPassword: 'brand new pass' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    // Every other session ended; this device goes on, and its next rotation works.
    expectError(
      await call(app, elsewhere.token, { method: 'GET', url: '/api/me' }),
      401,
      'unauthenticated',
    );
    expect((await call(app, here.token, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    const next = await rotate(here.token);
    expect(next.statusCode, next.body).toBe(200);
    const { token } = next.json() as { token: string };
    expect((await call(app, token, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expectError(
      await call(app, here.token, { method: 'GET', url: '/api/me' }),
      401,
      'unauthenticated',
    );
  });

  it('records logins and logouts in the audit log', async () => {
    const actions = new Set((await store.listAudit({ limit: 500 })).map((e) => e.action));
    for (const action of [
      'auth.login',
      'auth.login_failed',
      'auth.logout',
      'user.password_change',
    ]) {
      expect(actions).toContain(action);
    }
  });
});
