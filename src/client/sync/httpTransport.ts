import type {
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../shared/sync/protocol';
import { ApiError } from '../api/http';
import {
  CounterGapError,
  expectedNFrom,
  RefusedMutationsError,
  refusedIndexesFrom,
  type SyncTransport,
} from './transport';

type Send = <T>(path: string, options: { method: 'POST'; body: unknown }) => Promise<T>;

/** The app's transport: the session's authenticated `api()` (a revoked device is signed out by it). */
export function httpTransport(send: Send): SyncTransport {
  return {
    async push(request: PushRequest) {
      try {
        return await send<PushResponse>('/api/sync/push', { method: 'POST', body: request });
      } catch (error) {
        const expectedN =
          error instanceof ApiError && error.status === 409 ? expectedNFrom({ error }) : null;
        if (expectedN !== null) throw new CounterGapError(expectedN);
        const refused = refusedBy(error, request);
        if (refused.length > 0) throw new RefusedMutationsError(refused);
        throw error;
      }
    },
    pull(request: PullRequest) {
      return send<PullResponse>('/api/sync/pull', { method: 'POST', body: request });
    },
  };
}

/** The mutations a failed push names as the reason the server refused it, if any. */
function refusedBy(error: unknown, request: PushRequest): number[] {
  if (!(error instanceof ApiError)) return [];
  if (error.status === 400) {
    return refusedIndexesFrom(error.details).filter((i) => i < request.mutations.length);
  }
  // A body over the server's limit: the engine sends an oversized mutation alone.
  if (error.status === 413 && request.mutations.length === 1) return [0];
  return [];
}
