// SQLite backups: SQLite's online backup API copies a consistent database while the server
// keeps writing; the copy is counted, gzipped, and checked by restoring it into a scratch file.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../store/schema';
import { appliedMigrations, BackupCheckFailed, checkRestored, countTables } from './check';

export interface SqliteCopy {
  schemaVersion: number;
  tables: Record<string, number>;
}

/** Copies the live database `file` into the gzipped backup `target`; returns what it holds. */
export async function takeSqliteBackup(file: string, target: string): Promise<SqliteCopy> {
  return withScratchDir(async (dir) => {
    const copy = join(dir, 'copy.sqlite');
    const source = new SqliteDatabase(file, { fileMustExist: true });
    try {
      await source.backup(copy);
    } finally {
      source.close();
    }
    const described = await withSqlite(copy, async (db) => ({
      schemaVersion: (await appliedMigrations(db)).length,
      tables: await countTables(db, 'sqlite'),
    }));
    await pipeline(createReadStream(copy), createGzip(), createWriteStream(target));
    return described;
  });
}

/** Restores the gzipped backup into a scratch file and checks it; throws `BackupCheckFailed`. */
export async function verifySqliteBackup(
  backup: string,
  expected: { schemaVersion: number; tables: Record<string, number> },
): Promise<void> {
  await withScratchDir(async (dir) => {
    const copy = join(dir, 'restored.sqlite');
    await gunzipTo(backup, copy);
    const integrity = checkIntegrity(copy);
    if (integrity !== 'ok') throw new BackupCheckFailed(`SQLite integrity check: ${integrity}`);
    await withSqlite(copy, (db) => checkRestored(db, 'sqlite', expected));
  });
}

export async function gunzipTo(backup: string, target: string): Promise<void> {
  try {
    await pipeline(createReadStream(backup), createGunzip(), createWriteStream(target));
  } catch (error) {
    throw new BackupCheckFailed(`the backup file does not unpack: ${(error as Error).message}`);
  }
}

function checkIntegrity(file: string): string {
  try {
    const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      return rows.map((row) => row.integrity_check).join('; ');
    } finally {
      db.close();
    }
  } catch (error) {
    return (error as Error).message;
  }
}

async function withSqlite<T>(file: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(file, { fileMustExist: true }) }),
  });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

export async function withScratchDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tambon-field-backup-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
