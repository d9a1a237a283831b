// The server's perimeter (docs/architecture.md §6, docs/security-server.md) on every database: rate
// limits on login and sync with a JSON 429 and Retry-After, body limits per route, the absolute
// session lifetime, token rotation, one live session per device, and logs without secrets.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_BODY_LIMIT } from '../../src/server/app';
import type { Store } from '../../src/server/store';
import { LoginResponse, RotateResponse } from '../../src/shared/api/auth';
import { BLOB_CHUNK_LIMIT_BYTES, BLOB_HEADERS } from '../../src/shared/api/blobs';
import { MAX_PUSH_BYTES } from '../../src/shared/sync/limits';
import { testDatabases } from './databases';
import {
  call,
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

describe.each(databases)('server hardening on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: Seed;
  const clock = testClock();

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await seed(store);
    app = await testApp(store, { clock: clock.now, rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const me = (token: string) => call(app, token, { method: 'GET', url: '/api/me' });
  const rotate = (token: string, on = app) =>
    call(on, token, { method: 'POST', url: '/api/auth/rotate' });

  describe('rate limits', () => {
    let limited: FastifyInstance;
    beforeAll(async () => {
      limited = await testApp(store, {
        rateLimit: { max: 1000, windowMs: 60_000 },
        routeRateLimits: {
          loginPerIp: { max: 3, windowMs: 60_000 },
          loginPerUsername: { max: 2, windowMs: 60_000 },
          syncPerDevice: { max: 3, windowMs: 60_000 },
        },
      });
    });
    afterAll(() => limited?.close());

    const postLogin = (payload: unknown, remoteAddress: string) =>
      limited.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: payload as object,
        remoteAddress,
      });

    it('caps login attempts per IP, before the body is even read', async () => {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await postLogin({}, '10.0.0.1')).statusCode);
      expect(statuses).toEqual([400, 400, 400]);
      const refused = await postLogin({}, '10.0.0.1');
      const error = expectError(refused, 429, 'too_many_requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(error.details).toEqual({ retryAfter: Number(refused.headers['retry-after']) });
      // Another address is not affected.
      expect((await postLogin({}, '10.0.0.2')).statusCode).toBe(400);
    });

    it('caps login attempts per username and IP, right password or not; another IP is not capped', async () => {
      const attempt = (username: string, ip: string) =>
        postLogin({ username, password: PASSWORD, clientId: newClientId() }, ip);
      expect((await attempt('surveyor', '10.0.1.1')).statusCode).toBe(200);
      expect((await attempt(' SURVEYOR', '10.0.1.1')).statusCode).toBe(200);
      expectError(await attempt('surveyor', '10.0.1.1'), 429, 'too_many_requests');
      expect((await attempt('surveyor', '10.0.1.3')).statusCode).toBe(200);
      expect((await attempt('welfare', '10.0.1.4')).statusCode).toBe(200);
    });

    it('caps push and pull together per device, not per user', async () => {
      const device = await openSession(store, data.users.surveyor.id);
      const other = await openSession(store, data.users.surveyor.id);
      const pull = (session: { token: string; clientId: string }) =>
        call(limited, session.token, {
          method: 'POST',
          url: '/api/sync/pull',
          payload: { clientId: session.clientId, cursors: {} },
        });
      const push = await call(limited, device.token, {
        method: 'POST',
        url: '/api/sync/push',
        payload: { clientId: device.clientId, mutations: [] },
      });
      expect(push.statusCode, push.body).toBe(200);
      expect((await pull(device)).statusCode).toBe(200);
      expect((await pull(device)).statusCode).toBe(200);
      const refused = await pull(device);
      expectError(refused, 429, 'too_many_requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await pull(other)).statusCode).toBe(200);
    });
  });

  describe('body limits', () => {
    const padding = (bytes: number) => 'x'.repeat(bytes);

    it('takes at most AUTH_BODY_LIMIT on login and password routes: 413 with the JSON body', async () => {
      const big = {
        username: 'admin',
        password: PASSWORD,
        clientId: newClientId(),
        deviceName: padding(AUTH_BODY_LIMIT),
      };
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: big });
      expectError(response, 413, 'payload_too_large');
      const { token } = await openSession(store, data.users.welfare.id);
      const password = await call(app, token, {
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword: padding(AUTH_BODY_LIMIT), newPassword: 'a new password' },
      });
      expectError(password, 413, 'payload_too_large');
    });

    it('takes a push up to MAX_PUSH_BYTES and no more', async () => {
      const device = await openSession(store, data.users.surveyor.id);
      const push = (bytes: number) =>
        call(app, device.token, {
          method: 'POST',
          url: '/api/sync/push',
          payload: { clientId: device.clientId, mutations: [], note: padding(bytes) },
        });
      expect((await push(MAX_PUSH_BYTES - 1000)).statusCode).toBe(200);
      expectError(await push(MAX_PUSH_BYTES), 413, 'payload_too_large');
    });

    it('takes a blob chunk up to BLOB_CHUNK_LIMIT_BYTES and no more', async () => {
      const { token } = await openSession(store, data.users.surveyor.id);
      const chunk = Buffer.alloc(BLOB_CHUNK_LIMIT_BYTES + 1, 1);
      const response = await call(app, token, {
        method: 'PATCH',
        url: `/api/blobs/${'a'.repeat(64)}`,
        headers: {
          'content-type': 'application/octet-stream',
          [BLOB_HEADERS.offset]: '0',
          [BLOB_HEADERS.size]: String(chunk.length),
          [BLOB_HEADERS.mime]: 'image/jpeg',
        },
        payload: chunk,
      });
      expectError(response, 413, 'payload_too_large');
      expect(await store.getBlob('a'.repeat(64))).toBeNull();
    });
  });

  describe('sessions', () => {
    it('ends a session 14 days after its login however often it is used', async () => {
      const loginAt = clock.now().getTime();
      const { token, expiresAt } = LoginResponse.parse(
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'welfare', password: PASSWORD, clientId: newClientId() },
          })
        ).json(),
      );
      expect(Date.parse(expiresAt) - loginAt).toBeLessThanOrEqual(7 * DAY + 5_000);
      for (let day = 4; day < 14; day += 4) {
        clock.advance(4 * DAY);
        expect((await me(token)).statusCode, `day ${day}`).toBe(200);
      }
      // Used on day 12: the idle window would reach day 19; the session still ends at day 14.
      clock.advance(2 * DAY + 60_000);
      expectError(await me(token), 401, 'session_expired');
    });

    it('rotates the token: the new one works, the old one is refused, the login time stays', async () => {
      const shortLived = await testApp(store, {
        clock: clock.now,
        rateLimit: false,
        sessionMaxAgeMs: 10 * DAY,
      });
      const clientId = newClientId();
      const first = await login(shortLived, 'surveyor', clientId);
      clock.advance(6 * DAY);
      const response = await rotate(first.token, shortLived);
      expect(response.statusCode, response.body).toBe(200);
      const rotated = RotateResponse.parse(response.json());
      expect(rotated.token).not.toBe(first.token);
      // Not 6 + 7 days: the login's absolute deadline (day 10) still holds.
      expect(Date.parse(rotated.expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(
        4 * DAY + 5_000,
      );
      // Once the device has used the new token, the old one is refused.
      expect(
        (await call(shortLived, rotated.token, { method: 'GET', url: '/api/me' })).statusCode,
      ).toBe(200);
      expectError(
        await call(shortLived, first.token, { method: 'GET', url: '/api/me' }),
        401,
        'unauthenticated',
      );
      expectError(await rotate(first.token, shortLived), 401, 'unauthenticated');

      const audit = await store.listAudit({ limit: 50 });
      const entry = audit.find((e) => e.action === 'auth.rotate' && e.target === clientId);
      expect(entry?.userId).toBe(data.users.surveyor.id);
      expect(JSON.stringify(audit)).not.toContain(rotated.token);

      clock.advance(4 * DAY + 60_000);
      expectError(
        await call(shortLived, rotated.token, { method: 'GET', url: '/api/me' }),
        401,
        'session_expired',
      );
      await shortLived.close();
    });

    it('a rotation whose answer never reached the device does not sign it out', async () => {
      const { token: old } = await login(app, 'surveyor', newClientId());
      // The server rotates; the answer is lost (the connection closed after the write).
      const lost = RotateResponse.parse((await rotate(old)).json()).token;
      // The device still holds only the old token: it keeps working, and rotates again.
      expect((await me(old)).statusCode).toBe(200);
      const second = await rotate(old);
      expect(second.statusCode, second.body).toBe(200);
      const next = RotateResponse.parse(second.json()).token;
      // The successor it never got is ended by that second rotation.
      expectError(await me(lost), 401, 'unauthenticated');
      expect((await me(next)).statusCode).toBe(200);
      // Now the device has used its new token: the old one is over.
      expectError(await me(old), 401, 'unauthenticated');
      expectError(await rotate(old), 401, 'unauthenticated');
    });

    it('a logout with a token whose rotation answer was lost also ends the unused successor', async () => {
      const { token: old } = await login(app, 'surveyor', newClientId());
      const lost = RotateResponse.parse((await rotate(old)).json()).token;
      expect((await call(app, old, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(
        204,
      );
      expectError(await me(old), 401, 'unauthenticated');
      expectError(await me(lost), 401, 'unauthenticated');
    });

    it('refuses to rotate without a live session', async () => {
      expectError(await rotate('B'.repeat(43)), 401, 'unauthenticated');
      const response = await app.inject({ method: 'POST', url: '/api/auth/rotate' });
      expectError(response, 401, 'unauthenticated');
    });

    it('ends the earlier sessions of a device when its user logs in again on it', async () => {
      const clientId = newClientId();
      const first = await login(app, 'admin', clientId);
      const elsewhere = await login(app, 'admin');
      const second = await login(app, 'admin', clientId);
      expectError(await me(first.token), 401, 'unauthenticated');
      expect((await me(second.token)).statusCode).toBe(200);
      expect((await me(elsewhere.token)).statusCode).toBe(200);
      const entry = (await store.listAudit({ limit: 20 })).find(
        (e) => e.action === 'auth.login' && e.target === clientId,
      );
      expect(entry?.details).toEqual({ endedSessions: 1 });
    });
  });

  it('writes no password and no token to the log, for a login and a rotation', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const logged = await testApp(store, { logger: { level: 'trace', stream }, rateLimit: false });
    const loginResponse = await logged.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'supervisor', password: PASSWORD, clientId: newClientId() },
    });
    const { token } = LoginResponse.parse(loginResponse.json());
    const rotated = RotateResponse.parse((await rotate(token, logged)).json());
    await logged.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'supervisor', password: `${PASSWORD}!`, clientId: newClientId() },
    });
    await logged.close();
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    expect(text).toContain('/api/auth/rotate');
    for (const secret of [PASSWORD, token, rotated.token]) expect(text).not.toContain(secret);
  });

  it('sends HSTS only over TLS, and a CSP without unsafe sources', async () => {
    const plain = await app.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tlsApp = await testApp(store, { tls: true, rateLimit: false });
    const secure = await tlsApp.inject({ method: 'GET', url: '/api/health' });
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
    await tlsApp.close();
    for (const response of [plain, secure]) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/unsafe-|\*/);
    }
  });
});
