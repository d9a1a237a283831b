// The queries of the audit viewer, device audit events and PDPA requests, written once for
// SQLite and PostgreSQL. Every read of people's data is filtered by the user's villages in SQL
// (`userSees`), like the sync engine's.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { PersonTitle } from '../../shared/api/privacy';
import { uuidv7 } from '../../shared/ids';
import { TITLE_PREFIXES } from '../../shared/model/person';
import type { SyncRecord } from '../../shared/sync/protocol';
import { findBlobRefs } from '../../shared/sync/validate';
import { toRecord, userSees } from './kyselySync';
import type { Database, PrivacyRequestsTable } from './schema';
import type {
  AuditListQuery,
  AuditRecord,
  NewDeviceAuditEntry,
  PrivacyRequestRecord,
} from './types';

type Db = Kysely<Database>;

// --- audit -----------------------------------------------------------------------------------

/** `%`, `_` and `\` match themselves in a LIKE pattern with `escape '\'`. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listAudit(db: Db, query: AuditListQuery): Promise<AuditRecord[]> {
  let select = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.user_id',
      'users.username',
      'audit_log.action',
      'audit_log.target',
      'audit_log.details',
      'audit_log.ip',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit);
  if (query.before) select = select.where('audit_log.id', '<', query.before);
  if (query.userId) select = select.where('audit_log.user_id', '=', query.userId);
  if (query.action) {
    select = select.where(
      sql<boolean>`audit_log.action like ${`${likeLiteral(query.action)}%`} escape '\\'`,
    );
  }
  if (query.target) select = select.where('audit_log.target', '=', query.target);
  if (query.from) select = select.where('audit_log.at', '>=', query.from);
  if (query.to) select = select.where('audit_log.at', '<=', query.to);
  const rows = await select.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action,
    target: row.target,
    details: row.details === null ? null : JSON.parse(row.details),
    ip: row.ip,
  }));
}

export async function appendDeviceAudit(
  db: Db,
  entries: NewDeviceAuditEntry[],
): Promise<Set<string>> {
  const ids = entries.map((e) => e.eventId);
  if (ids.length === 0) return new Set();
  await db
    .insertInto('audit_log')
    .values(
      entries.map((entry) => ({
        id: uuidv7(Date.parse(entry.at)),
        at: entry.at,
        user_id: entry.userId,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details === undefined ? null : JSON.stringify(entry.details),
        ip: entry.ip ?? null,
        event_id: entry.eventId,
      })),
    )
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
  const stored = await db
    .selectFrom('audit_log')
    .select('event_id')
    .where('event_id', 'in', ids)
    .execute();
  return new Set(stored.flatMap((row) => (row.event_id ? [row.event_id] : [])));
}

export async function visibleScope(
  db: Db,
  userId: string,
  villageIds: string[],
  recordIds: string[],
): Promise<{ villageIds: Set<string>; recordIds: Set<string> }> {
  const villages =
    villageIds.length === 0
      ? []
      : await db
          .selectFrom('villages')
          .select('id')
          .where('id', 'in', villageIds)
          .where(userSees(userId, sql.ref('villages.id')))
          .execute();
  const records =
    recordIds.length === 0
      ? []
      : await db
          .selectFrom('records')
          .select('id')
          .where('id', 'in', recordIds)
          .where(userSees(userId, sql.ref('records.village_id')))
          .execute();
  return {
    villageIds: new Set(villages.map((v) => v.id)),
    recordIds: new Set(records.map((r) => r.id)),
  };
}

// --- PDPA requests ---------------------------------------------------------------------------

function toRequest(
  row: Selectable<PrivacyRequestsTable> & { village_id: string },
): PrivacyRequestRecord {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    personTitle: asTitle(row.person_title),
    villageId: row.village_id,
    kind: row.kind as PrivacyRequestRecord['kind'],
    receivedOn: row.received_on,
    dueOn: row.due_on,
    requesterName: row.requester_name,
    requesterContact: row.requester_contact,
    note: row.note,
    status: row.status,
    outcome: row.outcome,
    closingNote: row.closing_note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
    erasedAt: row.erased_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
  };
}

function asTitle(code: string | null): PersonTitle | null {
  return (TITLE_PREFIXES as readonly string[]).includes(code ?? '') ? (code as PersonTitle) : null;
}

export async function insertPrivacyRequest(db: Db, r: PrivacyRequestRecord): Promise<void> {
  await db
    .insertInto('privacy_requests')
    .values({
      id: r.id,
      person_id: r.personId,
      person_name: r.personName,
      person_title: r.personTitle,
      kind: r.kind,
      received_on: r.receivedOn,
      due_on: r.dueOn,
      requester_name: r.requesterName,
      requester_contact: r.requesterContact,
      note: r.note,
      status: r.status,
      outcome: r.outcome,
      closing_note: r.closingNote,
      created_by: r.createdBy,
      created_at: r.createdAt,
      closed_by: r.closedBy,
      closed_at: r.closedAt,
      erased_at: r.erasedAt,
      approved_by: r.approvedBy,
      approved_at: r.approvedAt,
    })
    .execute();
}

export async function listPrivacyRequests(
  db: Db,
  userId: string,
  filter: { status: 'open' | 'closed' | 'all'; id?: string },
): Promise<PrivacyRequestRecord[]> {
  let query = db
    .selectFrom('privacy_requests as p')
    .innerJoin('records as r', 'r.id', 'p.person_id')
    .selectAll('p')
    .select('r.village_id')
    .where(userSees(userId, sql.ref('r.village_id')))
    .orderBy(sql`case when p.status = 'open' then 0 else 1 end`)
    .orderBy(sql`case when p.status = 'open' then p.due_on else '' end`)
    .orderBy('p.id', 'desc');
  if (filter.status !== 'all') query = query.where('p.status', '=', filter.status);
  if (filter.id) query = query.where('p.id', '=', filter.id);
  return (await query.execute()).map(toRequest);
}

export async function updatePrivacyRequest(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      PrivacyRequestRecord,
      | 'status'
      | 'outcome'
      | 'closingNote'
      | 'closedBy'
      | 'closedAt'
      | 'erasedAt'
      | 'approvedBy'
      | 'approvedAt'
    >
  >,
): Promise<void> {
  await db
    .updateTable('privacy_requests')
    .set({
      status: changes.status,
      outcome: changes.outcome,
      closing_note: changes.closingNote,
      closed_by: changes.closedBy,
      closed_at: changes.closedAt,
      erased_at: changes.erasedAt,
      approved_by: changes.approvedBy,
      approved_at: changes.approvedAt,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Candidates by a LIKE on the stored JSON (every word of `q`), then matched on the name (every
 * word in first or last name: "สมศรี มือใหม่" finds her), the whole national ID, or the id.
 */
export async function findPeople(
  db: Db,
  userId: string,
  q: string,
  limit: number,
): Promise<SyncRecord[]> {
  const needle = q.trim();
  const words = needle.split(/\s+/).filter((word) => word !== '');
  const digits = needle.replace(/[\s-]/g, '');
  const like = (text: string) => sql<boolean>`fields like ${`%${likeLiteral(text)}%`} escape '\\'`;
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('type', '=', 'person')
    .where('deleted', '=', 0)
    .where(userSees(userId, sql.ref('records.village_id')))
    .where((eb) => eb.or([eb('id', '=', needle), eb.and(words.map(like)), like(digits)]))
    .orderBy('id')
    .limit(500)
    .execute();
  const matches = (record: SyncRecord) => {
    const f = record.fields as Record<string, unknown>;
    const name = `${f.firstName ?? ''} ${f.lastName ?? ''}`;
    return (
      record.id === needle ||
      (words.length > 0 && words.every((word) => name.includes(word))) ||
      (digits.length >= 4 && typeof f.nationalId === 'string' && f.nationalId === digits)
    );
  };
  return rows.map(toRecord).filter(matches).slice(0, limit);
}

export async function visibleRecord(
  db: Db,
  userId: string,
  id: string,
): Promise<SyncRecord | null> {
  const row = await db
    .selectFrom('records')
    .selectAll()
    .where('id', '=', id)
    .where(userSees(userId, sql.ref('records.village_id')))
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** JSON.stringify writes `"key":"value"` without spaces: the stored text has it verbatim. */
function mentions(key: string, id: string) {
  return sql<boolean>`fields like ${`%"${key}":"${likeLiteral(id)}"%`} escape '\\'`;
}

export async function recordsAboutPerson(db: Db, personId: string): Promise<SyncRecord[]> {
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('type', '!=', 'person')
    .where(mentions('personId', personId))
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

export async function recordsOfCases(db: Db, caseIds: string[]): Promise<SyncRecord[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where((eb) => eb.or(caseIds.map((id) => mentions('caseId', id))))
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

// --- erasure ---------------------------------------------------------------------------------

export async function erasedFields(
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

export async function markErased(
  db: Db,
  entries: Array<{ recordId: string; field: string; seq: number; requestId: string; at: string }>,
): Promise<void> {
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

export async function redactRecordValues(
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

export async function deleteBlobIfUnreferenced(db: Db, sha256: string): Promise<boolean> {
  const pattern = `%${likeLiteral(sha256)}%`;
  const like = (column: string) => sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
  const used = await db
    .selectFrom('blobs as b')
    .select('b.sha256')
    .where('b.sha256', '=', sha256)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('records').select(sql.lit(1).as('one')).where(like('fields'))),
        eb.exists(
          eb.selectFrom('field_history').select(sql.lit(1).as('one')).where(like('fields')),
        ),
        eb.exists(
          eb
            .selectFrom('conflicts')
            .select(sql.lit(1).as('one'))
            .where((c) => c.or([like('winner'), like('loser')])),
        ),
        eb.exists(eb.selectFrom('quarantine').select(sql.lit(1).as('one')).where(like('mutation'))),
      ]),
    )
    .executeTakeFirst();
  const exists = await db
    .selectFrom('blobs')
    .select('sha256')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (used || !exists) return false;
  await db.deleteFrom('blob_chunks').where('sha256', '=', sha256).execute();
  await db.deleteFrom('blob_refs').where('sha256', '=', sha256).execute();
  await db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
  return true;
}

/**
 * Whether a person's `idCardPhotos` ever held the blob, from the field history (every value a
 * record was ever written with, applied or lost): a photo once filed as an ID card stays one.
 * Only asked for roles that may not see ID-card photos.
 */
export async function isIdCardPhoto(db: Db, sha256: string): Promise<boolean> {
  const rows = await db
    .selectFrom('field_history as h')
    .innerJoin('records as r', 'r.id', 'h.record_id')
    .select('h.fields')
    .where('r.type', '=', 'person')
    .where(sql<boolean>`h.fields like ${`%${likeLiteral(sha256)}%`} escape '\\'`)
    .execute();
  return rows.some((row) => {
    const photos = (JSON.parse(row.fields) as { idCardPhotos?: unknown }).idCardPhotos;
    return findBlobRefs(photos).some((ref) => ref.sha256 === sha256);
  });
}
