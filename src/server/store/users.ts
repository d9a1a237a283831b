// Users and their village assignments. Only the login and password paths read the hash.
import type { Selectable } from 'kysely';
import type { Role, User } from '../../shared/model/user';
import { type Db, inTransaction, uniqueGuard } from './executor';
import type { UsersTable } from './schema';
import { bumpScopeVersion } from './scope';

export interface UserRecord extends User {
  createdAt: string;
  updatedAt: string;
}

/** Only the login and password paths read the hash; nothing returns it to a client. */
export interface UserCredentials extends UserRecord {
  passwordHash: string;
}

export interface NewUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  villageIds: string[];
  passwordHash: string;
  disabled?: boolean;
  at: string;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  villageIds?: string[];
  disabled?: boolean;
}

function toUser(row: Selectable<UsersTable>, villageIds: string[]): UserRecord {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role as Role,
    villageIds,
    disabled: Number(row.disabled) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Each user's village ids in หมู่ order. */
async function villageIdsOf(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('user_villages')
    .innerJoin('villages', 'villages.id', 'user_villages.village_id')
    .select(['user_villages.user_id as userId', 'user_villages.village_id as villageId'])
    .where('user_villages.user_id', 'in', userIds)
    .orderBy('villages.moo_no')
    .execute();
  for (const { userId, villageId } of rows) {
    const list = byUser.get(userId) ?? [];
    list.push(villageId);
    byUser.set(userId, list);
  }
  return byUser;
}

async function replaceUserVillages(db: Db, userId: string, villageIds: string[]): Promise<void> {
  await db.deleteFrom('user_villages').where('user_id', '=', userId).execute();
  const unique = [...new Set(villageIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('user_villages')
    .values(unique.map((villageId) => ({ user_id: userId, village_id: villageId })))
    .execute();
}

async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  const villages = await villageIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toUser(row, villages.get(row.id) ?? []));
}

async function getCredentials(
  db: Db,
  by: { id: string } | { username: string },
): Promise<UserCredentials | null> {
  const query = db.selectFrom('users').selectAll();
  const row = await ('id' in by
    ? query.where('id', '=', by.id)
    : query.where('username', '=', by.username)
  ).executeTakeFirst();
  if (!row) return null;
  const villages = await villageIdsOf(db, [row.id]);
  return { ...toUser(row, villages.get(row.id) ?? []), passwordHash: row.password_hash };
}

async function getUser(db: Db, id: string): Promise<UserRecord | null> {
  const credentials = await getCredentials(db, { id });
  if (!credentials) return null;
  const { passwordHash: _, ...user } = credentials;
  return user;
}

/** Throws `UniqueViolation` on a taken username. */
async function createUser(db: Db, user: NewUser): Promise<UserRecord> {
  return inTransaction(db, async (trx) => {
    await uniqueGuard(
      trx
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          name: user.name,
          role: user.role,
          password_hash: user.passwordHash,
          disabled: user.disabled ? 1 : 0,
          created_at: user.at,
          updated_at: user.at,
        })
        .execute(),
    );
    await replaceUserVillages(trx, user.id, user.villageIds);
    return (await getUser(trx, user.id)) as UserRecord;
  });
}

/** A change of role or villages bumps the user's scope version (devices re-check their villages). */
async function updateUser(
  db: Db,
  id: string,
  changes: UserChanges,
  at: string,
): Promise<UserRecord | null> {
  return inTransaction(db, async (trx) => {
    const before = await getUser(trx, id);
    const result = await trx
      .updateTable('users')
      .set({
        name: changes.name,
        role: changes.role,
        disabled: changes.disabled === undefined ? undefined : changes.disabled ? 1 : 0,
        updated_at: at,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n || !before) return null;
    if (changes.villageIds) await replaceUserVillages(trx, id, changes.villageIds);
    const after = (await getUser(trx, id)) as UserRecord;
    const villagesChanged =
      [...before.villageIds].sort().join() !== [...after.villageIds].sort().join();
    if (before.role !== after.role || villagesChanged) {
      await bumpScopeVersion(trx, [id]);
    }
    return after;
  });
}

async function setPasswordHash(
  db: Db,
  id: string,
  passwordHash: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: at })
    .where('id', '=', id)
    .execute();
}

async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const userQueries = {
  listUsers,
  getUser,
  getCredentials,
  createUser,
  updateUser,
  setPasswordHash,
  countActiveAdmins,
};
