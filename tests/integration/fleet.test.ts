// The fleet view (issue 17): each device reports after its syncs, on its own row only, and
// admins see every device with warnings judged against the server's version.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { type Device, DevicesResponse } from '../../src/shared/api/admin';
import type { DeviceReport } from '../../src/shared/api/fleet';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/sync/upgrade';
import { testDatabases } from './databases';
import { call, expectError, openSession, testApp } from './helpers';
import { type SyncSeed, syncSeed } from './syncHelpers';

const databases = await testDatabases();

const REPORT: DeviceReport = {
  appVersion: '0.1.0',
  buildId: 'abc123',
  schemaVersion: CURRENT_SCHEMA_VERSION,
  unsynced: 3,
  refused: 0,
  storageBytes: 12 * 1024 * 1024,
  persisted: true,
};

describe.each(databases)('fleet on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let seeded: SyncSeed;
  let now = new Date('2026-12-05T03:00:00Z');

  beforeAll(async () => {
    store = await database.openMigrated();
    seeded = await syncSeed(store);
    app = await testApp(store, { appVersion: '0.2.0', clock: () => now });
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  async function devices(): Promise<Device[]> {
    const admin = await openSession(store, seeded.users.admin.id);
    const response = await call(app, admin.token, { method: 'GET', url: '/api/admin/devices' });
    expect(response.statusCode, response.body).toBe(200);
    return DevicesResponse.parse(response.json()).devices;
  }

  const report = (token: string, payload: Record<string, unknown>) =>
    call(app, token, { method: 'POST', url: '/api/device/report', payload });

  it("stores the report on the session's own device, whatever device the body names", async () => {
    const mine = await openSession(store, seeded.users.surveyor1.id);
    const other = await openSession(store, seeded.users.surveyor2.id);
    const response = await report(mine.token, { ...REPORT, clientId: other.clientId });
    expect(response.statusCode, response.body).toBe(200);

    const list = await devices();
    const stored = list.find((d) => d.clientId === mine.clientId);
    expect(stored?.report).toEqual({ ...REPORT, reportedAt: now.toISOString() });
    expect(list.find((d) => d.clientId === other.clientId)?.report).toBeNull();
    // The server runs 0.2.0: this device is behind.
    expect(stored?.warnings).toEqual(['old_version']);
  });

  it('warns of a device silent for more than 7 days, one that may be evicted, and refused edits', async () => {
    const device = await openSession(store, seeded.users.welfare.id);
    await report(device.token, {
      ...REPORT,
      appVersion: '0.2.0',
      persisted: false,
      refused: 2,
    });
    expect((await devices()).find((d) => d.clientId === device.clientId)?.warnings).toEqual([
      'not_persistent',
      'refused',
    ]);
    now = new Date('2026-12-13T03:00:01Z');
    try {
      const later = (await devices()).find((d) => d.clientId === device.clientId);
      expect(later?.warnings[0]).toBe('silent');
    } finally {
      now = new Date('2026-12-05T03:00:00Z');
    }
  });

  it('refuses a report without a session, and values out of range, with a JSON error', async () => {
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/device/report',
      payload: REPORT,
    });
    expect(anonymous.statusCode).toBe(401);
    const device = await openSession(store, seeded.users.surveyor1.id);
    expectError(await report(device.token, { ...REPORT, unsynced: -1 }), 400, 'validation_failed');
    expectError(
      await report(device.token, { ...REPORT, appVersion: 'x'.repeat(500) }),
      400,
      'validation_failed',
    );
    const big = await report(device.token, { ...REPORT, buildId: 'y'.repeat(10_000) });
    expect(big.statusCode).toBe(413);
  });

  it('is read by admins and supervisors only', async () => {
    const surveyor = await openSession(store, seeded.users.surveyor1.id);
    const response = await call(app, surveyor.token, { method: 'GET', url: '/api/admin/devices' });
    expect(response.statusCode).toBe(403);
  });
});
