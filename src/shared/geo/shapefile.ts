// A minimal ESRI Shapefile reader (the `.shp` geometry and the `.dbf` attributes; the `.shx`
// index is not needed to read every record in order), after the ESRI Shapefile Technical
// Description (1998) and the dBASE III+ table format. Thai attribute text is UTF-8 or TIS-620
// (Windows-874): the `.cpg` says which when the file has one, else the DBF's language driver
// byte, else the bytes show it (`decodeCsvBytes`, as for CSV files).
import { decodeBytesAs, decodeCsvBytes, type TextEncoding } from '../import/decode';
import { GeoError } from './errors';
import type { MultiPolygon, Polygon, Ring } from './geometry';
import { pointInRing, signedArea } from './geometry';
import type { Position } from './projection';

export interface ShapeLimits {
  maxFeatures: number;
  maxVerticesPerFeature: number;
  maxVertices: number;
}

export const SHAPE_TYPES = {
  0: 'null',
  1: 'point',
  3: 'polyline',
  5: 'polygon',
  8: 'multipoint',
  11: 'point',
  13: 'polyline',
  15: 'polygon',
  18: 'multipoint',
  21: 'point',
  23: 'polyline',
  25: 'polygon',
  28: 'multipoint',
} as const;
export type ShapeKind = (typeof SHAPE_TYPES)[keyof typeof SHAPE_TYPES];

/** One record of a `.shp`, x/y only (Z and M values are skipped). */
export type Shape =
  | { kind: 'null' }
  | { kind: 'point' | 'multipoint'; points: Position[] }
  | { kind: 'polyline'; parts: Position[][] }
  | { kind: 'polygon'; polygons: MultiPolygon };

const malformed = (reason: string, params: Record<string, number> = {}) =>
  new GeoError('shapefile_malformed', { reason, ...params });

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The shapes of a `.shp`, in record order (the `.dbf` rows are in the same order). */
export function readShp(
  bytes: Uint8Array,
  limits: ShapeLimits,
): { kind: ShapeKind; shapes: Shape[] } {
  if (bytes.length < 100) throw malformed('header');
  const view = viewOf(bytes);
  if (view.getInt32(0, false) !== 9994 || view.getInt32(28, true) !== 1000) {
    throw malformed('header');
  }
  const declared = view.getInt32(24, false) * 2;
  const fileType = view.getInt32(32, true);
  const kind = SHAPE_TYPES[fileType as keyof typeof SHAPE_TYPES];
  if (!kind) throw malformed('shape_type', { shapeType: fileType });
  const end = Math.min(declared, bytes.length);
  const shapes: Shape[] = [];
  let totalVertices = 0;
  let offset = 100;
  while (offset + 8 <= end) {
    const contentBytes = view.getInt32(offset + 4, false) * 2;
    const start = offset + 8;
    if (contentBytes < 4 || start + contentBytes > end) {
      throw malformed('record_length', { record: shapes.length + 1 });
    }
    if (shapes.length >= limits.maxFeatures) {
      throw new GeoError('too_many_features', { limit: limits.maxFeatures });
    }
    const shape = readShape(view, start, contentBytes, shapes.length + 1, limits);
    totalVertices += verticesOf(shape);
    if (totalVertices > limits.maxVertices) {
      throw new GeoError('too_many_vertices', { limit: limits.maxVertices });
    }
    shapes.push(shape);
    offset = start + contentBytes;
  }
  return { kind, shapes };
}

function verticesOf(shape: Shape): number {
  switch (shape.kind) {
    case 'null':
      return 0;
    case 'point':
    case 'multipoint':
      return shape.points.length;
    case 'polyline':
      return shape.parts.reduce((sum, part) => sum + part.length, 0);
    case 'polygon':
      return shape.polygons.reduce(
        (sum, polygon) => sum + polygon.reduce((s, ring) => s + ring.length, 0),
        0,
      );
  }
}

function readShape(
  view: DataView,
  start: number,
  length: number,
  record: number,
  limits: ShapeLimits,
): Shape {
  const type = view.getInt32(start, true);
  const kind = SHAPE_TYPES[type as keyof typeof SHAPE_TYPES];
  if (!kind) throw malformed('shape_type', { record, shapeType: type });
  const need = (bytes: number) => {
    if (bytes > length) throw malformed('record_length', { record });
  };
  const point = (at: number): Position => {
    const x = view.getFloat64(at, true);
    const y = view.getFloat64(at + 8, true);
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new GeoError('bad_geometry', { record });
    return [x, y];
  };
  if (kind === 'null') return { kind };
  if (kind === 'point') {
    need(20);
    return { kind, points: [point(start + 4)] };
  }
  if (kind === 'multipoint') {
    need(40);
    const count = view.getInt32(start + 36, true);
    if (count < 0) throw malformed('count', { record });
    if (count > limits.maxVerticesPerFeature) {
      throw new GeoError('too_many_vertices', { record, limit: limits.maxVerticesPerFeature });
    }
    need(40 + count * 16);
    return { kind, points: Array.from({ length: count }, (_, i) => point(start + 40 + i * 16)) };
  }
  need(44);
  const numParts = view.getInt32(start + 36, true);
  const numPoints = view.getInt32(start + 40, true);
  if (numParts < 1 || numPoints < 1 || numParts > numPoints) throw malformed('count', { record });
  if (numPoints > limits.maxVerticesPerFeature) {
    throw new GeoError('too_many_vertices', { record, limit: limits.maxVerticesPerFeature });
  }
  const pointsAt = start + 44 + numParts * 4;
  need(44 + numParts * 4 + numPoints * 16);
  const starts = Array.from({ length: numParts }, (_, i) =>
    view.getInt32(start + 44 + i * 4, true),
  );
  const parts: Position[][] = [];
  for (let i = 0; i < numParts; i++) {
    const from = starts[i] as number;
    const to = i + 1 < numParts ? (starts[i + 1] as number) : numPoints;
    if (from < 0 || to > numPoints || from >= to) throw malformed('parts', { record });
    const part: Position[] = [];
    for (let p = from; p < to; p++) part.push(point(pointsAt + p * 16));
    parts.push(part);
  }
  if (kind === 'polyline') return { kind, parts };
  for (const ring of parts) {
    if (ring.length < 4) throw new GeoError('bad_geometry', { record, reason: 'ring' });
  }
  return { kind, polygons: groupRings(parts) };
}

/**
 * Shapefile rings to polygons: outer rings run clockwise, holes counter-clockwise; each hole
 * goes to the first outer ring around it (one around none is taken as an outer ring).
 */
export function groupRings(rings: Ring[]): MultiPolygon {
  const polygons: Polygon[] = [];
  const holes: Ring[] = [];
  for (const ring of rings) {
    if (signedArea(ring) <= 0) polygons.push([ring]);
    else holes.push(ring);
  }
  for (const hole of holes) {
    const owner = polygons.find(([outer]) => outer && pointInRing(hole[0] as Position, outer));
    if (owner) owner.push(hole);
    else polygons.push([hole]);
  }
  return polygons;
}

export type DbfValue = string | number | boolean | null;

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
}

export interface DbfTable {
  fields: DbfField[];
  /** One per record, deleted ones included (they keep the `.shp` order): `null`. */
  rows: Array<Record<string, DbfValue> | null>;
  encoding: TextEncoding;
}

/** The DBF language driver ids of Thai code page 874. */
const THAI_LANGUAGE_DRIVERS = new Set([0x7c]);

/** The encoding a `.cpg` names, if it is one we read. */
export function encodingOfCpg(cpg: string): TextEncoding | null {
  const name = cpg.trim().toLowerCase();
  if (/^utf-?8$/.test(name)) return 'utf-8';
  if (/(^|\D)874$|tis-?620|thai/.test(name)) return 'windows-874';
  return null;
}

/**
 * The records of a `.dbf`: C text (trimmed), N and F numbers (null when blank), D as
 * `YYYY-MM-DD`, L as booleans; other types as text. `cpg` is the `.cpg` file's text, if any.
 */
export function readDbf(
  bytes: Uint8Array,
  options: { cpg?: string | undefined; maxRecords: number },
): DbfTable {
  if (bytes.length < 32) throw malformed('dbf_header');
  const view = viewOf(bytes);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (count > options.maxRecords) {
    throw new GeoError('too_many_features', { limit: options.maxRecords });
  }
  if (headerLength < 33 || headerLength > bytes.length || recordLength < 1) {
    throw malformed('dbf_header');
  }
  if (headerLength + count * recordLength > bytes.length) throw malformed('dbf_length');
  const rawFields: Array<DbfField & { offset: number; nameBytes: Uint8Array }> = [];
  let fieldOffset = 1;
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const nul = nameBytes.indexOf(0);
    const length = bytes[at + 16] as number;
    rawFields.push({
      name: '',
      nameBytes: nul < 0 ? nameBytes : nameBytes.subarray(0, nul),
      type: String.fromCharCode(bytes[at + 11] as number).toUpperCase(),
      length,
      decimals: bytes[at + 17] as number,
      offset: fieldOffset,
    });
    fieldOffset += length;
  }
  if (fieldOffset > recordLength) throw malformed('dbf_fields');

  const encoding = options.cpg !== undefined ? encodingOfCpg(options.cpg) : null;
  const chosen =
    encoding ??
    (THAI_LANGUAGE_DRIVERS.has(bytes[29] as number)
      ? 'windows-874'
      : detectEncoding(bytes, rawFields, headerLength, recordLength, count));
  const text = (slice: Uint8Array) =>
    decodeBytesAs(chosen === 'utf-8' ? withoutPartialUtf8(slice) : slice, chosen);
  const fields: DbfField[] = rawFields.map((field) => ({
    name: text(field.nameBytes).trim(),
    type: field.type,
    length: field.length,
    decimals: field.decimals,
  }));
  const rows: DbfTable['rows'] = [];
  for (let r = 0; r < count; r++) {
    const at = headerLength + r * recordLength;
    if (bytes[at] === 0x2a) {
      rows.push(null);
      continue;
    }
    const row: Record<string, DbfValue> = Object.create(null);
    rawFields.forEach((field, i) => {
      const slice = bytes.subarray(at + field.offset, at + field.offset + field.length);
      row[(fields[i] as DbfField).name] = dbfValue(field.type, slice, text);
    });
    rows.push(row);
  }
  return { fields, rows, encoding: chosen };
}

function detectEncoding(
  bytes: Uint8Array,
  fields: ReadonlyArray<{ type: string; offset: number; length: number; nameBytes: Uint8Array }>,
  headerLength: number,
  recordLength: number,
  count: number,
): TextEncoding {
  // All the text of the table at once: one short value can pass for UTF-8 by chance.
  const parts: Uint8Array[] = fields.map((field) => field.nameBytes);
  for (let r = 0; r < count; r++) {
    const at = headerLength + r * recordLength;
    for (const field of fields) {
      if (field.type !== 'C') continue;
      const slice = bytes.subarray(at + field.offset, at + field.offset + field.length);
      const nul = slice.indexOf(0);
      parts.push(withoutPartialUtf8(trimSpaces(nul < 0 ? slice : slice.subarray(0, nul))));
    }
  }
  const total = parts.reduce((sum, part) => sum + part.length + 1, 0);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    all[offset + part.length] = 0x0a;
    offset += part.length + 1;
  }
  return decodeCsvBytes(all).encoding;
}

/**
 * A UTF-8 value cut at the field's width may end inside a character (Thai letters are 3 bytes):
 * those last bytes are dropped, so the cut neither hides UTF-8 nor shows a broken letter.
 */
export function withoutPartialUtf8(slice: Uint8Array): Uint8Array {
  let start = slice.length - 1;
  // Back over up to 3 continuation bytes to the lead byte of the last character.
  while (start >= 0 && slice.length - start <= 4 && ((slice[start] as number) & 0xc0) === 0x80)
    start--;
  if (start < 0) return slice;
  const lead = slice[start] as number;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return slice.length - start < need ? slice.subarray(0, start) : slice;
}

function trimSpaces(slice: Uint8Array): Uint8Array {
  let end = slice.length;
  while (end > 0 && slice[end - 1] === 0x20) end--;
  return slice.subarray(0, end);
}

function dbfValue(type: string, slice: Uint8Array, text: (s: Uint8Array) => string): DbfValue {
  const nul = slice.indexOf(0);
  const raw = nul < 0 ? slice : slice.subarray(0, nul);
  if (type === 'N' || type === 'F') {
    const value = ascii(raw).trim();
    if (value === '' || /^\*+$/.test(value)) return null;
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  if (type === 'D') {
    const value = ascii(raw).trim();
    return /^\d{8}$/.test(value)
      ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`
      : null;
  }
  if (type === 'L') {
    const value = ascii(raw).trim().toUpperCase();
    if ('YT'.includes(value) && value !== '') return true;
    if ('NF'.includes(value) && value !== '') return false;
    return null;
  }
  return text(trimSpaces(raw)).trim();
}

function ascii(slice: Uint8Array): string {
  return String.fromCharCode(...slice);
}
