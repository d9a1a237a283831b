// The field history: every write of a record, the values applied and the values that lost.
import { uuidv7 } from '../../shared/ids';
import { type BulkColumn, bulkInsert } from './dialect';
import type { Db } from './executor';

/**
 * One write of a record in the trail: the values one mutation applied, or one value that lost
 * a conflict (with the loser's own hlc and author).
 */
export interface HistoryWrite {
  recordId: string;
  villageId: string;
  /** Field name -> value, in the order they were set. */
  values: Record<string, unknown>;
  hlc: string;
  byUser: string;
  clientId: string | null;
  mutationId: string | null;
  seq: number;
  outcome: 'applied' | 'lost';
  clamped: boolean;
  at: string;
}

/** One field value of the trail, as `fieldHistory` reads it. */
export interface FieldHistoryEntry {
  recordId: string;
  villageId: string;
  field: string;
  value: unknown;
  hlc: string;
  byUser: string;
  clientId: string | null;
  mutationId: string | null;
  seq: number;
  outcome: 'applied' | 'lost';
  clamped: boolean;
  at: string;
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

async function appendHistory(db: Db, writes: HistoryWrite[]): Promise<void> {
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

/** The trail of a record, oldest first, one entry per field value. */
async function fieldHistory(db: Db, recordId: string): Promise<FieldHistoryEntry[]> {
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

export const historyQueries = { appendHistory, fieldHistory };
