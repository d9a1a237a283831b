import type { RecordType } from '../../shared/sync/protocol';
import type { TambonDatabase } from '../db/database';
import { listLocalRecords } from '../sync/localRecords';

/** A record as lists read it: its fields, none of them null. */
export interface LiveRecord<F> {
  id: string;
  villageId: string;
  fields: Partial<F>;
}

/**
 * The records of a type in the villages this device holds, local edits included, deleted ones
 * left out. A field cleared on some device arrives as null: it is read as absent.
 */
export async function listLiveRecords<F>(
  database: TambonDatabase,
  type: RecordType,
  villageIds: readonly string[],
): Promise<LiveRecord<F>[]> {
  const lists = await Promise.all(villageIds.map((id) => listLocalRecords(database, type, id)));
  return lists.flat().flatMap((record) => {
    if (record.deleted) return [];
    const fields = Object.fromEntries(
      Object.entries(record.fields).filter(([, value]) => value !== null),
    ) as Partial<F>;
    return [{ id: record.id, villageId: record.villageId, fields }];
  });
}
