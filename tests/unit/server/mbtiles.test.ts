// MBTiles to PMTiles on the server (issue 16): every tile reads back byte-identical at its z/x/y
// (MBTiles rows are TMS), the attribution comes from the metadata, and a file that is not a
// raster MBTiles — or is crafted to exhaust the server — is refused with a reason, fast.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { TileType } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  MBTILES_LIMITS,
  MbtilesRefused,
  mbtilesToPmtiles,
  plainText,
  sniffPicture,
} from '../../../src/server/basemap/mbtiles';
import type { BasemapRefusalCode } from '../../../src/shared/api/basemap';
import {
  type MbtilesTile,
  makeMbtiles,
  pmtilesReader,
  smallPngs,
  tambonTiles,
  tilesDiffering,
} from '../../support/mbtiles';

const OSM_LINK =
  '<a href="https://www.openstreetmap.org/copyright">&copy; OpenStreetMap contributors</a>';
const pngs = smallPngs(20);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const tile = (z: number, x: number, y: number, bytes: Uint8Array = pngs[0] as Buffer) => ({
  z,
  x,
  y,
  bytes,
});

async function refusal(
  file: Buffer,
  limits = MBTILES_LIMITS,
): Promise<BasemapRefusalCode | 'accepted'> {
  try {
    await mbtilesToPmtiles(file, limits);
    return 'accepted';
  } catch (error) {
    if (error instanceof MbtilesRefused) return error.code;
    throw error;
  }
}

/** Raw rows in a `tiles` table of the given column types, as a crafted file has them. */
function craftedTiles(values: string, metadata: Record<string, string> = { format: 'png' }) {
  return makeMbtiles({
    noTiles: true,
    metadata,
    craft: (db) => {
      db.exec('CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)');
      db.exec(`INSERT INTO tiles VALUES ${values}`);
    },
  });
}
const PNG_HEX = `x'${(pngs[0] as Buffer).toString('hex')}'`;

const tempDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('tambon-mbtiles-'));
/** Temp directories of conversions left since the file's tests began (another run's are not). */
const before = new Set(tempDirs());
const leftovers = () => tempDirs().filter((name) => !before.has(name));

describe('MBTiles conversion', () => {
  it('keeps every tile at its z/x/y (rows flipped from TMS), the metadata, the tile type', async () => {
    const tiles: MbtilesTile[] = [
      tile(0, 0, 0, pngs[1]),
      tile(1, 1, 0, pngs[2]),
      tile(1, 0, 1, pngs[3]),
      tile(14, 12909, 7453),
      tile(14, 12909, 7454),
      tile(14, 12910, 7453),
    ];
    const file = makeMbtiles({
      tiles,
      metadata: {
        name: 'ตำบลทดสอบ',
        format: 'png',
        bounds: '103.58,15.98,103.73,16.13',
        center: '103.65,16.05,13',
        minzoom: '0',
        maxzoom: '14',
        attribution: OSM_LINK,
      },
    });
    const converted = await mbtilesToPmtiles(file);
    expect(converted.attribution).toBe('© OpenStreetMap contributors');
    expect(converted.tileCount).toBe(6);
    const archive = pmtilesReader(converted.pmtiles);
    expect(await tilesDiffering(archive, tiles)).toEqual([]);
    // 1/0/1 in XYZ is TMS row 0: a reader that forgot the flip would find it at 1/0/0.
    expect(await archive.getZxy(1, 0, 0)).toBeUndefined();
    const header = await archive.getHeader();
    expect(header).toMatchObject({
      tileType: TileType.Png,
      minZoom: 0,
      maxZoom: 14,
      centerZoom: 13,
    });
    expect(header.minLon).toBeCloseTo(103.58, 6);
    expect(header.maxLat).toBeCloseTo(16.13, 6);
    expect(header.centerLon).toBeCloseTo(103.65, 6);
    expect(await archive.getMetadata()).toMatchObject({
      name: 'ตำบลทดสอบ',
      attribution: '© OpenStreetMap contributors',
    });
    expect(leftovers()).toEqual([]);
  });

  it('reads the deduplicated form (map and images behind a view) without running the view', async () => {
    const tiles = tambonTiles(500, pngs);
    const file = makeMbtiles({ tiles, deduplicated: true, metadata: { format: 'png' } });
    const converted = await mbtilesToPmtiles(file);
    expect(converted.attribution).toBeNull();
    expect(await tilesDiffering(pmtilesReader(converted.pmtiles), tiles)).toEqual([]);
  });

  it('converts a tambon-sized file needing leaf directories, every tile byte-identical', async () => {
    const tiles = tambonTiles(30_000, smallPngs(400), 12, 19);
    const file = makeMbtiles({ tiles, metadata: { format: 'png', name: 'big' } });
    const started = performance.now();
    const converted = await mbtilesToPmtiles(file);
    const ms = Math.round(performance.now() - started);
    console.info(`converted ${tiles.length} tiles, ${file.length} bytes, in ${ms} ms`);
    const archive = pmtilesReader(converted.pmtiles);
    const header = await archive.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.numAddressedTiles).toBe(30_000);
    expect(header.minZoom).toBe(12);
    expect(header.maxZoom).toBe(19);
    expect(await tilesDiffering(archive, tiles)).toEqual([]);
  }, 60_000);

  it('takes JPEG tiles and a file in WAL mode, the type from the tiles when the metadata has none', async () => {
    const file = makeMbtiles({ tiles: [tile(3, 1, 1, jpeg)] });
    file[18] = 2; // WAL mode in the SQLite header
    file[19] = 2;
    const converted = await mbtilesToPmtiles(file);
    expect((await pmtilesReader(converted.pmtiles).getHeader()).tileType).toBe(TileType.Jpeg);
    // A format named otherwise than the spec's: the tiles tell.
    const named = makeMbtiles({ tiles: [tile(3, 1, 1)], metadata: { format: 'image/png' } });
    const fromTiles = await mbtilesToPmtiles(named);
    expect((await pmtilesReader(fromTiles.pmtiles).getHeader()).tileType).toBe(TileType.Png);
  });

  it('refuses what is not a raster MBTiles, each with its reason', async () => {
    const one = [tile(3, 1, 1)];
    const gzipped = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
    const damaged = makeMbtiles({ tiles: tambonTiles(2000, pngs) });
    damaged.fill(0x55, 4096, damaged.length);
    const cases: Array<[string, Buffer, BasemapRefusalCode]> = [
      ['an SQLite header over garbage', damaged, 'mbtiles_unreadable'],
      ['no tiles table', makeMbtiles({ noTiles: true }), 'mbtiles_no_tiles_table'],
      [
        'a tiles table without tile_data',
        makeMbtiles({
          noTiles: true,
          craft: (db) => db.exec('CREATE TABLE tiles (zoom_level, tile_column, tile_row)'),
        }),
        'mbtiles_no_tiles_table',
      ],
      [
        'vector by its format',
        makeMbtiles({ tiles: one, metadata: { format: 'pbf' } }),
        'mbtiles_vector',
      ],
      ['vector by its bytes', makeMbtiles({ tiles: [tile(3, 1, 1, gzipped)] }), 'mbtiles_vector'],
      [
        'TIFF tiles',
        makeMbtiles({
          tiles: [tile(3, 1, 1, Buffer.from('II*\0tiff'))],
          metadata: { format: 'tiff' },
        }),
        'mbtiles_unsupported_format',
      ],
      [
        'a tile that is no picture',
        makeMbtiles({ tiles: [tile(3, 1, 1), tile(3, 1, 2, Buffer.from('hello world'))] }),
        'mbtiles_unsupported_format',
      ],
      [
        'text for a picture',
        craftedTiles("(3, 1, 1, 'not a picture')"),
        'mbtiles_unsupported_format',
      ],
      ['zero tiles', makeMbtiles({ tiles: [] }), 'mbtiles_empty'],
      ['a tile without picture', craftedTiles('(3, 1, 1, NULL)'), 'mbtiles_missing_tile_data'],
      ['a negative column', craftedTiles(`(3, -1, 1, ${PNG_HEX})`), 'mbtiles_bad_tile_address'],
      ['a row past the edge', craftedTiles(`(3, 1, 8, ${PNG_HEX})`), 'mbtiles_bad_tile_address'],
      ['zoom 25', craftedTiles(`(25, 0, 0, ${PNG_HEX})`), 'mbtiles_bad_tile_address'],
      ['a negative zoom', craftedTiles(`(-1, 0, 0, ${PNG_HEX})`), 'mbtiles_bad_tile_address'],
      ['a fractional column', craftedTiles(`(3, 1.5, 1, ${PNG_HEX})`), 'mbtiles_bad_tile_address'],
      ['a text zoom', craftedTiles(`('3', 1, 1, ${PNG_HEX})`), 'mbtiles_bad_tile_address'],
      [
        'a huge integer',
        craftedTiles(`(3, 9223372036854775807, 1, ${PNG_HEX})`),
        'mbtiles_bad_tile_address',
      ],
      [
        'the same tile twice',
        craftedTiles(`(3, 1, 1, ${PNG_HEX}), (3, 1, 1, ${PNG_HEX})`),
        'mbtiles_duplicate_tile',
      ],
      [
        'a view that is not the deduplicated form',
        makeMbtiles({
          noTiles: true,
          craft: (db) =>
            db.exec(`CREATE VIEW tiles AS SELECT 3 AS zoom_level, 1 AS tile_column, 1 AS tile_row,
              x'00' AS tile_data`),
        }),
        'mbtiles_no_tiles_table',
      ],
      [
        'a virtual table',
        makeMbtiles({
          noTiles: true,
          craft: (db) =>
            db.exec(
              'CREATE VIRTUAL TABLE tiles USING fts5(zoom_level, tile_column, tile_row, tile_data)',
            ),
        }),
        'mbtiles_no_tiles_table',
      ],
    ];
    for (const [what, file, code] of cases) {
      expect(await refusal(file), what).toBe(code);
    }
    expect(leftovers()).toEqual([]);
  });

  it('stops at the limits: tile count, tile size, without reading past them', async () => {
    const tiles = tambonTiles(1000, pngs);
    const file = makeMbtiles({ tiles });
    expect(await refusal(file, { ...MBTILES_LIMITS, maxTiles: 999 })).toBe(
      'mbtiles_too_many_tiles',
    );
    expect(await refusal(file, { ...MBTILES_LIMITS, maxTiles: 1000 })).toBe('accepted');
    const big = Buffer.concat([pngs[0] as Buffer, Buffer.alloc(MBTILES_LIMITS.maxTileBytes)]);
    expect(await refusal(makeMbtiles({ tiles: [tile(3, 1, 1, big)] }))).toBe(
      'mbtiles_tile_too_large',
    );
    const dedupBig = makeMbtiles({ tiles: [tile(3, 1, 1, big)], deduplicated: true });
    expect(await refusal(dedupBig)).toBe('mbtiles_tile_too_large');
  });

  it('refuses a million tiny rows quickly, at the default limit', async () => {
    const file = makeMbtiles({
      noTiles: true,
      craft: (db) =>
        db.exec(`CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data);
          WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
          INSERT INTO tiles SELECT 20, i % 1048576, i / 1048576, x'89504e470d0a1a0a' FROM n;`),
    });
    const started = performance.now();
    expect(await refusal(file)).toBe('mbtiles_too_many_tiles');
    const ms = performance.now() - started;
    console.info(`refused ${file.length} bytes of 1,000,000 rows in ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(3_000); // 6 s when it read 500,000 rows before refusing
  }, 60_000);

  it('never runs a view: a metadata view recursing forever is left aside', async () => {
    const file = makeMbtiles({
      tiles: [tile(3, 1, 1)],
      craft: (db) =>
        db.exec(`DROP TABLE metadata;
          CREATE VIEW metadata AS WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n)
          SELECT 'key' || i AS name, i AS value FROM n;`),
    });
    const converted = await mbtilesToPmtiles(file);
    expect(converted.tileCount).toBe(1);
  });

  it('cuts a huge metadata value instead of loading it', async () => {
    const huge = `${'x'.repeat(5_000_000)}`;
    const file = makeMbtiles({
      tiles: [tile(3, 1, 1)],
      metadata: { attribution: huge, name: huge },
    });
    const converted = await mbtilesToPmtiles(file);
    expect(converted.attribution).toHaveLength(200);
    expect(converted.pmtiles.length).toBeLessThan(10_000);
  });
});

describe('MBTiles pieces', () => {
  it('reads an attribution as text: tags dropped, entities read, spaces collapsed', () => {
    expect(plainText(OSM_LINK)).toBe('© OpenStreetMap contributors');
    expect(plainText('<script>alert(1)</script>A &amp; B\n\t&#169; &#x0E01;')).toBe(
      'alert(1)A & B © ก',
    );
    expect(plainText('&bogus; &#0;')).toBe('&bogus;');
  });

  it('takes metadata bounds only when they are a real box', () => {
    expect(boundsOf('103.5,15.9,103.8,16.2')).toEqual({
      west: 103.5,
      south: 15.9,
      east: 103.8,
      north: 16.2,
    });
    for (const bad of [undefined, '', '1,2,3', '200,0,201,1', '5,0,4,1', '0,89,1,90', 'a,b,c,d']) {
      expect(boundsOf(bad), bad).toBeUndefined();
    }
  });

  it('tells pictures by their first bytes', () => {
    expect(sniffPicture(pngs[0] as Buffer)).toBe('png');
    expect(sniffPicture(jpeg)).toBe('jpg');
    expect(sniffPicture(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffPicture(Buffer.from([0x1f, 0x8b]))).toBe('gzip');
    expect(sniffPicture(Buffer.from('GIF89a'))).toBeUndefined();
  });
});
