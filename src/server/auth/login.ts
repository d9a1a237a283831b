import type { FastifyRequest } from 'fastify';
import type { LoginRequest, LoginResponse } from '../../shared/api/auth';
import { recordAudit } from '../audit';
import type { ServerContext } from '../context';
import { invalidCredentials, unauthenticated } from '../errors';
import type { UserCredentials } from '../store';
import { hashForUnknownUser, hashPassword, needsRehash, verifyPassword } from './passwords';
import { assertLoginAllowed, countLoginFailure, forgetLoginFailures } from './throttle';
import { hashToken, newSessionToken } from './tokens';

/**
 * Checks the credentials and opens a session bound to the device (`clientId`). A device
 * belongs to one user at a time: logging in as someone else on a shared browser points the
 * device at the new user and ends the previous user's sessions on it. A revoked device stays
 * refused for everyone.
 */
export async function login(
  ctx: ServerContext,
  request: FastifyRequest,
  input: LoginRequest,
): Promise<LoginResponse> {
  const { store } = ctx;
  const now = ctx.clock();
  const at = now.toISOString();
  const refuse = async (reason: string) =>
    recordAudit(store, request, {
      action: 'auth.login_failed',
      at,
      userId: null,
      target: input.username,
      details: { reason, clientId: input.clientId },
    });

  try {
    await assertLoginAllowed(store, input.username, request.ip, now);
  } catch (error) {
    await refuse('throttled');
    throw error;
  }

  const user = await checkPassword(ctx, input);
  if (!user) {
    await countLoginFailure(store, input.username, request.ip, now, ctx.loginThrottle);
    await refuse('invalid_credentials');
    throw invalidCredentials();
  }
  if (user.disabled) {
    await refuse('account_disabled');
    throw unauthenticated('account_disabled', 'This account is disabled');
  }
  const device = await store.getDevice(input.clientId);
  if (device?.revokedAt) {
    await refuse('device_revoked');
    throw unauthenticated('device_revoked', 'This device was revoked');
  }

  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ctx.sessionTtlMs).toISOString();
  await store.transaction(async (tx) => {
    if (device && device.userId !== user.id) {
      await tx.revokeSessions({ clientId: input.clientId, exceptUserId: user.id }, at);
    }
    await tx.saveDevice({
      clientId: input.clientId,
      userId: user.id,
      name: input.deviceName || null,
      at,
    });
    await tx.createSession({
      tokenHash: hashToken(token),
      userId: user.id,
      clientId: input.clientId,
      createdAt: at,
      expiresAt,
      lastUsedAt: at,
    });
    await forgetLoginFailures(tx, input.username);
    await recordAudit(tx, request, {
      action: 'auth.login',
      at,
      userId: user.id,
      target: input.clientId,
      details: device && device.userId !== user.id ? { previousUserId: device.userId } : undefined,
    });
  });
  if (needsRehash(user.passwordHash)) {
    await store.setPasswordHash(user.id, await hashPassword(input.password), at);
  }

  return {
    token,
    expiresAt,
    user: {
      id: user.id,
      username: user.username,
      name: user.name,
      role: user.role,
      villageIds: user.villageIds,
    },
  };
}

/** The user when the password matches; as slow for an unknown username as for a wrong password. */
async function checkPassword(
  ctx: ServerContext,
  input: LoginRequest,
): Promise<UserCredentials | null> {
  const user = await ctx.store.getCredentials({ username: input.username });
  const hash = user?.passwordHash ?? (await hashForUnknownUser());
  const matches = await verifyPassword(input.password, hash);
  return user && matches ? user : null;
}
