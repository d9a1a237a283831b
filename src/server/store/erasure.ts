// PDPA erasure: which fields an erasure purged, and the redaction of their old values from
// everything the server kept (history, conflicts, quarantined mutations).
import { sql } from 'kysely';
import type { Db } from './executor';

export interface ErasedField {
  recordId: string;
  field: string;
  seq: number;
  requestId: string;
  at: string;
}

/** The fields of these records an erasure purged, with the seq of that erasure. */
async function erasedFields(
  db: Db,
  recordIds: string[],
): Promise<Map<string, Map<string, number>>> {
  const byRecord = new Map<string, Map<string, number>>();
  if (recordIds.length === 0) return byRecord;
  const rows = await db
    .selectFrom('erased_fields')
    .selectAll()
    .where('record_id', 'in', [...new Set(recordIds)])
    .execute();
  for (const row of rows) {
    const fields = byRecord.get(row.record_id) ?? new Map<string, number>();
    fields.set(row.field, Number(row.seq));
    byRecord.set(row.record_id, fields);
  }
  return byRecord;
}

async function markErased(db: Db, entries: ErasedField[]): Promise<void> {
  for (const e of entries) {
    const values = { seq: e.seq, request_id: e.requestId, at: e.at };
    await db
      .insertInto('erased_fields')
      .values({ record_id: e.recordId, field: e.field, ...values })
      .onConflict((oc) => oc.columns(['record_id', 'field']).doUpdateSet(values))
      .execute();
  }
}

/** Replaces `fields` of `object` with `marker`; returns the values replaced. */
function redactObject(
  object: Record<string, unknown>,
  fields: string[],
  marker: unknown,
): unknown[] {
  const old: unknown[] = [];
  for (const field of fields) {
    if (!Object.hasOwn(object, field)) continue;
    old.push(object[field]);
    object[field] = marker;
  }
  return old;
}

/**
 * Replaces the values of `fields` with `marker` everywhere the server kept them for the
 * record: field history, conflicts (moved to `seq` so devices pull the change) and the
 * quarantined mutations. Returns every value replaced (to find the photos they referenced).
 */
async function redactRecordValues(
  db: Db,
  input: { recordId: string; fields: string[]; marker: unknown; villageId: string; seq: number },
): Promise<unknown[]> {
  const { recordId, fields, marker } = input;
  const replaced: unknown[] = [];

  const history = await db
    .selectFrom('field_history')
    .select(['id', 'fields'])
    .where('record_id', '=', recordId)
    .execute();
  for (const row of history) {
    const values = JSON.parse(row.fields) as Record<string, unknown>;
    const old = redactObject(values, fields, marker);
    if (old.length === 0) continue;
    replaced.push(...old);
    await db
      .updateTable('field_history')
      .set({ fields: JSON.stringify(values) })
      .where('id', '=', row.id)
      .execute();
  }

  const conflicts = await db
    .selectFrom('conflicts')
    .selectAll()
    .where('record_id', '=', recordId)
    .where('field', 'in', fields)
    .execute();
  for (const row of conflicts) {
    const winner = JSON.parse(row.winner) as Record<string, unknown>;
    const loser = JSON.parse(row.loser) as Record<string, unknown>;
    replaced.push(winner.value, loser.value);
    await db
      .updateTable('conflicts')
      .set({
        winner: JSON.stringify({ ...winner, value: marker }),
        loser: JSON.stringify({ ...loser, value: marker }),
        // Devices hold these values too: a new seq makes the next pull replace them.
        seq: input.seq,
        village_id: input.villageId,
      })
      .where('id', '=', row.id)
      .execute();
  }

  const quarantined = await db
    .selectFrom('quarantine')
    .select(['id', 'mutation'])
    .where('record_id', '=', recordId)
    .execute();
  for (const row of quarantined) {
    const mutation = JSON.parse(row.mutation) as { patch?: unknown };
    const patch = mutation?.patch;
    if (typeof patch !== 'object' || patch === null) continue;
    const old = redactObject(patch as Record<string, unknown>, fields, marker);
    if (old.length === 0) continue;
    replaced.push(...old);
    await db
      .updateTable('quarantine')
      .set({ mutation: JSON.stringify(mutation) })
      .where('id', '=', row.id)
      .execute();
  }
  return replaced;
}

/** Each erasure this database applied: its request and record (one per request and record). */
async function erasuresApplied(db: Db): Promise<{ requestId: string; recordId: string }[]> {
  const rows = await db
    .selectFrom('erased_fields')
    .select(['request_id', 'record_id'])
    .distinct()
    .execute();
  return rows.map((row) => ({ requestId: row.request_id, recordId: row.record_id }));
}

/**
 * Of these erasure requests, the ones this database already applied: fields marked erased by
 * the request, or the request closed by its erasure.
 */
async function erasureRequestsApplied(db: Db, requestIds: string[]): Promise<Set<string>> {
  if (requestIds.length === 0) return new Set();
  const ids = [...new Set(requestIds)];
  const marked = await db
    .selectFrom('erased_fields')
    .select('request_id as id')
    .where('request_id', 'in', ids)
    .execute();
  const closed = await db
    .selectFrom('privacy_requests')
    .select('id')
    .where('id', 'in', ids)
    .where('erased_at', 'is not', null)
    .execute();
  return new Set([...marked, ...closed].map((row) => row.id));
}

/**
 * Moves a village's bucket to at least `seq` (no-op when it is past it already): an erasure
 * applied again after a restore takes a seq no lower than the one devices saw it at first.
 */
async function raiseBucketSeq(db: Db, villageId: string, seq: number): Promise<void> {
  await db
    .updateTable('buckets')
    .set({
      seq: sql<number>`case when seq < cast(${seq} as bigint) then cast(${seq} as bigint) else seq end`,
    })
    .where('village_id', '=', villageId)
    .execute();
}

/** Closes an open erasure request as done by its erasure (an erasure applied again). */
async function closeErasedRequest(
  db: Db,
  requestId: string,
  closed: { by: string; at: string },
): Promise<void> {
  await db
    .updateTable('privacy_requests')
    .set({
      status: 'closed',
      outcome: 'done',
      closed_by: closed.by,
      closed_at: closed.at,
      erased_at: closed.at,
    })
    .where('id', '=', requestId)
    .where('status', '=', 'open')
    .execute();
}

export const erasureQueries = {
  erasedFields,
  markErased,
  redactRecordValues,
  erasuresApplied,
  erasureRequestsApplied,
  raiseBucketSeq,
  closeErasedRequest,
};
