// Failed sign-ins counted per key (user, address), and the locks they lead to.
import type { Db } from './executor';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface LoginFailureState {
  key: string;
  failures: number;
  firstAt: string;
  lockedUntil: string | null;
}

/** The latest `lockedUntil` among `keys` that is still in the future, if any. */
async function findLoginLock(db: Db, keys: string[], now: string): Promise<string | null> {
  if (keys.length === 0) return null;
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.max('locked_until').as('until'))
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .executeTakeFirst();
  return row?.until ?? null;
}

/** Counts one failure atomically (safe across server processes); locks at `maxFailures`. */
async function recordLoginFailure(
  db: Db,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<LoginFailureState> {
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
  const lockUntil = new Date(now.getTime() + policy.lockMs).toISOString();
  const lockOnFirst = policy.maxFailures <= 1 ? lockUntil : null;
  // One upsert, so concurrent failures on several server processes all count. A count
  // starts over once its window has passed or its lock has run out.
  const row = await db
    .insertInto('login_failures')
    .values({ key, failures: 1, first_at: nowIso, locked_until: lockOnFirst })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const startsOver = eb.or([
          eb('login_failures.first_at', '<', windowStart),
          eb('login_failures.locked_until', '<=', nowIso),
        ]);
        const next = eb('login_failures.failures', '+', 1);
        return {
          failures: eb.case().when(startsOver).then(1).else(next).end(),
          first_at: eb
            .case()
            .when(startsOver)
            .then(nowIso)
            .else(eb.ref('login_failures.first_at'))
            .end(),
          locked_until: eb
            .case()
            .when(startsOver)
            .then(lockOnFirst)
            .when(eb(next, '>=', policy.maxFailures))
            .then(lockUntil)
            .else(eb.ref('login_failures.locked_until'))
            .end(),
        };
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    key: row.key,
    failures: Number(row.failures),
    firstAt: row.first_at,
    lockedUntil: row.locked_until,
  };
}

async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

export const loginFailureQueries = { findLoginLock, recordLoginFailure, clearLoginFailures };
