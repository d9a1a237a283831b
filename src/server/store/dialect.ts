// Everything that differs between SQLite and PostgreSQL lives here: opening the connection,
// per-connection settings, and reading the drivers' error codes. Queries and migrations are
// written once, elsewhere.
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { type StoreConfig, UniqueViolation } from './types';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function openKysely(config: StoreConfig): Promise<Kysely<Database>> {
  return config.kind === 'sqlite' ? Promise.resolve(openSqlite(config.file)) : openPostgres(config);
}

function openSqlite(file: string): Kysely<Database> {
  const database = new SqliteDatabase(file);
  if (file !== ':memory:') database.pragma('journal_mode = WAL');
  // FULL: a commit acknowledged to a device (which then forgets its copy) survives power loss.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

async function openPostgres(config: { url: string; schema?: string }): Promise<Kysely<Database>> {
  const { schema } = config;
  if (schema !== undefined) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
    await createSchemaIfMissing(config.url, schema);
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    // Set at connection start, so every pooled connection (and the migrator) uses the schema.
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function createSchemaIfMissing(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

/** Drops a schema made by `createStore({kind: 'postgres', schema})`; for tests and tools. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Turns either driver's unique-constraint error into `UniqueViolation('table.column')`. */
export function asUniqueViolation(error: unknown): UniqueViolation | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; message?: unknown; table?: unknown; detail?: unknown };
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const match = /constraint failed: ([\w.]+)/.exec(String(e.message));
    return new UniqueViolation(match?.[1] ?? 'unknown');
  }
  if (e.code === '23505') {
    const column = /Key \(([^)]+)\)/.exec(String(e.detail))?.[1] ?? 'unknown';
    return new UniqueViolation(`${String(e.table ?? 'unknown')}.${column}`);
  }
  return null;
}

/** True on PostgreSQL: for the few statements that must differ (row locks, binary columns). */
export function isPostgres(db: Kysely<unknown> | Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * PostgreSQL errors after which the whole transaction may simply run again: serialization
 * failure, deadlock, and a unique violation on a row another transaction inserted first.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '40001' || code === '40P01' || code === '23505';
}

/** Bound parameters per statement on SQLite (its limit is 32,766). */
const SQLITE_MAX_PARAMS = 30_000;
/** Rows per statement on PostgreSQL, where each column travels as one array parameter. */
const POSTGRES_ROWS = 10_000;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A column of a bulk insert, with its PostgreSQL type (for the array it travels in). */
export type BulkColumn = readonly [name: string, type: 'text' | 'int4' | 'int8'];

/**
 * A many-row INSERT compiled by hand: on PostgreSQL `INSERT … SELECT * FROM unnest($1::text[],
 * …)` (one array per column, about twice as fast as VALUES lists), on SQLite a VALUES list with
 * `?` placeholders. The query builder's per-value cost would dominate a push of thousands of
 * field values. `suffix` is appended verbatim (an ON CONFLICT clause); identifiers are checked.
 */
export async function bulkInsert(
  db: Kysely<Database>,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
  suffix = '',
): Promise<void> {
  for (const name of [table, ...columns.map(([column]) => column)]) {
    if (!IDENTIFIER.test(name)) throw new Error(`invalid identifier: ${name}`);
  }
  if (rows.length === 0) return;
  const head = `insert into "${table}" (${columns.map(([c]) => `"${c}"`).join(', ')}) `;
  if (isPostgres(db)) {
    const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    for (let start = 0; start < rows.length; start += POSTGRES_ROWS) {
      const part = rows.slice(start, start + POSTGRES_ROWS);
      const arrays = columns.map((_, i) => part.map((row) => row[i] ?? null));
      const text = `${head}select * from unnest(${unnest}) ${suffix}`;
      await db.executeQuery(CompiledQuery.raw(text, arrays));
    }
    return;
  }
  const perStatement = Math.max(1, Math.floor(SQLITE_MAX_PARAMS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const text = `${head}values ${part.map(() => tuple).join(', ')} ${suffix}`;
    await db.executeQuery(CompiledQuery.raw(text, part.flat()));
  }
}
