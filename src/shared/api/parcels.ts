// Importing the tax map's parcel layer (issue 16) under /api/parcels: admins only. The body is
// the file itself (a zipped Shapefile or a GeoJSON file) as `application/octet-stream`, the same
// bytes to both routes: the preview reads, reprojects and plans it and writes nothing; the
// import does it again (the preview is advice) and writes the parcels through the sync engine,
// so devices pull them with their villages. A file the reader refuses answers 400
// `validation_failed` (413 `payload_too_large` for `too_large`) with
// `details: [{ path: 'body', message: <GeoErrorCode>, params }]`.
import { z } from 'zod';
import { GEO_ERROR_CODES } from '../geo/errors';
import { LAYER_LIMITS } from '../geo/layer';
import { KNOWN_PROJECTIONS } from '../geo/projection';
import { Uuid } from '../model/organization';
import { LonLat, ParcelPolygons } from '../model/parcel';

/** The most bytes a layer upload may have (the route's body limit). */
export const MAX_PARCEL_UPLOAD_BYTES = LAYER_LIMITS.maxBytes;
/** Content types the routes take the file as: all read the same way (by its bytes). */
export const PARCEL_UPLOAD_TYPES = [
  'application/octet-stream',
  'application/zip',
  'application/geo+json',
] as const;
/** Parcels of the preview's sample, drawn over the households' points. */
export const PREVIEW_SAMPLE_PARCELS = 1_000;
/** Household points of the preview (a tambon has a few thousand households). */
export const PREVIEW_HOUSEHOLD_POINTS = 10_000;
/** Problem rows listed (all are counted). */
export const PREVIEW_PROBLEMS = 200;

/** `?fileName=` names the file for the audit log. */
export const ParcelUploadQuery = z.object({
  fileName: z.string().trim().max(200).default(''),
});

export const GeoErrorIssue = z.object({
  path: z.literal('body'),
  message: z.enum(GEO_ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const ProjectionCodeSchema = z.union(
  Object.keys(KNOWN_PROJECTIONS).map((code) => z.literal(Number(code))) as unknown as [
    z.ZodLiteral<number>,
    z.ZodLiteral<number>,
    ...z.ZodLiteral<number>[],
  ],
);

export const Bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const ParcelVillageCount = z.object({
  villageId: Uuid,
  mooNo: z.number().int(),
  name: z.string(),
  parcels: z.number().int(),
  /** How the village was decided: the file's หมู่ column, households on the parcel, the nearest household. */
  byMoo: z.number().int(),
  byHouseholds: z.number().int(),
  byNearest: z.number().int(),
});

export const ParcelProblemRow = z.object({
  record: z.number().int(),
  reason: z.enum(['no_code', 'duplicate_code', 'no_village', 'bad_shape']),
  code: z.string().optional(),
  firstRecord: z.number().int().optional(),
});

export const ParcelImportCounts = z.object({
  /** Features with a polygon in the file. */
  features: z.number().int(),
  /** Records without geometry or deleted in the .dbf. */
  skipped: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  noCode: z.number().int(),
  duplicate: z.number().int(),
  noVillage: z.number().int(),
  /** More polygons or rings than a parcel holds. */
  badShape: z.number().int(),
  /** Parcels stored before whose code this file does not have (kept as they are). */
  notInFile: z.number().int(),
});
export type ParcelImportCounts = z.infer<typeof ParcelImportCounts>;

/** `POST /api/parcels/preview`: what the import would write; nothing is written. */
export const ParcelPreview = z.object({
  format: z.enum(['shapefile', 'geojson']),
  projection: ProjectionCodeSchema,
  /** How the attribute text was read (Shapefiles). */
  encoding: z.enum(['utf-8', 'windows-874']).nullable(),
  columns: z.array(z.string()),
  /** The column(s) the codes came from, and the หมู่ column if any. */
  codeColumns: z.array(z.string()),
  mooColumn: z.string().nullable(),
  counts: ParcelImportCounts,
  villages: z.array(ParcelVillageCount),
  problems: z.array(ParcelProblemRow),
  /** WGS 84 `[west, south, east, north]` of the whole layer. */
  bbox: Bbox,
  /** Parcels to draw (up to `PREVIEW_SAMPLE_PARCELS`); `villageId` null for one without a village. */
  sample: z.array(
    z.object({ code: z.string(), villageId: Uuid.nullable(), polygons: ParcelPolygons }),
  ),
  /**
   * The GPS points of the households in the layer's box (villages the admin may see only), to
   * draw under the parcels: a wrong projection shows as parcels away from the houses. Points
   * and villages only, no one's name or house.
   */
  households: z.array(z.object({ villageId: Uuid, point: LonLat })),
});
export type ParcelPreview = z.infer<typeof ParcelPreview>;

/** `POST /api/parcels/import` answers 201. */
export const ParcelImportResult = z.object({
  importId: Uuid,
  projection: ProjectionCodeSchema,
  counts: ParcelImportCounts,
  villages: z.array(ParcelVillageCount),
  problems: z.array(ParcelProblemRow),
});
export type ParcelImportResult = z.infer<typeof ParcelImportResult>;
