// Mutations a push refused, kept as pushed until an officer handles them.
import type { Selectable } from 'kysely';
import type { QuarantineStatus } from '../../shared/api/syncAdmin';
import type { QuarantineReason } from '../../shared/sync/permissions';
import type { RecordType } from '../../shared/sync/protocol';
import { isPostgres } from './dialect';
import { batches, type Db, json } from './executor';
import type { QuarantineTable } from './schema';

export interface QuarantineRecord {
  id: string;
  mutationId: string;
  clientId: string;
  userId: string;
  villageId: string | null;
  type: RecordType | null;
  recordId: string | null;
  txId: string | null;
  /** The mutation exactly as pushed. */
  mutation: unknown;
  reason: QuarantineReason;
  details: unknown;
  createdAt: string;
  status: QuarantineStatus;
  handledBy: string | null;
  handledAt: string | null;
  note: string | null;
}

export interface QuarantineFilter {
  status: QuarantineStatus | 'all';
  /** Only these villages; null for every village (entries without a village included). */
  villageIds: string[] | null;
  limit: number;
  before?: string;
}

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

async function insertQuarantine(db: Db, entries: QuarantineRecord[]): Promise<void> {
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

/** With `lock`, the row stays locked to the end of the transaction (PostgreSQL). */
async function getQuarantine(
  db: Db,
  id: string,
  options: { lock?: boolean } = {},
): Promise<QuarantineRecord | null> {
  let query = db.selectFrom('quarantine').selectAll().where('id', '=', id);
  if (options.lock && isPostgres(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toQuarantine(row) : null;
}

async function updateQuarantine(
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

async function listQuarantine(db: Db, filter: QuarantineFilter): Promise<QuarantineRecord[]> {
  if (filter.villageIds?.length === 0) return [];
  let query = db.selectFrom('quarantine').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status !== 'all') query = query.where('status', '=', filter.status);
  if (filter.villageIds) query = query.where('village_id', 'in', filter.villageIds);
  if (filter.before) query = query.where('id', '<', filter.before);
  return (await query.execute()).map(toQuarantine);
}

/** Entries waiting for a person, over every village (metrics). */
async function countOpenQuarantine(db: Db): Promise<number> {
  const row = await db
    .selectFrom('quarantine')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const quarantineQueries = {
  countOpenQuarantine,
  insertQuarantine,
  getQuarantine,
  updateQuarantine,
  listQuarantine,
};
