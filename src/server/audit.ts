import type { FastifyRequest } from 'fastify';
import type { Store } from './store';

export interface AuditEvent {
  action: string;
  at: string;
  target?: string | null;
  details?: unknown;
  /** Defaults to the authenticated user of the request. */
  userId?: string | null;
}

/** Appends one line to the audit log. Callers never put a password, hash or token in `details`. */
export function recordAudit(
  store: Store,
  request: FastifyRequest,
  event: AuditEvent,
): Promise<void> {
  return store.appendAudit({
    at: event.at,
    userId: event.userId !== undefined ? event.userId : (request.auth?.user.id ?? null),
    action: event.action,
    target: event.target ?? null,
    details: event.details,
    ip: request.ip,
  });
}
