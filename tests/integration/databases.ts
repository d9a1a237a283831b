// The databases every server test runs against: SQLite always (a real file in the temp dir),
// PostgreSQL when DATABASE_URL is set or a server answers on 127.0.0.1:5432. Each test file gets
// its own SQLite file and its own PostgreSQL schema, removed by `drop()`.
// REQUIRE_POSTGRES=1 turns "PostgreSQL unreachable" into a failure instead of a SQLite-only run.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  createStore,
  dropPostgresSchema,
  type Store,
  type StoreConfig,
} from '../../src/server/store';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** How the server would be configured to open it (backups, restores, a second process). */
  config: StoreConfig;
  /** A new connection to this file's database (empty until migrated). */
  open(): Promise<Store>;
  /** `open()` then `migrate()`. */
  openMigrated(): Promise<Store>;
  /** Closes every store it opened and deletes the database. */
  drop(): Promise<void>;
}

export async function testDatabases(): Promise<TestDatabase[]> {
  const databases = [sqliteDatabase()];
  const url = process.env.DATABASE_URL || DEFAULT_POSTGRES_URL;
  if (process.env.DATABASE_URL || (await accepts(url))) databases.push(postgresDatabase(url));
  else if (process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at ${url} is unreachable`);
  }
  return databases;
}

function sqliteDatabase(): TestDatabase {
  const dir = join(tmpdir(), `tambon-field-test-${randomBytes(6).toString('hex')}`);
  const file = join(dir, 'test.sqlite');
  const config: StoreConfig = { kind: 'sqlite', file };
  const create = () => {
    mkdirSync(dir, { recursive: true });
    return createStore(config);
  };
  return tracked('sqlite', config, create, async () => {
    rmSync(dir, { recursive: true, force: true });
  });
}

function postgresDatabase(url: string): TestDatabase {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const config: StoreConfig = { kind: 'postgres', url, schema };
  return tracked(
    'postgres',
    config,
    () => createStore(config),
    () => dropPostgresSchema(url, schema),
  );
}

function tracked(
  name: TestDatabase['name'],
  config: StoreConfig,
  create: () => Promise<Store>,
  remove: () => Promise<void>,
): TestDatabase {
  const opened: Store[] = [];
  const open = async () => {
    const store = await create();
    opened.push(store);
    return store;
  };
  return {
    name,
    config,
    open,
    openMigrated: async () => {
      const store = await open();
      await store.migrate();
      return store;
    },
    drop: async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await remove();
    },
  };
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
