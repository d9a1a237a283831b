// `Idempotency-Key` (server plugins/answerOnce.ts): Chromium sends a POST again when its
// connection closes before the answer, even after the server wrote everything, and a person
// sends again after a timeout. On the routes that must write once (an import, a village), the
// same request with the same key gets the first answer again and writes nothing more; a copy
// that arrives while the first runs waits for it. Keys are the user's own.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { ParcelImportResult } from '../../src/shared/api/parcels';
import type { Position } from '../../src/shared/geo/projection';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';
import { call, createUser, expectError, openSession, testApp } from './helpers';
import { parcelLayerZip } from './parcelFixture';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();

const HOUSE: Position = [103.65, 16.05];

describe.each(databases)('an Idempotency-Key answers once on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  let adminToken: string;

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    app = await testApp(store, { rateLimit: false });
    adminToken = (await openSession(store, data.users.admin.id)).token;
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const importParcels = (file: Uint8Array, key?: string, token = adminToken) =>
    call(app, token, {
      method: 'POST',
      url: '/api/parcels/import?fileName=tax.zip',
      headers: {
        'content-type': 'application/octet-stream',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      payload: Buffer.from(file),
    });
  const layer = (...codes: string[]) =>
    parcelLayerZip(
      codes.map((code, i) => ({ code, centre: HOUSE, offsetM: [i * 200, 0], moo: '1' })),
    );
  const parcelCodes = async () =>
    (await store.liveRecordsOfType('parcel')).map((r) => r.fields.code as string).sort();
  const importAudits = async () =>
    (await store.listAudit({ action: 'parcels.import', limit: 100 })).length;

  it('a parcel import sent again with its key answers the first answer and writes nothing more', async () => {
    const key = uuidv7();
    const file = layer('11A001', '11A002');
    const first = await importParcels(file, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(ParcelImportResult.parse(first.json()).counts).toMatchObject({ create: 2 });
    const audits = await importAudits();

    const again = await importParcels(file, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // "2 new", as the first said: not "2 unchanged" from an import run a second time.
    expect(again.json()).toEqual(first.json());
    expect(await importAudits()).toBe(audits);
    expect(await parcelCodes()).toEqual(['11A001', '11A002']);
  });

  it('two copies at once: one runs, the other waits and gets its answer', async () => {
    const key = uuidv7();
    const file = layer('12A001');
    const audits = await importAudits();
    const [a, b] = await Promise.all([importParcels(file, key), importParcels(file, key)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json()).toEqual(b.json());
    expect(ParcelImportResult.parse(a.json()).counts.create).toBe(1);
    expect(await importAudits()).toBe(audits + 1);
  });

  it('a key sent again with another file is refused and writes nothing', async () => {
    const key = uuidv7();
    expect((await importParcels(layer('13A001'), key)).statusCode).toBe(201);
    const response = await importParcels(layer('13A009'), key);
    expectError(response, 409, 'conflict');
    expect(response.json().error.details).toEqual([
      { path: 'Idempotency-Key', message: 'key_reused' },
    ]);
    expect(await parcelCodes()).not.toContain('13A009');
  });

  it('a refused request keeps no answer: the same key then runs the corrected request', async () => {
    const key = uuidv7();
    const refused = await importParcels(new TextEncoder().encode('not a layer'), key);
    expect(refused.statusCode).toBe(400);
    const corrected = await importParcels(layer('14A001'), key);
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    expect(await parcelCodes()).toContain('14A001');
  });

  it("another user's request with the same key is theirs: it runs", async () => {
    const other = await createUser(store, { username: `admin2-${uuidv7()}`, role: 'admin' });
    const otherToken = (await openSession(store, other.id)).token;
    const key = uuidv7();
    const create = (token: string, mooNo: number) =>
      call(app, token, {
        method: 'POST',
        url: '/api/admin/villages',
        headers: { 'idempotency-key': key },
        payload: { mooNo, name: `บ้านใหม่ ${mooNo}`, code: `451804${mooNo}` },
      });
    const mine = await create(adminToken, 21);
    expect(mine.statusCode, mine.body).toBe(201);
    const theirs = await create(otherToken, 22);
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
    // The same village sent again by its admin is the same village, not a 409 "moo taken".
    const again = await create(adminToken, 21);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(mine.json());
  });

  it('a PDPA request taken in twice with one key is one request', async () => {
    const supervisor = await TestDevice.open(app, store, data.users.supervisor);
    const villageId = data.villages[0]?.id as string;
    const householdId = uuidv7();
    const personId = uuidv7();
    await supervisor.push([
      supervisor.mutation({ op: 'create', id: householdId, villageId, patch: household() }),
      supervisor.mutation({
        op: 'create',
        type: 'person',
        id: personId,
        villageId,
        patch: { householdId, titlePrefix: 'mrs', firstName: 'คำปุน', lastName: 'ศรีสุข' },
      }),
    ]);
    const key = uuidv7();
    const takeIn = () =>
      call(app, adminToken, {
        method: 'POST',
        url: '/api/admin/privacy',
        headers: { 'idempotency-key': key },
        payload: { personId, kind: 'access', receivedOn: '2026-12-05', requesterName: 'คำปุน' },
      });
    const first = await takeIn();
    expect(first.statusCode, first.body).toBe(201);
    expect((await takeIn()).json()).toEqual(first.json());
    const listed = await call(app, adminToken, { method: 'GET', url: '/api/admin/privacy' });
    const mine = (listed.json().requests as Array<{ personId: string }>).filter(
      (r) => r.personId === personId,
    );
    expect(mine).toHaveLength(1);
  });

  it('a malformed key is refused before anything runs', async () => {
    const response = await importParcels(layer('15A001'), 'short');
    expectError(response, 400, 'validation_failed');
    expect(await parcelCodes()).not.toContain('15A001');
  });

  it('without a key, a request runs as before (an old client)', async () => {
    const file = layer('16A001');
    expect(ParcelImportResult.parse((await importParcels(file)).json()).counts.create).toBe(1);
    expect(ParcelImportResult.parse((await importParcels(file)).json()).counts.unchanged).toBe(1);
  });
});
