import { z } from 'zod';
import { Uuid } from './organization';

/** Caps of a parcel record: one record must fit `limits.ts` (64 kB a field) on every device. */
export const PARCEL_LIMITS = {
  codeChars: 40,
  /** Vertices of all the rings of one parcel (~26 bytes of JSON each). */
  vertices: 2_000,
  polygons: 50,
  ringsPerPolygon: 50,
  attributes: 30,
  attributeNameChars: 40,
  attributeValueChars: 200,
} as const;

const Longitude = z.number().min(-180).max(180);
const Latitude = z.number().min(-90).max(90);
export const LonLat = z.tuple([Longitude, Latitude]);
/** A closed ring of `[longitude, latitude]` (WGS 84, rounded to 1e-7°). */
export const LonLatRing = z.array(LonLat).min(4).max(PARCEL_LIMITS.vertices);
/** GeoJSON MultiPolygon coordinates: polygons, each its outer ring then its holes. */
export const ParcelPolygons = z
  .array(z.array(LonLatRing).min(1).max(PARCEL_LIMITS.ringsPerPolygon))
  .min(1)
  .max(PARCEL_LIMITS.polygons)
  .refine((polygons) => polygons.flat(2).length <= PARCEL_LIMITS.vertices, {
    message: 'too_many_vertices',
  });

export const ParcelAttributes = z
  .record(
    z.string().min(1).max(PARCEL_LIMITS.attributeNameChars),
    z.string().max(PARCEL_LIMITS.attributeValueChars),
  )
  .refine((attributes) => Object.keys(attributes).length <= PARCEL_LIMITS.attributes, {
    message: 'too_many_attributes',
  });

/**
 * A tax-map parcel (แปลงที่ดินในแผนที่ภาษี), imported by an admin from the office's tax-map
 * layer (issue 16). Its village is the record's own `villageId` (the sync bucket that takes it to
 * the devices of that village), decided at import (`assignVillage`). A household links to a
 * parcel by its `taxParcelCode`, or by its GPS point falling inside (`shared/geo/parcels.ts`):
 * the link lives on the household's side, never here.
 */
export const ParcelFields = z.object({
  /** Zone, block and lot as the file has them (`01A001`, `1-ก-23`…). */
  code: z.string().trim().min(1).max(PARCEL_LIMITS.codeChars),
  polygons: ParcelPolygons,
  /** On the sphere, from the WGS 84 polygons (`areaM2`). */
  areaM2: z.number().nonnegative(),
  /** The file's other columns as text (land use, document type, rai/ngan/wah…). */
  attributes: ParcelAttributes.optional(),
  /** The import that last wrote this parcel (its audit log target). */
  importId: Uuid.optional(),
});
export type ParcelFields = z.infer<typeof ParcelFields>;
