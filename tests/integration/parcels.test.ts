// Issue 16: an admin imports the tax map's parcel layer (a zipped Shapefile in Indian 1975 /
// UTM 48N with TIS-620 attributes); parcels land in the right villages, reach the devices of
// those villages through pull and no others; a re-import updates; nothing but an admin may.

import type { FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { ParcelImportResult, ParcelPreview } from '../../src/shared/api/parcels';
import { pointInMultiPolygon } from '../../src/shared/geo/geometry';
import type { Position } from '../../src/shared/geo/projection';
import { uuidv7 } from '../../src/shared/ids';
import { ParcelFields } from '../../src/shared/model/parcel';
import { testDatabases } from './databases';
import { call, expectError, openSession, testApp } from './helpers';
import { type FixtureParcel, parcelLayerZip } from './parcelFixture';
import { household, replay, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();

/** Houses of หมู่ 1 and หมู่ 4, ~6 km apart, as their GPS fixes say. */
const HOUSE_1: Position = [103.65, 16.05];
const HOUSE_4: Position = [103.7, 16.08];
/** Where no household is (5 km from both). */
const NOWHERE: Position = [103.6, 16.1];

const PARCELS: FixtureParcel[] = [
  // Around house 1: หมู่ 1 by the household on it.
  { code: '01A001', centre: HOUSE_1, owner: 'นายสมชาย ใจดี' },
  // Around house 4: หมู่ 4.
  { code: '04A001', centre: HOUSE_4, landUse: 'เกษตรกรรม (นาข้าว)' },
  // 100 m east of house 4, no house on it: the nearest household's village, หมู่ 4.
  { code: '04A002', centre: HOUSE_4, offsetM: [100, 0] },
  // Far from everyone, but the file says หมู่ 2.
  { code: '02B001', centre: NOWHERE, offsetM: [0, 500], moo: '2' },
  // Far from everyone; a household of หมู่ 1 names it as its tax parcel.
  { code: '02-B-007', centre: NOWHERE, offsetM: [500, 0] },
  // Far from everyone, no หมู่, nobody names it: not written.
  { code: '09Z999', centre: NOWHERE },
];

const upload =
  (
    token: string | null,
    url: string,
    payload: Uint8Array | string,
    type = 'application/octet-stream',
  ) =>
  (app: FastifyInstance) =>
    call(app, token, {
      method: 'POST',
      url,
      headers: { 'content-type': type },
      payload: Buffer.from(payload),
    });

describe.each(databases)('tax-map parcel import on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  let adminToken: string;
  let file: Uint8Array;

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    app = await testApp(store, { rateLimit: false });
    adminToken = (await openSession(store, data.users.admin.id)).token;
    const [v1, , , v4] = data.villages;
    const supervisor = await TestDevice.open(app, store, data.users.supervisor);
    const gps = ([lng, lat]: Position) => ({ lat, lng });
    const result = await supervisor.push([
      supervisor.mutation({
        op: 'create',
        id: uuidv7(),
        villageId: v1?.id as string,
        patch: household({ gps: gps(HOUSE_1) }),
      }),
      supervisor.mutation({
        op: 'create',
        id: uuidv7(),
        villageId: v4?.id as string,
        patch: household({ mooNo: 4, gps: gps(HOUSE_4) }),
      }),
      supervisor.mutation({
        op: 'create',
        id: uuidv7(),
        villageId: v1?.id as string,
        patch: household({ houseNo: '7', taxParcelCode: '02B7' }),
      }),
    ]);
    expect(result.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    file = parcelLayerZip(PARCELS);
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const mooOf = (villageId: string | null) =>
    data.villages.find((v) => v.id === villageId)?.mooNo ?? null;

  it('previews: the projection, Thai attributes, villages, and the houses to draw under them', async () => {
    const response = await upload(adminToken, '/api/parcels/preview?fileName=tax.zip', file)(app);
    expect(response.statusCode, response.body).toBe(200);
    const preview = ParcelPreview.parse(response.json());
    expect(preview).toMatchObject({
      format: 'shapefile',
      projection: 24048,
      encoding: 'windows-874',
      codeColumns: ['PARCEL_COD'],
      mooColumn: 'MOO',
    });
    expect(preview.counts).toMatchObject({ features: 6, create: 5, noVillage: 1, update: 0 });
    expect(preview.villages.map((v) => [v.mooNo, v.parcels])).toEqual([
      [1, 2],
      [2, 1],
      [4, 2],
    ]);
    expect(preview.problems).toEqual([{ record: 6, reason: 'no_village', code: '09Z999' }]);
    // The reprojected parcel (datum shift and all) lies around the house it was drawn around.
    const first = preview.sample.find((p) => p.code === '01A001');
    expect(first && pointInMultiPolygon(HOUSE_1, first.polygons)).toBe(true);
    // The admin is assigned หมู่ 1–3: the house of หมู่ 4 is not shown to them.
    expect(preview.households).toEqual([{ villageId: data.villages[0]?.id, point: HOUSE_1 }]);
    // Nothing written.
    expect(await store.liveRecordsOfType('parcel')).toEqual([]);
  });

  it('imports into the right villages; each surveyor pulls only the parcels of their villages', async () => {
    const response = await upload(adminToken, '/api/parcels/import?fileName=tax.zip', file)(app);
    expect(response.statusCode, response.body).toBe(201);
    const result = ParcelImportResult.parse(response.json());
    expect(result.counts).toMatchObject({ create: 5, update: 0, noVillage: 1 });

    const stored = await store.liveRecordsOfType('parcel');
    expect(stored.map((r) => [r.fields.code, mooOf(r.villageId)]).sort()).toEqual([
      ['01A001', 1],
      ['02-B-007', 1],
      ['02B001', 2],
      ['04A001', 4],
      ['04A002', 4],
    ]);
    for (const record of stored) expect(ParcelFields.safeParse(record.fields).success).toBe(true);

    const surveyor2 = await TestDevice.open(app, store, data.users.surveyor2);
    const theirs = [...replay(await surveyor2.pullAll()).values()].filter(
      (r) => r.type === 'parcel',
    );
    expect(theirs.map((r) => r.fields.code).sort()).toEqual(['04A001', '04A002']);
    const rice = theirs.find((r) => r.fields.code === '04A001');
    expect((rice?.fields as ParcelFields | undefined)?.attributes).toMatchObject({
      LANDUSE: 'เกษตรกรรม (นาข้าว)',
      OWNER: 'นายทองดี มีนา',
      RAI: '1',
    });

    const surveyor1 = await TestDevice.open(app, store, data.users.surveyor1);
    const ones = [...replay(await surveyor1.pullAll()).values()].filter((r) => r.type === 'parcel');
    expect(ones.map((r) => r.fields.code).sort()).toEqual(['01A001', '02-B-007', '02B001']);
    expect(
      (ones.find((r) => r.fields.code === '01A001')?.fields as ParcelFields | undefined)?.attributes
        ?.OWNER,
    ).toBe('นายสมชาย ใจดี');

    const audit = await store.listAudit({ action: 'parcels.import', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: data.users.admin.id, target: result.importId });
  });

  it('a re-import updates what changed and never duplicates', async () => {
    const again = await upload(adminToken, '/api/parcels/import', file)(app);
    expect(again.statusCode, again.body).toBe(201);
    expect(ParcelImportResult.parse(again.json()).counts).toMatchObject({
      create: 0,
      update: 0,
      unchanged: 5,
    });
    const changed = parcelLayerZip(
      PARCELS.map((p) => (p.code === '04A001' ? { ...p, owner: 'นางมาลี ขายนา' } : p)).filter(
        (p) => p.code !== '02B001',
      ),
    );
    const third = await upload(adminToken, '/api/parcels/import', changed)(app);
    expect(third.statusCode, third.body).toBe(201);
    expect(ParcelImportResult.parse(third.json()).counts).toMatchObject({
      create: 0,
      update: 1,
      unchanged: 3,
      notInFile: 1,
    });
    const stored = await store.liveRecordsOfType('parcel');
    expect(stored).toHaveLength(5);
    // The update is a plain edit over what was stored, not a concurrent one: no conflict kept.
    const surveyor2 = await TestDevice.open(app, store, data.users.surveyor2);
    const pages = await surveyor2.pullAll();
    expect(pages.flatMap((page) => page.conflicts)).toEqual([]);
    const updated = stored.find((r) => r.fields.code === '04A001');
    expect((updated?.fields as ParcelFields | undefined)?.attributes?.OWNER).toBe('นางมาลี ขายนา');
  });

  it('refuses every role but admin, and anyone without a session, before reading the body', async () => {
    for (const user of [data.users.supervisor, data.users.surveyor1, data.users.welfare]) {
      const { token } = await openSession(store, user.id);
      expectError(await upload(token, '/api/parcels/preview', file)(app), 403, 'forbidden');
      expectError(await upload(token, '/api/parcels/import', file)(app), 403, 'forbidden');
    }
    expectError(await upload(null, '/api/parcels/import', file)(app), 401, 'unauthenticated');
  });

  it('a surveyor cannot push a parcel from a device either', async () => {
    const surveyor1 = await TestDevice.open(app, store, data.users.surveyor1);
    // A parcel of หมู่ 1, one of the surveyor's own villages.
    const parcel = (await store.liveRecordsOfType('parcel')).find(
      (p) => p.fields.code === '01A001',
    );
    const result = await surveyor1.push([
      surveyor1.mutation({
        type: 'parcel',
        id: parcel?.id as string,
        villageId: parcel?.villageId as string,
        patch: { code: 'MOVED' },
        base: { code: parcel?.fieldMeta.code?.seq ?? 0 },
      }),
    ]);
    expect(result.results[0]?.reason).toBe('role_not_allowed');
  });

  it('answers bad files with JSON error codes and writes nothing', async () => {
    const before = (await store.liveRecordsOfType('parcel')).length;
    const issue = (response: Awaited<ReturnType<ReturnType<typeof upload>>>, status: number) => {
      const error = expectError(
        response,
        status,
        status === 413 ? 'payload_too_large' : 'validation_failed',
      );
      return (error.details as Array<{ message: string }>)[0]?.message;
    };
    const post = (payload: Uint8Array | string, type?: string) =>
      upload(adminToken, '/api/parcels/import', payload, type)(app);
    expect(issue(await post('not a layer at all'), 400)).toBe('unknown_format');
    expect(issue(await post(Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3, 4])), 400)).toBe('not_zip');
    // A zip bomb: 80 MB of zeros in a few kB, refused by its declared size before inflating.
    const bomb = zipSync({
      'a.shp': new Uint8Array(80 * 1024 * 1024),
      'a.dbf': new Uint8Array(10),
    });
    expect(bomb.length).toBeLessThan(200_000);
    expect(issue(await post(bomb), 413)).toBe('too_large');
    // A .shp whose record claims more bytes than the file has.
    const truncated = parcelLayerZip([PARCELS[0] as FixtureParcel]);
    const files = (await import('fflate')).unzipSync(truncated);
    const shp = files['parcels.shp'] as Uint8Array;
    new DataView(shp.buffer, shp.byteOffset).setInt32(104, 1_000_000, false);
    expect(issue(await post(zipSync(files)), 400)).toBe('shapefile_malformed');
    // Another datum in the .prj: refused, not guessed.
    const prj = new TextDecoder().decode(files['parcels.prj']).replace('D_Indian_1975', 'D_Kertau');
    files['parcels.prj'] = new TextEncoder().encode(prj);
    expect(issue(await post(zipSync(files)), 400)).toBe('projection_unknown');
    // Past the upload limit: 413 from the body limit.
    expectError(await post(new Uint8Array(21 * 1024 * 1024)), 413, 'payload_too_large');
    // A JSON body is not a file upload.
    expect((await post('{"type":"FeatureCollection"}', 'application/json')).statusCode).toBe(415);
    expect((await store.liveRecordsOfType('parcel')).length).toBe(before);
  });
});
