// A device's identity cannot be borrowed: a clientId belongs to the first user who signs in
// with it, so no one else can push mutations numbered ahead of that device's own and have its
// genuine edits answered `duplicate` while they never reach the server.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';
import { call, expectError, newClientId, PASSWORD, testApp } from './helpers';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();

describe.each(databases)('device identity on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  let v1: string;
  let v4: string;

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    [v1, , , v4] = data.villages.map((v) => v.id) as [string, string, string, string];
    app = await testApp(store, { rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const loginAs = (username: string, clientId: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: PASSWORD, clientId },
    });

  const deviceOf = async (username: keyof SyncSeed['users'], clientId: string, n = 0) => {
    const response = await loginAs(username, clientId);
    expect(response.statusCode, response.body).toBe(200);
    const device = new TestDevice(app, response.json().token, clientId, data.users[username].id);
    device.n = n;
    return device;
  };

  it('another user signing in with a victim clientId cannot make its next edit a lost duplicate', async () => {
    const clientId = newClientId();
    const victim = await deviceOf('surveyor1', clientId);
    const id = uuidv7();
    await victim.push([victim.mutation({ op: 'create', id, villageId: v1, patch: household() })]);

    // The attacker reads the clientId from a pulled HLC and signs in with it.
    const borrowed = await loginAs('surveyor2', clientId);
    if (borrowed.statusCode === 200) {
      const attacker = new TestDevice(
        app,
        borrowed.json().token,
        clientId,
        data.users.surveyor2.id,
      );
      attacker.n = victim.n;
      const ahead = Array.from({ length: 10 }, () =>
        attacker.mutation({
          op: 'create',
          id: uuidv7(),
          villageId: v4,
          patch: household({ mooNo: 4 }),
        }),
      );
      await attacker.push(ahead);
    }

    // The victim's device goes on (signing in again if its session was taken from it).
    const me = await call(app, victim.token, { method: 'GET', url: '/api/me' });
    const current =
      me.statusCode === 200 ? victim : await deviceOf('surveyor1', clientId, victim.n);
    const edit = current.mutation({ id, villageId: v1, patch: { houseNo: '99/1' } });
    const pushed = await current.push([edit]);
    expect(pushed.results).toEqual([{ mutationId: edit.mutationId, status: 'applied' }]);
    expect((await store.getRecord(id))?.fields.houseNo).toBe('99/1');

    // And the borrowing was refused with a clear error, the device still the victim's.
    expectError(borrowed, 403, 'forbidden');
    expect(borrowed.json().error.details).toEqual({ reason: 'device_belongs_to_another_user' });
    expect((await store.getDevice(clientId))?.userId).toBe(data.users.surveyor1.id);
  });

  it('the owner signs in again on its own device; two users of one browser each have their own id', async () => {
    const phone = newClientId();
    await deviceOf('surveyor1', phone);
    await deviceOf('surveyor1', phone);
    // A second person on the same browser gets a clientId of its own (the app makes one per account).
    await deviceOf('surveyor2', newClientId());
    expect((await store.getDevice(phone))?.userId).toBe(data.users.surveyor1.id);
    const refused = await loginAs('admin', phone);
    expectError(refused, 403, 'forbidden');
    const audit = await store.listAudit({ limit: 20 });
    expect(
      audit.find((e) => e.action === 'auth.login_failed' && e.target === 'admin')?.details,
    ).toMatchObject({ reason: 'device_belongs_to_another_user', clientId: phone });
  });

  it('a pulled conflict names no other device: only the puller own id appears in its HLCs', async () => {
    const phoneA = await deviceOf('surveyor1', newClientId());
    const phoneB = await deviceOf('surveyor1', newClientId());
    const id = uuidv7();
    await phoneA.push([phoneA.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    const seq = (await store.getRecord(id))?.fieldMeta.road?.seq ?? 0;
    await phoneA.push([
      phoneA.mutation({ id, villageId: v1, patch: { road: 'A' }, base: { road: seq } }),
    ]);
    await phoneB.push([
      phoneB.mutation({ id, villageId: v1, patch: { road: 'B' }, base: { road: seq } }),
    ]);

    const office = await deviceOf('welfare', newClientId());
    const seen = JSON.stringify(await office.pullAll());
    expect(seen).toContain('"field":"road"');
    expect(seen).not.toContain(phoneA.clientId);
    expect(seen).not.toContain(phoneB.clientId);

    const own = JSON.stringify(await phoneA.pullAll());
    expect(own).toContain(phoneA.clientId);
    expect(own).not.toContain(phoneB.clientId);
  });
});
