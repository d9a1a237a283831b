// POST /api/sync/push, docs/architecture.md §5 steps 1–7, in one database transaction per request.
import type { FastifyRequest } from 'fastify';
import type { MutationResult, PushResponse } from '../../shared/sync/protocol';
import { recordAudit } from '../audit';
import type { AuthContext } from '../plugins/auth';
import type { Store } from '../store';
import { applyUnits } from './apply';
import { type Incoming, txRuns } from './intake';
import type { Actor } from './policy';
import { withRetry } from './retry';

export interface PushOutcome {
  response: PushResponse;
  /** Set when the request had a counter gap: answer 409 with this after the commit. */
  expectedN: number | null;
}

/**
 * Runs a push. Mutations up to a counter gap are committed (and acknowledged through `lastN`);
 * from the gap on nothing is applied, and if the gap falls inside a run of one txId, that run
 * is left out whole too so it still lands all-or-nothing when the device resends it.
 */
export async function runPush(
  store: Store,
  request: FastifyRequest,
  auth: AuthContext,
  incoming: Incoming[],
  now: Date,
): Promise<PushOutcome> {
  const at = now.toISOString();
  const { user, clientId } = auth;
  return withRetry(() =>
    store.transaction(async (tx) => {
      const lastN = await tx.lockClientCounter(clientId, user.id, at);
      const results = new Map<Incoming, MutationResult>();
      const fresh: Incoming[] = [];
      let running = lastN;
      let gap: Incoming | null = null;
      for (const item of incoming) {
        if (item.n <= running) {
          results.set(item, { mutationId: item.mutationId, status: 'duplicate' });
        } else if (item.n === running + 1) {
          fresh.push(item);
          running = item.n;
        } else {
          gap = item;
          break;
        }
      }
      let runs = txRuns(fresh);
      const lastRun = runs.at(-1);
      if (gap && lastRun && (lastRun[0] as Incoming).txId === gap.txId) {
        runs = runs.slice(0, -1);
        running = (lastRun[0] as Incoming).n - 1;
      }
      if (auth.deviceRevoked) {
        for (const run of runs) {
          for (const item of run) item.rejection = { reason: 'device_revoked' };
        }
      }

      const villages = await tx.visibleVillages(user.id);
      const actor: Actor = {
        userId: user.id,
        role: user.role,
        villageIds: new Set(villages.map((v) => v.id)),
      };
      const outcome = await applyUnits(tx, actor, runs, { at });
      runs.flat().forEach((item, i) => {
        results.set(item, outcome.results[i] as MutationResult);
      });
      if (running !== lastN) await tx.setClientCounter(clientId, user.id, running, at);

      const duplicates = [...results.values()].filter((r) => r.status === 'duplicate').length;
      await recordAudit(tx, request, {
        action: auth.deviceRevoked ? 'sync.push_revoked' : 'sync.push',
        at,
        target: clientId,
        details: {
          received: incoming.length,
          applied: outcome.counts.applied,
          quarantined: outcome.counts.quarantined,
          duplicates,
          conflicts: outcome.counts.conflicts,
          clamped: outcome.counts.clamped,
          lastN: running,
          ...(gap ? { expectedN: running + 1 } : {}),
        },
      });

      const answered = incoming.flatMap((item) => results.get(item) ?? []);
      const response: PushResponse = {
        lastN: running,
        results: answered,
        serverTime: at,
        ...(auth.deviceRevoked ? { revoked: true } : {}),
      };
      return { response, expectedN: gap ? running + 1 : null };
    }),
  );
}
