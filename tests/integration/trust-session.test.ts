// A session lasts days: by default 14 after the password login, however often the device uses
// or rotates its token; an unused one ends after 7. `--session-days` sets the absolute lifetime.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/server/cli/config';
import type { Store } from '../../src/server/store';
import { RotateResponse } from '../../src/shared/api/auth';
import { testDatabases } from './databases';
import { call, expectError, login, type Seed, seed, testApp, testClock } from './helpers';

const databases = await testDatabases();
const DAY = 24 * 60 * 60_000;

describe.each(databases)('session lifetime on $name', (database) => {
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
  const rotate = async (token: string) => {
    const response = await call(app, token, { method: 'POST', url: '/api/auth/rotate' });
    expect(response.statusCode, response.body).toBe(200);
    return RotateResponse.parse(response.json());
  };

  it('a device rotating its token every day is signed out 14 days after its login', async () => {
    const loginAt = clock.now().getTime();
    let { token } = await login(app, 'welfare');
    for (let day = 1; day <= 13; day++) {
      clock.advance(DAY);
      const rotated = await rotate(token);
      expect(Date.parse(rotated.expiresAt)).toBeLessThanOrEqual(loginAt + 14 * DAY + 5_000);
      expect((await me(rotated.token)).statusCode, `day ${day}`).toBe(200);
      // The new token used, the old one is over.
      expectError(await me(token), 401, 'unauthenticated');
      token = rotated.token;
    }
    clock.advance(DAY + 60_000);
    expectError(await me(token), 401, 'session_expired');
    const audit = await store.listAudit({ limit: 100, action: 'auth.rotate' });
    expect(audit.filter((e) => e.userId === data.users.welfare.id)).toHaveLength(13);
  });

  it('a token unused for 7 days has ended', async () => {
    const { token } = await login(app, 'surveyor');
    clock.advance(7 * DAY + 60_000);
    expectError(await me(token), 401, 'session_expired');
  });

  it('--session-days sets the absolute lifetime (1-90 days, default 14)', () => {
    expect(parseCli([], {}).sessionDays).toBe(14);
    expect(parseCli(['--session-days', '3'], {}).sessionDays).toBe(3);
    expect(parseCli([], { SESSION_DAYS: '30' }).sessionDays).toBe(30);
    expect(() => parseCli(['--session-days', '365'], {})).toThrow(/1 to 90/);
  });
});
