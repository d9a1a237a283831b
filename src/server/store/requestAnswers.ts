// Requests sent with an `Idempotency-Key` (plugins/answerOnce.ts), per user: the first claims
// the key, and its answer is kept for the same request sent again.
import type { Db } from './executor';

export interface RequestClaim {
  userId: string;
  key: string;
  /** `METHOD /route/pattern`: a key sent to another route is another request's. */
  route: string;
  bodyHash: string;
  at: string;
}

export interface StoredRequest {
  route: string;
  bodyHash: string;
  startedAt: string;
  /** Null while the first request still runs. */
  answer: { status: number; body: string } | null;
}

/** Claims `key` for `userId`: false when a request already holds it. */
async function claimRequestKey(db: Db, claim: RequestClaim): Promise<boolean> {
  const inserted = await db
    .insertInto('request_answers')
    .values({
      user_id: claim.userId,
      key: claim.key,
      route: claim.route,
      body_hash: claim.bodyHash,
      started_at: claim.at,
      status: null,
      body: null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

async function readRequestKey(db: Db, userId: string, key: string): Promise<StoredRequest | null> {
  const row = await db
    .selectFrom('request_answers')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  return {
    route: row.route,
    bodyHash: row.body_hash,
    startedAt: row.started_at,
    answer:
      row.status === null || row.body === null
        ? null
        : { status: Number(row.status), body: row.body },
  };
}

async function keepRequestAnswer(
  db: Db,
  userId: string,
  key: string,
  answer: { status: number; body: string },
): Promise<void> {
  await db
    .updateTable('request_answers')
    .set({ status: answer.status, body: answer.body })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

/** Frees `key` (the request failed, or its claim was abandoned): the next one runs afresh. */
async function releaseRequestKey(
  db: Db,
  userId: string,
  key: string,
  startedAt?: string,
): Promise<void> {
  let query = db.deleteFrom('request_answers').where('user_id', '=', userId).where('key', '=', key);
  if (startedAt) query = query.where('started_at', '=', startedAt);
  await query.execute();
}

/** Forgets requests started before `before`. */
async function purgeRequestAnswers(db: Db, before: string): Promise<void> {
  await db.deleteFrom('request_answers').where('started_at', '<', before).execute();
}

/**
 * Forgets every kept answer (a PDPA erasure: an import's answer may name the person); claims
 * of requests still running stay, so their copies still wait for them.
 */
async function forgetRequestAnswers(db: Db): Promise<void> {
  await db.deleteFrom('request_answers').where('status', 'is not', null).execute();
}

export const requestAnswerQueries = {
  claimRequestKey,
  readRequestKey,
  keepRequestAnswer,
  releaseRequestKey,
  purgeRequestAnswers,
  forgetRequestAnswers,
};
