// PDPA data-subject requests (issue 6) on SQLite and PostgreSQL: taking requests in, due dates,
// the access export, and an erasure that reaches a REAL client device (Dexie on fake-indexeddb,
// the client's sync engine) through sync; every route refused outside the user's villages.
import 'fake-indexeddb/auto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../src/client/db/database';
import { edit } from '../../src/client/sync/edit';
import { SyncEngine } from '../../src/client/sync/engine';
import { httpTransport } from '../../src/client/sync/httpTransport';
import type { Store, UserRecord } from '../../src/server/store';
import {
  ErasureResponse,
  PeopleResponse,
  type PrivacyRequest,
  PrivacyRequestResponse,
  PrivacyRequestsResponse,
} from '../../src/shared/api/privacy';
import { uuidv7 } from '../../src/shared/ids';
import { nationalIdCheckDigit } from '../../src/shared/rules/nationalId';
import { injectJson } from './clientDevice';
import { testDatabases } from './databases';
import { call, createUser, expectError, openSession, testApp } from './helpers';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();
const NATIONAL_ID = `352010045678${nationalIdCheckDigit('352010045678')}`;
const DISEASE = 'เบาหวาน';
const OTHER_DISEASE = 'ความดันโลหิตสูง';

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe.each(databases)('PDPA requests on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  let admin4: UserRecord;
  const tokens: Record<string, string> = {};
  const devices: TambonDatabase[] = [];
  const as = (who: string, options: InjectOptions) => call(app, tokens[who] ?? null, options);
  const village = (i: number) => data.villages[i]?.id as string;

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    admin4 = await createUser(store, {
      username: 'admin4',
      role: 'admin',
      villageIds: [village(3)],
    });
    app = await testApp(store, { rateLimit: false });
    for (const [who, user] of [...Object.entries(data.users), ['admin4', admin4] as const]) {
      tokens[who] = (await openSession(store, user.id)).token;
    }
  });
  afterEach(async () => {
    for (const device of devices.splice(0)) {
      device.close();
      await device.delete();
    }
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  /** A welfare officer's tablet: the real client database and sync engine. */
  async function tablet() {
    const session = await openSession(store, data.users.welfare.id);
    const db = new TambonDatabase(`privacy-${uuidv7()}`);
    await db.open();
    devices.push(db);
    const engine = await SyncEngine.open(
      db,
      session.clientId,
      httpTransport(injectJson(app, session.token)),
    );
    return { db, engine };
  }

  /** Everything the device keeps, every table, as one string. */
  async function deviceText(db: TambonDatabase): Promise<string> {
    const tables = await Promise.all(db.tables.map((table) => table.toArray()));
    return JSON.stringify(tables);
  }

  /** On the tablet: a household, its member with a national ID and a disease, a case, a visit. */
  async function surveyOnTablet(engine: SyncEngine) {
    const householdId = uuidv7();
    const personId = uuidv7();
    const caseId = uuidv7();
    const villageId = village(0);
    await edit(engine.device, [
      { op: 'create', type: 'household', id: householdId, villageId, patch: household() },
      {
        op: 'create',
        type: 'person',
        id: personId,
        villageId,
        patch: {
          householdId,
          titlePrefix: 'mr',
          firstName: 'บุญมี',
          lastName: 'ศรีสุข',
          nationalId: NATIONAL_ID,
          chronicDiseases: [DISEASE],
          bedridden: true,
        },
      },
    ]);
    await edit(engine.device, [
      {
        op: 'create',
        type: 'case',
        id: caseId,
        villageId,
        patch: {
          category: 'elderly-care',
          channel: 'field-visit',
          description: 'ติดเตียง ขอเตียงลม',
          priority: 'normal',
          status: 'received',
          receivedAt: '2026-11-20T09:00:00+07:00',
          personId,
        },
      },
      {
        op: 'create',
        type: 'visit',
        villageId,
        patch: {
          caseId,
          personId,
          visitedOn: '2026-11-21',
          officerId: data.users.welfare.id,
          notes: 'เยี่ยมบ้าน',
        },
      },
    ]);
    await engine.sync();
    return { householdId, personId, caseId };
  }

  async function createRequest(
    who: string,
    body: Record<string, unknown>,
  ): Promise<PrivacyRequest> {
    const response = await as(who, { method: 'POST', url: '/api/admin/privacy', payload: body });
    expect(response.statusCode, response.body).toBe(201);
    return PrivacyRequestResponse.parse(response.json()).request;
  }

  const requestBody = (personId: string, kind: string, receivedOn = daysAgo(0)) => ({
    personId,
    kind,
    receivedOn,
    requesterName: 'บุญมี ศรีสุข',
    requesterContact: '081-234-5678',
    note: 'ยื่นที่ อบต.',
  });

  it('erases a person on the server and, through sync, on a device that had synced them', async () => {
    const { db, engine } = await tablet();
    const { personId } = await surveyOnTablet(engine);
    // Another device's concurrent value: both values end up in history and a conflict.
    const surveyor = await TestDevice.open(app, store, data.users.surveyor1);
    const pushed = await surveyor.push([
      surveyor.mutation({
        type: 'person',
        id: personId,
        villageId: village(0),
        patch: { chronicDiseases: [OTHER_DISEASE] },
      }),
    ]);
    expect(pushed.results[0]?.status).toBe('applied');
    await engine.sync();
    const before = await deviceText(db);
    expect(before).toContain(NATIONAL_ID);
    expect(before).toContain(DISEASE);
    expect(before).toContain(OTHER_DISEASE);

    const request = await createRequest('supervisor', requestBody(personId, 'erasure'));
    const erased = await as('supervisor', {
      method: 'POST',
      url: `/api/admin/privacy/${request.id}/erase`,
    });
    expect(erased.statusCode, erased.body).toBe(200);
    const outcome = ErasureResponse.parse(erased.json());
    expect([...outcome.fields].sort()).toEqual(['bedridden', 'chronicDiseases', 'nationalId']);
    expect(outcome.request).toMatchObject({ status: 'closed', outcome: 'done' });

    await engine.sync();
    const after = await deviceText(db);
    for (const value of [NATIONAL_ID, DISEASE, OTHER_DISEASE]) expect(after).not.toContain(value);
    const onDevice = await db.records.get(personId);
    expect(onDevice?.fields.firstName).toBe('บุญมี');
    expect(onDevice?.fields).not.toHaveProperty('nationalId');

    // Nothing left on the server either: record, history, conflicts.
    const serverText = JSON.stringify([
      await store.getRecord(personId),
      await store.fieldHistory(personId),
      await store.listConflicts({ status: 'all', villageIds: null, limit: 100 }),
    ]);
    for (const value of [NATIONAL_ID, DISEASE, OTHER_DISEASE]) {
      expect(serverText).not.toContain(value);
    }

    // The audit log shows the request and who handled it, never the values.
    const trail = await store.listAudit({ limit: 10, action: 'privacy.', target: personId });
    expect(trail.map((e) => e.action)).toEqual(['privacy.erase', 'privacy.request']);
    expect(trail[0]).toMatchObject({
      userId: data.users.supervisor.id,
      details: { requestId: request.id, fields: outcome.fields },
    });
    expect(JSON.stringify(trail)).not.toContain(NATIONAL_ID);

    // A device that had not pulled the erasure writes the old value: quarantined, value not kept.
    const stale = await surveyor.push([
      surveyor.mutation({
        type: 'person',
        id: personId,
        villageId: village(0),
        patch: { nationalId: NATIONAL_ID, firstName: 'บุญมี' },
        base: { nationalId: 0 },
      }),
    ]);
    expect(stale.results[0]?.reason).toBe('field_erased');
    const quarantined = await store.listQuarantine({ status: 'all', villageIds: null, limit: 100 });
    expect(quarantined.some((q) => q.recordId === personId && q.reason === 'field_erased')).toBe(
      true,
    );
    expect(JSON.stringify(quarantined)).not.toContain(NATIONAL_ID);

    // The tablet, which has seen the erasure, records a new fact: accepted.
    await edit(engine.device, [
      {
        op: 'patch',
        type: 'person',
        id: personId,
        villageId: village(0),
        patch: { chronicDiseases: ['โรคหัวใจ'] },
      },
    ]);
    await engine.sync();
    expect((await store.getRecord(personId))?.fields.chronicDiseases).toEqual(['โรคหัวใจ']);
  });

  it('deletes the ID card photos only the erased person referenced', async () => {
    const device = await TestDevice.open(app, store, data.users.welfare);
    const at = new Date().toISOString();
    const photo = async (seed: string) => {
      const sha256 = seed.repeat(64).slice(0, 64);
      await store.createBlob({
        sha256,
        size: 3,
        mime: 'image/jpeg',
        createdBy: data.users.welfare.id,
        at,
      });
      await store.appendBlobChunk(sha256, 0, new Uint8Array([1, 2, 3]));
      await store.setBlobProgress(sha256, 3, at);
      return { sha256, size: 3, mime: 'image/jpeg' };
    };
    const own = await photo('a');
    const shared = await photo('b');
    const householdId = uuidv7();
    const personId = uuidv7();
    const txId = uuidv7();
    await device.push([
      device.mutation({
        op: 'create',
        id: householdId,
        villageId: village(1),
        patch: household({ photos: [shared] }),
        txId,
      }),
      device.mutation({
        op: 'create',
        type: 'person',
        id: personId,
        villageId: village(1),
        patch: { householdId, firstName: 'ก', lastName: 'ข', idCardPhotos: [own, shared] },
        txId,
      }),
    ]);
    const request = await createRequest('admin', requestBody(personId, 'erasure'));
    const response = await as('admin', {
      method: 'POST',
      url: `/api/admin/privacy/${request.id}/erase`,
    });
    expect(ErasureResponse.parse(response.json())).toMatchObject({
      fields: ['idCardPhotos'],
      blobsDeleted: 1,
    });
    expect(await store.getBlob(own.sha256)).toBeNull();
    expect(await store.getBlob(shared.sha256)).not.toBeNull();
    // Erased once: a second erase of a closed request is refused.
    expectError(
      await as('admin', { method: 'POST', url: `/api/admin/privacy/${request.id}/erase` }),
      409,
      'conflict',
    );
  });

  /** POST …/approve by `who`. */
  const approve = (who: string, requestId: string) =>
    as(who, { method: 'POST', url: `/api/admin/privacy/${requestId}/approve` });
  const exportOf = (who: string, requestId: string) =>
    as(who, { method: 'GET', url: `/api/admin/privacy/${requestId}/export` });

  it('exports everything about the person for an approved access request, unmasked, and audits it', async () => {
    const { engine } = await tablet();
    const { personId, householdId, caseId } = await surveyOnTablet(engine);
    const request = await createRequest('supervisor', requestBody(personId, 'access'));
    const approved = await approve('admin', request.id);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(PrivacyRequestResponse.parse(approved.json()).request).toMatchObject({
      approvedBy: data.users.admin.id,
    });
    const response = await exportOf('supervisor', request.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toContain(`person-${personId}.json`);
    const dossier = response.json();
    expect(dossier.subject).toBe('นายบุญมี ศรีสุข');
    expect(dossier.person.fields).toMatchObject({
      nationalId: NATIONAL_ID,
      chronicDiseases: [DISEASE],
    });
    expect(dossier.household.id).toBe(householdId);
    expect(dossier.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(dossier.visits).toHaveLength(1);
    expect(dossier.visits[0].fields.notes).toBe('เยี่ยมบ้าน');
    expect(Object.keys(dossier.fieldHistory)).toContain(personId);
    const audited = await store.listAudit({ limit: 5, action: 'privacy.export', target: personId });
    expect(audited[0]).toMatchObject({
      userId: data.users.supervisor.id,
      details: { requestId: request.id, approvedBy: data.users.admin.id },
    });
    const approvals = await store.listAudit({
      limit: 5,
      action: 'privacy.approve',
      target: personId,
    });
    expect(approvals[0]).toMatchObject({ userId: data.users.admin.id });
    // An export is for access requests only.
    const erasure = await createRequest('supervisor', requestBody(personId, 'erasure'));
    expectError(await exportOf('supervisor', erasure.id), 409, 'conflict');
  });

  it('exports nothing before a second handler approves, nor after the request is closed', async () => {
    const { engine } = await tablet();
    const { personId } = await surveyOnTablet(engine);
    const request = await createRequest('admin', requestBody(personId, 'access'));
    for (const who of ['admin', 'supervisor']) {
      const refused = expectError(await exportOf(who, request.id), 409, 'conflict');
      expect(refused.details).toEqual({ reason: 'not_approved' });
    }
    // Whoever took the request in cannot also release the data.
    expect(expectError(await approve('admin', request.id), 409, 'conflict').details).toEqual({
      reason: 'own_request',
    });
    expect((await approve('supervisor', request.id)).statusCode).toBe(200);
    expectError(await approve('supervisor', request.id), 409, 'conflict');
    expect((await exportOf('admin', request.id)).statusCode).toBe(200);
    await as('admin', {
      method: 'POST',
      url: `/api/admin/privacy/${request.id}/close`,
      payload: { outcome: 'done' },
    });
    expectError(await exportOf('admin', request.id), 409, 'conflict');
    const exports = await store.listAudit({
      limit: 10,
      action: 'privacy.export',
      target: personId,
    });
    expect(exports).toHaveLength(1);
    // Only access requests are approved.
    const erasure = await createRequest('admin', requestBody(personId, 'erasure'));
    expectError(await approve('supervisor', erasure.id), 409, 'conflict');
  });

  it('keeps the title as its code apart from the name, and prints it in Thai in the file', async () => {
    const { engine } = await tablet();
    const { personId } = await surveyOnTablet(engine);
    const request = await createRequest('supervisor', requestBody(personId, 'access'));
    expect(request).toMatchObject({ personName: 'บุญมี ศรีสุข', personTitle: 'mr' });
    const listed = PrivacyRequestsResponse.parse(
      (await as('supervisor', { method: 'GET', url: '/api/admin/privacy' })).json(),
    ).requests.find((r) => r.id === request.id);
    expect(listed).toMatchObject({ personName: 'บุญมี ศรีสุข', personTitle: 'mr' });
  });

  it('lists open requests first with a 30-day due date, flags the overdue, closes with an outcome', async () => {
    const { engine } = await tablet();
    const { personId } = await surveyOnTablet(engine);
    const late = await createRequest(
      'supervisor',
      requestBody(personId, 'rectification', '2026-01-01'),
    );
    expect(late.dueOn).toBe('2026-01-31');
    expect(late.overdue).toBe(true);
    const fresh = await createRequest('supervisor', requestBody(personId, 'access'));
    expect(fresh.overdue).toBe(false);
    const closed = await as('supervisor', {
      method: 'POST',
      url: `/api/admin/privacy/${fresh.id}/close`,
      payload: { outcome: 'done', note: 'ส่งสำเนาแล้ว' },
    });
    expect(PrivacyRequestResponse.parse(closed.json()).request).toMatchObject({
      status: 'closed',
      outcome: 'done',
      closedBy: data.users.supervisor.id,
      overdue: false,
    });
    const list = PrivacyRequestsResponse.parse(
      (await as('supervisor', { method: 'GET', url: '/api/admin/privacy' })).json(),
    ).requests;
    const firstClosed = list.findIndex((r) => r.status === 'closed');
    expect(list.slice(firstClosed).every((r) => r.status === 'closed')).toBe(true);
    expect(list.find((r) => r.id === late.id)?.overdue).toBe(true);
    const open = PrivacyRequestsResponse.parse(
      (await as('supervisor', { method: 'GET', url: '/api/admin/privacy?status=open' })).json(),
    ).requests;
    expect(open.some((r) => r.id === fresh.id)).toBe(false);
  });

  it('finds people by name or national ID, with the ID masked for supervisors', async () => {
    const { engine } = await tablet();
    const { personId } = await surveyOnTablet(engine);
    const find = async (who: string, q: string) => {
      const response = await as(who, {
        method: 'GET',
        url: `/api/admin/privacy/people?q=${encodeURIComponent(q)}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as PeopleResponse).people;
    };
    const byName = await find('supervisor', 'บุญมี');
    expect(byName.map((p) => p.id)).toContain(personId);
    // The whole name, as typed or as screens print it with its Thai title.
    for (const q of ['บุญมี ศรีสุข', 'บุญมี  ศรีสุข', 'นายบุญมี ศรีสุข', 'นาย บุญมี ศรีสุข']) {
      expect(
        (await find('supervisor', q)).map((p) => p.id),
        q,
      ).toContain(personId);
    }
    expect(await find('supervisor', 'บุญมี ไม่มีใคร')).toEqual([]);
    expect(PeopleResponse.parse({ people: byName })).toBeTruthy();
    expect(byName.find((p) => p.id === personId)).toMatchObject({
      name: 'บุญมี ศรีสุข',
      title: 'mr',
    });
    const byId = await find('supervisor', `3-5201-00456-78-${NATIONAL_ID[12]}`);
    expect(byId.find((p) => p.id === personId)?.nationalId).toBe(
      `3-xxxx-xxxxx-xx-${NATIONAL_ID[12]}`,
    );
    // A sensitive value is not a search key.
    expect(await find('supervisor', DISEASE)).toEqual([]);
    expect(await find('admin4', 'บุญมี')).toEqual([]);
  });

  it("refuses every route for people outside the user's villages (IDOR) and for field roles", async () => {
    const { engine } = await tablet();
    const { personId } = await surveyOnTablet(engine);
    const access = await createRequest('admin', requestBody(personId, 'access'));
    const erasure = await createRequest('admin', requestBody(personId, 'erasure'));
    expectError(
      await as('admin4', {
        method: 'POST',
        url: '/api/admin/privacy',
        payload: requestBody(personId, 'access'),
      }),
      404,
      'not_found',
    );
    const list = PrivacyRequestsResponse.parse(
      (await as('admin4', { method: 'GET', url: '/api/admin/privacy' })).json(),
    );
    expect(list.requests).toEqual([]);
    const routes: InjectOptions[] = [
      { method: 'GET', url: `/api/admin/privacy/${access.id}/export` },
      { method: 'POST', url: `/api/admin/privacy/${access.id}/approve` },
      { method: 'POST', url: `/api/admin/privacy/${erasure.id}/erase` },
      {
        method: 'POST',
        url: `/api/admin/privacy/${access.id}/close`,
        payload: { outcome: 'done' },
      },
      { method: 'GET', url: `/api/admin/records/${personId}/history` },
    ];
    for (const route of routes) expectError(await as('admin4', route), 404, 'not_found');
    for (const who of ['surveyor1', 'welfare']) {
      for (const route of [...routes, { method: 'GET' as const, url: '/api/admin/privacy' }]) {
        expectError(await as(who, route), 403, 'forbidden');
      }
    }
    expect((await store.getRecord(personId))?.fields.nationalId).toBe(NATIONAL_ID);
    // Nothing was exported by the refused calls.
    expect(await store.listAudit({ limit: 5, action: 'privacy.export', target: personId })).toEqual(
      [],
    );
  });
});
