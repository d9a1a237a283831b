// Who sees which village, decided in SQL in every read of village data, and the per-user
// scope version that tells devices to re-check their villages.
import { sql } from 'kysely';
import { ROLES, seesAllVillages } from '../../shared/model/roles';
import type { Db } from './executor';

/** Roles that see every village, as the SQL filters spell them. */
const ALL_VILLAGE_ROLES = ROLES.filter(seesAllVillages);

/**
 * `villageRef` is visible to the user: the user is enabled and either has an all-village role
 * or is assigned to the village. Used in every read of village data, so the filter is in SQL.
 */
export function userSees(userId: string, villageRef: ReturnType<typeof sql.ref>) {
  const allVillages =
    ALL_VILLAGE_ROLES.length > 0 ? sql`u.role in (${sql.join(ALL_VILLAGE_ROLES)})` : sql`1 = 0`;
  return sql<boolean>`exists (
    select 1 from users u
    where u.id = ${userId} and u.disabled = 0 and (${allVillages} or exists (
      select 1 from user_villages uv where uv.user_id = u.id and uv.village_id = ${villageRef})))`;
}

/** Role or village changes of a user, and new villages for all-village roles, bump this. */
export async function bumpScopeVersion(db: Db, userIds: string[] | 'all-village-roles') {
  let query = db.updateTable('users').set({ scope_version: sql<number>`scope_version + 1` });
  query =
    userIds === 'all-village-roles'
      ? query.where('role', 'in', ALL_VILLAGE_ROLES)
      : query.where('id', 'in', userIds.length > 0 ? userIds : ['']);
  await query.execute();
}

async function getScopeVersion(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select('scope_version')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? Number(row.scope_version) : 0;
}

/**
 * Which of `villageIds` and `recordIds` (records of any type) the user may see, decided in
 * SQL like every read of village data.
 */
async function visibleScope(
  db: Db,
  userId: string,
  villageIds: string[],
  recordIds: string[],
): Promise<{ villageIds: Set<string>; recordIds: Set<string> }> {
  const villages =
    villageIds.length === 0
      ? []
      : await db
          .selectFrom('villages')
          .select('id')
          .where('id', 'in', villageIds)
          .where(userSees(userId, sql.ref('villages.id')))
          .execute();
  const records =
    recordIds.length === 0
      ? []
      : await db
          .selectFrom('records')
          .select('id')
          .where('id', 'in', recordIds)
          .where(userSees(userId, sql.ref('records.village_id')))
          .execute();
  return {
    villageIds: new Set(villages.map((v) => v.id)),
    recordIds: new Set(records.map((r) => r.id)),
  };
}

export const scopeQueries = { getScopeVersion, visibleScope };
