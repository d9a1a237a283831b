import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptQuarantineRequest,
  AcceptQuarantineResponse,
  ConflictsQuery,
  ConflictsResponse,
  type QuarantineEntry,
  QuarantineQuery,
  QuarantineResponse,
  RejectQuarantineRequest,
  RejectQuarantineResponse,
} from '../../../shared/api/syncAdmin';
import { shownPayload } from '../../../shared/model/masking';
import { Uuid } from '../../../shared/model/organization';
import type { RoleName } from '../../../shared/model/roles';
import { seesAllVillages } from '../../../shared/model/user';
import { clampHlc } from '../../../shared/sync/hlc';
import { mayWrite } from '../../../shared/sync/permissions';
import { Mutation, mutationCounter } from '../../../shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION, upgradeMutation } from '../../../shared/sync/upgrade';
import { recordAudit } from '../../audit';
import type { RouteOptions } from '../../context';
import { conflict, forbidden, notFound } from '../../errors';
import { type AuthContext, requireAuth } from '../../plugins/auth';
import type { QuarantineRecord, Store, UserRecord } from '../../store';
import { applyUnits } from '../../sync/apply';
import type { Incoming } from '../../sync/intake';
import { conflictForRole, recordForRole } from '../../sync/pull';
import { withRetry } from '../../sync/retry';

const EntryParams = z.object({ id: Uuid });

/** The villages whose entries a reviewer handles: all for a supervisor, else the assigned ones. */
function reviewScope(user: UserRecord): string[] | null {
  return seesAllVillages(user.role) ? null : user.villageIds;
}

function inScope(entry: QuarantineRecord, scope: string[] | null): boolean {
  if (scope === null) return true;
  return entry.villageId !== null && scope.includes(entry.villageId);
}

/**
 * Entries as the reviewer may see them: the stored mutation and its details through the
 * masking rules (no whole ID to a supervisor, no health value to an admin).
 */
async function forReviewer(
  store: Store,
  entries: QuarantineRecord[],
  role: RoleName,
): Promise<QuarantineEntry[]> {
  const names = new Map((await store.listUsers()).map((u) => [u.id, u.username]));
  return entries.map((entry) => {
    const type = entry.type ?? mutationType(entry.mutation);
    return {
      ...entry,
      mutation: shownPayload(role, type, entry.mutation),
      details: shownPayload(role, type, entry.details),
      username: names.get(entry.userId) ?? null,
    };
  });
}

/** The type a stored mutation names, if it names one the server knows; else null. */
function mutationType(mutation: unknown): string | null {
  const type = (mutation as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : null;
}

/**
 * Supervisors and admins (the admin scope's `canReadAdmin` hook) review quarantined mutations
 * and conflicts; admins only those of their own villages. Accepting writes people's data, so it
 * also needs a role that may write the record type (`mayWrite`): admins may list and reject,
 * not accept.
 */
export const quarantineRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/',
    { schema: { querystring: QuarantineQuery, response: { 200: QuarantineResponse } } },
    async (request) => {
      const { user } = requireAuth(request);
      const { status, limit, before } = request.query;
      const rows = await ctx.store.listQuarantine({
        status,
        limit,
        before,
        villageIds: reviewScope(user),
      });
      const last = rows.at(-1);
      return {
        entries: await forReviewer(ctx.store, rows, user.role),
        nextBefore: rows.length === limit && last ? last.id : null,
      };
    },
  );

  app.post(
    '/:id/accept',
    {
      schema: {
        params: EntryParams,
        body: AcceptQuarantineRequest.nullish(),
        response: { 200: AcceptQuarantineResponse },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const body = request.body ?? {};
      const now = ctx.clock();
      const at = now.toISOString();
      const outcome = await withRetry(() =>
        ctx.store.transaction(async (tx) => {
          const entry = await openEntry(tx, request.params.id, auth);
          const parsed = Mutation.safeParse(entry.mutation);
          if (!parsed.success) {
            throw conflict('The stored mutation is not valid and cannot be applied', {
              reason: 'invalid_fields',
            });
          }
          if (parsed.data.schemaVersion > CURRENT_SCHEMA_VERSION) {
            throw conflict('The stored mutation is newer than this server', {
              reason: 'schema_unsupported',
            });
          }
          if (!mayWrite(auth.user.role, parsed.data.type)) {
            throw forbidden('Your role may not write this record type');
          }
          const visible = await tx.visibleVillages(auth.user.id);
          const villageIds = new Set(visible.map((v) => v.id));
          const villageId = body.villageId ?? parsed.data.villageId;
          if (!villageIds.has(villageId)) throw forbidden('You may not write to this village');
          const upgraded = upgradeMutation({ ...parsed.data, villageId });
          const { hlc, clamped } = clampHlc(upgraded.hlc, now.getTime());
          const incoming: Incoming = {
            raw: entry.mutation,
            mutationId: entry.mutationId,
            n: mutationCounter(entry.mutationId),
            clientId: entry.clientId,
            txId: entry.txId ?? entry.mutationId,
            mutation: { ...upgraded, hlc },
            clamped,
            rejection: null,
          };
          const applied = await applyUnits(
            tx,
            // The reviewer has the stored status in front of them: a move the device made
            // without seeing it is theirs to accept (if their role may make it).
            { userId: auth.user.id, role: auth.user.role, villageIds, reviewing: true },
            [[incoming]],
            { at },
          );
          const result = applied.results[0];
          if (result?.status !== 'applied') {
            // Nothing is written when the decision is still no: the transaction rolls back.
            throw conflict('The mutation still cannot be applied', { reason: result?.reason });
          }
          const handled = {
            status: 'accepted' as const,
            handledBy: auth.user.id,
            handledAt: at,
            note: body.note ?? null,
          };
          await tx.updateQuarantine(entry.id, handled);
          await recordAudit(tx, request, {
            action: 'quarantine.accept',
            at,
            target: entry.id,
            details: {
              mutationId: entry.mutationId,
              reason: entry.reason,
              villageId,
              recordId: upgraded.id,
              conflictFields: result.conflictFields ?? [],
            },
          });
          const record = applied.records.get(upgraded.id) ?? (await tx.getRecord(upgraded.id));
          return { entry: { ...entry, ...handled }, result, record };
        }),
      );
      const role = auth.user.role;
      const [entry] = await forReviewer(ctx.store, [outcome.entry], role);
      const record = outcome.record ? recordForRole(outcome.record, role) : null;
      return { entry: entry as QuarantineEntry, result: outcome.result, record };
    },
  );

  app.post(
    '/:id/reject',
    {
      schema: {
        params: EntryParams,
        body: RejectQuarantineRequest,
        response: { 200: RejectQuarantineResponse },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const at = ctx.clock().toISOString();
      const entry = await ctx.store.transaction(async (tx) => {
        const open = await openEntry(tx, request.params.id, auth);
        const handled = {
          status: 'rejected' as const,
          handledBy: auth.user.id,
          handledAt: at,
          note: request.body.reason,
        };
        await tx.updateQuarantine(open.id, handled);
        await recordAudit(tx, request, {
          action: 'quarantine.reject',
          at,
          target: open.id,
          details: { mutationId: open.mutationId, reason: request.body.reason },
        });
        return { ...open, ...handled };
      });
      const [shown] = await forReviewer(ctx.store, [entry], auth.user.role);
      return { entry: shown as QuarantineEntry };
    },
  );
};

/** The entry, locked, if the reviewer may handle it and nobody has yet. */
async function openEntry(tx: Store, id: string, auth: AuthContext): Promise<QuarantineRecord> {
  const entry = await tx.getQuarantine(id, { lock: true });
  if (!entry || !inScope(entry, reviewScope(auth.user))) throw notFound('Quarantine entry');
  if (entry.status !== 'open') {
    throw conflict(`This entry was already ${entry.status}`, { status: entry.status });
  }
  return entry;
}

export const conflictRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/',
    { schema: { querystring: ConflictsQuery, response: { 200: ConflictsResponse } } },
    async (request) => {
      const { user } = requireAuth(request);
      const { status, villageId, limit, before } = request.query;
      const scope = reviewScope(user);
      let villageIds = scope;
      if (villageId) villageIds = scope === null || scope.includes(villageId) ? [villageId] : [];
      const rows = await ctx.store.listConflicts({ status, villageIds, limit, before });
      const last = rows.at(-1);
      return {
        conflicts: rows.map((row) => conflictForRole(row, user.role)),
        nextBefore: rows.length === limit && last ? last.id : null,
      };
    },
  );
};
