// PDPA erasures survive a restore: a backup taken before an erasure still holds the erased
// values, so after putting it in place the restore applies again every erasure the restored
// database lacks, known from the database it replaced (kept aside) and from the erasure journal
// in the backup directory — through the same purge as the erasure itself.
import { existsSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Store, StoreConfig } from '../store';
import type { Database } from '../store/schema';
import { eraseFields } from '../sync/erase';
import {
  type ErasureJournalEntry,
  type JournalReading,
  readErasureJournal,
} from './erasureJournal';
import { schemaExists } from './postgres';

export interface ErasureSources {
  /** The database the restore replaced (SQLite file or PostgreSQL schema), null when none. */
  keptAside: string | null;
  /** Where the erasure journal may be: the server's backup directory, the backup's own. */
  journalDirs: string[];
}

export interface ReappliedErasures {
  /** Erasures made after the backup and applied again to the restored database. */
  reapplied: number;
  /** The requests whose erasure could not be applied again (ids only). */
  failed: string[];
  /** Erasures both sources know that the restored database already had. */
  alreadyThere: number;
  keptAside: 'read' | 'absent' | 'unreadable';
  journal: 'read' | 'missing' | 'unreadable';
  /** Journal lines that did not parse (skipped). */
  badJournalLines: number;
  /** Neither source could be read: erasures made after the backup may have come back. */
  unchecked: boolean;
}

/** Reads both sources, then applies to `store` (the restored database) what it lacks. */
export async function reapplyErasures(
  store: Store,
  config: StoreConfig,
  sources: ErasureSources,
  now: () => Date,
): Promise<ReappliedErasures> {
  const aside = await readKeptAside(config, sources.keptAside);
  const journal = await readJournals(sources.journalDirs);
  const known = mergeErasures([...aside.entries, ...journal.entries]);
  const applied = await store.erasureRequestsApplied(known.map((e) => e.requestId));
  const missing = known.filter((e) => !applied.has(e.requestId));
  const failed: string[] = [];
  for (const erasure of missing) {
    try {
      await applyAgain(store, erasure, now().toISOString());
    } catch {
      failed.push(erasure.requestId);
    }
  }
  return {
    reapplied: missing.length - failed.length,
    failed,
    alreadyThere: known.length - missing.length,
    keptAside: aside.status,
    journal: journal.status,
    badJournalLines: journal.badLines,
    unchecked: aside.status !== 'read' && journal.status !== 'read',
  };
}

/** The journals of these directories together: read when any of them was. */
async function readJournals(dirs: string[]): Promise<JournalReading> {
  const readings = await Promise.all([...new Set(dirs)].map(readErasureJournal));
  const read = readings.filter((r) => r.status === 'read');
  if (read.length > 0) {
    return {
      status: 'read',
      entries: read.flatMap((r) => r.entries),
      badLines: read.reduce((sum, r) => sum + r.badLines, 0),
    };
  }
  return readings.find((r) => r.status === 'unreadable') ?? (readings[0] as JournalReading);
}

/** One entry per request and record: fields put together, the highest seq and first time kept. */
export function mergeErasures(entries: readonly ErasureJournalEntry[]): ErasureJournalEntry[] {
  const byKey = new Map<string, ErasureJournalEntry>();
  for (const entry of entries) {
    const key = `${entry.requestId}/${entry.recordId}`;
    const seen = byKey.get(key);
    byKey.set(
      key,
      seen
        ? {
            ...seen,
            fields: [...new Set([...seen.fields, ...entry.fields])].sort(),
            seq: Math.max(seen.seq, entry.seq),
            at: seen.at < entry.at ? seen.at : entry.at,
          }
        : { ...entry, fields: [...entry.fields].sort() },
    );
  }
  return [...byKey.values()].sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
}

/**
 * The erasure again, in one transaction: the purge at a seq no lower than the first one, the
 * fields marked erased even where the restored record never held them (a device may send again
 * a value it wrote after the backup), the request closed if the backup has it open, and an
 * audit entry. A record the backup does not hold yet only gets its fields marked erased.
 */
async function applyAgain(store: Store, erasure: ErasureJournalEntry, at: string): Promise<void> {
  const { recordId, requestId, fields, by } = erasure;
  await store.transaction(async (tx) => {
    let seq = erasure.seq;
    if (await tx.getRecord(recordId)) {
      const outcome = await eraseFields(tx, {
        recordId,
        fields,
        requestId,
        by,
        at: erasure.at,
        notBeforeSeq: erasure.seq,
      });
      seq = outcome.record.seq;
    } else if ((await tx.bucketSeqs([erasure.villageId])).has(erasure.villageId)) {
      await tx.raiseBucketSeq(erasure.villageId, erasure.seq);
    }
    await tx.markErased(
      fields.map((field) => ({ recordId, field, seq, requestId, at: erasure.at })),
    );
    await tx.closeErasedRequest(requestId, { by, at: erasure.at });
    await tx.appendAudit({
      at,
      userId: null,
      action: 'privacy.erase',
      target: recordId,
      details: { requestId, fields, seq, erasedAt: erasure.at, reappliedAfterRestore: true },
    });
  });
}

type AsideReading = { status: ReappliedErasures['keptAside']; entries: ErasureJournalEntry[] };

async function readKeptAside(config: StoreConfig, keptAside: string | null): Promise<AsideReading> {
  if (keptAside === null) return { status: 'absent', entries: [] };
  try {
    const db =
      config.kind === 'sqlite'
        ? openSqliteAside(keptAside)
        : await openPostgresAside(config.url, keptAside);
    if (!db) return { status: 'absent', entries: [] };
    try {
      return { status: 'read', entries: await erasureLog(db) };
    } finally {
      await db.destroy();
    }
  } catch {
    return { status: 'unreadable', entries: [] };
  }
}

function openSqliteAside(file: string): Kysely<Database> | null {
  if (!existsSync(file)) return null;
  const database = new SqliteDatabase(file, { fileMustExist: true, readonly: true });
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

async function openPostgresAside(url: string, schema: string): Promise<Kysely<Database> | null> {
  if (!(await schemaExists(url, schema))) return null;
  const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** A database's erasures as journal entries (who handled each: the request's closer). */
async function erasureLog(db: Kysely<Database>): Promise<ErasureJournalEntry[]> {
  const rows = await db
    .selectFrom('erased_fields as e')
    .innerJoin('records as r', 'r.id', 'e.record_id')
    .leftJoin('privacy_requests as p', 'p.id', 'e.request_id')
    .select(['e.record_id', 'e.field', 'e.seq', 'e.request_id', 'e.at', 'r.village_id'])
    .select('p.closed_by')
    .execute();
  return mergeErasures(
    rows.map((row) => ({
      requestId: row.request_id,
      recordId: row.record_id,
      villageId: row.village_id,
      fields: [row.field],
      seq: Number(row.seq),
      at: row.at,
      by: row.closed_by ?? 'server-privacy-erasure',
    })),
  );
}

/**
 * Erasures this database applied that the journal lacks (a journal write failed, or the
 * journal was lost): what a restore could not apply again if this database were lost too.
 */
export async function erasuresNotJournaled(store: Store, journalDir: string): Promise<number> {
  const applied = await store.erasuresApplied();
  if (applied.length === 0) return 0;
  const journal = await readErasureJournal(journalDir);
  const journaled = new Set(journal.entries.map((e) => `${e.requestId}/${e.recordId}`));
  return applied.filter((e) => !journaled.has(`${e.requestId}/${e.recordId}`)).length;
}
