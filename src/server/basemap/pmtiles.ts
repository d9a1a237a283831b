// A PMTiles v3 writer for raster basemaps (issue 16), used by the demo's generated basemap and
// by the MBTiles conversion (basemap/mbtiles.ts). Per the spec (github.com/protomaps/PMTiles,
// spec/v3/spec.md) and its reference writers: tiles in tile-ID order, identical tiles stored
// once (by SHA-256), consecutive identical tiles as one run-length entry, the directories and
// the metadata gzip-compressed, and leaf directories when the compressed root directory would
// not fit in the first 16 KiB with the header.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** The header's fixed length. */
export const PMTILES_HEADER_BYTES = 127;
/** Header plus root directory must fit here, so a client gets the root in one request. */
export const PMTILES_ROOT_LIMIT_BYTES = 16_384 - PMTILES_HEADER_BYTES;
/** Entries per leaf directory to start from (the reference writers' choice). */
const FIRST_LEAF_ENTRIES = 4096;
/** The deepest zoom the writer numbers (tile IDs stay exact JavaScript integers). */
export const PMTILES_MAX_ZOOM = 26;

export type RasterTileType = 'png' | 'jpg' | 'webp';
/** The header's tile type byte for each raster format. */
const TILE_TYPE_BYTE: Record<RasterTileType, number> = { png: 2, jpg: 3, webp: 4 };
const COMPRESSION_NONE = 1;
const COMPRESSION_GZIP = 2;

export interface Tile {
  z: number;
  x: number;
  y: number;
  bytes: Uint8Array;
}

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface PmtilesOptions {
  tileType: RasterTileType;
  /** The metadata JSON (name, attribution…). */
  metadata: Record<string, unknown>;
  /** Defaults to the tiles' extent. */
  bounds?: Bounds;
  /** Defaults to the bounds' middle at the lowest zoom plus 2 (at most the highest). */
  center?: { lon: number; lat: number; zoom: number };
  /** For tests: a smaller room for the root directory forces leaf directories. */
  rootLimitBytes?: number;
}

/** The tile's ID: its position on the Hilbert curves of zoom 0, 1, … (PMTiles v3 spec). */
export function zxyToTileId(z: number, x: number, y: number): number {
  if (!isTileAddress(z, x, y)) throw new RangeError(`No tile ${z}/${x}/${y}`);
  let acc = 0;
  for (let t = 0; t < z; t++) acc += 4 ** t;
  let tx = x;
  let ty = y;
  let d = 0;
  for (let s = 2 ** z / 2; s >= 1; s /= 2) {
    // 32-bit bit operations, as the spec's code: exact up to zoom 26 (coordinates below 2^26).
    const rx = (tx & s) > 0 ? 1 : 0;
    const ry = (ty & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        tx = s - 1 - tx;
        ty = s - 1 - ty;
      }
      [tx, ty] = [ty, tx];
    }
  }
  return acc + d;
}

/** True for a tile that exists: integer z in 0…PMTILES_MAX_ZOOM, x and y in 0…2^z − 1. */
export function isTileAddress(z: number, x: number, y: number): boolean {
  return (
    Number.isInteger(z) &&
    Number.isInteger(x) &&
    Number.isInteger(y) &&
    z >= 0 &&
    z <= PMTILES_MAX_ZOOM &&
    x >= 0 &&
    y >= 0 &&
    x < 2 ** z &&
    y < 2 ** z
  );
}

/** One directory entry; runLength 0 points at a leaf directory. */
export interface DirectoryEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** A directory as the spec encodes it, before compression. */
export function serializeDirectory(entries: readonly DirectoryEntry[]): Buffer {
  const out: number[] = [];
  pushVarint(out, entries.length);
  let lastId = 0;
  for (const e of entries) {
    pushVarint(out, e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) pushVarint(out, e.runLength);
  for (const e of entries) pushVarint(out, e.length);
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    const contiguous = i > 0 && previous && e.offset === previous.offset + previous.length;
    pushVarint(out, contiguous ? 0 : e.offset + 1);
  });
  return Buffer.from(out);
}

const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 });

/**
 * The root directory and the leaf directories (concatenated), gzipped: the root alone when it
 * fits in `rootLimit` bytes, else leaves of 4096 entries, doubled until the root fits.
 */
export function buildDirectories(
  entries: readonly DirectoryEntry[],
  rootLimit = PMTILES_ROOT_LIMIT_BYTES,
): { root: Buffer; leaves: Buffer; leafCount: number } {
  const whole = gzip(serializeDirectory(entries));
  if (whole.length <= rootLimit) return { root: whole, leaves: Buffer.alloc(0), leafCount: 0 };
  for (let leafSize = FIRST_LEAF_ENTRIES; ; leafSize *= 2) {
    const rootEntries: DirectoryEntry[] = [];
    const leaves: Buffer[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = gzip(serializeDirectory(entries.slice(i, i + leafSize)));
      const first = entries[i] as DirectoryEntry;
      rootEntries.push({ tileId: first.tileId, offset, length: leaf.length, runLength: 0 });
      leaves.push(leaf);
      offset += leaf.length;
    }
    const root = gzip(serializeDirectory(rootEntries));
    // One leaf always fits: its root entry is a handful of bytes.
    if (root.length <= rootLimit || leaves.length === 1) {
      return { root, leaves: Buffer.concat(leaves), leafCount: leaves.length };
    }
  }
}

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');

const tileLon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const tileLat = (y: number, z: number) =>
  (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

/** The box the tiles cover. */
export function tilesExtent(tiles: readonly Tile[]): Bounds {
  const box = { west: 180, south: 90, east: -180, north: -90 };
  for (const { z, x, y } of tiles) {
    box.west = Math.min(box.west, tileLon(x, z));
    box.east = Math.max(box.east, tileLon(x + 1, z));
    box.north = Math.max(box.north, tileLat(y, z));
    box.south = Math.min(box.south, tileLat(y + 1, z));
  }
  return box;
}

/**
 * A PMTiles v3 file of `tiles` (at least one; none twice at the same z/x/y). Throws RangeError
 * for a tile address that does not exist or a repeated one.
 */
export function writePmtiles(tiles: readonly Tile[], options: PmtilesOptions): Buffer {
  if (tiles.length === 0) throw new RangeError('No tiles');
  const sorted = tiles
    .map((tile) => ({ tile, id: zxyToTileId(tile.z, tile.x, tile.y) }))
    .sort((a, b) => a.id - b.id);

  const entries: DirectoryEntry[] = [];
  const data: Uint8Array[] = [];
  const offsetByHash = new Map<string, number>();
  // The same bytes object (a converter's shared tile) is hashed once.
  const hashByObject = new Map<Uint8Array, string>();
  let dataLength = 0;
  let previousId = -1;
  for (const { tile, id } of sorted) {
    if (id === previousId) throw new RangeError(`Tile ${tile.z}/${tile.x}/${tile.y} twice`);
    previousId = id;
    if (tile.bytes.length === 0) throw new RangeError(`Tile ${tile.z}/${tile.x}/${tile.y} empty`);
    let hash = hashByObject.get(tile.bytes);
    if (hash === undefined) {
      hash = hashOf(tile.bytes);
      hashByObject.set(tile.bytes, hash);
    }
    let offset = offsetByHash.get(hash);
    if (offset === undefined) {
      offset = dataLength;
      offsetByHash.set(hash, offset);
      data.push(tile.bytes);
      dataLength += tile.bytes.length;
    }
    const last = entries[entries.length - 1];
    if (last && last.offset === offset && last.tileId + last.runLength === id) {
      last.runLength += 1;
    } else {
      entries.push({ tileId: id, offset, length: tile.bytes.length, runLength: 1 });
    }
  }

  const { root, leaves } = buildDirectories(entries, options.rootLimitBytes);
  const metadata = gzip(Buffer.from(JSON.stringify(options.metadata), 'utf8'));
  // Sorted by ID is sorted by zoom (IDs count up through the zooms).
  const minZoom = (sorted[0] as (typeof sorted)[number]).tile.z;
  const maxZoom = (sorted[sorted.length - 1] as (typeof sorted)[number]).tile.z;
  const bounds = options.bounds ?? tilesExtent(tiles);
  const center = options.center ?? {
    lon: (bounds.west + bounds.east) / 2,
    lat: (bounds.south + bounds.north) / 2,
    zoom: Math.min(maxZoom, minZoom + 2),
  };

  const header = Buffer.alloc(PMTILES_HEADER_BYTES);
  header.write('PMTiles', 0, 'latin1');
  header[7] = 3;
  const u64 = (value: number, at: number) => header.writeBigUInt64LE(BigInt(value), at);
  const rootOffset = PMTILES_HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const dataOffset = leavesOffset + leaves.length;
  u64(rootOffset, 8);
  u64(root.length, 16);
  u64(metadataOffset, 24);
  u64(metadata.length, 32);
  u64(leavesOffset, 40);
  u64(leaves.length, 48);
  u64(dataOffset, 56);
  u64(dataLength, 64);
  u64(sorted.length, 72); // addressed tiles
  u64(entries.length, 80); // tile entries
  u64(data.length, 88); // tile contents
  header[96] = 1; // clustered: data in tile-ID order, a repeat points back to earlier bytes
  header[97] = COMPRESSION_GZIP; // internal compression
  header[98] = COMPRESSION_NONE; // tile compression: images are compressed already
  header[99] = TILE_TYPE_BYTE[options.tileType];
  header[100] = minZoom;
  header[101] = maxZoom;
  const e7 = (deg: number) => Math.round(deg * 1e7);
  header.writeInt32LE(e7(bounds.west), 102);
  header.writeInt32LE(e7(bounds.south), 106);
  header.writeInt32LE(e7(bounds.east), 110);
  header.writeInt32LE(e7(bounds.north), 114);
  header[118] = Math.max(0, Math.min(255, Math.round(center.zoom)));
  header.writeInt32LE(e7(center.lon), 119);
  header.writeInt32LE(e7(center.lat), 123);
  return Buffer.concat([header, root, metadata, leaves, ...data]);
}
