// Sign-in sessions, stored by the hash of their token.
import type { Db } from './executor';

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  clientId: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string;
  revokedAt: string | null;
  /** The token hash of the session a rotation replaced this one with. */
  replacedBy: string | null;
  /** When its token was first presented (null: the device may never have received it). */
  firstUsedAt: string | null;
}

async function createSession(
  db: Db,
  session: Omit<SessionRecord, 'revokedAt' | 'replacedBy' | 'firstUsedAt'>,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      client_id: session.clientId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_used_at: session.lastUsedAt,
      revoked_at: null,
      replaced_by: null,
      first_used_at: null,
    })
    .execute();
}

async function getSession(db: Db, tokenHash: string): Promise<SessionRecord | null> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    clientId: row.client_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    replacedBy: row.replaced_by,
    firstUsedAt: row.first_used_at,
  };
}

async function markSessionUsed(db: Db, tokenHash: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ first_used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('first_used_at', 'is', null)
    .execute();
}

async function setSessionSuccessor(db: Db, tokenHash: string, successor: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ replaced_by: successor })
    .where('token_hash', '=', tokenHash)
    .execute();
}

async function touchSession(
  db: Db,
  tokenHash: string,
  lastUsedAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_used_at: lastUsedAt, expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/**
 * Ends the session and the one a rotation replaced it with: a logout (or a second rotation)
 * with a token whose rotation answer was lost also ends the successor the device never got.
 */
async function revokeSession(db: Db, tokenHash: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('revoked_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('token_hash', '=', tokenHash),
        eb(
          'token_hash',
          '=',
          eb
            .selectFrom('sessions as replaced')
            .select('replaced.replaced_by')
            .where('replaced.token_hash', '=', tokenHash),
        ),
      ]),
    )
    .execute();
}

/**
 * Returns how many sessions it ended. `exceptTokenHash` keeps that session and the successor a
 * rotation made for it: while the device has not used the successor (the rotation's answer was
 * lost), its old token stands only as long as the successor does (plugins/auth.ts).
 */
async function revokeSessions(
  db: Db,
  of: { userId: string; exceptTokenHash?: string } | { clientId: string; exceptUserId?: string },
  at: string,
): Promise<number> {
  let query = db.updateTable('sessions').set({ revoked_at: at }).where('revoked_at', 'is', null);
  if ('userId' in of) {
    query = query.where('user_id', '=', of.userId);
    const kept = of.exceptTokenHash;
    if (kept) {
      query = query
        .where('token_hash', '!=', kept)
        .where('token_hash', 'not in', (eb) =>
          eb
            .selectFrom('sessions as kept')
            .select('kept.replaced_by')
            .where('kept.token_hash', '=', kept)
            .where('kept.replaced_by', 'is not', null),
        );
    }
  } else {
    query = query.where('client_id', '=', of.clientId);
    if (of.exceptUserId) query = query.where('user_id', '!=', of.exceptUserId);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes sessions expired before `before` and login failures idle since then. */
async function purgeExpired(db: Db, before: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', before).execute();
  await db
    .deleteFrom('login_failures')
    .where('first_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .execute();
}

export const sessionQueries = {
  createSession,
  getSession,
  touchSession,
  revokeSession,
  revokeSessions,
  markSessionUsed,
  setSessionSuccessor,
  purgeExpired,
};
