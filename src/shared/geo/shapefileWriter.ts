// Writes a polygon Shapefile (.shp, .shx, .dbf, .prj, optional .cpg) as a tax-map program
// would: the demo tambon's parcel layer and the tests' fixtures are made here, then read back
// through the same reader and reprojection as an office's file.
import { zipSync } from 'fflate';
import type { TextEncoding } from '../import/decode';
import type { MultiPolygon, Ring } from './geometry';
import { signedArea } from './geometry';
import type { ProjectionCode } from './projection';

const GEOGCS_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const GEOGCS_INDIAN_1975 =
  'GEOGCS["GCS_Indian_1975",DATUM["D_Indian_1975",SPHEROID["Everest_Adjustment_1937",6377276.345,300.8017]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

function utm(name: string, geogcs: string, meridian: number): string {
  return `PROJCS["${name}",${geogcs},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${meridian.toFixed(1)}],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
}

/** The `.prj` ESRI software writes for each known projection. */
export const ESRI_PRJ: Record<ProjectionCode, string> = {
  4326: GEOGCS_WGS84,
  4240: GEOGCS_INDIAN_1975,
  32647: utm('WGS_1984_UTM_Zone_47N', GEOGCS_WGS84, 99),
  32648: utm('WGS_1984_UTM_Zone_48N', GEOGCS_WGS84, 105),
  24047: utm('Indian_1975_UTM_Zone_47N', GEOGCS_INDIAN_1975, 99),
  24048: utm('Indian_1975_UTM_Zone_48N', GEOGCS_INDIAN_1975, 105),
};

export interface DbfFieldSpec {
  /** ASCII, at most 10 characters. */
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}

export interface ShapefileInput {
  /** One per record, in the layer's projection. */
  shapes: MultiPolygon[];
  fields: DbfFieldSpec[];
  rows: Array<Record<string, string | number | null>>;
  encoding: TextEncoding;
  projection: ProjectionCode;
  /** Write a `.cpg` naming the encoding (ArcGIS does; many Thai programs do not). */
  cpg?: boolean;
}

export interface ShapefileFiles {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
  prj: string;
  cpg?: string;
}

/** Thai text as TIS-620 / Windows-874 bytes (Thai letters U+0E01–U+0E5B at 0xA1–0xFB). */
export function encodeTis620(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else if (code >= 0x0e01 && code <= 0x0e5b) out.push(code - 0x0e00 + 0xa0);
    else out.push(0x3f);
  }
  return Uint8Array.from(out);
}

declare const TextEncoder: new () => { encode(text: string): Uint8Array };

function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  return encoding === 'utf-8' ? new TextEncoder().encode(text) : encodeTis620(text);
}

/** Outer rings clockwise, holes counter-clockwise, as the format wants. */
function oriented(ring: Ring, outer: boolean): Ring {
  const clockwise = signedArea(ring) < 0;
  return clockwise === outer ? ring : [...ring].reverse();
}

export function writeShapefile(input: ShapefileInput): ShapefileFiles {
  const contents = input.shapes.map((polygons) => {
    const rings = polygons.flatMap((polygon) =>
      polygon.map((ring, index) => oriented(ring, index === 0)),
    );
    const points = rings.flat();
    const length = 44 + rings.length * 4 + points.length * 16;
    const bytes = new Uint8Array(length);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, 5, true);
    const box = bboxOfPoints(points);
    for (const [i, value] of box.entries()) view.setFloat64(4 + i * 8, value, true);
    view.setInt32(36, rings.length, true);
    view.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((ring, i) => {
      view.setInt32(44 + i * 4, start, true);
      start += ring.length;
    });
    points.forEach(([x, y], i) => {
      view.setFloat64(44 + rings.length * 4 + i * 16, x, true);
      view.setFloat64(44 + rings.length * 4 + i * 16 + 8, y, true);
    });
    return { bytes, box };
  });
  const all = bboxOfPoints(
    contents.flatMap(({ box }) => [
      [box[0], box[1]] as [number, number],
      [box[2], box[3]] as [number, number],
    ]),
  );
  const shpLength = 100 + contents.reduce((sum, c) => sum + 8 + c.bytes.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + contents.length * 8);
  for (const [file, length] of [
    [shp, shpLength],
    [shx, shx.length],
  ] as const) {
    const view = new DataView(file.buffer);
    view.setInt32(0, 9994, false);
    view.setInt32(24, length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, 5, true);
    for (const [i, value] of all.entries()) view.setFloat64(36 + i * 8, value, true);
  }
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  contents.forEach(({ bytes }, i) => {
    shpView.setInt32(offset, i + 1, false);
    shpView.setInt32(offset + 4, bytes.length / 2, false);
    shp.set(bytes, offset + 8);
    shxView.setInt32(100 + i * 8, offset / 2, false);
    shxView.setInt32(100 + i * 8 + 4, bytes.length / 2, false);
    offset += 8 + bytes.length;
  });
  return {
    shp,
    shx,
    dbf: writeDbf(input.fields, input.rows, input.encoding),
    prj: ESRI_PRJ[input.projection],
    ...(input.cpg ? { cpg: input.encoding === 'utf-8' ? 'UTF-8' : '874' } : {}),
  };
}

function bboxOfPoints(points: ReadonlyArray<[number, number]>): [number, number, number, number] {
  if (points.length === 0) return [0, 0, 0, 0];
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

/** `text` encoded, cut to `bytes` on a character boundary. */
function encodedWithin(text: string, encoding: TextEncoding, bytes: number): Uint8Array {
  let encoded = encodeText(text, encoding);
  for (let chars = [...text].length; encoded.length > bytes; chars--) {
    encoded = encodeText([...text].slice(0, chars - 1).join(''), encoding);
  }
  return encoded;
}

/** A dBASE III table; TIS-620 files get the Thai language driver byte (0x7C) as ArcView wrote. */
export function writeDbf(
  fields: DbfFieldSpec[],
  rows: Array<Record<string, string | number | null>>,
  encoding: TextEncoding,
): Uint8Array {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const bytes = new Uint8Array(headerLength + rows.length * recordLength + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes.set([126, 1, 1], 1);
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = encoding === 'windows-874' ? 0x7c : 0x00;
  fields.forEach((field, i) => {
    const at = 32 + i * 32;
    for (let c = 0; c < Math.min(10, field.name.length); c++)
      bytes[at + c] = field.name.charCodeAt(c);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = field.length;
    bytes[at + 17] = field.decimals ?? 0;
  });
  bytes[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    bytes[at++] = 0x20;
    for (const field of fields) {
      const value = row[field.name];
      const cell = new Uint8Array(field.length).fill(0x20);
      if (value !== null && value !== undefined) {
        if (field.type === 'N') {
          const text = typeof value === 'number' ? value.toFixed(field.decimals ?? 0) : value;
          const encoded = encodeText(text.slice(-field.length), 'utf-8');
          cell.set(encoded, field.length - encoded.length);
        } else {
          cell.set(encodedWithin(String(value), encoding, field.length));
        }
      }
      bytes.set(cell, at);
      at += field.length;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

/** The layer's files in one zip, as an admin would upload it. */
export function zipShapefile(name: string, files: ShapefileFiles): Uint8Array {
  const entries: Record<string, Uint8Array> = {
    [`${name}.shp`]: files.shp,
    [`${name}.shx`]: files.shx,
    [`${name}.dbf`]: files.dbf,
    [`${name}.prj`]: encodeText(files.prj, 'utf-8'),
  };
  if (files.cpg !== undefined) entries[`${name}.cpg`] = encodeText(files.cpg, 'utf-8');
  return zipSync(entries);
}
