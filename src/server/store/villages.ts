// Villages (หมู่), each with its sync bucket, and the ones a user may see.
import { type Selectable, sql } from 'kysely';
import type { Village } from '../../shared/model/organization';
import { type Db, inTransaction, uniqueGuard } from './executor';
import type { VillagesTable } from './schema';
import { bumpScopeVersion, userSees } from './scope';

export type VillageChanges = Partial<Pick<Village, 'mooNo' | 'name' | 'code'>>;

export function toVillage(row: Selectable<VillagesTable>): Village {
  return { id: row.id, mooNo: Number(row.moo_no), name: row.name, code: row.code };
}

async function listVillages(db: Db): Promise<Village[]> {
  const rows = await db.selectFrom('villages').selectAll().orderBy('moo_no').execute();
  return rows.map(toVillage);
}

async function getVillage(db: Db, id: string): Promise<Village | null> {
  const row = await db.selectFrom('villages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toVillage(row) : null;
}

/**
 * With its sync bucket; users who see every village get a new scope version. Throws
 * `UniqueViolation` on a taken mooNo or code.
 */
async function createVillage(db: Db, village: Village, at: string): Promise<Village> {
  return inTransaction(db, async (trx) => {
    await uniqueGuard(
      trx
        .insertInto('villages')
        .values({
          id: village.id,
          moo_no: village.mooNo,
          name: village.name,
          code: village.code,
          created_at: at,
          updated_at: at,
        })
        .execute(),
    );
    await trx.insertInto('buckets').values({ village_id: village.id, seq: 0 }).execute();
    await bumpScopeVersion(trx, 'all-village-roles');
    return village;
  });
}

async function updateVillage(
  db: Db,
  id: string,
  changes: VillageChanges,
  at: string,
): Promise<Village | null> {
  await uniqueGuard(
    db
      .updateTable('villages')
      .set({ moo_no: changes.mooNo, name: changes.name, code: changes.code, updated_at: at })
      .where('id', '=', id)
      .execute(),
  );
  return getVillage(db, id);
}

/**
 * The villages a user may see, decided in SQL from the user's role and village assignments:
 * every village for an all-village role, else the assigned ones; none for a disabled user.
 */
async function visibleVillages(db: Db, userId: string): Promise<Village[]> {
  const rows = await db
    .selectFrom('villages')
    .selectAll()
    .where(userSees(userId, sql.ref('villages.id')))
    .orderBy('moo_no')
    .execute();
  return rows.map(toVillage);
}

export const villageQueries = {
  listVillages,
  getVillage,
  createVillage,
  updateVillage,
  visibleVillages,
};
