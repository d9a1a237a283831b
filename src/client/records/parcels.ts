import type { MultiPolygon } from '../../shared/geo/geometry';
import { surveyGaps } from '../../shared/geo/parcels';
import type { Position } from '../../shared/geo/projection';
import type { ParcelFields } from '../../shared/model/parcel';
import type { TambonDatabase } from '../db/database';
import { listLocalRecords } from '../sync/localRecords';
import { view } from '../sync/recordView';
import type { HouseholdView } from './people';

/**
 * A village's tax-map parcels (issue 16) as the map and the household list read them: what the
 * linking rules (`shared/geo/parcels.ts`) need, from the records synced to this device.
 */
export interface ParcelView {
  id: string;
  villageId: string;
  code: string;
  polygons: MultiPolygon;
  areaM2: number;
}

export async function listParcels(
  database: TambonDatabase,
  villageId: string,
): Promise<ParcelView[]> {
  const records = await listLocalRecords(database, 'parcel', villageId);
  const parcels: ParcelView[] = [];
  for (const record of records) {
    if (record.deleted) continue;
    const { fields } = view<ParcelFields>(record);
    if (!fields.code || !fields.polygons) continue;
    parcels.push({
      id: record.id,
      villageId: record.villageId,
      code: fields.code,
      polygons: fields.polygons,
      areaM2: fields.areaM2 ?? 0,
    });
  }
  return parcels;
}

export interface ParcelGaps {
  /** Households no parcel is linked to (by code or by their GPS point). */
  withoutParcel: ReadonlySet<string>;
  parcelsWithoutHousehold: ParcelView[];
}

/**
 * The survey gaps of a village (`surveyGaps`, the map's rules), or null when the device holds
 * no tax map for it: then every household would be "without a parcel", which says nothing.
 */
export function parcelGaps(
  households: readonly HouseholdView[],
  parcels: readonly ParcelView[],
): ParcelGaps | null {
  if (parcels.length === 0) return null;
  const gaps = surveyGaps(
    households.map((household) => {
      const gps = household.fields.gps;
      return {
        id: household.id,
        villageId: household.villageId,
        point: gps ? ([gps.lng, gps.lat] as Position) : undefined,
        taxParcelCode: household.fields.taxParcelCode,
      };
    }),
    parcels,
  );
  return {
    withoutParcel: new Set(gaps.householdsWithoutParcel.map((household) => household.id)),
    parcelsWithoutHousehold: gaps.parcelsWithoutHousehold,
  };
}
