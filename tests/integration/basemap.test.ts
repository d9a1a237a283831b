// Issue 16: the offline basemap. An admin uploads one PMTiles v3 file, or an MBTiles file the
// server converts to one; any signed-in user reads it whole or by HTTP ranges (across the
// server's 1 MiB chunks); nothing else is taken, and a crafted MBTiles is refused with a reason.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import {
  BASEMAP_CHUNK_BYTES,
  BasemapInfo,
  isPmtilesV3,
  OSM_ATTRIBUTION,
} from '../../src/shared/api/basemap';
import {
  type MbtilesTile,
  makeMbtiles,
  pmtilesReader,
  smallPngs,
  tambonTiles,
  tilesDiffering,
} from '../support/mbtiles';
import { testDatabases } from './databases';
import { call, expectError, openSession, type Seed, seed, testApp } from './helpers';

const databases = await testDatabases();

/** A file with a PMTiles v3 header and random bytes: 2.5 chunks, so ranges cross chunks. */
function pmtilesLike(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.write('PMTiles', 0, 'latin1');
  bytes[7] = 3;
  return bytes;
}

describe.each(databases)('basemap on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: Seed;
  let admin: string;
  let surveyor: string;
  const file = pmtilesLike(Math.floor(BASEMAP_CHUNK_BYTES * 2.5));

  const put = (token: string | null, payload: Buffer, url = '/api/basemap') =>
    call(app, token, {
      method: 'PUT',
      url,
      headers: { 'content-type': 'application/octet-stream' },
      payload,
    });
  const get = (token: string | null, range?: string) =>
    call(app, token, {
      method: 'GET',
      url: '/api/basemap',
      headers: range ? { range } : {},
    });

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await seed(store);
    app = await testApp(store, { rateLimit: false });
    admin = (await openSession(store, data.users.admin.id)).token;
    surveyor = (await openSession(store, data.users.surveyor.id)).token;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('has none before an upload', async () => {
    expectError(await get(surveyor), 404, 'not_found');
    expectError(await call(app, surveyor, { url: '/api/basemap/info' }), 404, 'not_found');
  });

  it('refuses an upload from anyone but an admin, and a file neither PMTiles v3 nor MBTiles', async () => {
    expectError(await put(null, file), 401, 'unauthenticated');
    expectError(await put(surveyor, file), 403, 'forbidden');
    const notPmtiles = Buffer.from('{"type":"FeatureCollection","features":[]}'.padEnd(200));
    const error = expectError(await put(admin, notPmtiles), 400, 'validation_failed');
    expect(error.details).toEqual([{ path: 'body', message: 'not_pmtiles_or_mbtiles' }]);
    const v2 = Buffer.from(file.subarray(0, 4096));
    v2[7] = 2;
    expectError(await put(admin, v2), 400, 'validation_failed');
  });

  it('takes an admin upload and tells its size, ETag and attribution', async () => {
    const response = await put(admin, file);
    expect(response.statusCode, response.body).toBe(200);
    const info = BasemapInfo.parse(response.json());
    expect(info.size).toBe(file.length);
    expect(info.attribution).toBe(OSM_ATTRIBUTION);
    const again = await call(app, surveyor, { url: '/api/basemap/info' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(info);
    const audit = await store.listAudit({ action: 'basemap', limit: 5 });
    expect(audit.map((e) => e.action)).toContain('basemap.upload');
  });

  it('serves the whole file and HEAD to any signed-in user, never without a session', async () => {
    expectError(await get(null), 401, 'unauthenticated');
    const whole = await get(surveyor);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(whole.rawPayload.equals(file)).toBe(true);
    const head = await call(app, surveyor, { method: 'HEAD', url: '/api/basemap' });
    expect(head.statusCode, JSON.stringify(head.headers)).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(file.length);
    expect(head.rawPayload.length).toBe(0);
  });

  it('serves ranges: the first bytes, across chunks, a suffix, an open end', async () => {
    const size = file.length;
    const cases: Array<[string, number, number]> = [
      ['bytes=0-126', 0, 126],
      [
        `bytes=${BASEMAP_CHUNK_BYTES - 10}-${BASEMAP_CHUNK_BYTES * 2 + 9}`,
        BASEMAP_CHUNK_BYTES - 10,
        BASEMAP_CHUNK_BYTES * 2 + 9,
      ],
      ['bytes=-100', size - 100, size - 1],
      [`bytes=${size - 5}-`, size - 5, size - 1],
      [`bytes=1000-${size + 5000}`, 1000, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await get(surveyor, range);
      expect(response.statusCode, range).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.rawPayload.equals(file.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 for a range it cannot serve', async () => {
    for (const range of [
      `bytes=${file.length}-`,
      'bytes=10-5',
      'bytes=0-1,5-9',
      'items=0-1',
      'bytes=-0',
    ]) {
      const response = await get(surveyor, range);
      expectError(response, 416, 'validation_failed');
      expect(response.headers['content-range']).toBe(`bytes */${file.length}`);
    }
  });

  it('replaces the file on a new upload, and deletes it for an admin only', async () => {
    const second = pmtilesLike(5000);
    const response = await put(admin, second, '/api/basemap?attribution=Demo%20tiles');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().attribution).toBe('Demo tiles');
    expect((await get(surveyor)).rawPayload.equals(second)).toBe(true);
    expectError(
      await call(app, surveyor, { method: 'DELETE', url: '/api/basemap' }),
      403,
      'forbidden',
    );
    expect((await call(app, admin, { method: 'DELETE', url: '/api/basemap' })).statusCode).toBe(
      204,
    );
    expectError(await get(surveyor), 404, 'not_found');
  });

  describe('MBTiles', () => {
    /** The stored file, read by ranges as a device reads it. */
    const servedArchive = async () => {
      const info = BasemapInfo.parse(
        (await call(app, surveyor, { url: '/api/basemap/info' })).json(),
      );
      const pieces: Buffer[] = [];
      for (let start = 0; start < info.size; start += BASEMAP_CHUNK_BYTES) {
        const end = Math.min(info.size, start + BASEMAP_CHUNK_BYTES) - 1;
        const response = await get(surveyor, `bytes=${start}-${end}`);
        expect(response.statusCode).toBe(206);
        pieces.push(response.rawPayload);
      }
      const bytes = Buffer.concat(pieces);
      expect(bytes.length).toBe(info.size);
      return { info, bytes, archive: pmtilesReader(bytes) };
    };

    it('converts an upload to PMTiles whose every tile, read by ranges, is the MBTiles one', async () => {
      const tiles: MbtilesTile[] = tambonTiles(30_000, smallPngs(400));
      const file = makeMbtiles({
        tiles,
        metadata: {
          format: 'png',
          attribution:
            '<a href="https://www.openstreetmap.org/copyright">&copy; OpenStreetMap contributors</a>, ทดสอบ',
        },
      });
      const response = await put(admin, file);
      expect(response.statusCode, response.body).toBe(200);
      const { info, bytes, archive } = await servedArchive();
      expect(info.attribution).toBe('© OpenStreetMap contributors, ทดสอบ');
      expect(isPmtilesV3(bytes)).toBe(true);
      expect((await archive.getHeader()).leafDirectoryLength).toBeGreaterThan(0);
      expect(await tilesDiffering(archive, tiles)).toEqual([]);
      const [entry] = await store.listAudit({ action: 'basemap.upload', limit: 1 });
      expect(entry?.details).toMatchObject({ from: 'mbtiles', tiles: 30_000, size: info.size });
    }, 60_000);

    it("takes the query's attribution over the file's, OSM's when neither names one", async () => {
      const tiles = [{ z: 3, x: 6, y: 3, bytes: smallPngs(1)[0] as Buffer }];
      const named = makeMbtiles({ tiles, metadata: { attribution: 'ไฟล์' } });
      const response = await put(
        admin,
        named,
        '/api/basemap?attribution=%E0%B8%AD%E0%B8%9A%E0%B8%95.',
      );
      expect(response.json().attribution).toBe('อบต.');
      const bare = await put(admin, makeMbtiles({ tiles }));
      expect(bare.json().attribution).toBe(OSM_ATTRIBUTION);
      const { archive } = await servedArchive();
      expect(await tilesDiffering(archive, tiles)).toEqual([]);
    });

    it('refuses what is not a raster MBTiles, the basemap left as it was', async () => {
      const before = (await call(app, surveyor, { url: '/api/basemap/info' })).json();
      const png = smallPngs(1)[0] as Buffer;
      const refused: Array<[Buffer, string]> = [
        [makeMbtiles({ noTiles: true }), 'mbtiles_no_tiles_table'],
        [
          makeMbtiles({ tiles: [{ z: 3, x: 1, y: 1, bytes: png }], metadata: { format: 'pbf' } }),
          'mbtiles_vector',
        ],
        [makeMbtiles({ tiles: [] }), 'mbtiles_empty'],
        [
          makeMbtiles({
            noTiles: true,
            craft: (db) => {
              db.exec('CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)');
              db.prepare('INSERT INTO tiles VALUES (25, 0, 0, ?)').run(png);
            },
          }),
          'mbtiles_bad_tile_address',
        ],
        [
          makeMbtiles({
            noTiles: true,
            craft: (db) =>
              db.exec(`CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data);
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 599999)
                INSERT INTO tiles SELECT 20, i % 1048576, i / 1048576, x'89504e470d0a1a0a' FROM n;`),
          }),
          'mbtiles_too_many_tiles',
        ],
        [
          makeMbtiles({
            tiles: [{ z: 3, x: 1, y: 1, bytes: Buffer.concat([png, Buffer.alloc(1024 * 1024)]) }],
          }),
          'mbtiles_tile_too_large',
        ],
      ];
      for (const [file, code] of refused) {
        const error = expectError(await put(admin, file), 400, 'validation_failed');
        expect(error.details, code).toEqual([{ path: 'body', message: code }]);
      }
      const damaged = makeMbtiles({ tiles: tambonTiles(2000, smallPngs(5)) });
      damaged.fill(0x55, 4096);
      const error = expectError(await put(admin, damaged), 400, 'validation_failed');
      expect(error.details).toEqual([{ path: 'body', message: 'mbtiles_unreadable' }]);
      expect((await call(app, surveyor, { url: '/api/basemap/info' })).json()).toEqual(before);
    }, 60_000);
  });
});
