// Session lifetime (OWASP session management): a session ends after `idleMs` without use (the
// window slides while the device syncs) and in any case `maxAgeMs` after the login that
// started it; rotating the token keeps the login's time, so rotation never extends it. Both
// are days, not months: a token taken from a copied device profile is worth little for long,
// the more so as the device rotates its token while online (`POST /api/auth/rotate`).
import type { Store } from '../store';
import { hashToken, newSessionToken } from './tokens';

export interface SessionLifetime {
  idleMs: number;
  maxAgeMs: number;
}

const DAY_MS = 24 * 60 * 60_000;
export const DEFAULT_SESSION_IDLE_MS = 7 * DAY_MS;
export const DEFAULT_SESSION_MAX_AGE_DAYS = 14;
export const DEFAULT_SESSION_MAX_AGE_MS = DEFAULT_SESSION_MAX_AGE_DAYS * DAY_MS;

/** The lifetime configured for this server (ServerContext). */
export function sessionLifetime(ctx: {
  sessionTtlMs: number;
  sessionMaxAgeMs: number;
}): SessionLifetime {
  return { idleMs: ctx.sessionTtlMs, maxAgeMs: ctx.sessionMaxAgeMs };
}

/** The idle deadline from `now`, never past the absolute one. */
export function sessionExpiresAt(lifetime: SessionLifetime, loginAt: string, now: Date): string {
  const idle = now.getTime() + lifetime.idleMs;
  const absolute = Date.parse(loginAt) + lifetime.maxAgeMs;
  return new Date(Math.min(idle, absolute)).toISOString();
}

export function isPastMaxAge(lifetime: SessionLifetime, loginAt: string, now: Date): boolean {
  return now.getTime() >= Date.parse(loginAt) + lifetime.maxAgeMs;
}

export interface OpenedSession {
  token: string;
  expiresAt: string;
}

/**
 * Stores a new session of `userId` on the device `clientId`. `loginAt` is when the user last
 * gave a password (now for a login, the old session's for a rotation); it is the session's
 * `createdAt`, from which the absolute lifetime counts.
 */
export async function startSession(
  store: Store,
  lifetime: SessionLifetime,
  session: { userId: string; clientId: string; loginAt: string; now: Date },
): Promise<OpenedSession> {
  const token = newSessionToken();
  const expiresAt = sessionExpiresAt(lifetime, session.loginAt, session.now);
  await store.createSession({
    tokenHash: hashToken(token),
    userId: session.userId,
    clientId: session.clientId,
    createdAt: session.loginAt,
    expiresAt,
    lastUsedAt: session.now.toISOString(),
  });
  return { token, expiresAt };
}
