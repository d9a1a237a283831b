// A parcel layer file (a zipped Shapefile or a GeoJSON file) read into WGS 84 polygons with
// their attributes: the one path the import preview, the import and the demo tambon all take.
import type { TextEncoding } from '../import/decode';
import { decodeCsvBytes } from '../import/decode';
import { GeoError } from './errors';
import { readGeoJson } from './geojson';
import type { Bbox, MultiPolygon } from './geometry';
import { bboxOf, extendBbox, roundPolygons } from './geometry';
import { type ProjectionCode, projectionOfPrj, toWgs84 } from './projection';
import { type DbfValue, readDbf, readShp } from './shapefile';
import { isZip, readZip } from './zip';

export const LAYER_LIMITS = {
  /** The uploaded file. A tambon's tax map (~10,000 parcels) is a few MB zipped. */
  maxBytes: 20 * 1024 * 1024,
  /** One file inflated from the zip, and all of them. */
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 96 * 1024 * 1024,
  /** Parcels of one layer: a tambon has a few thousand to ~15,000. */
  maxFeatures: 30_000,
  /** Vertices of one parcel: what one record may carry (`limits.ts`, 64 kB a field). */
  maxVerticesPerFeature: 2_000,
  maxVertices: 1_000_000,
  /** Attributes kept per parcel, and the length of each name and value. */
  maxAttributes: 30,
  maxAttributeNameChars: 40,
  maxAttributeValueChars: 200,
} as const;
export type LayerLimits = typeof LAYER_LIMITS;

/** Where WGS 84 coordinates of a Thai tax map may lie (Thailand with a margin). */
export const THAILAND_BBOX: Bbox = [96, 4, 107, 22];

export interface LayerFeature {
  /** 1-based record number in the file. */
  record: number;
  /** WGS 84 `[longitude, latitude]`, rounded to 1e-7°. */
  polygons: MultiPolygon;
  /** Attribute values as text (empty ones left out), within the attribute caps. */
  attributes: Record<string, string>;
}

export interface ParcelLayer {
  format: 'shapefile' | 'geojson';
  projection: ProjectionCode;
  /** How the attribute text was read (Shapefiles only). */
  encoding: TextEncoding | null;
  /** Attribute names in file order. */
  columns: string[];
  features: LayerFeature[];
  /** Records without geometry or deleted in the `.dbf`: not parcels. */
  skipped: Array<{ record: number; reason: 'no_geometry' | 'deleted' }>;
  bbox: Bbox;
}

/** Reads and reprojects a layer; throws `GeoError` with a code for anything it cannot take. */
export function readParcelLayer(
  bytes: Uint8Array,
  limits: LayerLimits = LAYER_LIMITS,
): ParcelLayer {
  if (bytes.length > limits.maxBytes) throw new GeoError('too_large', { limit: limits.maxBytes });
  if (isZip(bytes)) return readZippedLayer(bytes, limits);
  const start = bytes.subarray(0, 64);
  const head = decodeCsvBytes(start)
    .text.replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) return readGeoJsonLayer(decodeCsvBytes(bytes).text, limits);
  throw new GeoError('unknown_format');
}

function readZippedLayer(bytes: Uint8Array, limits: LayerLimits): ParcelLayer {
  const files = readZip(bytes, limits);
  const byExtension = (extension: string) =>
    [...files.keys()].filter((name) => name.toLowerCase().endsWith(`.${extension}`));
  const shps = byExtension('shp');
  if (shps.length === 0) {
    const json = [...byExtension('geojson'), ...byExtension('json')];
    if (json.length === 1) {
      const bytes = files.get(json[0] as string) as Uint8Array;
      // JSON costs far more memory parsed than a .shp: no more than an upload may be.
      if (bytes.length > limits.maxBytes)
        throw new GeoError('too_large', { limit: limits.maxBytes });
      return readGeoJsonLayer(decodeCsvBytes(bytes).text, limits);
    }
    throw new GeoError(json.length > 1 ? 'several_layers' : 'shapefile_missing');
  }
  if (shps.length > 1) throw new GeoError('several_layers', { count: shps.length });
  const shpName = shps[0] as string;
  const stem = shpName.slice(0, -4).toLowerCase();
  const sibling = (extension: string) => {
    const name = [...files.keys()].find((n) => n.toLowerCase() === `${stem}.${extension}`);
    return name === undefined ? undefined : files.get(name);
  };
  const dbf = sibling('dbf');
  if (!dbf) throw new GeoError('shapefile_missing', { missing: 'dbf' });
  const prj = sibling('prj');
  if (!prj) throw new GeoError('projection_missing');
  const cpg = sibling('cpg');
  const projection = projectionOfPrj(decodeCsvBytes(prj).text);
  const { kind, shapes } = readShp(sibling('shp') as Uint8Array, limits);
  if (kind !== 'polygon') throw new GeoError('not_polygons', { type: kind });
  const table = readDbf(dbf, {
    cpg: cpg ? decodeCsvBytes(cpg).text : undefined,
    maxRecords: limits.maxFeatures,
  });
  if (table.rows.length !== shapes.length) {
    throw new GeoError('shapefile_malformed', {
      reason: 'dbf_rows',
      shapes: shapes.length,
      rows: table.rows.length,
    });
  }
  const project = toWgs84(projection);
  const features: LayerFeature[] = [];
  const skipped: ParcelLayer['skipped'] = [];
  shapes.forEach((shape, index) => {
    const record = index + 1;
    const row = table.rows[index];
    if (row === null) {
      skipped.push({ record, reason: 'deleted' });
      return;
    }
    if (shape?.kind !== 'polygon') {
      skipped.push({ record, reason: 'no_geometry' });
      return;
    }
    features.push({
      record,
      polygons: reproject(shape.polygons, project, record),
      attributes: attributesOf(row ?? {}, limits),
    });
  });
  return finish({
    format: 'shapefile',
    projection,
    encoding: table.encoding,
    columns: table.fields.map((f) => f.name).slice(0, limits.maxAttributes),
    features,
    skipped,
  });
}

function readGeoJsonLayer(text: string, limits: LayerLimits): ParcelLayer {
  const { projection, features: raw } = readGeoJson(text, limits);
  const project = toWgs84(projection);
  const columns = new Set<string>();
  const features: LayerFeature[] = [];
  const skipped: ParcelLayer['skipped'] = [];
  raw.forEach((feature, index) => {
    const record = index + 1;
    if (!feature.polygons) {
      skipped.push({ record, reason: 'no_geometry' });
      return;
    }
    const attributes = attributesOf(feature.properties, limits);
    for (const name of Object.keys(attributes)) columns.add(name);
    features.push({ record, polygons: reproject(feature.polygons, project, record), attributes });
  });
  return finish({
    format: 'geojson',
    projection,
    encoding: null,
    columns: [...columns].slice(0, limits.maxAttributes),
    features,
    skipped,
  });
}

function finish(layer: Omit<ParcelLayer, 'bbox'>): ParcelLayer {
  if (layer.features.length === 0) throw new GeoError('empty');
  const bbox: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of layer.features) {
    const box = bboxOf(feature.polygons);
    extendBbox(bbox, [
      [box[0], box[1]],
      [box[2], box[3]],
    ]);
  }
  const [west, south, east, north] = THAILAND_BBOX;
  if (bbox[0] < west || bbox[1] < south || bbox[2] > east || bbox[3] > north) {
    throw new GeoError('outside_thailand', {
      projection: layer.projection,
      west: bbox[0],
      south: bbox[1],
      east: bbox[2],
      north: bbox[3],
    });
  }
  return { ...layer, bbox };
}

function reproject(
  polygons: MultiPolygon,
  project: (p: [number, number]) => [number, number],
  record: number,
): MultiPolygon {
  const out = roundPolygons(polygons.map((polygon) => polygon.map((ring) => ring.map(project))));
  for (const polygon of out) {
    for (const ring of polygon) {
      if (ring.length < 4 || ring.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) {
        throw new GeoError('bad_geometry', { record });
      }
    }
  }
  return out;
}

/** Attribute values as text within the caps; empty values, and names past the caps, left out. */
function attributesOf(
  row: Record<string, DbfValue | unknown>,
  limits: LayerLimits,
): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [rawName, value] of Object.entries(row)) {
    if (count >= limits.maxAttributes) break;
    const name = rawName.trim().slice(0, limits.maxAttributeNameChars);
    if (name === '' || name === '__proto__' || value === null || value === undefined) continue;
    // Only plain values are attributes: a nested GeoJSON property is left out (and never
    // stringified: a deeply nested one would overflow the stack).
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      continue;
    }
    const text = String(value).trim();
    if (text === '') continue;
    out[name] = text.slice(0, limits.maxAttributeValueChars);
    count++;
  }
  return out;
}
