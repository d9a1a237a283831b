import type { WelfareCaseFields } from '../../../shared/model/welfare';
import type { TambonDatabase } from '../../db/database';
import type { HouseholdRow } from '../../records/householdRows';
import { listParcels } from '../../records/parcels';
import { loadVillageRows } from '../../records/villageOverview';
import { listLocalRecords } from '../../sync/localRecords';
import { view } from '../../sync/recordView';
import type { MapCase, MapParcel } from './mapModel';

/**
 * The map's Dexie reads, meant to run inside `useLiveQuery` as `async () => loadMap…(…)`: the
 * households as the lists read them (`loadVillageRows`, the same flags), the village's tax-map
 * parcels and its service requests with a location, for every village the device holds.
 */

/** The village's service requests that carry a location (requests about a place). */
export async function loadVillageCases(
  database: TambonDatabase,
  villageId: string,
): Promise<MapCase[]> {
  const records = await listLocalRecords(database, 'case', villageId);
  const cases: MapCase[] = [];
  for (const record of records) {
    if (record.deleted) continue;
    const { fields } = view<WelfareCaseFields>(record);
    if (!fields.location || !fields.status) continue;
    cases.push({
      id: record.id,
      villageId: record.villageId,
      position: [fields.location.lng, fields.location.lat],
      status: fields.status,
      category: fields.category ?? 'other',
    });
  }
  return cases;
}

export interface MapRecords {
  /** The villages read, joined: a screen showing other villages waits for its own read. */
  key: string;
  rows: HouseholdRow[];
  parcels: MapParcel[];
  cases: MapCase[];
}

export async function loadMapRecords(
  database: TambonDatabase,
  villageIds: readonly string[],
  today: string,
): Promise<MapRecords> {
  const perVillage = await Promise.all(
    villageIds.map(async (villageId) => {
      const [rows, parcels, cases] = await Promise.all([
        loadVillageRows(database, villageId, today),
        listParcels(database, villageId),
        loadVillageCases(database, villageId),
      ]);
      return { rows, parcels, cases };
    }),
  );
  return {
    key: villageIds.join(','),
    rows: perVillage.flatMap((village) => village.rows),
    parcels: perVillage.flatMap((village) => village.parcels),
    cases: perVillage.flatMap((village) => village.cases),
  };
}
