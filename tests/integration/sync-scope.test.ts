// Scope changes (docs/architecture.md §5), the REAL client sync engine on fake-indexeddb against the
// in-process server: a village removed from a user while the device holds edits for it.
import 'fake-indexeddb/auto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../src/client/db/database';
import { edit } from '../../src/client/sync/edit';
import { SyncEngine } from '../../src/client/sync/engine';
import { httpTransport } from '../../src/client/sync/httpTransport';
import type { Store } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import { injectJson } from './clientDevice';
import { testDatabases } from './databases';
import { login, openSession, type Seed, seed, testApp } from './helpers';

const databases = await testDatabases();

describe.each(databases)('a village leaves a user with edits pending, on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: Seed;
  let adminToken: string;
  let phone: TambonDatabase;
  let engine: SyncEngine;

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await seed(store);
    app = await testApp(store, { rateLimit: false });
    adminToken = (await login(app, 'admin')).token;
  });
  beforeEach(async () => {
    // The surveyor works in หมู่ 1–2 again, on a fresh phone.
    await setSurveyorVillages(data.villages.slice(0, 2).map((v) => v.id));
    const session = await openSession(store, data.users.surveyor.id);
    phone = new TambonDatabase(`scope-${uuidv7()}`);
    engine = await SyncEngine.open(
      phone,
      session.clientId,
      httpTransport(injectJson(app, session.token)),
    );
  });
  afterEach(async () => {
    phone.close();
    await phone.delete();
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  async function setSurveyorVillages(villageIds: string[]) {
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${data.users.surveyor.id}`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { villageIds },
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  function village(index: number): string {
    const found = data.villages[index];
    if (!found) throw new Error(`no village ${index}`);
    return found.id;
  }

  async function createHousehold(villageId: string, houseNo: string): Promise<string> {
    const id = uuidv7();
    await edit(engine.device, [
      { op: 'create', type: 'household', id, villageId, patch: { houseNo } },
    ]);
    return id;
  }

  async function quarantinedOnServer(recordIds: string[]) {
    const rows = await store.listQuarantine({ status: 'open', villageIds: null, limit: 500 });
    return rows.filter((row) => row.recordId !== null && recordIds.includes(row.recordId));
  }

  it('pushes the outbox first: edits of the removed village are quarantined, not lost, and its data leaves the phone', async () => {
    const kept = await createHousehold(village(0), '1/1');
    const synced = await createHousehold(village(1), '2/1');
    await engine.sync();
    expect(await phone.records.count()).toBe(2);

    // Offline: an edit in each village, then the office takes หมู่ 2 away.
    await edit(engine.device, [
      { op: 'patch', type: 'household', id: kept, villageId: village(0), patch: { soi: 'ก' } },
      { op: 'patch', type: 'household', id: synced, villageId: village(1), patch: { soi: 'ข' } },
    ]);
    const fresh = await createHousehold(village(1), '2/2');
    await setSurveyorVillages([village(0)]);
    await engine.sync();

    const quarantined = await quarantinedOnServer([kept, synced, fresh]);
    expect(quarantined.map((row) => row.reason).sort()).toEqual([
      'transaction_failed',
      'village_not_allowed',
      'village_not_allowed',
    ]);
    expect(
      (await store.getRecord(kept))?.fields.soi,
      'the rest of the queue landed (after its own transaction was refused)',
    ).toBeUndefined();
    expect(await phone.outbox.count()).toBe(0);
    expect(await phone.records.where('villageId').equals(village(1)).count()).toBe(0);
    expect(await phone.pending.count()).toBe(0);
    expect((await phone.quarantined.toArray()).map((row) => row.recordId).sort()).toEqual(
      [kept, synced, fresh].sort(),
    );
    expect(await phone.records.get(kept)).toMatchObject({ villageId: village(0) });
  });

  it('keeps edits still unacknowledged when the new scope arrives as orphans; later edits still land', async () => {
    const other = await createHousehold(village(1), '2/9');
    await engine.sync();
    await edit(engine.device, [
      { op: 'patch', type: 'household', id: other, villageId: village(1), patch: { soi: 'ค' } },
    ]);
    await setSurveyorVillages([village(0)]);

    // The scope change reaches the phone before its push does (a pull on its own).
    await engine.pull();
    const orphans = await phone.orphans.toArray();
    expect(orphans.map((row) => row.kind).sort()).toEqual(['outbox', 'pending']);
    expect(orphans.every((row) => row.villageId === village(1))).toBe(true);
    expect(await phone.records.get(other)).toBeUndefined();
    expect(await phone.outbox.count()).toBe(0);

    const later = await createHousehold(village(0), '1/9');
    await engine.sync();
    expect((await store.getRecord(later))?.fields.houseNo).toBe('1/9');
    expect(await phone.outbox.count()).toBe(0);
    expect(await phone.orphans.count()).toBe(2);
  });
});
