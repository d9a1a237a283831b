import type {
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../shared/sync/protocol';

/** How the sync engine reaches the server: fetch in the app, the in-process server in tests. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

/** The server expects mutation n = `expectedN` next (409 on a counter gap). */
export class CounterGapError extends Error {
  constructor(readonly expectedN: number) {
    super(`counter gap: server expects n=${expectedN}`);
    this.name = 'CounterGapError';
  }
}

/** Reads the expected counter from a 409 body, `{error:{details:{expectedN}}}`. */
export function expectedNFrom(body: unknown): number | null {
  const details = (body as { error?: { details?: { expectedN?: unknown } } } | null)?.error
    ?.details;
  return typeof details?.expectedN === 'number' ? details.expectedN : null;
}
