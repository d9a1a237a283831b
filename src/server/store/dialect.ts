// Everything that differs between SQLite and PostgreSQL lives here: opening the connection,
// per-connection settings, and reading the drivers' error codes. Queries and migrations are
// written once, elsewhere.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
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
