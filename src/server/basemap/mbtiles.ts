// An uploaded MBTiles file made into the PMTiles v3 file the server keeps (issue 16). MBTiles
// is an SQLite database: `tiles(zoom_level, tile_column, tile_row, tile_data)` with TMS rows
// (y = 2^z − 1 − tile_row), or the deduplicated form (tables `map` and `images` behind a view
// `tiles`), and `metadata(name, value)`. The file comes from an admin but is read as hostile:
// opened read-only from a temp file (deleted whatever happens), no view or virtual table of it
// is ever run (a view could recurse forever), at most `maxTiles` rows read, no tile picture
// over `maxTileBytes` loaded, metadata values cut before they reach JavaScript, and the event
// loop let go every few thousand rows so other requests go on during a conversion.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { type BasemapRefusalCode, MAX_BASEMAP_BYTES } from '../../shared/api/basemap';
import {
  type Bounds,
  isTileAddress,
  type RasterTileType,
  type Tile,
  writePmtiles,
  zxyToTileId,
} from './pmtiles';

export interface MbtilesLimits {
  /** Tile rows read at most (a tambon at zoom 19 is a few tens of thousands). */
  maxTiles: number;
  /** Bytes of one tile picture at most. */
  maxTileBytes: number;
  /** The deepest zoom taken. */
  maxZoom: number;
}

export const MBTILES_LIMITS: MbtilesLimits = {
  maxTiles: 500_000,
  maxTileBytes: 1024 * 1024,
  maxZoom: 24,
};

/** Characters of a metadata value read at most; longer ones are cut. */
const METADATA_VALUE_CHARS = 2000;
/** The attribution kept (as the upload's `?attribution=`). */
const ATTRIBUTION_CHARS = 200;
/** Rows read between two turns of the event loop. */
const ROWS_PER_TURN = 4096;

/** The file is not a raster MBTiles the server takes; `code` tells why. */
export class MbtilesRefused extends Error {
  constructor(readonly code: BasemapRefusalCode) {
    super(`MBTiles refused: ${code}`);
    this.name = 'MbtilesRefused';
  }
}

export interface ConvertedMbtiles {
  pmtiles: Buffer;
  /** From the metadata, as plain text; null when it has none. */
  attribution: string | null;
  tileCount: number;
}

/** Converts an MBTiles file's bytes. Throws MbtilesRefused for a file it does not take. */
export async function mbtilesToPmtiles(
  bytes: Uint8Array,
  limits: MbtilesLimits = MBTILES_LIMITS,
): Promise<ConvertedMbtiles> {
  const dir = await mkdtemp(join(tmpdir(), 'tambon-mbtiles-'));
  let db: Database.Database | undefined;
  try {
    const path = join(dir, 'upload.mbtiles');
    await writeFile(path, rollbackJournalMode(bytes));
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      db.pragma('trusted_schema = OFF');
      db.pragma('query_only = ON');
    } catch (error) {
      throw refusalFor(error);
    }
    return await convert(db, limits);
  } finally {
    db?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The bytes with a WAL-mode header set back to rollback mode: read-only, SQLite would otherwise
 * want a -shm file beside it. The upload has no -wal file, so nothing is lost.
 */
function rollbackJournalMode(bytes: Uint8Array): Uint8Array {
  if (bytes[18] !== 2 && bytes[19] !== 2) return bytes;
  const copy = Buffer.from(bytes);
  copy[18] = 1;
  copy[19] = 1;
  return copy;
}

/** An SQLite error means a damaged or unusual file: refused, not a server error. */
function refusalFor(error: unknown): unknown {
  if (error instanceof MbtilesRefused) return error;
  if (error instanceof Database.SqliteError) return new MbtilesRefused('mbtiles_unreadable');
  return error;
}

async function convert(db: Database.Database, limits: MbtilesLimits): Promise<ConvertedMbtiles> {
  const { metadata, tiles, tileType } = await readMbtiles(db, limits).catch((error: unknown) => {
    throw refusalFor(error);
  });
  const attribution = plainText(metadata.get('attribution') ?? '').slice(0, ATTRIBUTION_CHARS);
  const name = plainText(metadata.get('name') ?? '').slice(0, ATTRIBUTION_CHARS);
  const pmtiles = writePmtiles(tiles, {
    tileType,
    bounds: boundsOf(metadata.get('bounds')),
    center: centerOf(metadata.get('center')),
    metadata: {
      ...(name && { name }),
      ...(attribution && { attribution }),
      format: tileType,
      type: 'baselayer',
    },
  });
  if (pmtiles.length > MAX_BASEMAP_BYTES) throw new MbtilesRefused('mbtiles_too_large');
  return { pmtiles, attribution: attribution || null, tileCount: tiles.length };
}

async function readMbtiles(db: Database.Database, limits: MbtilesLimits) {
  const metadata = readMetadata(db);
  const declared = formatOf(metadata.get('format'));
  const tiles = await readTiles(db, limits);
  return { metadata, tiles, tileType: checkPictures(tiles, declared) };
}

// --- the schema ------------------------------------------------------------------------------

interface SchemaObject {
  type: string;
  sql: string | null;
}

function schemaObject(db: Database.Database, name: string): SchemaObject | undefined {
  return db
    .prepare(
      "SELECT type, substr(sql, 1, 200) AS sql FROM sqlite_schema WHERE lower(name) = ? AND type IN ('table', 'view') LIMIT 1",
    )
    .get(name) as SchemaObject | undefined;
}

/** A table that is stored (not a view, not a virtual table) and has these columns. */
function isPlainTable(db: Database.Database, name: string, columns: readonly string[]): boolean {
  const object = schemaObject(db, name);
  if (object?.type !== 'table' || /^\s*create\s+virtual/i.test(object.sql ?? '')) return false;
  const have = new Set(
    (db.pragma(`table_info(${name})`) as Array<{ name: string }>).map((c) => c.name.toLowerCase()),
  );
  return columns.every((c) => have.has(c));
}

const METADATA_KEYS = ['format', 'bounds', 'center', 'attribution', 'name'] as const;

/** The metadata values the conversion uses, each cut to METADATA_VALUE_CHARS. */
function readMetadata(db: Database.Database): Map<string, string> {
  const values = new Map<string, string>();
  if (!isPlainTable(db, 'metadata', ['name', 'value'])) return values;
  const rows = db
    .prepare(
      `SELECT name, substr(CAST(value AS TEXT), 1, ${METADATA_VALUE_CHARS}) FROM metadata
       WHERE name IN (${METADATA_KEYS.map(() => '?').join(', ')}) LIMIT 100`,
    )
    .raw(true)
    .all(...METADATA_KEYS) as Array<[string, unknown]>;
  for (const [name, value] of rows) {
    if (typeof value === 'string' && !values.has(name)) values.set(name, value.trim());
  }
  return values;
}

// --- the tiles -------------------------------------------------------------------------------

const TILE_COLUMNS = ['zoom_level', 'tile_column', 'tile_row'] as const;

/** A row's picture, or why it has none: its length when too large, null when missing. */
type Picture = Buffer | { tooLarge: true } | null;

function pictureOf(value: unknown, length: unknown, limits: MbtilesLimits): Picture {
  if (typeof length === 'number' && length > limits.maxTileBytes) return { tooLarge: true };
  if (Buffer.isBuffer(value) && value.length > 0) return value;
  if (typeof value === 'string' && value.length > 0) {
    throw new MbtilesRefused('mbtiles_unsupported_format'); // text, not a picture
  }
  return null;
}

/** A source's rows, each as zoom, column, TMS row and picture. */
interface TileRows {
  rows: Iterable<unknown>;
  read: (row: unknown) => readonly [unknown, unknown, unknown, Picture];
}

function tileRows(db: Database.Database, limits: MbtilesLimits): TileRows {
  const select = (columns: string, table: string) =>
    db
      .prepare(`SELECT ${columns} FROM ${table} LIMIT ${limits.maxTiles + 1}`)
      .raw(true)
      .iterate();
  // `length()` of a blob comes from the row's header: a picture over the limit is never loaded.
  const picture = `CASE WHEN length(tile_data) <= ${limits.maxTileBytes} THEN tile_data END, length(tile_data)`;
  const address = TILE_COLUMNS.join(', ');
  // Counting reads no picture: a file of millions of rows is refused before any is loaded.
  const tooMany = (table: string) =>
    (db
      .prepare(`SELECT count(*) FROM (SELECT 1 FROM ${table} LIMIT ${limits.maxTiles + 1})`)
      .pluck()
      .get() as number) > limits.maxTiles;
  if (isPlainTable(db, 'tiles', [...TILE_COLUMNS, 'tile_data'])) {
    if (tooMany('tiles')) throw new MbtilesRefused('mbtiles_too_many_tiles');
    return {
      rows: select(`${address}, ${picture}`, 'tiles'),
      read: (row) => {
        const [z, x, y, value, length] = row as unknown[];
        return [z, x, y, pictureOf(value, length, limits)];
      },
    };
  }
  // The deduplicated form: `tiles` a view over `map` and `images`, joined here, not by it.
  if (
    isPlainTable(db, 'map', [...TILE_COLUMNS, 'tile_id']) &&
    isPlainTable(db, 'images', ['tile_id', 'tile_data'])
  ) {
    if (tooMany('map') || tooMany('images')) throw new MbtilesRefused('mbtiles_too_many_tiles');
    const images = new Map<string, Picture>();
    for (const row of select(`tile_id, ${picture}`, 'images')) {
      const [id, value, length] = row as unknown[];
      if (images.size === limits.maxTiles) throw new MbtilesRefused('mbtiles_too_many_tiles');
      if (typeof id !== 'string' && typeof id !== 'number') continue;
      if (String(id).length > 128) continue; // no real tile_id is that long: never matched
      images.set(String(id), pictureOf(value, length, limits));
    }
    return {
      rows: select(`${address}, tile_id`, 'map'),
      read: (row) => {
        const [z, x, y, id] = row as unknown[];
        return [z, x, y, images.get(String(id)) ?? null];
      },
    };
  }
  throw new MbtilesRefused('mbtiles_no_tiles_table');
}

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

/** The tile rows, checked: real addresses, each once, a picture within the limit. */
async function readTiles(db: Database.Database, limits: MbtilesLimits): Promise<Tile[]> {
  const { rows, read } = tileRows(db, limits);
  const tiles: Tile[] = [];
  const seen = new Set<number>();
  for (const row of rows) {
    if (tiles.length === limits.maxTiles) throw new MbtilesRefused('mbtiles_too_many_tiles');
    const [z, x, tmsRow, bytes] = read(row);
    if (!isWhole(z) || !isWhole(x) || !isWhole(tmsRow) || z < 0 || z > limits.maxZoom) {
      throw new MbtilesRefused('mbtiles_bad_tile_address');
    }
    const y = 2 ** z - 1 - tmsRow;
    if (!isTileAddress(z, x, y)) throw new MbtilesRefused('mbtiles_bad_tile_address');
    const id = zxyToTileId(z, x, y);
    if (seen.has(id)) throw new MbtilesRefused('mbtiles_duplicate_tile');
    seen.add(id);
    if (bytes === null) throw new MbtilesRefused('mbtiles_missing_tile_data');
    if (!Buffer.isBuffer(bytes)) throw new MbtilesRefused('mbtiles_tile_too_large');
    tiles.push({ z, x, y, bytes });
    if (tiles.length % ROWS_PER_TURN === 0) await nextTurn();
  }
  if (tiles.length === 0) throw new MbtilesRefused('mbtiles_empty');
  return tiles;
}

// --- the pictures ----------------------------------------------------------------------------

function formatOf(value: string | undefined): RasterTileType | undefined {
  if (value === undefined || value === '') return undefined;
  const format = value.toLowerCase();
  if (format === 'png') return 'png';
  if (format === 'jpg' || format === 'jpeg') return 'jpg';
  if (format === 'webp') return 'webp';
  if (format === 'pbf' || format === 'mvt' || format === 'mlt') {
    throw new MbtilesRefused('mbtiles_vector');
  }
  // Another name ("image/png", "png8"…): the tiles' own bytes decide, each checked below.
  return undefined;
}

/** The picture format of a tile's bytes, from its first bytes. */
export function sniffPicture(bytes: Uint8Array): RasterTileType | 'gzip' | undefined {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  const riff = Buffer.from(bytes.subarray(0, 12)).toString('latin1');
  if (riff.startsWith('RIFF') && riff.slice(8) === 'WEBP') return 'webp';
  if (starts(0x1f, 0x8b)) return 'gzip'; // gzipped vector tiles
  return undefined;
}

/**
 * The tile type of the file: the metadata's format, else the first tile's. Every tile must be a
 * PNG, JPEG or WebP picture (a browser draws any of them, whatever the header says; some raster
 * MBTiles mix PNG and JPEG), and gzipped tiles are vector ones.
 */
function checkPictures(
  tiles: readonly Tile[],
  declared: RasterTileType | undefined,
): RasterTileType {
  let type = declared;
  for (const tile of tiles) {
    const found = sniffPicture(tile.bytes);
    if (found === 'gzip') throw new MbtilesRefused('mbtiles_vector');
    if (found === undefined) throw new MbtilesRefused('mbtiles_unsupported_format');
    type ??= found;
  }
  return type ?? 'png';
}

// --- the metadata ----------------------------------------------------------------------------

/** Text with its HTML tags dropped and the usual entities read (attributions are often links). */
export function plainText(html: string): string {
  const entities: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: ' ',
    copy: '©',
  };
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return entities[name.toLowerCase()] ?? entity;
    })
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
}

const numbers = (value: string | undefined, count: number): number[] | undefined => {
  const parts = value?.split(',').map((part) => Number(part.trim()));
  return parts?.length === count && parts.every(Number.isFinite) ? parts : undefined;
};

/** The metadata's "west,south,east,north", when it is a real box. */
export function boundsOf(value: string | undefined): Bounds | undefined {
  const [west = 0, south = 0, east = 0, north = 0] = numbers(value, 4) ?? [];
  if (!(west >= -180 && west < east && east <= 180)) return undefined;
  if (!(south >= -85.06 && south < north && north <= 85.06)) return undefined;
  return { west, south, east, north };
}

/** The metadata's "lon,lat,zoom", when it is a real place. */
function centerOf(
  value: string | undefined,
): { lon: number; lat: number; zoom: number } | undefined {
  const [lon = 0, lat = 0, zoom = 0] = numbers(value, 3) ?? [];
  if (!numbers(value, 3) || Math.abs(lon) > 180 || Math.abs(lat) > 85.06) return undefined;
  if (!(zoom >= 0 && zoom <= 30)) return undefined;
  return { lon, lat, zoom };
}
