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

/**
 * The server refused the whole push because of these mutations (their indexes in the request):
 * malformed in a way it cannot even quarantine (a 400 naming `mutations.<i>`), or one mutation
 * too big to send. The device sets them aside like quarantined ones and sends the rest.
 */
export class RefusedMutationsError extends Error {
  constructor(readonly indexes: number[]) {
    super(`the server refused mutations ${indexes.join(', ')}`);
    this.name = 'RefusedMutationsError';
  }
}

/** The mutation indexes a 400's field issues name (`mutations.3.clientId` -> 3). */
export function refusedIndexesFrom(details: unknown): number[] {
  if (!Array.isArray(details)) return [];
  const indexes = details.flatMap((issue) => {
    const path = (issue as { path?: unknown } | null)?.path;
    const match = typeof path === 'string' ? /^mutations\.(\d+)(?:\.|$)/.exec(path) : null;
    return match ? [Number(match[1])] : [];
  });
  return [...new Set(indexes)].sort((a, b) => a - b);
}
