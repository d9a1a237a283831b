// Bearer token -> session -> device -> user, on every authenticated request.
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Role } from '../../shared/model/user';
import { isPastMaxAge, type SessionLifetime, sessionExpiresAt } from '../auth/sessions';
import { bearerToken, hashToken } from '../auth/tokens';
import { forbidden, unauthenticated } from '../errors';
import type { SessionRecord, Store, UserRecord } from '../store';

export interface AuthContext {
  /** Read fresh on every request, so a role or village change applies at once. */
  user: UserRecord;
  tokenHash: string;
  clientId: string;
  /** When the user gave the password that started this session (kept through rotations). */
  loginAt: string;
  /**
   * Only behind `authenticateRevokedPush`: the device was revoked, and this is the last push
   * of its session, taken into quarantine for review.
   */
  deviceRevoked: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export interface AuthHooks {
  /** onRequest: 401 unless the request carries a live session of an enabled user on a live device. */
  authenticate: onRequestHookHandler;
  /**
   * onRequest for `POST /api/sync/push` only: like `authenticate`, but a revoked device whose
   * session ended with the revocation (and has not expired) still gets in, with
   * `deviceRevoked: true`, so what it has is kept in quarantine before it wipes itself
   * (docs/architecture.md §6). Every other route answers it 401 `device_revoked`.
   */
  authenticateRevokedPush: onRequestHookHandler;
  /** onRequest, after `authenticate`: 403 unless the user's role passes. */
  requireRole(allowed: (role: Role) => boolean): onRequestHookHandler;
}

/** Saves a write per request: the session slides and the device's last_seen_at moves at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

interface AuthDeps {
  store: Store;
  clock: () => Date;
  lifetime: SessionLifetime;
}

export function registerAuth(app: FastifyInstance, deps: AuthDeps): AuthHooks {
  app.decorateRequest('auth', null);
  return {
    authenticate: async (request) => {
      request.auth = await resolveSession(request, deps, false);
    },
    authenticateRevokedPush: async (request) => {
      request.auth = await resolveSession(request, deps, true);
    },
    requireRole: (allowed) => async (request) => {
      if (!allowed(requireAuth(request).user.role)) throw forbidden();
    },
  };
}

/**
 * A token that a rotation replaced stays good until the device first uses its successor: when
 * the rotation's answer was lost (weak signal; a connection closed after the server wrote it,
 * and Chromium sent the request again), the device still holds only the old token, and
 * refusing it would sign the field worker out. The rotation then did not happen as far as the
 * device is concerned; its next rotation replaces the unused successor (store revokeSession).
 */
async function successorNeverReached(store: Store, session: SessionRecord): Promise<boolean> {
  if (!session.replacedBy) return false;
  const successor = await store.getSession(session.replacedBy);
  return successor !== null && successor.revokedAt === null && successor.firstUsedAt === null;
}

/** The authenticated context of a request behind `authenticate`. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthenticated('unauthenticated', 'Log in first');
  return request.auth;
}

async function resolveSession(
  request: FastifyRequest,
  { store, clock, lifetime }: AuthDeps,
  allowRevoked: boolean,
): Promise<AuthContext> {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw unauthenticated('unauthenticated', 'Missing bearer token');
  const tokenHash = hashToken(token);
  const session = await store.getSession(tokenHash);
  if (!session) throw unauthenticated('unauthenticated', 'Unknown session');
  // Order matters to the client: a revoked device must wipe its data whatever else is true.
  const device = await store.getDevice(session.clientId);
  const revoked = () => unauthenticated('device_revoked', 'This device was revoked');
  if (!device) throw revoked();
  if (device.revokedAt) {
    // The session must have been live until the revocation ended it (same timestamp), not
    // logged out or expired before: only the device's own last session may hand its data in.
    const endedByRevocation = session.revokedAt === null || session.revokedAt >= device.revokedAt;
    const live = Date.parse(session.expiresAt) > clock().getTime();
    if (!allowRevoked || !endedByRevocation || !live || device.userId !== session.userId) {
      throw revoked();
    }
    const user = await store.getUser(session.userId);
    if (!user) throw revoked();
    return {
      user,
      tokenHash,
      clientId: session.clientId,
      loginAt: session.createdAt,
      deviceRevoked: true,
    };
  }
  const user = await store.getUser(session.userId);
  if (!user || user.disabled) throw unauthenticated('account_disabled', 'This account is disabled');
  const ended = session.revokedAt !== null && !(await successorNeverReached(store, session));
  if (ended || device.userId !== session.userId) {
    throw unauthenticated('unauthenticated', 'This session has ended');
  }
  const now = clock();
  if (!session.firstUsedAt) await store.markSessionUsed(tokenHash, now.toISOString());
  // expiresAt is kept within the absolute lifetime; the max-age check also covers rows written
  // before that clamp existed.
  if (
    Date.parse(session.expiresAt) <= now.getTime() ||
    isPastMaxAge(lifetime, session.createdAt, now)
  ) {
    throw unauthenticated('session_expired', 'This session has expired');
  }
  if (now.getTime() - Date.parse(session.lastUsedAt) >= TOUCH_INTERVAL_MS) {
    const at = now.toISOString();
    const expiresAt = sessionExpiresAt(lifetime, session.createdAt, now);
    await store.touchSession(tokenHash, at, expiresAt);
    await store.touchDevice(session.clientId, at);
  }
  return {
    user,
    tokenHash,
    clientId: session.clientId,
    loginAt: session.createdAt,
    deviceRevoked: false,
  };
}
