// `Idempotency-Key` for the writes that must not happen twice (an import, a village): routes
// opt in with `config: { answerOnce: true }`. Chromium sends a POST again when the connection it
// went over closes before any answer, even when the server has already written everything
// (seen in CI: a parcel import answered "unchanged" because its first copy had been written),
// and a user may send again after a timeout. The first request with a key claims it before the
// handler runs; its 2xx answer is kept for an hour, and the same request sent again gets that
// answer (header `Idempotent-Replayed: true`) instead of running again. A copy that arrives
// while the first still runs waits for its answer. The key is the user's own: another user's
// request with the same key is another request.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import type { Store } from '../store';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's writes happen once per `Idempotency-Key`; see plugins/answerOnce.ts. */
    answerOnce?: boolean;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
/** How long an answer is kept: a browser resends at once, a person within minutes. */
const KEPT_MS = 60 * 60 * 1000;
/** A claim this old without an answer belongs to a process that died: it is taken over. */
const ABANDONED_MS = 10 * 60 * 1000;
/** How long a copy waits for the first request's answer before 409. */
const WAIT_MS = 60_000;
const POLL_MS = 100;
/** Larger answers are not kept (the imports' are a few KB). */
const MAX_KEPT_BYTES = 512 * 1024;

interface Claim {
  userId: string;
  key: string;
}

const claims = new WeakMap<FastifyRequest, Claim>();

export function registerAnswerOnce(
  app: FastifyInstance,
  deps: { store: Store; clock: () => Date },
): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config?.answerOnce) return;
    const key = idempotencyKey(request);
    const userId = request.auth?.user.id;
    if (!key || !userId) return;
    const route = `${request.method} ${request.routeOptions.url}`;
    const bodyHash = hashOf(request.body);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const now = deps.clock();
      const at = now.toISOString();
      const claimed = await deps.store.claimRequestKey({ userId, key, route, bodyHash, at });
      if (claimed) {
        claims.set(request, { userId, key });
        await deps.store.purgeRequestAnswers(new Date(now.getTime() - KEPT_MS).toISOString());
        return;
      }
      const earlier = await deps.store.readRequestKey(userId, key);
      if (!earlier) continue; // released between the two statements: claim again
      if (earlier.route !== route || earlier.bodyHash !== bodyHash) {
        throw new ApiError(409, 'conflict', 'This Idempotency-Key was sent with another request', [
          { path: 'Idempotency-Key', message: 'key_reused' },
        ]);
      }
      if (earlier.answer) return replay(reply, earlier.answer);
      if (now.getTime() - Date.parse(earlier.startedAt) > ABANDONED_MS) {
        await deps.store.releaseRequestKey(userId, key, earlier.startedAt);
        continue;
      }
      if (Date.now() > deadline) {
        throw new ApiError(409, 'conflict', 'The same request is still being processed', [
          { path: 'Idempotency-Key', message: 'request_in_progress' },
        ]);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    if (ok && typeof payload === 'string' && Buffer.byteLength(payload) <= MAX_KEPT_BYTES) {
      await deps.store.keepRequestAnswer(claim.userId, claim.key, {
        status: reply.statusCode,
        body: payload,
      });
    } else {
      // A refusal or a failure wrote nothing: the same request may be tried again.
      await deps.store.releaseRequestKey(claim.userId, claim.key);
    }
    return payload;
  });
}

/** The request's key, when it sent one; 400 for a malformed one. */
function idempotencyKey(request: FastifyRequest): string | null {
  const value = request.headers[IDEMPOTENCY_HEADER];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw new ApiError(400, 'validation_failed', 'Malformed Idempotency-Key', [
      { path: 'Idempotency-Key', message: 'invalid' },
    ]);
  }
  return value;
}

function hashOf(body: unknown): string {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body ?? null));
  return createHash('sha256').update(bytes).digest('hex');
}

function replay(reply: FastifyReply, answer: { status: number; body: string }): FastifyReply {
  return reply
    .code(answer.status)
    .header('idempotent-replayed', 'true')
    .type('application/json; charset=utf-8')
    .send(answer.body);
}
