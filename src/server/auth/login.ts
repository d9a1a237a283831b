import type { FastifyRequest } from 'fastify';
import type { LoginRequest, LoginResponse } from '../../shared/api/auth';
import { recordAudit } from '../audit';
import type { ServerContext } from '../context';
import { invalidCredentials, unauthenticated } from '../errors';
import type { UserCredentials } from '../store';
import { hashForUnknownUser, hashPassword, needsRehash, verifyPassword } from './passwords';
import { sessionLifetime, startSession } from './sessions';
import { assertLoginAllowed, countLoginFailure, forgetLoginFailures } from './throttle';

/**
 * Checks the credentials and opens a session bound to the device (`clientId`). A device
 * belongs to one user and has one session at a time: a login ends the device's earlier
 * sessions (on a shared browser, the previous user's) and points the device at the new user.
 * A revoked device stays refused for everyone.
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

  const opened = await store.transaction(async (tx) => {
    // One live session per device: a new login ends the device's earlier ones, whoever's.
    const endedSessions = await tx.revokeSessions({ clientId: input.clientId }, at);
    await tx.saveDevice({
      clientId: input.clientId,
      userId: user.id,
      name: input.deviceName || null,
      at,
    });
    const session = await startSession(tx, sessionLifetime(ctx), {
      userId: user.id,
      clientId: input.clientId,
      loginAt: at,
      now,
    });
    await forgetLoginFailures(tx, input.username);
    await recordAudit(tx, request, {
      action: 'auth.login',
      at,
      userId: user.id,
      target: input.clientId,
      details: {
        endedSessions,
        ...(device && device.userId !== user.id ? { previousUserId: device.userId } : {}),
      },
    });
    return session;
  });
  if (needsRehash(user.passwordHash)) {
    await store.setPasswordHash(user.id, await hashPassword(input.password), at);
  }

  return {
    ...opened,
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
