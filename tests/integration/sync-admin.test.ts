import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import {
  AcceptQuarantineResponse,
  ConflictsResponse,
  QuarantineResponse,
  RejectQuarantineResponse,
} from '../../src/shared/api/syncAdmin';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';
import { call, expectError, openSession, testApp } from './helpers';
import { household, replay, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();

describe.each(databases)('supervisor review of sync on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  let v1: string;
  let v4: string;
  const tokens: Record<string, string> = {};
  const as = (who: string, options: InjectOptions) => call(app, tokens[who] ?? null, options);
  const device = (who: keyof SyncSeed['users']) => TestDevice.open(app, store, data.users[who]);

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    [v1, , , v4] = data.villages.map((v) => v.id) as [string, string, string, string];
    app = await testApp(store, { rateLimit: false });
    for (const who of ['admin', 'supervisor', 'surveyor1', 'welfare'] as const) {
      tokens[who] = (await openSession(store, data.users[who].id)).token;
    }
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  async function quarantined(who: 'surveyor1' | 'surveyor2', villageId: string) {
    const d = await device(who);
    const m = d.mutation({
      op: 'create',
      id: uuidv7(),
      villageId,
      patch: household({ houseNo: `q-${d.n}` }),
    });
    const pushed = await d.push([m]);
    expect(pushed.results[0]?.status).toBe('quarantined');
    const list = QuarantineResponse.parse(
      (await as('supervisor', { method: 'GET', url: '/api/admin/quarantine' })).json(),
    );
    const entry = list.entries.find((e) => e.mutationId === m.mutationId);
    if (!entry) throw new Error('not listed');
    return { device: d, mutation: m, entry };
  }

  it('lists open quarantine for supervisors, and for admins only in their villages', async () => {
    const inV4 = await quarantined('surveyor1', v4);
    expect(inV4.entry).toMatchObject({
      reason: 'village_not_allowed',
      status: 'open',
      villageId: v4,
      username: 'surveyor1',
      mutation: inV4.mutation,
    });
    // The admin is assigned to หมู่ 1–3 only.
    const adminView = QuarantineResponse.parse(
      (await as('admin', { method: 'GET', url: '/api/admin/quarantine?status=all' })).json(),
    );
    expect(adminView.entries.map((e) => e.id)).not.toContain(inV4.entry.id);
    expectError(
      await as('admin', {
        method: 'POST',
        url: `/api/admin/quarantine/${inV4.entry.id}/reject`,
        payload: { reason: 'x' },
      }),
      404,
      'not_found',
    );
    expectError(
      await as('surveyor1', { method: 'GET', url: '/api/admin/quarantine' }),
      403,
      'forbidden',
    );
  });

  it('accepts a quarantined mutation into a chosen village through the merge', async () => {
    const { entry, mutation } = await quarantined('surveyor1', v4);
    const response = await as('supervisor', {
      method: 'POST',
      url: `/api/admin/quarantine/${entry.id}/accept`,
      payload: { villageId: v1, note: 'belongs to หมู่ 1' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const accepted = AcceptQuarantineResponse.parse(response.json());
    expect(accepted.entry).toMatchObject({
      status: 'accepted',
      handledBy: data.users.supervisor.id,
      note: 'belongs to หมู่ 1',
    });
    expect(accepted.result.status).toBe('applied');
    expect(accepted.record).toMatchObject({
      id: mutation.id,
      villageId: v1,
      fields: { houseNo: mutation.patch.houseNo },
    });
    expect(accepted.record?.fieldMeta.houseNo?.by).toBe(data.users.supervisor.id);
    // The surveyor's devices get it at the next pull, like any change.
    const s1 = await device('surveyor1');
    expect(replay(await s1.pullAll()).get(mutation.id)?.villageId).toBe(v1);

    expectError(
      await as('supervisor', { method: 'POST', url: `/api/admin/quarantine/${entry.id}/accept` }),
      409,
      'conflict',
    );
    const audit = await store.listAudit({ limit: 10 });
    expect(audit.find((e) => e.action === 'quarantine.accept')).toMatchObject({
      target: entry.id,
      userId: data.users.supervisor.id,
    });
  });

  it('refuses to accept what still cannot apply, and admins may not write records', async () => {
    const d = await device('surveyor1');
    const invalid = d.mutation({
      op: 'create',
      id: uuidv7(),
      villageId: v1,
      patch: household({ mooNo: 'one' }),
    });
    expect((await d.push([invalid])).results[0]?.reason).toBe('invalid_fields');
    const entry = (
      await store.listQuarantine({ status: 'open', villageIds: null, limit: 50 })
    ).find((q) => q.mutationId === invalid.mutationId);
    const accept = await as('supervisor', {
      method: 'POST',
      url: `/api/admin/quarantine/${entry?.id}/accept`,
    });
    expect(expectError(accept, 409, 'conflict').details).toEqual({ reason: 'invalid_fields' });
    expect(await store.getRecord(invalid.id)).toBeNull();
    expect((await store.getQuarantine(entry?.id as string))?.status).toBe('open');

    const inV1 = await quarantined('surveyor2', v1);
    expectError(
      await as('admin', { method: 'POST', url: `/api/admin/quarantine/${inV1.entry.id}/accept` }),
      403,
      'forbidden',
    );
  });

  it('rejects with a reason, once', async () => {
    const { entry } = await quarantined('surveyor2', v1);
    const response = await as('admin', {
      method: 'POST',
      url: `/api/admin/quarantine/${entry.id}/reject`,
      payload: { reason: 'duplicate of another household' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(RejectQuarantineResponse.parse(response.json()).entry).toMatchObject({
      status: 'rejected',
      note: 'duplicate of another household',
      handledBy: data.users.admin.id,
    });
    expectError(
      await as('admin', {
        method: 'POST',
        url: `/api/admin/quarantine/${entry.id}/reject`,
        payload: { reason: 'again' },
      }),
      409,
      'conflict',
    );
    expectError(
      await as('admin', {
        method: 'POST',
        url: `/api/admin/quarantine/${entry.id}/reject`,
        payload: {},
      }),
      400,
      'validation_failed',
    );
    const open = QuarantineResponse.parse(
      (await as('supervisor', { method: 'GET', url: '/api/admin/quarantine?status=open' })).json(),
    );
    expect(open.entries.map((e) => e.id)).not.toContain(entry.id);
  });

  it('lists open conflicts for review, and resolved ones', async () => {
    const a = await device('surveyor1');
    const b = await device('welfare');
    const id = uuidv7();
    await a.push([a.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    const seq = (await store.getRecord(id))?.seq ?? 0;
    const first = a.mutation({ id, villageId: v1, patch: { soi: 'A' }, base: { soi: seq } });
    const second = b.mutation({ id, villageId: v1, patch: { soi: 'B' }, base: { soi: seq } });
    await a.push([first]);
    await b.push([second]);
    const list = async (query: string) =>
      ConflictsResponse.parse(
        (await as('supervisor', { method: 'GET', url: `/api/admin/conflicts${query}` })).json(),
      ).conflicts.filter((c) => c.recordId === id);
    expect(await list('')).toEqual([
      expect.objectContaining({ field: 'soi', resolvedAt: null, resolvedBy: null }),
    ]);
    const current = (await store.getRecord(id))?.fieldMeta.soi?.seq ?? 0;
    await b.push([
      b.mutation({ op: 'resolve', id, villageId: v1, patch: { soi: 'B' }, base: { soi: current } }),
    ]);
    expect(await list('?status=open')).toEqual([]);
    expect(await list(`?status=resolved&villageId=${v1}`)).toEqual([
      expect.objectContaining({ field: 'soi', resolvedBy: data.users.welfare.id }),
    ]);
    // Admin of หมู่ 1–3 sees หมู่ 1; a village filter outside the scope gives nothing.
    const adminView = ConflictsResponse.parse(
      (
        await as('admin', { method: 'GET', url: `/api/admin/conflicts?status=all&villageId=${v4}` })
      ).json(),
    );
    expect(adminView.conflicts).toEqual([]);
  });

  it('gives a user a new scope version when their villages or role change', async () => {
    const s1 = await device('surveyor1');
    const before = await s1.pull();
    expect(before.scope.villages.map((v) => v.mooNo)).toEqual([1, 2, 3]);
    const ids = data.villages.slice(0, 4).map((v) => v.id);
    const changed = await as('admin', {
      method: 'PATCH',
      url: `/api/admin/users/${data.users.surveyor1.id}`,
      payload: { villageIds: ids },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await s1.pull();
    expect(after.scope.version).toBeGreaterThan(before.scope.version);
    expect(after.scope.villages.map((v) => v.mooNo)).toEqual([1, 2, 3, 4]);

    // Saving the same villages again is no change.
    await as('admin', {
      method: 'PATCH',
      url: `/api/admin/users/${data.users.surveyor1.id}`,
      payload: { villageIds: [...ids].reverse(), name: 'renamed' },
    });
    expect((await s1.pull()).scope.version).toBe(after.scope.version);

    await as('admin', {
      method: 'PATCH',
      url: `/api/admin/users/${data.users.surveyor1.id}`,
      payload: { role: 'welfare' },
    });
    expect((await s1.pull()).scope.version).toBeGreaterThan(after.scope.version);

    // A new village changes what a supervisor sees.
    const sup = await device('supervisor');
    const supBefore = await sup.pull();
    const created = await as('admin', {
      method: 'POST',
      url: '/api/admin/villages',
      payload: { mooNo: 7, name: 'บ้านสระแก้ว', code: '45180407' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const supAfter = await sup.pull();
    expect(supAfter.scope.version).toBeGreaterThan(supBefore.scope.version);
    expect(supAfter.scope.villages).toHaveLength(7);
    expect(supAfter.cursors[created.json().id]).toBe(0);
  });
});
