// The sync engine's queries (records, buckets, conflicts, quarantine, blobs), written once for
// SQLite and PostgreSQL. `KyselyStore` delegates here; the only dialect difference is the row
// lock (`FOR UPDATE` on PostgreSQL; SQLite runs one writer at a time anyway).
import { type Kysely, type Selectable, sql } from 'kysely';
import type { QuarantineStatus } from '../../shared/api/syncAdmin';
import { uuidv7 } from '../../shared/ids';
import type { Village } from '../../shared/model/organization';
import { ROLES, seesAllVillages } from '../../shared/model/roles';
import type { QuarantineReason } from '../../shared/sync/permissions';
import type { FieldVersion, RecordType, SyncRecord } from '../../shared/sync/protocol';
import { type BulkColumn, bulkInsert, isPostgres } from './dialect';
import { packFieldMeta, unpackFieldMeta } from './fieldMetaCodec';
import type {
  ConflictsTable,
  Database,
  QuarantineTable,
  RecordsTable,
  VillagesTable,
} from './schema';
import type {
  BlobRecord,
  ConflictFilter,
  ConflictRecord,
  DepartureRecord,
  FieldHistoryEntry,
  HistoryWrite,
  QuarantineFilter,
  QuarantineRecord,
} from './types';

type Db = Kysely<Database>;

/** Roles that see every village, as the SQL filters spell them. */
const ALL_VILLAGE_ROLES = ROLES.filter(seesAllVillages);
/** Rows per multi-row INSERT: well under both databases' bound-parameter limits. */
const BATCH_ROWS = 500;

function batches<T>(rows: T[], size = BATCH_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const json = (value: unknown): string => JSON.stringify(value === undefined ? null : value);

// --- client counters -------------------------------------------------------------------------

export async function lockClientCounter(
  db: Db,
  clientId: string,
  userId: string,
  at: string,
): Promise<number> {
  await db
    .insertInto('client_counters')
    .values({ client_id: clientId, user_id: userId, last_n: 0, updated_at: at })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  let query = db.selectFrom('client_counters').select('last_n').where('client_id', '=', clientId);
  if (isPostgres(db)) query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.last_n);
}

export async function setClientCounter(
  db: Db,
  clientId: string,
  userId: string,
  lastN: number,
  at: string,
): Promise<void> {
  await db
    .updateTable('client_counters')
    .set({ last_n: lastN, user_id: userId, updated_at: at })
    .where('client_id', '=', clientId)
    .execute();
}

export async function getClientCounter(db: Db, clientId: string): Promise<number> {
  const row = await db
    .selectFrom('client_counters')
    .select('last_n')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? Number(row.last_n) : 0;
}

// --- records ---------------------------------------------------------------------------------

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

export async function lockRecords(db: Db, ids: string[]): Promise<Map<string, SyncRecord>> {
  const found = new Map<string, SyncRecord>();
  const unique = [...new Set(ids)].sort();
  for (const part of batches(unique, 1000)) {
    let query = db.selectFrom('records').selectAll().where('id', 'in', part).orderBy('id');
    if (isPostgres(db)) query = query.forUpdate();
    for (const row of await query.execute()) found.set(row.id, toRecord(row));
  }
  return found;
}

export async function getRecord(db: Db, id: string): Promise<SyncRecord | null> {
  const row = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function takeSeqs(
  db: Db,
  counts: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
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

export async function insertRecords(db: Db, records: SyncRecord[], at: string): Promise<void> {
  await bulkInsert(
    db,
    'records',
    RECORD_COLUMNS,
    records.map((r) => recordRow(r, at)),
  );
}

/** Existing (locked) records: multi-row upserts instead of one UPDATE each. */
export async function updateRecords(db: Db, records: SyncRecord[], at: string): Promise<void> {
  const updated = RECORD_COLUMNS.map(([c]) => c).filter((c) => c !== 'id' && c !== 'created_at');
  await bulkInsert(
    db,
    'records',
    RECORD_COLUMNS,
    records.map((r) => recordRow(r, at)),
    `on conflict ("id") do update set ${updated.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`,
  );
}

const HISTORY_COLUMNS: readonly BulkColumn[] = [
  ['id', 'text'],
  ['record_id', 'text'],
  ['village_id', 'text'],
  ['fields', 'text'],
  ['hlc', 'text'],
  ['by_user', 'text'],
  ['client_id', 'text'],
  ['mutation_id', 'text'],
  ['seq', 'int8'],
  ['outcome', 'text'],
  ['clamped', 'int4'],
  ['at', 'text'],
];

export async function appendHistory(db: Db, writes: HistoryWrite[]): Promise<void> {
  await bulkInsert(
    db,
    'field_history',
    HISTORY_COLUMNS,
    writes.map((w) => [
      uuidv7(Date.parse(w.at)),
      w.recordId,
      w.villageId,
      JSON.stringify(w.values),
      w.hlc,
      w.byUser,
      w.clientId,
      w.mutationId,
      w.seq,
      w.outcome,
      w.clamped ? 1 : 0,
      w.at,
    ]),
  );
}

export async function fieldHistory(db: Db, recordId: string): Promise<FieldHistoryEntry[]> {
  const rows = await db
    .selectFrom('field_history')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('seq')
    .orderBy('id')
    .execute();
  return rows.flatMap((r) =>
    Object.entries(JSON.parse(r.fields) as Record<string, unknown>).map(([field, value]) => ({
      recordId: r.record_id,
      villageId: r.village_id,
      field,
      value,
      hlc: r.hlc,
      byUser: r.by_user,
      clientId: r.client_id,
      mutationId: r.mutation_id,
      seq: Number(r.seq),
      outcome: r.outcome,
      clamped: Number(r.clamped) === 1,
      at: r.at,
    })),
  );
}

// --- conflicts -------------------------------------------------------------------------------

function toConflict(row: Selectable<ConflictsTable>): ConflictRecord {
  return {
    id: row.id,
    recordId: row.record_id,
    type: row.type as RecordType,
    villageId: row.village_id,
    field: row.field,
    winner: JSON.parse(row.winner) as FieldVersion,
    loser: JSON.parse(row.loser) as FieldVersion,
    seq: Number(row.seq),
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
  };
}

export async function insertConflicts(db: Db, conflicts: ConflictRecord[]): Promise<void> {
  for (const part of batches(conflicts)) {
    await db
      .insertInto('conflicts')
      .values(
        part.map((c) => ({
          id: c.id,
          record_id: c.recordId,
          type: c.type,
          village_id: c.villageId,
          field: c.field,
          winner: json(c.winner),
          loser: json(c.loser),
          seq: c.seq,
          created_at: c.createdAt,
          resolved_at: c.resolvedAt,
          resolved_by: c.resolvedBy,
        })),
      )
      .execute();
  }
}

export async function resolveConflicts(
  db: Db,
  input: {
    recordId: string;
    fields: string[];
    villageId: string;
    seq: number;
    by: string;
    at: string;
  },
): Promise<number> {
  if (input.fields.length === 0) return 0;
  const result = await db
    .updateTable('conflicts')
    .set({
      resolved_at: input.at,
      resolved_by: input.by,
      seq: input.seq,
      village_id: input.villageId,
    })
    .where('record_id', '=', input.recordId)
    .where('field', 'in', input.fields)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function moveOpenConflicts(
  db: Db,
  recordId: string,
  villageId: string,
  seq: number,
): Promise<void> {
  await db
    .updateTable('conflicts')
    .set({ village_id: villageId, seq })
    .where('record_id', '=', recordId)
    .where('resolved_at', 'is', null)
    .execute();
}

export async function listConflicts(db: Db, filter: ConflictFilter): Promise<ConflictRecord[]> {
  if (filter.villageIds?.length === 0) return [];
  let query = db.selectFrom('conflicts').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status === 'open') query = query.where('resolved_at', 'is', null);
  if (filter.status === 'resolved') query = query.where('resolved_at', 'is not', null);
  if (filter.villageIds) query = query.where('village_id', 'in', filter.villageIds);
  if (filter.before) query = query.where('id', '<', filter.before);
  return (await query.execute()).map(toConflict);
}

export async function conflictsBetween(
  db: Db,
  villageId: string,
  after: number,
  through: number,
): Promise<ConflictRecord[]> {
  if (through <= after) return [];
  const rows = await db
    .selectFrom('conflicts')
    .selectAll()
    .where('village_id', '=', villageId)
    .where('seq', '>', after)
    .where('seq', '<=', through)
    .orderBy('seq')
    .orderBy('id')
    .execute();
  return rows.map(toConflict);
}

// --- departures ------------------------------------------------------------------------------

export async function insertDepartures(db: Db, departures: DepartureRecord[]): Promise<void> {
  for (const part of batches(departures)) {
    await db
      .insertInto('departures')
      .values(part.map((d) => ({ record_id: d.recordId, village_id: d.villageId, seq: d.seq })))
      .execute();
  }
}

export async function departuresSince(
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

export async function recordsSince(
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

// --- quarantine ------------------------------------------------------------------------------

function toQuarantine(row: Selectable<QuarantineTable>): QuarantineRecord {
  return {
    id: row.id,
    mutationId: row.mutation_id,
    clientId: row.client_id,
    userId: row.user_id,
    villageId: row.village_id,
    type: row.type as RecordType | null,
    recordId: row.record_id,
    txId: row.tx_id,
    mutation: JSON.parse(row.mutation),
    reason: row.reason as QuarantineReason,
    details: row.details === null ? null : JSON.parse(row.details),
    createdAt: row.created_at,
    status: row.status as QuarantineStatus,
    handledBy: row.handled_by,
    handledAt: row.handled_at,
    note: row.note,
  };
}

export async function insertQuarantine(db: Db, entries: QuarantineRecord[]): Promise<void> {
  for (const part of batches(entries)) {
    await db
      .insertInto('quarantine')
      .values(
        part.map((q) => ({
          id: q.id,
          mutation_id: q.mutationId,
          client_id: q.clientId,
          user_id: q.userId,
          village_id: q.villageId,
          type: q.type,
          record_id: q.recordId,
          tx_id: q.txId,
          mutation: json(q.mutation),
          reason: q.reason,
          details: q.details === undefined || q.details === null ? null : json(q.details),
          created_at: q.createdAt,
          status: q.status,
          handled_by: q.handledBy,
          handled_at: q.handledAt,
          note: q.note,
        })),
      )
      .execute();
  }
}

export async function getQuarantine(
  db: Db,
  id: string,
  lock: boolean,
): Promise<QuarantineRecord | null> {
  let query = db.selectFrom('quarantine').selectAll().where('id', '=', id);
  if (lock && isPostgres(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toQuarantine(row) : null;
}

export async function updateQuarantine(
  db: Db,
  id: string,
  changes: Pick<QuarantineRecord, 'status' | 'handledBy' | 'handledAt' | 'note'>,
): Promise<void> {
  await db
    .updateTable('quarantine')
    .set({
      status: changes.status,
      handled_by: changes.handledBy,
      handled_at: changes.handledAt,
      note: changes.note,
    })
    .where('id', '=', id)
    .execute();
}

export async function listQuarantine(
  db: Db,
  filter: QuarantineFilter,
): Promise<QuarantineRecord[]> {
  if (filter.villageIds?.length === 0) return [];
  let query = db.selectFrom('quarantine').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status !== 'all') query = query.where('status', '=', filter.status);
  if (filter.villageIds) query = query.where('village_id', 'in', filter.villageIds);
  if (filter.before) query = query.where('id', '<', filter.before);
  return (await query.execute()).map(toQuarantine);
}

// --- scope -----------------------------------------------------------------------------------

/**
 * `villageRef` is visible to the user: the user is enabled and either has an all-village role
 * or is assigned to the village. Used in every read of village data, so the filter is in SQL.
 */
export function userSees(userId: string, villageRef: ReturnType<typeof sql.ref>) {
  const allVillages =
    ALL_VILLAGE_ROLES.length > 0 ? sql`u.role in (${sql.join(ALL_VILLAGE_ROLES)})` : sql`1 = 0`;
  return sql<boolean>`exists (
    select 1 from users u
    where u.id = ${userId} and u.disabled = 0 and (${allVillages} or exists (
      select 1 from user_villages uv where uv.user_id = u.id and uv.village_id = ${villageRef})))`;
}

function toVillage(row: Selectable<VillagesTable>): Village {
  return { id: row.id, mooNo: Number(row.moo_no), name: row.name, code: row.code };
}

export async function visibleVillages(db: Db, userId: string): Promise<Village[]> {
  const rows = await db
    .selectFrom('villages')
    .selectAll()
    .where(userSees(userId, sql.ref('villages.id')))
    .orderBy('moo_no')
    .execute();
  return rows.map(toVillage);
}

export async function getScopeVersion(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select('scope_version')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? Number(row.scope_version) : 0;
}

export async function bucketSeqs(db: Db, villageIds: string[]): Promise<Map<string, number>> {
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

/** Role or village changes of a user, and new villages for all-village roles, bump this. */
export async function bumpScopeVersion(db: Db, userIds: string[] | 'all-village-roles') {
  let query = db.updateTable('users').set({ scope_version: sql<number>`scope_version + 1` });
  query =
    userIds === 'all-village-roles'
      ? query.where('role', 'in', ALL_VILLAGE_ROLES)
      : query.where('id', 'in', userIds.length > 0 ? userIds : ['']);
  await query.execute();
}

// --- blobs -----------------------------------------------------------------------------------

export async function getBlob(db: Db, sha256: string, lock: boolean): Promise<BlobRecord | null> {
  let query = db.selectFrom('blobs').selectAll().where('sha256', '=', sha256);
  if (lock && isPostgres(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    sha256: row.sha256,
    size: Number(row.size),
    mime: row.mime,
    received: Number(row.received),
    complete: Number(row.complete) === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

export async function createBlob(
  db: Db,
  blob: { sha256: string; size: number; mime: string; createdBy: string; at: string },
): Promise<void> {
  await db
    .insertInto('blobs')
    .values({
      sha256: blob.sha256,
      size: blob.size,
      mime: blob.mime,
      received: 0,
      complete: 0,
      created_by: blob.createdBy,
      created_at: blob.at,
      completed_at: null,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function appendBlobChunk(
  db: Db,
  sha256: string,
  offset: number,
  bytes: Uint8Array,
): Promise<void> {
  await db.insertInto('blob_chunks').values({ sha256, offset, bytes }).execute();
}

export async function setBlobProgress(
  db: Db,
  sha256: string,
  received: number,
  completedAt: string | null,
): Promise<void> {
  await db
    .updateTable('blobs')
    .set({ received, complete: completedAt ? 1 : 0, completed_at: completedAt })
    .where('sha256', '=', sha256)
    .execute();
}

export async function readBlob(db: Db, sha256: string): Promise<Buffer> {
  const rows = await db
    .selectFrom('blob_chunks')
    .select('bytes')
    .where('sha256', '=', sha256)
    .orderBy('offset')
    .execute();
  return Buffer.concat(rows.map((r) => Buffer.from(r.bytes)));
}

export async function deleteBlob(db: Db, sha256: string): Promise<void> {
  await db.deleteFrom('blob_chunks').where('sha256', '=', sha256).execute();
  await db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
}

export async function addBlobRefs(
  db: Db,
  refs: Array<{ sha256: string; villageId: string }>,
): Promise<void> {
  const unique = new Map(refs.map((r) => [`${r.sha256}:${r.villageId}`, r]));
  for (const part of batches([...unique.values()])) {
    await db
      .insertInto('blob_refs')
      .values(part.map((r) => ({ sha256: r.sha256, village_id: r.villageId })))
      .onConflict((oc) => oc.columns(['sha256', 'village_id']).doNothing())
      .execute();
  }
}

export async function mayReadBlob(db: Db, sha256: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('blobs as b')
    .select('b.sha256')
    .where('b.sha256', '=', sha256)
    .where('b.complete', '=', 1)
    .where((eb) =>
      eb.or([
        eb('b.created_by', '=', userId),
        eb.exists(
          eb
            .selectFrom('blob_refs as r')
            .select(sql.lit(1).as('one'))
            .whereRef('r.sha256', '=', 'b.sha256')
            .where(userSees(userId, sql.ref('r.village_id'))),
        ),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** Each held blob among `sha256s`: uploaded by the user, visible to them, or neither. */
export async function blobAccess(
  db: Db,
  sha256s: string[],
  userId: string,
): Promise<Map<string, 'uploaded' | 'visible' | 'foreign'>> {
  const access = new Map<string, 'uploaded' | 'visible' | 'foreign'>();
  for (const part of batches(sha256s)) {
    const rows = await db
      .selectFrom('blobs as b')
      .select(['b.sha256', 'b.created_by'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('blob_refs as r')
              .select(sql.lit(1).as('one'))
              .whereRef('r.sha256', '=', 'b.sha256')
              .where(userSees(userId, sql.ref('r.village_id'))),
          )
          .as('visible'),
      )
      .where('b.sha256', 'in', part)
      .execute();
    for (const row of rows) {
      const visible = row.visible === true || Number(row.visible) === 1;
      access.set(
        row.sha256,
        row.created_by === userId ? 'uploaded' : visible ? 'visible' : 'foreign',
      );
    }
  }
  return access;
}
