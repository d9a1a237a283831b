/**
 * Why a parcel layer (a zipped Shapefile or a GeoJSON file) cannot be read. The reader is pure
 * and runs in the browser and on the server, so it throws a code with its parameters; the API
 * answers them as `details.code` and a screen turns each into Thai (`parcels.error.<code>`).
 */
export const GEO_ERROR_CODES = [
  /** Neither a zip (`PK`) nor a JSON object. */
  'unknown_format',
  /** Starts like a zip but is not one (or is damaged). */
  'not_zip',
  /** Past `LAYER_LIMITS.maxBytes`, or a file in the zip bigger than it says or than allowed. */
  'too_large',
  /** The zip holds no `.shp`, or no `.dbf` beside it. */
  'shapefile_missing',
  /** The zip holds more than one `.shp`: which is the parcel layer is not guessed. */
  'several_layers',
  /** The Shapefile has no `.prj`: its projection is not guessed. */
  'projection_missing',
  /** A `.prj` (or GeoJSON `crs`) not among `KNOWN_PROJECTIONS`. */
  'projection_unknown',
  /** The `.shp` or `.dbf` bytes do not follow the format (header, record lengths). */
  'shapefile_malformed',
  /** Shapes other than polygons (lines, points): a parcel layer is polygons. */
  'not_polygons',
  /** Invalid JSON, or not a FeatureCollection of Polygon / MultiPolygon features. */
  'geojson_invalid',
  /** More features than `LAYER_LIMITS.maxFeatures`. */
  'too_many_features',
  /** One feature with more vertices than `LAYER_LIMITS.maxVerticesPerFeature`, or all of them past `maxVertices`. */
  'too_many_vertices',
  /** A coordinate that is not a finite number, or a ring of fewer than 4 points. */
  'bad_geometry',
  /** Reprojected coordinates far from Thailand: the wrong projection, most likely. */
  'outside_thailand',
  /** No attribute column holds a parcel code (see `parcelCodeColumns`). */
  'no_parcel_code',
  /** The layer has no features. */
  'empty',
] as const;
export type GeoErrorCode = (typeof GEO_ERROR_CODES)[number];

export type GeoErrorParams = Readonly<Record<string, string | number>>;

export class GeoError extends Error {
  constructor(
    readonly code: GeoErrorCode,
    readonly params: GeoErrorParams = {},
  ) {
    super(`${code}${Object.keys(params).length > 0 ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'GeoError';
  }
}

export function isGeoError(error: unknown): error is GeoError {
  return error instanceof GeoError;
}
