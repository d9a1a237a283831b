// What "restore verified" means: the backup, restored into a scratch database, holds the same
// tables with the same row counts as when it was taken, its migrations are ones this code
// knows, and a sample of its records and files reads back whole.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { MIGRATIONS } from '../store/migrations';
import type { Database } from '../store/schema';

const SAMPLE_RECORDS = 50;

export class BackupCheckFailed extends Error {}

/** Rows per table of the database's current schema (Kysely's own tables included). */
export async function countTables(
  db: Kysely<Database>,
  kind: 'sqlite' | 'postgres',
): Promise<Record<string, number>> {
  const names =
    kind === 'sqlite'
      ? await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          db,
        )
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of names.rows.sort((a, b) => a.name.localeCompare(b.name))) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/** Applied migrations, in order, as Kysely recorded them. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from kysely_migration order by name`.execute(db);
  return rows.map((row) => row.name);
}

/** Throws `BackupCheckFailed` unless the migrations are a prefix of the ones this code knows. */
export function checkMigrationsKnown(applied: readonly string[]): void {
  const known = Object.keys(MIGRATIONS).sort();
  if (applied.length > known.length) {
    throw new BackupCheckFailed(
      `the backup is from a newer version (schema ${applied.length}; this server knows ${known.length}): upgrade the server first`,
    );
  }
  applied.forEach((name, index) => {
    if (known[index] !== name)
      throw new BackupCheckFailed(`the backup has a migration this server does not know: ${name}`);
  });
}

export async function checkRestored(
  db: Kysely<Database>,
  kind: 'sqlite' | 'postgres',
  expected: { schemaVersion: number; tables: Record<string, number> },
): Promise<void> {
  const applied = await appliedMigrations(db);
  checkMigrationsKnown(applied);
  if (applied.length !== expected.schemaVersion) {
    throw new BackupCheckFailed(
      `schema version ${applied.length} restored, ${expected.schemaVersion} backed up`,
    );
  }
  const counts = await countTables(db, kind);
  for (const [table, rows] of Object.entries(expected.tables)) {
    if (counts[table] !== rows) {
      throw new BackupCheckFailed(
        `table ${table}: ${counts[table] ?? 'missing'} rows restored, ${rows} backed up`,
      );
    }
  }
  await checkSampleRecords(db);
  await checkSampleBlob(db);
}

/** Records spread over the table read back with their fields and field versions parseable. */
async function checkSampleRecords(db: Kysely<Database>): Promise<void> {
  const rows = await db
    .selectFrom('records')
    .select(['id', 'fields', 'field_meta'])
    .orderBy('seq', 'desc')
    .limit(SAMPLE_RECORDS)
    .execute();
  for (const row of rows) {
    try {
      JSON.parse(row.fields);
      JSON.parse(row.field_meta);
    } catch {
      throw new BackupCheckFailed(`record ${row.id} does not read back`);
    }
  }
}

/** The newest complete file: its chunks put together must hash to its address. */
async function checkSampleBlob(db: Kysely<Database>): Promise<void> {
  const blob = await db
    .selectFrom('blobs')
    .select(['sha256', 'size'])
    .where('complete', '=', 1)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!blob) return;
  const chunks = await db
    .selectFrom('blob_chunks')
    .select('bytes')
    .where('sha256', '=', blob.sha256)
    .orderBy('offset')
    .execute();
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk.bytes);
  if (hash.digest('hex') !== blob.sha256) {
    throw new BackupCheckFailed(`file ${blob.sha256.slice(0, 12)}… does not read back whole`);
  }
}
