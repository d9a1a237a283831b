// Device audit events carry the device's own clock. One outside a plausible window (before
// 2020, or more than a day ahead of the server) is kept, since what it tells happened, but
// dated when the server received it, with the device's claim and the reason beside it: it can
// no longer sit on top of the audit log forever.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { DeviceEventsResponse } from '../../src/shared/api/deviceEvents';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';
import { call, testApp, testClock } from './helpers';
import { type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();
const HOUR = 60 * 60_000;

describe.each(databases)('device event times on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  const clock = testClock();

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    app = await testApp(store, { rateLimit: false, clock: clock.now });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('dates an event from 9999 or before 2020 at its arrival, with the reason; a plausible one keeps its time', async () => {
    const device = await TestDevice.open(app, store, data.users.surveyor1);
    const villageId = data.villages[0]?.id as string;
    const event = (at: string) => ({
      id: uuidv7(),
      kind: 'export',
      at,
      villageId,
      recordId: null,
      details: { what: 'households' },
    });
    const future = event('9999-12-31T23:59:59Z');
    const ancient = event('1999-01-01T00:00:00Z');
    const nearlyADayAhead = event(new Date(clock.now().getTime() + 23 * HOUR).toISOString());
    const yesterday = event(new Date(clock.now().getTime() - 24 * HOUR).toISOString());
    const before = clock.now().getTime();
    const response = await call(app, device.token, {
      method: 'POST',
      url: '/api/audit/events',
      payload: { events: [future, ancient, nearlyADayAhead, yesterday] },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = DeviceEventsResponse.parse(response.json());
    expect(body.recorded).toHaveLength(4);

    const stored = await store.listAudit({ limit: 50, action: 'export' });
    expect(stored.every((e) => Date.parse(e.at) < Date.parse('2100-01-01'))).toBe(true);
    const clamped = stored.filter((e) => (e.details as Record<string, unknown>).timeRefused);
    expect(clamped.map((e) => (e.details as Record<string, unknown>).deviceAt).sort()).toEqual([
      '1999-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ]);
    for (const entry of clamped) {
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(entry.at)).toBeLessThan(before + HOUR);
    }
    expect(clamped.map((e) => (e.details as Record<string, unknown>).timeRefused).sort()).toEqual([
      'after_server_time',
      'before_2020',
    ]);
    expect(stored).toHaveLength(4);
    expect(stored.map((e) => e.at)).toEqual(
      expect.arrayContaining([nearlyADayAhead.at, yesterday.at]),
    );
    expect(stored.filter((e) => !(e.details as Record<string, unknown>).timeRefused)).toHaveLength(
      2,
    );
  });
});
