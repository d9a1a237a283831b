// Login throttling that cannot be turned into a weapon: failures slow down per (username,
// source) with growing delays; the right password from a device the user has signed in on
// before is never locked out by anyone else's failures; behind a proxy, only the configured
// hops are trusted, so a forged X-Forwarded-For neither walks past the per-address limit nor
// lands in the audit log.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/server/cli/config';
import type { Store } from '../../src/server/store';
import { testDatabases } from './databases';
import {
  createUser,
  expectError,
  login,
  newClientId,
  PASSWORD,
  type Seed,
  seed,
  testApp,
} from './helpers';

const databases = await testDatabases();
const MINUTE = 60_000;
/** Each wrong password costs a full scrypt check. */
const SLOW = 120_000;

/** A clock that moves only when told, so the waits are exact. */
function frozenClock() {
  let millis = Date.now();
  return {
    now: () => new Date(millis),
    advance: (ms: number) => {
      millis += ms;
    },
  };
}

describe.each(databases)('login throttling on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: Seed;
  const clock = frozenClock();

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await seed(store);
    app = await testApp(store, { clock: clock.now, rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const attempt = (
    username: string,
    password: string,
    remoteAddress: string,
    clientId = newClientId(),
    on = app,
  ) =>
    on.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      payload: { username, password, clientId },
    });

  it(
    'five wrong passwords from anyone do not lock the user out of a device it used before',
    async () => {
      // Fewer free failures per user than by default, to spend fewer full password checks.
      const guarded = await testApp(store, {
        clock: clock.now,
        rateLimit: false,
        loginThrottle: { freeFailuresPerUser: 4 },
      });
      const guess = (password: string, ip: string, clientId?: string) =>
        attempt('admin', password, ip, clientId, guarded);
      const phone = (await login(app, 'admin')).clientId;
      // Guesses from one address, then spread over many.
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await guess(`guess-${i}-wrong`, '198.51.100.7')).statusCode);
      }
      for (let i = 0; i < 12; i++) {
        statuses.push((await guess(`guess-${i}-wrong`, `198.51.100.${100 + i}`)).statusCode);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      // The attacker is being slowed down...
      expectError(await guess('another-guess', '198.51.100.7'), 429, 'too_many_requests');
      // ...and from another address too, for any device admin never used (account-wide)...
      expectError(await guess(PASSWORD, '192.0.2.50'), 429, 'too_many_requests');
      // ...but the admin's own phone signs in, from the office or from the attacker's network.
      expect((await guess(PASSWORD, '192.0.2.50', phone)).statusCode).toBe(200);
      expect((await guess(PASSWORD, '198.51.100.7', phone)).statusCode).toBe(200);
      await guarded.close();
    },
    SLOW,
  );

  it(
    'failures slow down per (username, source) with growing delays; another source is not slowed',
    async () => {
      await createUser(store, { username: 'typist', role: 'surveyor' });
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        const wrong = await attempt('typist', 'not-the-password', '203.0.113.5');
        expectError(wrong, 401, 'invalid_credentials');
        const next = await attempt('typist', 'not-the-password', '203.0.113.5');
        if (next.statusCode === 429) {
          const seconds = Number(next.headers['retry-after']);
          waits.push(seconds);
          clock.advance(seconds * 1000);
        } else {
          expectError(next, 401, 'invalid_credentials');
        }
      }
      // A few free tries for typos, then each failure doubles the wait.
      expect(waits.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < waits.length; i++) {
        expect(waits[i]).toBe((waits[i - 1] as number) * 2);
      }
      expect(waits.at(-1) as number).toBeLessThanOrEqual(15 * 60);
      // The same user from another address is not slowed by these failures.
      expect((await attempt('typist', PASSWORD, '203.0.113.99')).statusCode).toBe(200);
      // The right password ends the slow-down for that source.
      clock.advance(20 * MINUTE);
      expect((await attempt('typist', PASSWORD, '203.0.113.5')).statusCode).toBe(200);
      expectError(
        await attempt('typist', 'not-the-password', '203.0.113.5'),
        401,
        'invalid_credentials',
      );
    },
    SLOW,
  );

  it(
    'the per-username flood cap counts per address: a flood from one address does not block another',
    async () => {
      const limited = await testApp(store, {
        clock: clock.now,
        routeRateLimits: { loginPerUsername: { max: 3, windowMs: MINUTE } },
      });
      for (let i = 0; i < 3; i++)
        await attempt('supervisor', 'wrong-wrong', '198.51.100.20', newClientId(), limited);
      expectError(
        await attempt('supervisor', 'wrong-wrong', '198.51.100.20', newClientId(), limited),
        429,
        'too_many_requests',
      );
      const known = (await login(app, 'supervisor')).clientId;
      expect((await attempt('supervisor', PASSWORD, '192.0.2.77', known, limited)).statusCode).toBe(
        200,
      );
      await limited.close();
    },
    SLOW,
  );

  it(
    'TRUST_PROXY is a hop count or a list of proxies: a rotating X-Forwarded-For is not believed',
    async () => {
      expect(() => parseCli([], { TRUST_PROXY: 'true' })).toThrow(/hop count|addresses/);
      expect(parseCli([], { TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toEqual([
        '10.0.0.1',
        '10.1.0.0/16',
      ]);
      expect(parseCli([], {}).trustProxy).toBe(false);

      const { trustProxy } = parseCli([], { TRUST_PROXY: '1' });
      const proxied = await testApp(store, {
        clock: clock.now,
        rateLimit: false,
        trustProxy,
        loginThrottle: { maxFailuresPerIp: 3 },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await proxied.inject({
          method: 'POST',
          url: '/api/auth/login',
          // The proxy at 127.0.0.1 appends the address it saw to whatever the client sent.
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `10.66.${i}.${i}, 198.51.100.66` },
          payload: { username: `sprayed${i}`, password: 'wrong-wrong', clientId: newClientId() },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.at(-1)).toBe(429);
      const failed = (await store.listAudit({ limit: 30, action: 'auth.login_failed' })).filter(
        (e) => e.target?.startsWith('sprayed'),
      );
      expect(failed.length).toBeGreaterThan(0);
      expect(new Set(failed.map((e) => e.ip))).toEqual(new Set(['198.51.100.66']));
      await proxied.close();
      expect(data.users.admin.username).toBe('admin');
    },
    SLOW,
  );
});
