// PDPA requests (access, rectification, erasure) and their handling.
import { type Selectable, sql } from 'kysely';
import type { PersonTitle } from '../../shared/api/privacy';
import { TITLE_PREFIXES } from '../../shared/model/person';
import type { Db } from './executor';
import type { PrivacyRequestsTable } from './schema';
import { userSees } from './scope';

export interface PrivacyRequestRecord {
  id: string;
  personId: string;
  /** First and last name; the title apart, as its code. */
  personName: string;
  personTitle: PersonTitle | null;
  /** The person's current village (joined when listing). */
  villageId: string;
  kind: 'access' | 'rectification' | 'erasure';
  receivedOn: string;
  dueOn: string;
  requesterName: string;
  requesterContact: string;
  note: string;
  status: 'open' | 'closed';
  outcome: 'done' | 'refused' | null;
  closingNote: string | null;
  createdBy: string;
  createdAt: string;
  closedBy: string | null;
  closedAt: string | null;
  erasedAt: string | null;
  /** A second handler's approval (needed before an access export). */
  approvedBy: string | null;
  approvedAt: string | null;
}

export type PrivacyRequestChanges = Partial<
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
>;

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

async function insertPrivacyRequest(db: Db, r: PrivacyRequestRecord): Promise<void> {
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

/**
 * Requests about people the user may see (the person's current village, in SQL), or only
 * `id` when given.
 */
async function listPrivacyRequests(
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

async function updatePrivacyRequest(
  db: Db,
  id: string,
  changes: PrivacyRequestChanges,
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

export const privacyRequestQueries = {
  insertPrivacyRequest,
  listPrivacyRequests,
  updatePrivacyRequest,
};
