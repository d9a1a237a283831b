// POST /api/sync/push and POST /api/sync/pull (docs/architecture.md §5).
//
// push {clientId, mutations[<=500]} (body <= 1 MiB), Bearer session of the device `clientId`:
//   200 {lastN, results[{mutationId, status: applied|duplicate|quarantined, conflictFields?,
//        reason?}], serverTime, revoked?}
//   403 forbidden      body clientId is not the session's device
//   400 validation_failed  a mutation's clientId / mutationId prefix is another device's
//                      (details [{path: 'mutations.i.clientId', message: 'not_this_device'}])
//   409 conflict       counter gap: details {expectedN, lastN}; what came before the gap (whole
//                      txId runs only) is committed, nothing from the gap on
//   413 payload_too_large, 426 upgrade_required (a mutation below MIN_SCHEMA_VERSION)
//   A revoked device's last session still gets in: everything new is quarantined
//   (device_revoked) and the answer carries `revoked: true`; every other route answers 401.
// pull {clientId, cursors, limit<=5000 (1000)}: 200 PullResponse; 403 if clientId is not the
//   session's device.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ClientId } from '../../shared/model/user';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  MutationId,
  PullRequest,
} from '../../shared/sync/protocol';
import { MIN_SCHEMA_VERSION } from '../../shared/sync/upgrade';
import type { RouteOptions } from '../context';
import { ApiError, conflict, forbidden, validationFailed } from '../errors';
import { requireAuth } from '../plugins/auth';
import { prepareIncoming } from '../sync/intake';
import { runPull } from '../sync/pull';
import { runPush } from '../sync/push';

/**
 * The push envelope is checked strictly only where the counter depends on it (`mutationId`,
 * `clientId`); the rest of each mutation is checked one by one, so a malformed mutation is
 * quarantined (`invalid_fields`) instead of blocking every mutation queued behind it.
 */
const PushEnvelope = z.object({
  clientId: ClientId,
  mutations: z
    .array(z.looseObject({ mutationId: MutationId, clientId: z.string() }))
    .max(MAX_PUSH_MUTATIONS),
});

export const syncRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/push',
    {
      onRequest: ctx.auth.authenticateRevokedPush,
      bodyLimit: MAX_PUSH_BYTES,
      schema: { body: PushEnvelope },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { clientId, mutations } = request.body;
      if (clientId !== auth.clientId) {
        throw forbidden('This clientId is not the device of this session');
      }
      const issues = mutations.flatMap((m, i) => {
        const prefix = m.mutationId.slice(0, m.mutationId.lastIndexOf(':'));
        if (m.clientId !== clientId) {
          return [{ path: `mutations.${i}.clientId`, message: 'not_this_device' }];
        }
        if (prefix !== clientId) {
          return [{ path: `mutations.${i}.mutationId`, message: 'not_this_device' }];
        }
        return [];
      });
      if (issues.length > 0) throw validationFailed(issues);
      const outdated = mutations.find(
        (m) => typeof m.schemaVersion === 'number' && m.schemaVersion < MIN_SCHEMA_VERSION,
      );
      if (outdated) {
        throw new ApiError(426, 'upgrade_required', 'Update the app to sync', {
          minSchemaVersion: MIN_SCHEMA_VERSION,
        });
      }
      const now = ctx.clock();
      const started = performance.now();
      const incoming = mutations.map((m) => prepareIncoming(m, now.getTime()));
      const { response, expectedN } = await runPush(ctx.store, request, auth, incoming, now);
      ctx.metrics.pushed(response.results, (performance.now() - started) / 1000);
      if (expectedN !== null) {
        throw conflict('Mutations are missing before this one; resend from expectedN', {
          expectedN,
          lastN: response.lastN,
        });
      }
      return reply.send({ ...response, epoch: ctx.serverEpoch });
    },
  );

  app.post(
    '/pull',
    { onRequest: ctx.auth.authenticate, schema: { body: PullRequest } },
    async (request, reply) => {
      const { user, clientId } = requireAuth(request);
      if (request.body.clientId !== clientId) {
        throw forbidden('This clientId is not the device of this session');
      }
      const started = performance.now();
      const response = await runPull(ctx.store, {
        userId: user.id,
        clientId,
        cursors: request.body.cursors,
        limit: request.body.limit,
        serverTime: ctx.clock().toISOString(),
      });
      ctx.metrics.pulled(response.changes.length, (performance.now() - started) / 1000);
      // Serialized as is (no response schema): a first sync sends thousands of records.
      return reply
        .type('application/json')
        .send(JSON.stringify({ ...response, epoch: ctx.serverEpoch }));
    },
  );
};
