// The tambon's offline basemap (issue 16): one raster PMTiles v3 file an admin uploads to
// /api/basemap (or an MBTiles file, converted to PMTiles on the server); any signed-in user reads it with HTTP Range requests, and a device keeps a copy
// to draw the map offline. Pure: the header check and the Range parsing are shared and tested.
import { z } from 'zod';

/** The most bytes a basemap may have (the upload's body limit). */
export const MAX_BASEMAP_BYTES = 200 * 1024 * 1024;
/** Bytes per stored chunk on the server and per range a device downloads at a time. */
export const BASEMAP_CHUNK_BYTES = 1024 * 1024;
/** The attribution OSM-derived tiles carry (the default when the upload names none). */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
/** Content type of the file as served. */
export const PMTILES_MIME = 'application/vnd.pmtiles';

/** `GET /api/basemap/info` answers 200 with this (404 not_found when there is none). */
export const BasemapInfo = z.object({
  size: z.number().int().positive(),
  /** The strong ETag of the file: its SHA-256 in quotes. */
  etag: z.string(),
  uploadedAt: z.string(),
  attribution: z.string(),
});
export type BasemapInfo = z.infer<typeof BasemapInfo>;

/** `?attribution=` names the tiles' source (shown on the map). */
export const BasemapUploadQuery = z.object({
  attribution: z.string().trim().min(1).max(200).optional(),
});

/** True for the bytes of a PMTiles version 3 file: "PMTiles" then the version byte 3. */
export function isPmtilesV3(bytes: Uint8Array): boolean {
  const magic = [0x50, 0x4d, 0x54, 0x69, 0x6c, 0x65, 0x73]; // "PMTiles"
  if (bytes.length < 127) return false; // the fixed header is 127 bytes
  return magic.every((b, i) => bytes[i] === b) && bytes[7] === 3;
}

/** True for the start of an SQLite database file, as an MBTiles file is: "SQLite format 3\0". */
export function isSqlite(bytes: Uint8Array): boolean {
  const magic = 'SQLite format 3\0';
  if (bytes.length < 100) return false; // the database header is 100 bytes
  return [...magic].every((c, i) => bytes[i] === c.charCodeAt(0));
}

/**
 * Why an upload was refused: the `message` of the 400 validation_failed's `body` issue. The
 * `mbtiles_` ones come from reading an MBTiles file.
 */
export const BasemapRefusalCode = z.enum([
  /** Neither a PMTiles v3 file nor an SQLite (MBTiles) file. */
  'not_pmtiles_or_mbtiles',
  /** SQLite, but damaged or not readable. */
  'mbtiles_unreadable',
  /** No `tiles` table with zoom_level, tile_column, tile_row, tile_data. */
  'mbtiles_no_tiles_table',
  /** Vector tiles (format pbf), not pictures. */
  'mbtiles_vector',
  /** A tile that is no PNG, JPEG or WebP picture. */
  'mbtiles_unsupported_format',
  'mbtiles_empty',
  'mbtiles_too_many_tiles',
  'mbtiles_tile_too_large',
  /** A zoom, column or row that is no tile (negative, past the zoom's edge, zoom above 24). */
  'mbtiles_bad_tile_address',
  'mbtiles_duplicate_tile',
  /** A tile row without its picture. */
  'mbtiles_missing_tile_data',
  /** The converted file would pass MAX_BASEMAP_BYTES. */
  'mbtiles_too_large',
]);
export type BasemapRefusalCode = z.infer<typeof BasemapRefusalCode>;

/** A byte range, both ends included. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one range a `Range` header asks of a file of `size` bytes: null when there is no header
 * (the whole file), 'unsatisfiable' for a malformed header, several ranges, or a range that
 * starts past the end (answered 416). An end past the file is cut to its last byte.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return 'unsatisfiable';
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'unsatisfiable';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Bytes a device asks for at a time and stores as one piece: a stop loses at most this. */
export const BASEMAP_DOWNLOAD_CHUNK_BYTES = 2 * 1024 * 1024;

/** The pieces a file of `size` bytes is downloaded in: index and both ends (included). */
export function downloadPieces(
  size: number,
  pieceBytes = BASEMAP_DOWNLOAD_CHUNK_BYTES,
): Array<{ index: number; start: number; end: number }> {
  const pieces = [];
  for (let index = 0; index * pieceBytes < size; index++) {
    const start = index * pieceBytes;
    pieces.push({ index, start, end: Math.min(size, start + pieceBytes) - 1 });
  }
  return pieces;
}

/** The indexes of the pieces holding bytes `offset`…`offset + length - 1` of a `size`-byte file. */
export function piecesCovering(
  offset: number,
  length: number,
  size: number,
  pieceBytes = BASEMAP_DOWNLOAD_CHUNK_BYTES,
): number[] {
  const last = Math.min(offset + length, size) - 1;
  if (length <= 0 || offset >= size || last < offset) return [];
  const indexes = [];
  for (let i = Math.floor(offset / pieceBytes); i <= Math.floor(last / pieceBytes); i++) {
    indexes.push(i);
  }
  return indexes;
}
