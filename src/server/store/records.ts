// Synced records, the per-village buckets that number their writes, and the departures a
// record leaves behind when it moves village. The only dialect difference is the row lock
// (`FOR UPDATE` on PostgreSQL; SQLite runs one writer at a time anyway).
import { type Selectable, sql } from 'kysely';
import type { RecordType, SyncRecord } from '../../shared/sync/protocol';
import { type BulkColumn, bulkInsert, isPostgres } from './dialect';
import { batches, type Db } from './executor';
import { packFieldMeta, unpackFieldMeta } from './fieldMetaCodec';
import type { RecordsTable } from './schema';

export interface DepartureRecord {
  recordId: string;
  villageId: string;
  seq: number;
}

export function toRecord(row: Selectable<RecordsTable>): SyncRecord {
  return {
    id: row.id,
    type: row.type as RecordType,
    villageId: row.village_id,
    schemaVersion: Number(row.schema_version),
    fields: JSON.parse(row.fields),
    deleted: Number(row.deleted) === 1,
    fieldMeta: unpackFieldMeta(row.field_meta),
    seq: Number(row.seq),
  };
}

const RECORD_COLUMNS: readonly BulkColumn[] = [
  ['id', 'text'],
  ['type', 'text'],
  ['village_id', 'text'],
  ['schema_version', 'int4'],
  ['fields', 'text'],
  ['field_meta', 'text'],
  ['deleted', 'int4'],
  ['seq', 'int8'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
];

function recordRow(record: SyncRecord, at: string): unknown[] {
  return [
    record.id,
    record.type,
    record.villageId,
    record.schemaVersion,
    JSON.stringify(record.fields),
    packFieldMeta(record.fieldMeta),
    record.deleted ? 1 : 0,
    record.seq,
    at,
    at,
  ];
}

/** The stored records among `ids`, locked (PostgreSQL: FOR UPDATE, in id order). */
async function lockRecords(db: Db, ids: string[]): Promise<Map<string, SyncRecord>> {
  const found = new Map<string, SyncRecord>();
  const unique = [...new Set(ids)].sort();
  for (const part of batches(unique, 1000)) {
    let query = db.selectFrom('records').selectAll().where('id', 'in', part).orderBy('id');
    if (isPostgres(db)) query = query.forUpdate();
    for (const row of await query.execute()) found.set(row.id, toRecord(row));
  }
  return found;
}

async function getRecord(db: Db, id: string): Promise<SyncRecord | null> {
  const row = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** New records are inserted (a concurrent insert of the same id fails the transaction). */
async function insertRecords(db: Db, records: SyncRecord[], at: string): Promise<void> {
  await bulkInsert(
    db,
    'records',
    RECORD_COLUMNS,
    records.map((r) => recordRow(r, at)),
  );
}

/** Existing (locked) records: multi-row upserts instead of one UPDATE each. */
async function updateRecords(db: Db, records: SyncRecord[], at: string): Promise<void> {
  const updated = RECORD_COLUMNS.map(([c]) => c).filter((c) => c !== 'id' && c !== 'created_at');
  await bulkInsert(
    db,
    'records',
    RECORD_COLUMNS,
    records.map((r) => recordRow(r, at)),
    `on conflict ("id") do update set ${updated.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`,
  );
}

/** Records of a village with `seq > after`, in seq order. */
async function recordsSince(
  db: Db,
  villageId: string,
  after: number,
  limit: number,
): Promise<SyncRecord[]> {
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('village_id', '=', villageId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/**
 * Takes `count` new sequence numbers of each village's bucket (`counts`: village -> count),
 * `UPDATE buckets SET seq = seq + count … RETURNING seq` for all of them at once: the row
 * locks, taken in village order, are held to the end of the transaction, so transactions of
 * one village commit in sequence order. Returns the last seq taken per village; throws when
 * a village has no bucket.
 */
async function takeSeqs(db: Db, counts: ReadonlyMap<string, number>): Promise<Map<string, number>> {
  const villageIds = [...counts.keys()].sort();
  const last = new Map<string, number>();
  if (villageIds.length === 0) return last;
  if (isPostgres(db)) {
    // An UPDATE locks rows in scan order; lock them in village order first, so two pushes
    // never wait on each other's buckets crosswise.
    await db
      .selectFrom('buckets')
      .select('village_id')
      .where('village_id', 'in', villageIds)
      .orderBy('village_id')
      .forUpdate()
      .execute();
  }
  const added = sql.join(
    villageIds.map((id) => sql`when ${id} then cast(${counts.get(id)} as integer)`),
    sql` `,
  );
  const rows = await db
    .updateTable('buckets')
    .set({ seq: sql<number>`seq + case village_id ${added} end` })
    .where('village_id', 'in', villageIds)
    .returning(['village_id', 'seq'])
    .execute();
  for (const row of rows) last.set(row.village_id, Number(row.seq));
  const missing = villageIds.find((id) => !last.has(id));
  if (missing) throw new Error(`village ${missing} has no bucket`);
  return last;
}

async function bucketSeqs(db: Db, villageIds: string[]): Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  if (villageIds.length === 0) return seqs;
  const rows = await db
    .selectFrom('buckets')
    .selectAll()
    .where('village_id', 'in', villageIds)
    .execute();
  for (const row of rows) seqs.set(row.village_id, Number(row.seq));
  return seqs;
}

async function insertDepartures(db: Db, departures: DepartureRecord[]): Promise<void> {
  for (const part of batches(departures)) {
    await db
      .insertInto('departures')
      .values(part.map((d) => ({ record_id: d.recordId, village_id: d.villageId, seq: d.seq })))
      .execute();
  }
}

async function departuresSince(
  db: Db,
  villageId: string,
  after: number,
  limit: number,
): Promise<DepartureRecord[]> {
  const rows = await db
    .selectFrom('departures')
    .selectAll()
    .where('village_id', '=', villageId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ recordId: r.record_id, villageId: r.village_id, seq: Number(r.seq) }));
}

/**
 * Every record of `type` not deleted, any village, in id order (the parcel import reads the
 * households' points and the stored parcels; a tambon has thousands, not millions).
 */
async function liveRecordsOfType(db: Db, type: RecordType): Promise<SyncRecord[]> {
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('type', '=', type)
    .where('deleted', '=', 0)
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

export const recordQueries = {
  liveRecordsOfType,
  lockRecords,
  getRecord,
  insertRecords,
  updateRecords,
  recordsSince,
  takeSeqs,
  bucketSeqs,
  insertDepartures,
  departuresSince,
};
