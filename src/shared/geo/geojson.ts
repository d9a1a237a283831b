// A GeoJSON parcel layer: a FeatureCollection of Polygon / MultiPolygon features (RFC 7946:
// WGS 84 longitude/latitude unless an old-style `crs` member names another known projection).
import { z } from 'zod';
import { GeoError } from './errors';
import type { MultiPolygon } from './geometry';
import { type ProjectionCode, projectionOfCrsName } from './projection';

const Coordinate = z.number().finite();
const Position = z.array(Coordinate).min(2).max(4);
const Ring = z.array(Position).min(4);
const PolygonCoordinates = z.array(Ring).min(1);

const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates).min(1) }),
]);

const Properties = z.record(z.string(), z.unknown()).nullable().optional();

const Feature = z.object({
  type: z.literal('Feature'),
  geometry: Geometry.nullable(),
  properties: Properties,
});

const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  crs: z
    .object({ type: z.literal('name'), properties: z.object({ name: z.string().max(200) }) })
    .optional(),
  features: z.array(z.unknown()),
});

export interface GeoJsonFeature {
  /** Null for a feature without geometry (skipped by the layer reader). */
  polygons: MultiPolygon | null;
  properties: Record<string, unknown>;
}

export interface GeoJsonLimits {
  maxFeatures: number;
  maxVerticesPerFeature: number;
  maxVertices: number;
}

/** The features of a GeoJSON text, in the projection its `crs` names (WGS 84 without one). */
export function readGeoJson(
  text: string,
  limits: GeoJsonLimits,
): { projection: ProjectionCode; features: GeoJsonFeature[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new GeoError('geojson_invalid', { reason: 'json' });
  }
  const collection = FeatureCollection.safeParse(json);
  if (!collection.success) throw new GeoError('geojson_invalid', { reason: 'collection' });
  const { features: raw, crs } = collection.data;
  if (raw.length > limits.maxFeatures) {
    throw new GeoError('too_many_features', { limit: limits.maxFeatures });
  }
  const projection: ProjectionCode = crs ? projectionOfCrsName(crs.properties.name) : 4326;
  let total = 0;
  const features = raw.map((item, index): GeoJsonFeature => {
    const feature = Feature.safeParse(item);
    if (!feature.success) {
      const type = (item as { geometry?: { type?: unknown } } | null)?.geometry?.type;
      if (typeof type === 'string' && type !== 'Polygon' && type !== 'MultiPolygon') {
        throw new GeoError('not_polygons', { record: index + 1, type: type.slice(0, 40) });
      }
      throw new GeoError('geojson_invalid', { record: index + 1 });
    }
    const { geometry, properties } = feature.data;
    const polygons: MultiPolygon | null = !geometry
      ? null
      : (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).map(
          (polygon) => polygon.map((ring) => ring.map(([x, y]) => [x as number, y as number])),
        );
    const vertices = (polygons ?? []).flat(2).length;
    if (vertices > limits.maxVerticesPerFeature) {
      throw new GeoError('too_many_vertices', {
        record: index + 1,
        limit: limits.maxVerticesPerFeature,
      });
    }
    total += vertices;
    if (total > limits.maxVertices) {
      throw new GeoError('too_many_vertices', { limit: limits.maxVertices });
    }
    return { polygons, properties: properties ?? {} };
  });
  return { projection, features };
}
