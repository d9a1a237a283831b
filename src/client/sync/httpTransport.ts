import type {
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../shared/sync/protocol';
import { ApiError } from './api';
import { CounterGapError, expectedNFrom, type SyncTransport } from './transport';

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
        throw error;
      }
    },
    pull(request: PullRequest) {
      return send<PullResponse>('/api/sync/pull', { method: 'POST', body: request });
    },
  };
}
