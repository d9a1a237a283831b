// Request counters in the database, so that every server process on one PostgreSQL counts the
// same requests (plugins/rateLimit.ts). A key's window starts at its first request and lasts
// `windowMs`; the first request after it ends starts a new one. One statement each, so two
// processes counting the same key at once both count.
import { sql } from 'kysely';
import type { Db } from './executor';

export interface RateCount {
  count: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/** Counts one request for `key` at `now` (ms since the epoch). */
async function bumpRateCounter(
  db: Db,
  key: string,
  now: number,
  windowMs: number,
): Promise<RateCount> {
  const ended = sql<boolean>`rate_counters.window_end <= ${now}`;
  const row = await db
    .insertInto('rate_counters')
    .values({ key, window_end: now + windowMs, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when ${ended} then 1 else rate_counters.count + 1 end`,
        window_end: sql`case when ${ended} then ${now + windowMs} else rate_counters.window_end end`,
      }),
    )
    .returning(['count', 'window_end'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), ttl: Number(row.window_end) - now };
}

/** The count of `key` at `now`, without counting. */
async function readRateCounter(db: Db, key: string, now: number): Promise<RateCount> {
  const row = await db
    .selectFrom('rate_counters')
    .select(['count', 'window_end'])
    .where('key', '=', key)
    .where('window_end', '>', now)
    .executeTakeFirst();
  return row
    ? { count: Number(row.count), ttl: Number(row.window_end) - now }
    : { count: 0, ttl: 0 };
}

/** Forgets windows that ended before `before` (ms since the epoch). */
async function purgeRateCounters(db: Db, before: number): Promise<void> {
  await db.deleteFrom('rate_counters').where('window_end', '<', before).execute();
}

export const rateCounterQueries = { bumpRateCounter, readRateCounter, purgeRateCounters };
