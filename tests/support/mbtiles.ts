// MBTiles files made by the tests (issue 16): an SQLite file written with better-sqlite3 into a
// temp directory, returned as bytes, as an admin would upload it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PMTiles, type Source } from 'pmtiles';
import { encodePng } from '../../src/server/demo/basemap';

export interface MbtilesTile {
  z: number;
  x: number;
  /** XYZ row (top = 0); written as the TMS row MBTiles keeps. */
  y: number;
  bytes: Uint8Array;
}

export interface MbtilesSpec {
  tiles?: MbtilesTile[];
  metadata?: Record<string, string>;
  /** Runs on the open database before it is closed: to craft what a normal file lacks. */
  craft?: (db: Database.Database) => void;
  /** The deduplicated form: tables `map` and `images` behind a view `tiles`. */
  deduplicated?: boolean;
  /** Leave the `tiles` table out altogether. */
  noTiles?: boolean;
}

export function makeMbtiles(spec: MbtilesSpec): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'test-mbtiles-'));
  try {
    const path = join(dir, 'test.mbtiles');
    const db = new Database(path);
    db.exec('CREATE TABLE metadata (name TEXT, value TEXT)');
    const meta = db.prepare('INSERT INTO metadata VALUES (?, ?)');
    for (const [name, value] of Object.entries(spec.metadata ?? {})) meta.run(name, value);
    const tiles = spec.tiles ?? [];
    const rows = tiles.map((t) => [t.z, t.x, 2 ** t.z - 1 - t.y, t.bytes] as const);
    if (spec.deduplicated) {
      db.exec(`CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);
        CREATE TABLE images (tile_data BLOB, tile_id TEXT);
        CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column,
          map.tile_row AS tile_row, images.tile_data AS tile_data
          FROM map JOIN images ON images.tile_id = map.tile_id;`);
      const ids = new Map<Uint8Array, string>();
      const image = db.prepare('INSERT INTO images VALUES (?, ?)');
      const map = db.prepare('INSERT INTO map VALUES (?, ?, ?, ?)');
      db.transaction(() => {
        for (const [z, x, row, bytes] of rows) {
          let id = ids.get(bytes);
          if (id === undefined) {
            id = `img${ids.size}`;
            ids.set(bytes, id);
            image.run(bytes, id);
          }
          map.run(z, x, row, id);
        }
      })();
    } else if (!spec.noTiles) {
      db.exec(
        'CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)',
      );
      const insert = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
      db.transaction(() => {
        for (const row of rows) insert.run(...row);
      })();
    }
    spec.craft?.(db);
    db.close();
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `count` small distinct PNGs (a colour each), for tiles to share or not. */
export function smallPngs(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) =>
    encodePng(4, () => [i % 256, Math.floor(i / 256) % 256, 77]),
  );
}

/**
 * Tiles over a box at zooms `minZoom`…`maxZoom` around a tambon in Roi Et, the first `count`
 * of them, with runs of identical tiles (every other block of 3 shares one picture) and
 * varied ones.
 */
export function tambonTiles(
  count: number,
  pngs: Buffer[],
  minZoom = 12,
  maxZoom = 19,
): MbtilesTile[] {
  const tiles: MbtilesTile[] = [];
  for (let z = minZoom; z <= maxZoom && tiles.length < count; z++) {
    const x0 = Math.floor(((103.6 + 180) / 360) * 2 ** z);
    const y0 = Math.floor(
      ((1 - Math.log(Math.tan(0.28) + 1 / Math.cos(0.28)) / Math.PI) / 2) * 2 ** z,
    );
    const side = Math.ceil(2 ** (z - minZoom) * 1.5);
    for (let dx = 0; dx < side && tiles.length < count; dx++) {
      for (let dy = 0; dy < side && tiles.length < count; dy++) {
        const n = tiles.length;
        const bytes =
          Math.floor(n / 3) % 2 === 0
            ? (pngs[0] as Buffer)
            : (pngs[(n * 7919) % pngs.length] as Buffer);
        tiles.push({ z, x: x0 + dx, y: y0 + dy, bytes });
      }
    }
  }
  return tiles;
}

/** A `pmtiles` library reader over a PMTiles file's bytes (the reader the app draws with). */
export function pmtilesReader(bytes: Uint8Array): PMTiles {
  const source: Source = {
    getKey: () => 'test',
    getBytes: async (offset, length) => ({
      data: new Uint8Array(bytes.subarray(offset, offset + length)).buffer,
    }),
  };
  return new PMTiles(source);
}

/** Tiles of `tiles` the archive lacks or holds with other bytes, as "z/x/y" (none: all equal). */
export async function tilesDiffering(
  archive: PMTiles,
  tiles: readonly MbtilesTile[],
): Promise<string[]> {
  const differing: string[] = [];
  for (const { z, x, y, bytes } of tiles) {
    const found = await archive.getZxy(z, x, y);
    if (!found || !Buffer.from(found.data).equals(Buffer.from(bytes)))
      differing.push(`${z}/${x}/${y}`);
  }
  return differing;
}
