// Each device's counter of applied mutations (a push applies each mutation number once).
import { isPostgres } from './dialect';
import type { Db } from './executor';

/**
 * The device's last applied mutation counter, creating its row at 0 (owned by `userId`) if
 * missing. On PostgreSQL the row stays locked until the transaction ends, so two pushes of
 * one device run one after the other.
 */
async function lockClientCounter(
  db: Db,
  clientId: string,
  userId: string,
  at: string,
): Promise<number> {
  await db
    .insertInto('client_counters')
    .values({ client_id: clientId, user_id: userId, last_n: 0, updated_at: at })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  let query = db.selectFrom('client_counters').select('last_n').where('client_id', '=', clientId);
  if (isPostgres(db)) query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.last_n);
}

async function setClientCounter(
  db: Db,
  clientId: string,
  userId: string,
  lastN: number,
  at: string,
): Promise<void> {
  await db
    .updateTable('client_counters')
    .set({ last_n: lastN, user_id: userId, updated_at: at })
    .where('client_id', '=', clientId)
    .execute();
}

/** 0 for a device that never pushed. */
async function getClientCounter(db: Db, clientId: string): Promise<number> {
  const row = await db
    .selectFrom('client_counters')
    .select('last_n')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? Number(row.last_n) : 0;
}

export const clientCounterQueries = { lockClientCounter, setClientCounter, getClientCounter };
