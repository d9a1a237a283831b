// Field conflicts: the winning and losing versions, open until someone resolves them.
import type { Selectable } from 'kysely';
import type { FieldVersion, RecordType } from '../../shared/sync/protocol';
import { batches, type Db, json } from './executor';
import type { ConflictsTable } from './schema';

export interface ConflictRecord {
  id: string;
  recordId: string;
  type: RecordType;
  villageId: string;
  field: string;
  winner: FieldVersion;
  loser: FieldVersion;
  seq: number;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface ConflictFilter {
  status: 'open' | 'resolved' | 'all';
  /** Only these villages; null for every village. */
  villageIds: string[] | null;
  limit: number;
  before?: string;
}

/** Which open conflicts a write settles, and the seq of `villageId` they move to. */
export interface ConflictResolution {
  recordId: string;
  fields: string[];
  villageId: string;
  seq: number;
  by: string;
  at: string;
}

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

async function insertConflicts(db: Db, conflicts: ConflictRecord[]): Promise<void> {
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

/** Marks the open conflicts of a record's fields resolved, moving them to `seq` of `villageId`. */
async function resolveConflicts(db: Db, input: ConflictResolution): Promise<number> {
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

/** A record moved village: its open conflicts follow it to `seq` of the new village. */
async function moveOpenConflicts(
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

async function listConflicts(db: Db, filter: ConflictFilter): Promise<ConflictRecord[]> {
  if (filter.villageIds?.length === 0) return [];
  let query = db.selectFrom('conflicts').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status === 'open') query = query.where('resolved_at', 'is', null);
  if (filter.status === 'resolved') query = query.where('resolved_at', 'is not', null);
  if (filter.villageIds) query = query.where('village_id', 'in', filter.villageIds);
  if (filter.before) query = query.where('id', '<', filter.before);
  return (await query.execute()).map(toConflict);
}

/** Conflicts of a village with `after < seq <= through`. */
async function conflictsBetween(
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

/** Conflicts waiting for a person, over every village (metrics). */
async function countOpenConflicts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('conflicts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const conflictQueries = {
  countOpenConflicts,
  insertConflicts,
  resolveConflicts,
  moveOpenConflicts,
  listConflicts,
  conflictsBetween,
};
