// The `Store`: every table family's queries (one module each, functions over a Kysely
// executor) bound to one connection or transaction, plus the connection's own life
// (migrations, transactions, snapshots).
import { type Kysely, Migrator, sql } from 'kysely';
import { auditQueries } from './audit';
import { backupClaimQueries } from './backupClaims';
import { basemapQueries } from './basemap';
import { blobQueries } from './blobs';
import { clientCounterQueries } from './clientCounters';
import { conflictQueries } from './conflicts';
import { deviceQueries } from './devices';
import { isPostgres } from './dialect';
import { erasureQueries } from './erasure';
import type { Db } from './executor';
import { historyQueries } from './history';
import { importQueries } from './imports';
import { loginFailureQueries } from './loginFailures';
import { migrationProvider } from './migrations';
import { organizationQueries } from './organization';
import { peopleQueries } from './people';
import { privacyRequestQueries } from './privacyRequests';
import { quarantineQueries } from './quarantine';
import { rateCounterQueries } from './rateCounters';
import { recordQueries } from './records';
import { requestAnswerQueries } from './requestAnswers';
import type { Database } from './schema';
import { scopeQueries } from './scope';
import { serverIdentityQueries } from './serverIdentity';
import { sessionQueries } from './sessions';
import type { StoreKind } from './types';
import { userQueries } from './users';
import { villageQueries } from './villages';

const QUERIES = {
  ...organizationQueries,
  ...villageQueries,
  ...userQueries,
  ...deviceQueries,
  ...sessionQueries,
  ...loginFailureQueries,
  ...auditQueries,
  ...scopeQueries,
  ...privacyRequestQueries,
  ...peopleQueries,
  ...erasureQueries,
  ...clientCounterQueries,
  ...recordQueries,
  ...historyQueries,
  ...conflictQueries,
  ...quarantineQueries,
  ...blobQueries,
  ...rateCounterQueries,
  ...serverIdentityQueries,
  ...importQueries,
  ...basemapQueries,
  ...requestAnswerQueries,
  ...backupClaimQueries,
};

/** Query functions with their executor argument bound. */
type Bound<Queries> = {
  [Name in keyof Queries]: Queries[Name] extends (db: Db, ...args: infer Args) => infer Result
    ? (...args: Args) => Result
    : never;
};

interface StoreLife {
  readonly kind: StoreKind;
  /** How many migrations are applied (0 before `migrate()` on an empty database). */
  readonly schemaVersion: number;
  migrate(): Promise<number>;
  close(): Promise<void>;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  /** Runs `fn` in one database transaction; nested calls join the outer one. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one consistent read-only snapshot (PostgreSQL: REPEATABLE READ READ ONLY;
   * SQLite: one read transaction).
   */
  snapshot<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
}

/**
 * Everything the server keeps, written once over Kysely for SQLite and PostgreSQL. Timestamps
 * in and out are ISO-8601 UTC strings; callers pass `at`/`now` so one request uses one clock
 * reading and tests can move time.
 */
export type Store = StoreLife & Bound<typeof QUERIES>;

/** What every store over the same connection shares, including its transaction views. */
export interface Connection {
  readonly kind: StoreKind;
  readonly root: Kysely<Database>;
  /** Where the migrator's own tables live (PostgreSQL); see `openStore`. */
  readonly migrationSchema: string | undefined;
  schemaVersion: number;
  closed: boolean;
}

/**
 * On PostgreSQL the migrator must be told its schema: otherwise it takes a `kysely_migration`
 * table in ANY schema of the database as its own (another app's, another test's).
 */
export async function openStore(kind: StoreKind, db: Kysely<Database>): Promise<Store> {
  const connection: Connection = {
    kind,
    root: db,
    migrationSchema: kind === 'postgres' ? await currentSchema(db) : undefined,
    schemaVersion: 0,
    closed: false,
  };
  await refreshSchemaVersion(connection);
  return storeOver(db, connection);
}

/** The executor behind each store, for tests that read the tables around the store. */
const executors = new WeakMap<Store, Db>();

export function executorOf(store: Store): Db {
  const db = executors.get(store);
  if (!db) throw new Error('not a store opened by openStore');
  return db;
}

function storeOver(db: Db, connection: Connection): Store {
  const queries = Object.fromEntries(
    Object.entries(QUERIES).map(([name, query]) => [
      name,
      (...args: unknown[]) => (query as (db: Db, ...args: unknown[]) => unknown)(db, ...args),
    ]),
  ) as Bound<typeof QUERIES>;
  const store: Store = {
    ...queries,
    get kind() {
      return connection.kind;
    },
    get schemaVersion() {
      return connection.schemaVersion;
    },
    async migrate() {
      await outlastCatalogRace(connection, async () => {
        const { error } = await migrator(connection).migrateToLatest();
        if (error) throw error;
      });
      return refreshSchemaVersion(connection);
    },
    async close() {
      if (connection.closed) return;
      connection.closed = true;
      await connection.root.destroy();
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    transaction(fn) {
      if (db.isTransaction) return fn(store);
      return db.transaction().execute((trx) => fn(storeOver(trx, connection)));
    },
    snapshot(fn) {
      if (db.isTransaction) return fn(store);
      let builder = db.transaction();
      if (isPostgres(db)) {
        builder = builder.setIsolationLevel('repeatable read').setAccessMode('read only');
      }
      return builder.execute((trx) => fn(storeOver(trx, connection)));
    },
  };
  executors.set(store, db);
  return store;
}

function migrator(connection: Connection): Migrator {
  return new Migrator({
    db: connection.root,
    provider: migrationProvider,
    migrationTableSchema: connection.migrationSchema,
  });
}

async function refreshSchemaVersion(connection: Connection): Promise<number> {
  const migrations = await outlastCatalogRace(connection, () =>
    migrator(connection).getMigrations(),
  );
  connection.schemaVersion = migrations.filter((m) => m.executedAt !== undefined).length;
  return connection.schemaVersion;
}

/**
 * Kysely's migrator looks for its table by listing every table of every schema of the
 * database (`has_schema_privilege` on each): another schema dropped at that moment — another
 * tenant's, or a test's — fails that listing with `3F000` "schema … does not exist". That is
 * not about this store's schema, so the step is tried again.
 */
export async function outlastCatalogRace<T>(
  connection: Connection,
  step: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown };
      const otherSchema =
        e.code === '3F000' && !String(e.message).includes(`"${connection.migrationSchema ?? ''}"`);
      if (!otherSchema || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    db,
  );
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check the search_path');
  return schema;
}
