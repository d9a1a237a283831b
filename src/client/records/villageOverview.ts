import type { TambonDatabase } from '../db/database';
import {
  type HouseholdRow,
  householdRows,
  type VillageCounts,
  villageCounts,
} from './householdRows';
import { listHouseholds, listPeople } from './people';

/**
 * A village's households as list rows, and the counts the home screen shows per village. Home
 * and the household list both read them, so they live with the records, not in one feature.
 */
export async function loadVillageRows(
  database: TambonDatabase,
  villageId: string,
  today: string,
): Promise<HouseholdRow[]> {
  const [households, people] = await Promise.all([
    listHouseholds(database, villageId),
    listPeople(database, villageId),
  ]);
  return householdRows(households, people, today);
}

export interface VillageOverview extends VillageCounts {
  /** Edits of this village still in the outbox. */
  waiting: number;
}

export async function loadVillageOverviews(
  database: TambonDatabase,
  villageIds: readonly string[],
  today: string,
): Promise<Record<string, VillageOverview>> {
  const entries = await Promise.all(
    villageIds.map(async (villageId) => {
      const [rows, waiting] = await Promise.all([
        loadVillageRows(database, villageId, today),
        database.outbox.where('villageId').equals(villageId).count(),
      ]);
      return [villageId, { ...villageCounts(rows), waiting }] as const;
    }),
  );
  return Object.fromEntries(entries);
}
