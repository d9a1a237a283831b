// PDPA data-subject requests (docs/domain.md §5 item 9) under /api/admin/privacy, for admins and
// supervisors (`canHandlePrivacyRequests`), about people of the villages they may see (SQL):
//   GET  /people?q=             the person picker (name, national ID, record id)
//   GET  /?status=              requests, open first (earliest due first), overdue flagged
//   POST /                      take one in: {personId, kind, receivedOn, requester…, note}
//   POST /:requestId/close      {outcome, note}
//   POST /:requestId/approve    access: a second handler (not who took it in) approves it
//   GET  /:requestId/export     access, approved and open: everything held about the person,
//                               as a JSON file to hand to them (each download audited)
//   POST /:requestId/erase      erasure: the person's sensitive fields purged (sync write path)
// Every step is in the audit log (`privacy.*`), never with a purged value.
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClosePrivacyRequest,
  CreatePrivacyRequest,
  ErasureResponse,
  isOverdue,
  PeopleQuery,
  PeopleResponse,
  type PersonMatch,
  type PersonTitle,
  type PrivacyRequest,
  PrivacyRequestResponse,
  PrivacyRequestsQuery,
  PrivacyRequestsResponse,
  privacyDueOn,
} from '../../../shared/api/privacy';
import { uuidv7 } from '../../../shared/ids';
import { Uuid } from '../../../shared/model/organization';
import { TITLE_PREFIXES } from '../../../shared/model/person';
import { canHandlePrivacyRequests, seesFullNationalId } from '../../../shared/model/roles';
import { SENSITIVE_FIELDS } from '../../../shared/model/sensitive';
import { maskNationalId } from '../../../shared/rules/nationalId';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { THAI_TITLE_WORDS } from '../../../shared/rules/thaiTitles';
import type { SyncRecord } from '../../../shared/sync/protocol';
import { recordAudit } from '../../audit';
import { type ErasureJournalEntry, journalErasure } from '../../backup/erasureJournal';
import type { RouteOptions } from '../../context';
import { conflict, notFound } from '../../errors';
import { requireAuth } from '../../plugins/auth';
import type { PrivacyRequestRecord, Store } from '../../store';
import { eraseFields } from '../../sync/erase';
import { withRetry } from '../../sync/retry';

const RequestParams = z.object({ requestId: Uuid });
const PICKER_LIMIT = 20;
/** The person fields that record the privacy notice and consent (docs/domain.md §5.3). */
const CONSENT_FIELDS = [
  'privacyNoticeVersion',
  'privacyNoticeAt',
  'privacyNoticeBy',
  'sensitiveDataConsent',
  'sensitiveDataConsentAt',
];

/** First and last name, and the title apart as its code (screens print it in Thai). */
function personName(record: SyncRecord): { name: string; title: PersonTitle | null } {
  const { titlePrefix, firstName, lastName } = record.fields as Record<string, unknown>;
  const name = [firstName, lastName].filter((part) => typeof part === 'string').join(' ');
  const title = (TITLE_PREFIXES as readonly unknown[]).includes(titlePrefix)
    ? (titlePrefix as PersonTitle)
    : null;
  return { name, title };
}

/** The Thai title labels, longest first (`นางสาว` before `นาง`). */
const THAI_TITLES = TITLE_PREFIXES.filter((title) => title !== 'other')
  .map((title) => THAI_TITLE_WORDS[title])
  .sort((a, b) => b.length - a.length);

/**
 * A name as screens print it (`นางสมศรี มือใหม่`) searched as stored: the title is kept as a
 * code, so a leading Thai title label is left out of the search.
 */
export function withoutTitle(q: string): string {
  const text = q.trim();
  const title = THAI_TITLES.find((label) => text.startsWith(label));
  const rest = title ? text.slice(title.length).trim() : '';
  return rest === '' ? text : rest;
}

/**
 * `นาง สมศรี มือใหม่` for the file handed to the person, with the app's Thai title labels
 * ("other" titles are not recorded, as on the person pages).
 */
function thaiName(name: string, title: PersonTitle | null): string {
  if (!title || title === 'other') return name;
  return `${THAI_TITLE_WORDS[title]}${name}`;
}

function toPublic(request: PrivacyRequestRecord, today: string): PrivacyRequest {
  return { ...request, overdue: isOverdue(request, today) };
}

/** The request if the user may see its person's village (SQL), else 404. */
async function visibleRequest(
  store: Store,
  userId: string,
  requestId: string,
): Promise<PrivacyRequestRecord> {
  const [request] = await store.listPrivacyRequests(userId, { status: 'all', id: requestId });
  if (!request) throw notFound('Privacy request');
  return request;
}

function requireKind(request: PrivacyRequestRecord, kind: PrivacyRequestRecord['kind']) {
  if (request.kind !== kind) {
    throw conflict(`This is a request of kind ${request.kind}`, { kind: request.kind });
  }
}

function requireOpen(request: PrivacyRequestRecord, kind: PrivacyRequestRecord['kind']) {
  requireKind(request, kind);
  if (request.status !== 'open') throw conflict('This request is closed', { status: 'closed' });
}

export const privacyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.addHook('onRequest', ctx.auth.requireRole(canHandlePrivacyRequests));
  const today = () => bangkokDate(ctx.clock());

  app.get(
    '/people',
    { schema: { querystring: PeopleQuery, response: { 200: PeopleResponse } } },
    async (request) => {
      const { user } = requireAuth(request);
      const found = await ctx.store.findPeople(
        user.id,
        withoutTitle(request.query.q),
        PICKER_LIMIT,
      );
      const people = found.map((record): PersonMatch => {
        const id = record.fields.nationalId;
        return {
          id: record.id,
          villageId: record.villageId,
          ...personName(record),
          nationalId:
            typeof id !== 'string' ? null : seesFullNationalId(user.role) ? id : maskNationalId(id),
        };
      });
      return { people };
    },
  );

  app.get(
    '/',
    { schema: { querystring: PrivacyRequestsQuery, response: { 200: PrivacyRequestsResponse } } },
    async (request) => {
      const { user } = requireAuth(request);
      const rows = await ctx.store.listPrivacyRequests(user.id, { status: request.query.status });
      const day = today();
      return { requests: rows.map((row) => toPublic(row, day)) };
    },
  );

  app.post(
    '/',
    {
      config: { answerOnce: true },
      schema: { body: CreatePrivacyRequest, response: { 201: PrivacyRequestResponse } },
    },
    async (request, reply) => {
      const { user } = requireAuth(request);
      const body = request.body;
      const at = ctx.clock().toISOString();
      const person = await ctx.store.visibleRecord(user.id, body.personId);
      if (person?.type !== 'person') throw notFound('Person');
      const { name, title } = personName(person);
      const created: PrivacyRequestRecord = {
        id: uuidv7(Date.parse(at)),
        personId: person.id,
        personName: name,
        personTitle: title,
        villageId: person.villageId,
        kind: body.kind,
        receivedOn: body.receivedOn,
        dueOn: privacyDueOn(body.receivedOn),
        requesterName: body.requesterName,
        requesterContact: body.requesterContact,
        note: body.note,
        status: 'open',
        outcome: null,
        closingNote: null,
        createdBy: user.id,
        createdAt: at,
        closedBy: null,
        closedAt: null,
        erasedAt: null,
        approvedBy: null,
        approvedAt: null,
      };
      await ctx.store.transaction(async (tx) => {
        await tx.insertPrivacyRequest(created);
        await recordAudit(tx, request, {
          action: 'privacy.request',
          at,
          target: person.id,
          details: { requestId: created.id, kind: created.kind, dueOn: created.dueOn },
        });
      });
      return reply.code(201).send({ request: toPublic(created, today()) });
    },
  );

  app.post(
    '/:requestId/close',
    {
      config: { answerOnce: true },
      schema: {
        params: RequestParams,
        body: ClosePrivacyRequest,
        response: { 200: PrivacyRequestResponse },
      },
    },
    async (request) => {
      const { user } = requireAuth(request);
      const at = ctx.clock().toISOString();
      const open = await visibleRequest(ctx.store, user.id, request.params.requestId);
      if (open.status !== 'open') throw conflict('This request is closed', { status: 'closed' });
      const closed = {
        status: 'closed' as const,
        outcome: request.body.outcome,
        closingNote: request.body.note,
        closedBy: user.id,
        closedAt: at,
      };
      await ctx.store.transaction(async (tx) => {
        await tx.updatePrivacyRequest(open.id, closed);
        await recordAudit(tx, request, {
          action: 'privacy.close',
          at,
          target: open.personId,
          details: { requestId: open.id, kind: open.kind, outcome: closed.outcome },
        });
      });
      return { request: toPublic({ ...open, ...closed }, today()) };
    },
  );

  app.post(
    '/:requestId/approve',
    {
      config: { answerOnce: true },
      schema: { params: RequestParams, response: { 200: PrivacyRequestResponse } },
    },
    async (request) => {
      const { user } = requireAuth(request);
      const at = ctx.clock().toISOString();
      const found = await visibleRequest(ctx.store, user.id, request.params.requestId);
      requireOpen(found, 'access');
      if (found.approvedAt)
        throw conflict('This request is already approved', { reason: 'approved' });
      // Four eyes: whoever took the request in cannot also release the person's data.
      if (found.createdBy === user.id) {
        throw conflict('Another handler must approve this request', { reason: 'own_request' });
      }
      const approved = { approvedBy: user.id, approvedAt: at };
      await ctx.store.transaction(async (tx) => {
        await tx.updatePrivacyRequest(found.id, approved);
        await recordAudit(tx, request, {
          action: 'privacy.approve',
          at,
          target: found.personId,
          details: { requestId: found.id, kind: found.kind },
        });
      });
      return { request: toPublic({ ...found, ...approved }, today()) };
    },
  );

  app.get('/:requestId/export', { schema: { params: RequestParams } }, async (request, reply) => {
    const { user } = requireAuth(request);
    const at = ctx.clock().toISOString();
    const found = await visibleRequest(ctx.store, user.id, request.params.requestId);
    requireOpen(found, 'access');
    if (!found.approvedAt) {
      throw conflict('Another handler must approve this request first', {
        reason: 'not_approved',
      });
    }
    const dossier = await personDossier(ctx.store, found.personId);
    await recordAudit(ctx.store, request, {
      action: 'privacy.export',
      at,
      target: found.personId,
      details: { requestId: found.id, records: dossier.recordCount, approvedBy: found.approvedBy },
    });
    const { recordCount: _, ...body } = dossier;
    const subject = thaiName(found.personName, found.personTitle);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="person-${found.personId}.json"`)
      .header('cache-control', 'no-store')
      .send(
        JSON.stringify(
          { exportedAt: at, subject, request: toPublic(found, today()), ...body },
          null,
          2,
        ),
      );
  });

  app.post(
    '/:requestId/erase',
    {
      config: { answerOnce: true },
      schema: { params: RequestParams, response: { 200: ErasureResponse } },
    },
    async (request) => {
      const { user } = requireAuth(request);
      const at = ctx.clock().toISOString();
      const { response, journal } = await withRetry(() =>
        ctx.store.transaction(async (tx) => {
          const found = await visibleRequest(tx, user.id, request.params.requestId);
          requireOpen(found, 'erasure');
          const outcome = await eraseFields(tx, {
            recordId: found.personId,
            fields: SENSITIVE_FIELDS.person,
            requestId: found.id,
            by: user.id,
            at,
          });
          const closed = {
            status: 'closed' as const,
            outcome: 'done' as const,
            closingNote: found.note,
            closedBy: user.id,
            closedAt: at,
            erasedAt: at,
          };
          await tx.updatePrivacyRequest(found.id, closed);
          await recordAudit(tx, request, {
            action: 'privacy.erase',
            at,
            target: found.personId,
            details: {
              requestId: found.id,
              fields: outcome.purged,
              blobsDeleted: outcome.blobsDeleted,
              seq: outcome.record.seq,
            },
          });
          return {
            response: {
              request: toPublic({ ...found, ...closed }, today()),
              fields: outcome.purged,
              blobsDeleted: outcome.blobsDeleted,
              seq: outcome.record.seq,
            },
            journal: {
              requestId: found.id,
              recordId: found.personId,
              villageId: outcome.record.villageId,
              fields: [...SENSITIVE_FIELDS.person],
              seq: outcome.record.seq,
              at,
              by: user.id,
            },
          };
        }),
      );
      await journalCommitted(ctx, request.log, journal);
      return response;
    },
  );
};

/**
 * After the erasure committed, its line in the backup directory's erasure journal (what a
 * restore from an older backup applies again). The erasure stands if the journal cannot be
 * written: the failure is logged, and `/api/health` counts the erasures the journal lacks.
 */
async function journalCommitted(
  ctx: RouteOptions['ctx'],
  log: FastifyBaseLogger,
  entry: ErasureJournalEntry,
): Promise<void> {
  const dir = ctx.operations.backupDir;
  if (!dir) return;
  try {
    await journalErasure(dir, entry);
  } catch (error) {
    log.error(
      { err: error, requestId: entry.requestId, recordId: entry.recordId },
      'the erasure is done but its line in the erasure journal could not be written: a restore from an older backup could not apply it again if this database were lost',
    );
  }
}

/**
 * Everything the server holds about a person (PDPA s.30), unmasked: it goes to the person.
 * Their record, household, cases and what hangs off them, their enrollments, each record's
 * field history, the notice and consent they were given, and the requests they made.
 */
async function personDossier(store: Store, personId: string) {
  const person = await store.getRecord(personId);
  if (!person) throw notFound('Person');
  const householdId = person.fields.householdId;
  const household = typeof householdId === 'string' ? await store.getRecord(householdId) : null;
  const about = await store.recordsAboutPerson(personId);
  const caseIds = about.filter((r) => r.type === 'case').map((r) => r.id);
  const ofCases = await store.recordsOfCases(caseIds);
  const related = new Map([...about, ...ofCases].map((r) => [r.id, r]));
  const ofType = (type: string) => [...related.values()].filter((r) => r.type === type);
  const view = (record: SyncRecord) => ({
    id: record.id,
    type: record.type,
    villageId: record.villageId,
    deleted: record.deleted,
    fields: record.fields,
  });
  const history: Record<string, unknown[]> = {};
  for (const record of [person, ...related.values()]) {
    history[record.id] = (await store.fieldHistory(record.id)).map((entry) => ({
      field: entry.field,
      value: entry.value,
      at: entry.at,
      byUser: entry.byUser,
      outcome: entry.outcome,
    }));
  }
  const consent = Object.fromEntries(
    CONSENT_FIELDS.filter((field) => Object.hasOwn(person.fields, field)).map((field) => [
      field,
      person.fields[field],
    ]),
  );
  return {
    person: view(person),
    household: household ? view(household) : null,
    cases: ofType('case').map(view),
    caseStatusChanges: ofType('caseStatusChange').map(view),
    visits: ofType('visit').map(view),
    assistance: ofType('assistance').map(view),
    enrollments: ofType('programEnrollment').map(view),
    consent,
    fieldHistory: history,
    recordCount: 1 + related.size + (household ? 1 : 0),
  };
}
