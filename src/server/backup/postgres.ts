// PostgreSQL backups with `pg_dump` (a documented prerequisite, same major version as the
// server or newer). The rows are counted in the very snapshot pg_dump copies (an exported
// snapshot), so the check after restoring compares like with like.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../store/schema';
import { BackupCheckFailed, checkRestored, countTables } from './check';

export interface PostgresTarget {
  url: string;
  /** The schema the server uses; its `search_path` when not given. */
  schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function takePostgresBackup(
  target: PostgresTarget,
  file: string,
): Promise<{ schemaVersion: number; tables: Record<string, number>; schema: string }> {
  const client = new pg.Client({ connectionString: target.url, options: searchPath(target) });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query('select pg_export_snapshot() as id')).rows[0].id as string;
    const schema = (await client.query('select current_schema() as s')).rows[0].s as string;
    const db = kyselyOver(client);
    const tables = await countTables(db, 'postgres');
    const migrations = await client.query('select count(*)::int as n from kysely_migration');
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--schema=${schema}`,
      `--snapshot=${snapshot}`,
      `--file=${file}`,
      target.url,
    ]);
    await client.query('commit');
    return { schemaVersion: migrations.rows[0].n as number, tables, schema };
  } finally {
    await client.end();
  }
}

/** Restores the dump into a scratch database, checks it there, and drops the scratch database. */
export async function verifyPostgresBackup(
  url: string,
  file: string,
  expected: { schemaVersion: number; tables: Record<string, number>; schema: string },
): Promise<void> {
  const scratch = `tf_verify_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create database "${scratch}"`);
  try {
    const scratchUrl = withDatabase(url, scratch);
    await restoreDump(file, scratchUrl);
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          connectionString: scratchUrl,
          max: 1,
          options: `-c search_path=${expected.schema}`,
        }),
      }),
    });
    try {
      await checkRestored(db, 'postgres', expected);
    } finally {
      await db.destroy();
    }
  } finally {
    await adminQuery(url, `drop database if exists "${scratch}" with (force)`);
  }
}

/**
 * Replaces the server's schema with the backup's: the current schema is renamed aside
 * (`<schema>_before_restore_<stamp>`, kept for the operator to drop; its name is returned, null
 * when there was none), and put back if the restore fails.
 */
export async function restorePostgresBackup(
  target: PostgresTarget,
  file: string,
  backupSchema: string,
  stamp: string,
): Promise<string | null> {
  const schema = target.schema ?? backupSchema;
  if (schema !== backupSchema) {
    throw new BackupCheckFailed(
      `the backup holds schema ${backupSchema}, the server uses ${schema}: set DATABASE_SCHEMA=${backupSchema}`,
    );
  }
  if (!SCHEMA_NAME.test(schema)) throw new BackupCheckFailed(`invalid schema name ${schema}`);
  const aside = (await schemaExists(target.url, schema))
    ? `${schema}_before_restore_${stamp}`.slice(0, 63)
    : null;
  if (aside) await adminQuery(target.url, `alter schema "${schema}" rename to "${aside}"`);
  try {
    await restoreDump(file, target.url);
  } catch (error) {
    await adminQuery(target.url, `drop schema if exists "${schema}" cascade`);
    if (aside) await adminQuery(target.url, `alter schema "${aside}" rename to "${schema}"`);
    throw error;
  }
  return aside;
}

/** False when the server's schema is gone (a lost database): nothing to keep aside. */
export async function schemaExists(url: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query(
      'select 1 from information_schema.schemata where schema_name = $1',
      [schema],
    );
    return (found.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

async function restoreDump(file: string, url: string): Promise<void> {
  try {
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '-d', url, file]);
  } catch (error) {
    throw new BackupCheckFailed(`pg_restore failed: ${(error as Error).message}`);
  }
}

function searchPath(target: PostgresTarget): string | undefined {
  return target.schema ? `-c search_path=${target.schema}` : undefined;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A Kysely over one already-open client (inside its transaction). */
function kyselyOver(client: pg.Client): Kysely<Database> {
  const pool = {
    connect: async () => Object.assign(client, { release: () => {} }),
    end: async () => {},
  } as unknown as pg.Pool;
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) =>
      reject(new Error(`${command} could not run (${error.message}): is it installed?`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} exited with ${code}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}
