// What every table family's queries share: the executor they run on (the root connection or
// one transaction) and the few helpers for batching, JSON columns, LIKE patterns and unique
// constraints.
import type { Kysely } from 'kysely';
import { asUniqueViolation } from './dialect';
import type { Database } from './schema';

/** The root connection or a transaction: every query function takes one first. */
export type Db = Kysely<Database>;

/** Runs `fn` in a transaction, joining the one `db` is already in. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

/** Rows per multi-row INSERT: well under both databases' bound-parameter limits. */
const BATCH_ROWS = 500;

export function batches<T>(rows: T[], size = BATCH_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export const json = (value: unknown): string => JSON.stringify(value === undefined ? null : value);

/** `%`, `_` and `\` match themselves in a LIKE pattern with `escape '\'`. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Turns a driver's unique-constraint error into `UniqueViolation`. */
export async function uniqueGuard<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw asUniqueViolation(error) ?? error;
  }
}
