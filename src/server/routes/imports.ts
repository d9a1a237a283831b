// Importing an office's lists (issue 15), src/shared/api/imports.ts:
//
// POST /api/imports/preview  ImportRequest (body <= MAX_IMPORT_BYTES) -> 200 ImportPreview;
//   the server's dry run against its own records, nothing written.
// POST /api/imports          ImportRequest -> 201 ImportResult; the plan written through the
//   sync engine, one txId per household batch, as the importing user (likely matches left
//   undecided and bad rows are skipped).
// GET  /api/imports          -> 200 ImportList: the user's own imports, newest first.
// POST /api/imports/:id/undo -> 200 ImportSummary; 409 ImportUndoRefused when a record the
//   import wrote was edited since (nothing written); 409 conflict when already undone;
//   404 for an id that is not the user's import.
// Admins and supervisors list (canReadAdmin); previewing, writing and undoing need a role that
// may write people's records (`mayImport`): 403 otherwise. Rows of villages the user may not
// see are bad rows (`village_not_allowed`), as the push policy refuses them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorBody } from '../../shared/api/errors';
import {
  ImportList,
  ImportPreview,
  ImportRequest,
  ImportResult,
  ImportSummary,
  ImportUndoRefused,
  MAX_IMPORT_BYTES,
  mayImport,
} from '../../shared/api/imports';
import type { ImportKind } from '../../shared/import/fields';
import { Uuid } from '../../shared/model/organization';
import { canReadAdmin } from '../../shared/model/roles';
import type { SyncRecord } from '../../shared/sync/protocol';
import { recordAudit } from '../audit';
import type { RouteOptions } from '../context';
import { conflict, forbidden, notFound } from '../errors';
import { type AuthContext, requireAuth } from '../plugins/auth';
import type { ImportRecord, Store } from '../store';
import {
  applyUndo,
  checkImport,
  editedSince,
  type ImportInput,
  lastSeqs,
  newImportId,
  previewOf,
  undoUnits,
  writeImport,
} from '../sync/imports';
import type { Actor } from '../sync/policy';
import { withRetry } from '../sync/retry';

const ImportParams = z.object({ id: Uuid });
/** The list shows this many imports (newest first). */
const LIST_LIMIT = 200;

type ParsedRequest = z.output<typeof ImportRequest>;

function inputOf(body: ParsedRequest): ImportInput {
  const decisions: Record<number, string> = {};
  for (const [row, answer] of Object.entries(body.decisions)) decisions[Number(row)] = answer;
  return {
    rows: body.rows,
    mapping: body.mapping,
    decisions,
    date1904: body.date1904,
  };
}

async function actorOf(store: Store, auth: AuthContext): Promise<Actor> {
  const villages = await store.visibleVillages(auth.user.id);
  return {
    userId: auth.user.id,
    role: auth.user.role,
    villageIds: new Set(villages.map((village) => village.id)),
  };
}

function summaryOf(record: ImportRecord): ImportSummary {
  return {
    id: record.id,
    kind: record.kind as ImportKind,
    fileName: record.fileName,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    counts: record.counts as ImportSummary['counts'],
    records: record.recordCount,
    undoneAt: record.undoneAt,
    undoneBy: record.undoneBy,
  };
}

function requireImporter(auth: AuthContext): void {
  if (!mayImport(auth.user.role)) throw forbidden('Your role may not write people’s records');
}

export const importRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.addHook('onRequest', ctx.auth.authenticate);
  app.addHook('onRequest', ctx.auth.requireRole(canReadAdmin));

  app.post(
    '/preview',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: { body: ImportRequest, response: { 200: ImportPreview } },
    },
    async (request) => {
      const auth = requireAuth(request);
      requireImporter(auth);
      const now = ctx.clock();
      const checked = await ctx.store.snapshot(async (tx) =>
        checkImport(tx, await actorOf(tx, auth), inputOf(request.body), now, newImportId(now)),
      );
      return previewOf(checked.plan);
    },
  );

  app.post(
    '/',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      config: { answerOnce: true },
      schema: { body: ImportRequest, response: { 201: ImportResult } },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      requireImporter(auth);
      const now = ctx.clock();
      const at = now.toISOString();
      const input = inputOf(request.body);
      const result = await withRetry(() =>
        ctx.store.transaction(async (tx) => {
          const id = newImportId(now);
          const actor = await actorOf(tx, auth);
          // The buckets of the user's villages locked first (seq + 0): a second import of the
          // same file, or a device's push, waits for this one instead of planning against
          // records without it (and creating its people twice).
          await tx.takeSeqs(new Map([...actor.villageIds].map((villageId) => [villageId, 0])));
          const checked = await checkImport(tx, actor, input, now, id);
          const written = await writeImport(tx, actor, checked, at);
          const recordCount = written.reduce((sum, batch) => sum + batch.records.length, 0);
          const record: ImportRecord = {
            id,
            kind: input.mapping.kind,
            fileName: request.body.fileName,
            createdBy: auth.user.id,
            createdAt: at,
            counts: { ...checked.plan.counts },
            recordCount,
            undoneBy: null,
            undoneAt: null,
          };
          await tx.insertImport(record, written);
          await recordAudit(tx, request, {
            action: 'import.create',
            at,
            target: id,
            details: {
              kind: record.kind,
              fileName: record.fileName,
              counts: record.counts,
              records: recordCount,
              households: written.length,
            },
          });
          return { import: summaryOf(record), preview: previewOf(checked.plan) };
        }),
      );
      return reply.code(201).send(result);
    },
  );

  app.get('/', { schema: { response: { 200: ImportList } } }, async (request) => {
    const auth = requireAuth(request);
    const imports = await ctx.store.listImports({ createdBy: auth.user.id, limit: LIST_LIMIT });
    return { imports: imports.map(summaryOf) };
  });

  app.post(
    '/:id/undo',
    {
      config: { answerOnce: true },
      schema: {
        params: ImportParams,
        // 409: edited since (ImportUndoRefused), or the usual error body (undone already).
        response: { 200: ImportSummary, 409: z.union([ImportUndoRefused, ApiErrorBody]) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      requireImporter(auth);
      const now = ctx.clock();
      const at = now.toISOString();
      const outcome = await withRetry(() =>
        ctx.store.transaction(async (tx) => {
          const found = await tx.getImport(request.params.id);
          // Another user's import is not there for this one.
          if (!found || found.summary.createdBy !== auth.user.id) throw notFound('Import');
          if (found.summary.undoneAt) throw conflict('This import was undone already');
          const ids = found.written.flatMap((batch) => batch.records.map((r) => r.id));
          const current = await tx.lockRecords(ids);
          const since: SyncRecord[] = [];
          for (const [villageId, seq] of lastSeqs(found.written))
            since.push(...(await tx.recordsSince(villageId, seq, 1_000_000)));
          const edited = editedSince(found.written, current, since);
          if (edited.length > 0) return { refused: edited, summary: null };
          const actor = await actorOf(tx, auth);
          const units = undoUnits(found.written, current, newImportId(now), now);
          if ((await applyUndo(tx, actor, units, at)) > 0) {
            // Thrown inside the transaction: nothing of the undo stays (quarantine rows included).
            throw forbidden('You may no longer write some records of this import');
          }
          if (!(await tx.markImportUndone(found.summary.id, auth.user.id, at))) {
            throw conflict('This import was undone already');
          }
          await recordAudit(tx, request, {
            action: 'import.undo',
            at,
            target: found.summary.id,
            details: {
              kind: found.summary.kind,
              fileName: found.summary.fileName,
              records: found.summary.recordCount,
            },
          });
          return {
            refused: null,
            summary: summaryOf({ ...found.summary, undoneAt: at, undoneBy: auth.user.id }),
          };
        }),
      );
      if (outcome.refused) {
        const body: ImportUndoRefused = { error: 'import_edited_since', records: outcome.refused };
        return reply.code(409).send(body);
      }
      return outcome.summary as ImportSummary;
    },
  );
};
