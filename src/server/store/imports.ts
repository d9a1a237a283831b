// Imports of an office's lists (issue 15): one row per import, with what it wrote for the undo;
// and the tambon's records an import is planned against.
import type { Selectable } from 'kysely';
import type { RecordType, SyncRecord } from '../../shared/sync/protocol';
import { batches, type Db } from './executor';
import { toRecord } from './records';
import type { ImportsTable } from './schema';

/** One record an import wrote, as the undo needs it. */
export interface ImportedRecord {
  id: string;
  type: RecordType;
  villageId: string;
  op: 'create' | 'patch';
  /** A create: the record's seq once written (a later write by anyone moves it). */
  seq?: number;
  /** A patch: the seq each field it set was written at, and the value it had before. */
  fieldSeqs?: Record<string, number>;
  previous?: Record<string, unknown>;
}

/** The records of one household batch: the undo takes them back together. */
export interface ImportedBatch {
  householdId: string;
  records: ImportedRecord[];
}

export interface ImportRecord {
  id: string;
  kind: string;
  fileName: string;
  createdBy: string;
  createdAt: string;
  counts: Record<string, number>;
  recordCount: number;
  undoneBy: string | null;
  undoneAt: string | null;
}

function toImport(row: Omit<Selectable<ImportsTable>, 'records'>): ImportRecord {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    createdBy: row.created_by,
    createdAt: row.created_at,
    counts: JSON.parse(row.counts),
    recordCount: Number(row.record_count),
    undoneBy: row.undone_by,
    undoneAt: row.undone_at,
  };
}

const SUMMARY_COLUMNS = [
  'id',
  'kind',
  'file_name',
  'created_by',
  'created_at',
  'counts',
  'record_count',
  'undone_by',
  'undone_at',
] as const;

async function insertImport(
  db: Db,
  record: Omit<ImportRecord, 'undoneBy' | 'undoneAt'>,
  written: ImportedBatch[],
): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      id: record.id,
      kind: record.kind,
      file_name: record.fileName,
      created_by: record.createdBy,
      created_at: record.createdAt,
      counts: JSON.stringify(record.counts),
      record_count: record.recordCount,
      records: JSON.stringify(written),
      undone_by: null,
      undone_at: null,
    })
    .execute();
}

/** Imports newest first; `createdBy` null lists everyone's. */
async function listImports(
  db: Db,
  filter: { createdBy: string | null; limit: number },
): Promise<ImportRecord[]> {
  let query = db.selectFrom('imports').select(SUMMARY_COLUMNS);
  if (filter.createdBy !== null) query = query.where('created_by', '=', filter.createdBy);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map(toImport);
}

async function getImport(
  db: Db,
  id: string,
): Promise<{ summary: ImportRecord; written: ImportedBatch[] } | null> {
  const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return { summary: toImport(row), written: JSON.parse(row.records) };
}

/** Marks an import undone; false when it already was (a concurrent undo). */
async function markImportUndone(db: Db, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('imports')
    .set({ undone_by: by, undone_at: at })
    .where('id', '=', id)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The live (not deleted) records of these types in these villages: what an import matches. */
async function liveRecordsOf(
  db: Db,
  villageIds: string[],
  types: RecordType[],
): Promise<SyncRecord[]> {
  const out: SyncRecord[] = [];
  if (types.length === 0) return out;
  for (const part of batches(villageIds, 500)) {
    const rows = await db
      .selectFrom('records')
      .selectAll()
      .where('village_id', 'in', part)
      .where('type', 'in', types)
      .where('deleted', '=', 0)
      .execute();
    for (const row of rows) out.push(toRecord(row));
  }
  return out;
}

export const importQueries = {
  insertImport,
  listImports,
  getImport,
  markImportUndone,
  liveRecordsOf,
};
