import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { GeoError } from '../../../src/shared/geo/errors';
import type { MultiPolygon } from '../../../src/shared/geo/geometry';
import { LAYER_LIMITS, readParcelLayer } from '../../../src/shared/geo/layer';
import { fromWgs84 } from '../../../src/shared/geo/projection';
import {
  encodingOfCpg,
  readDbf,
  readShp,
  withoutPartialUtf8,
} from '../../../src/shared/geo/shapefile';
import {
  type ShapefileInput,
  writeDbf,
  writeShapefile,
  zipShapefile,
} from '../../../src/shared/geo/shapefileWriter';
import { encodeTis620 } from '../import/tis620';

const LIMITS = { maxFeatures: 100, maxVerticesPerFeature: 100, maxVertices: 1000 };

/** A square of `size` metres with its south-west corner at (e, n). */
function square(e: number, n: number, size: number): MultiPolygon {
  return [
    [
      [
        [e, n],
        [e, n + size],
        [e + size, n + size],
        [e + size, n],
        [e, n],
      ],
    ],
  ];
}

const THAI_ROWS = [
  { PARCEL_COD: '01A001', LANDUSE: 'ที่อยู่อาศัย', OWNER: 'นายสมชาย ใจดี', RAI: 1.25 },
  { PARCEL_COD: '01A002', LANDUSE: 'เกษตรกรรม (นาข้าว)', OWNER: 'นางสมศรี มีสุข', RAI: null },
];
const FIELDS: ShapefileInput['fields'] = [
  { name: 'PARCEL_COD', type: 'C', length: 12 },
  { name: 'LANDUSE', type: 'C', length: 40 },
  { name: 'OWNER', type: 'C', length: 40 },
  { name: 'RAI', type: 'N', length: 10, decimals: 2 },
];

function layerFile(overrides: Partial<ShapefileInput> = {}) {
  return writeShapefile({
    shapes: [square(285_000, 1_777_000, 40), square(285_100, 1_777_000, 30)],
    fields: FIELDS,
    rows: THAI_ROWS,
    encoding: 'windows-874',
    projection: 24048,
    ...overrides,
  });
}

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof GeoError) return error.code;
    throw error;
  }
}

describe('the .dbf reader', () => {
  it('reads TIS-620 Thai text (bytes as Thai Excel and ArcView write them)', () => {
    const dbf = writeDbf(FIELDS, THAI_ROWS, 'windows-874');
    // The bytes really are TIS-620: the test's own encoder finds them in the file.
    const expected = encodeTis620('ที่อยู่อาศัย');
    const at = dbf.findIndex((_, i) => expected.every((b, j) => dbf[i + j] === b));
    expect(at).toBeGreaterThan(0);
    const table = readDbf(dbf, { maxRecords: 10 });
    expect(table.encoding).toBe('windows-874');
    expect(table.rows[0]).toEqual({
      PARCEL_COD: '01A001',
      LANDUSE: 'ที่อยู่อาศัย',
      OWNER: 'นายสมชาย ใจดี',
      RAI: 1.25,
    });
    expect(table.rows[1]?.RAI).toBeNull();
  });

  it('detects TIS-620 without the language driver byte or a .cpg, and UTF-8 likewise', () => {
    const tis = writeDbf(FIELDS, THAI_ROWS, 'windows-874');
    tis[29] = 0;
    expect(readDbf(tis, { maxRecords: 10 }).rows[1]?.LANDUSE).toBe('เกษตรกรรม (นาข้าว)');
    const utf8 = writeDbf(FIELDS, THAI_ROWS, 'utf-8');
    const table = readDbf(utf8, { maxRecords: 10 });
    expect(table.encoding).toBe('utf-8');
    expect(table.rows[1]?.OWNER).toBe('นางสมศรี มีสุข');
  });

  it('drops a UTF-8 letter cut in half at the field width', () => {
    const bytes = new TextEncoder().encode('กข');
    expect(new TextDecoder().decode(withoutPartialUtf8(bytes.subarray(0, 5)))).toBe('ก');
    expect(new TextDecoder().decode(withoutPartialUtf8(bytes.subarray(0, 4)))).toBe('ก');
    expect(withoutPartialUtf8(bytes)).toEqual(bytes);
    expect(withoutPartialUtf8(Uint8Array.from([0x41]))).toEqual(Uint8Array.from([0x41]));
  });

  it('takes the .cpg over the bytes', () => {
    expect(encodingOfCpg('UTF-8\r\n')).toBe('utf-8');
    expect(encodingOfCpg('874')).toBe('windows-874');
    expect(encodingOfCpg('ANSI 874')).toBe('windows-874');
    expect(encodingOfCpg('TIS-620')).toBe('windows-874');
    expect(encodingOfCpg('1252')).toBeNull();
    const utf8 = writeDbf(FIELDS, THAI_ROWS, 'utf-8');
    // A wrong .cpg is obeyed (it is the file's word), so the text reads as mojibake, not Thai.
    expect(readDbf(utf8, { cpg: '874', maxRecords: 10 }).rows[0]?.LANDUSE).not.toBe('ที่อยู่อาศัย');
  });

  it('reads D and L fields and skips deleted rows', () => {
    const dbf = writeDbf(
      [
        { name: 'D', type: 'C', length: 8 },
        { name: 'L', type: 'C', length: 1 },
      ],
      [
        { D: '20240131', L: 'T' },
        { D: '', L: '?' },
      ],
      'utf-8',
    );
    // Retype the two fields as D and L (the writer only writes C and N).
    dbf[32 + 11] = 'D'.charCodeAt(0);
    dbf[64 + 11] = 'L'.charCodeAt(0);
    const recordLength = 1 + 8 + 1;
    dbf[32 + 64 + 1 + recordLength] = 0x2a;
    const rows = readDbf(dbf, { maxRecords: 10 }).rows;
    expect(rows[0]).toEqual({ D: '2024-01-31', L: true });
    expect(rows[1]).toBeNull();
  });

  it('refuses a table past its limit or shorter than its header says', () => {
    const dbf = writeDbf(FIELDS, THAI_ROWS, 'utf-8');
    expect(refusal(() => readDbf(dbf, { maxRecords: 1 }))).toBe('too_many_features');
    expect(refusal(() => readDbf(dbf.subarray(0, dbf.length - 40), { maxRecords: 10 }))).toBe(
      'shapefile_malformed',
    );
  });
});

describe('the .shp reader', () => {
  it('reads polygons with holes back as written', () => {
    const outer = square(0, 0, 100)[0]?.[0] ?? [];
    const hole = square(10, 10, 10)[0]?.[0] ?? [];
    const { shp } = layerFile({ shapes: [[[outer, hole]]], rows: [THAI_ROWS[0] ?? {}] });
    const { kind, shapes } = readShp(shp, LIMITS);
    expect(kind).toBe('polygon');
    const shape = shapes[0];
    expect(shape?.kind === 'polygon' && shape.polygons.length).toBe(1);
    expect(shape?.kind === 'polygon' && shape.polygons[0]?.length).toBe(2);
  });

  it('refuses bad headers, short records and too many vertices', () => {
    const { shp } = layerFile();
    expect(refusal(() => readShp(shp.subarray(0, 50), LIMITS))).toBe('shapefile_malformed');
    const lying = shp.slice();
    new DataView(lying.buffer).setInt32(100 + 4, 100_000, false);
    expect(refusal(() => readShp(lying, LIMITS))).toBe('shapefile_malformed');
    expect(refusal(() => readShp(shp, { ...LIMITS, maxVerticesPerFeature: 4 }))).toBe(
      'too_many_vertices',
    );
    expect(refusal(() => readShp(shp, { ...LIMITS, maxFeatures: 1 }))).toBe('too_many_features');
    expect(refusal(() => readShp(shp, { ...LIMITS, maxVertices: 6 }))).toBe('too_many_vertices');
  });
});

describe('reading a parcel layer', () => {
  it('reads a zipped Indian 1975 / UTM 48N Shapefile into WGS 84 with its Thai attributes', () => {
    const zip = zipShapefile('parcels', layerFile());
    const layer = readParcelLayer(zip);
    expect(layer).toMatchObject({
      format: 'shapefile',
      projection: 24048,
      encoding: 'windows-874',
    });
    expect(layer.columns).toEqual(['PARCEL_COD', 'LANDUSE', 'OWNER', 'RAI']);
    expect(layer.features).toHaveLength(2);
    const first = layer.features[0];
    expect(first?.attributes).toEqual({
      PARCEL_COD: '01A001',
      LANDUSE: 'ที่อยู่อาศัย',
      OWNER: 'นายสมชาย ใจดี',
      RAI: '1.25',
    });
    // Every corner goes back to the metres it was written at (the datum shift both ways).
    const corners = (first?.polygons[0]?.[0] ?? []).map((p) => fromWgs84(24048)(p));
    expect(corners.map(([e, n]) => [Math.round(e), Math.round(n)])).toEqual(
      square(285_000, 1_777_000, 40)[0]?.[0],
    );
    expect(layer.bbox[0]).toBeGreaterThan(102.9);
    expect(layer.bbox[2]).toBeLessThan(103.1);
  });

  it('reads a GeoJSON FeatureCollection, in WGS 84 or in a named projection', () => {
    const ring = [
      [103.65, 16.05],
      [103.651, 16.05],
      [103.651, 16.051],
      [103.65, 16.051],
      [103.65, 16.05],
    ];
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '02B7', หมู่: '3' },
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
        { type: 'Feature', properties: { code: '02B8' }, geometry: null },
        {
          type: 'Feature',
          // A nested value is not an attribute (nor stringified, however deep).
          properties: {
            code: '02B9',
            nested: 'NESTED',
          },
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
      ],
    });
    const deep = text.replace('"NESTED"', `${'['.repeat(5000)}${']'.repeat(5000)}`);
    const layer = readParcelLayer(new TextEncoder().encode(deep));
    expect(layer.format).toBe('geojson');
    expect(layer.features).toHaveLength(2);
    expect(layer.features[0]?.attributes).toEqual({ code: '02B7', หมู่: '3' });
    expect(layer.features[1]?.attributes).toEqual({ code: '02B9' });
    expect(layer.skipped).toEqual([{ record: 2, reason: 'no_geometry' }]);
    const utm = ring.map((p) => fromWgs84(32648)(p as [number, number]));
    const named = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32648' } },
      features: [
        {
          type: 'Feature',
          properties: { code: 'X' },
          geometry: { type: 'Polygon', coordinates: [utm] },
        },
      ],
    });
    const back = readParcelLayer(new TextEncoder().encode(named)).features[0]
      ?.polygons[0]?.[0]?.[1];
    expect(back?.[0]).toBeCloseTo(103.651, 6);
    expect(back?.[1]).toBeCloseTo(16.05, 6);
  });

  it('answers each kind of bad file with its code', () => {
    const enc = (text: string) => new TextEncoder().encode(text);
    const files = layerFile();
    expect(refusal(() => readParcelLayer(enc('hello')))).toBe('unknown_format');
    expect(refusal(() => readParcelLayer(Uint8Array.from([0x50, 0x4b, 3, 4, 9, 9, 9])))).toBe(
      'not_zip',
    );
    expect(refusal(() => readParcelLayer(enc('{"type":"Feature"')))).toBe('geojson_invalid');
    expect(
      refusal(() =>
        readParcelLayer(
          enc(
            JSON.stringify({
              type: 'FeatureCollection',
              features: [
                {
                  type: 'Feature',
                  properties: {},
                  geometry: { type: 'Point', coordinates: [103, 16] },
                },
              ],
            }),
          ),
        ),
      ),
    ).toBe('not_polygons');
    expect(refusal(() => readParcelLayer(zipSync({ 'a.txt': enc('x') })))).toBe(
      'shapefile_missing',
    );
    const noPrj = zipSync({ 'a.shp': files.shp, 'a.dbf': files.dbf });
    expect(refusal(() => readParcelLayer(noPrj))).toBe('projection_missing');
    const noDbf = zipSync({ 'a.shp': files.shp, 'a.prj': enc(files.prj) });
    expect(refusal(() => readParcelLayer(noDbf))).toBe('shapefile_missing');
    const two = zipSync({ 'a.shp': files.shp, 'b.shp': files.shp });
    expect(refusal(() => readParcelLayer(two))).toBe('several_layers');
    // The right numbers under the wrong zone's .prj are read as the file says, ~6° west: the
    // preview shows them far from the households (the admin's check), nothing guesses.
    const wrongZone = zipShapefile('p', {
      ...files,
      prj: files.prj.replace('105.0', '99.0').replace('48N', '47N'),
    });
    const misplaced = readParcelLayer(wrongZone);
    expect(misplaced.projection).toBe(24047);
    expect(misplaced.bbox[0]).toBeLessThan(97.5);
    const farAway = zipShapefile(
      'p',
      layerFile({ shapes: [square(285_000, 9_000_000, 40), square(0, 0, 1)] }),
    );
    expect(refusal(() => readParcelLayer(farAway))).toBe('outside_thailand');
  });

  it('refuses a zip bomb by the sizes it declares, and one that lies is cut short', () => {
    const big = new Uint8Array(2_000_000);
    const bomb = zipSync({ 'a.shp': big, 'a.dbf': big, 'a.prj': new TextEncoder().encode('x') });
    const limits = { ...LAYER_LIMITS, maxFileBytes: 1_000_000 };
    expect(refusal(() => readParcelLayer(bomb, limits))).toBe('too_large');
    // Declared small, inflating large: fflate fills only the declared size, the .shp is then short.
    const files = layerFile();
    const liar = zipSync({
      'a.shp': files.shp,
      'a.dbf': files.dbf,
      'a.prj': new TextEncoder().encode(files.prj),
    });
    const view = new DataView(liar.buffer);
    for (let i = liar.length - 22; i >= 0; i--) {
      if (
        view.getUint32(i, true) === 0x02014b50 &&
        liar[i + 46] === 'a'.charCodeAt(0) &&
        liar[i + 48] === 's'.charCodeAt(0)
      ) {
        view.setUint32(i + 24, 120, true);
      }
    }
    expect(refusal(() => readParcelLayer(liar))).toBe('shapefile_malformed');
    expect(refusal(() => readParcelLayer(new Uint8Array(LAYER_LIMITS.maxBytes + 1)))).toBe(
      'too_large',
    );
  });
});
