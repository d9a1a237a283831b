import type { FastifyRequest } from 'fastify';
import type { LoginRequest, LoginResponse } from '../../shared/api/auth';
import { recordAudit } from '../audit';
import type { ServerContext } from '../context';
import { ApiError, invalidCredentials, unauthenticated } from '../errors';
import type { UserCredentials } from '../store';
import { hashForUnknownUser, hashPassword, needsRehash, verifyPassword } from './passwords';
import { sessionLifetime, startSession } from './sessions';
import {
  assertLoginAllowed,
  countLoginFailure,
  forgetLoginFailures,
  type LoginSource,
} from './throttle';

/**
 * Checks the credentials and opens a session bound to the device (`clientId`). A device
 * belongs to the first user who signs in with it, for good: another user on that clientId is
 * refused, since whoever holds a device's id could push mutations numbered ahead of its own
 * and have its genuine edits answered `duplicate`. (Two people sharing one browser each get a
 * clientId of their own from the app.) A login ends the owner's earlier sessions on the
 * device. A revoked device stays refused for everyone.
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

  const credentials = await store.getCredentials({ username: input.username });
  const device = await store.getDevice(input.clientId);
  const source: LoginSource = {
    username: input.username,
    ip: request.ip,
    knownDevice:
      credentials && device && device.userId === credentials.id && !device.revokedAt
        ? device.clientId
        : null,
  };
  try {
    await assertLoginAllowed(store, source, now);
  } catch (error) {
    await refuse('throttled');
    throw error;
  }

  const user = await checkPassword(credentials, input.password);
  if (!user) {
    await countLoginFailure(store, source, now, ctx.loginThrottle);
    await refuse('invalid_credentials');
    throw invalidCredentials();
  }
  if (user.disabled) {
    await refuse('account_disabled');
    throw unauthenticated('account_disabled', 'This account is disabled');
  }
  if (device?.revokedAt) {
    await refuse('device_revoked');
    throw unauthenticated('device_revoked', 'This device was revoked');
  }

  if (device && device.userId !== user.id) {
    await refuse(DEVICE_OF_ANOTHER_USER);
    throw deviceOfAnotherUser();
  }

  const opened = await store.transaction(async (tx) => {
    const claimed = await tx.claimDevice({
      clientId: input.clientId,
      userId: user.id,
      name: input.deviceName || null,
      at,
    });
    // Another user's first login on this clientId won the race since the check above.
    if (claimed.userId !== user.id) throw deviceOfAnotherUser();
    // One live session per device: a new login ends the device's earlier ones.
    const endedSessions = await tx.revokeSessions({ clientId: input.clientId }, at);
    const session = await startSession(tx, sessionLifetime(ctx), {
      userId: user.id,
      clientId: input.clientId,
      loginAt: at,
      now,
    });
    await forgetLoginFailures(tx, source);
    await recordAudit(tx, request, {
      action: 'auth.login',
      at,
      userId: user.id,
      target: input.clientId,
      details: { endedSessions },
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

const DEVICE_OF_ANOTHER_USER = 'device_belongs_to_another_user';

const deviceOfAnotherUser = () =>
  new ApiError(
    403,
    'forbidden',
    'This device is registered to another user; sign in from your own device or browser profile',
    { reason: DEVICE_OF_ANOTHER_USER },
  );

/** The user when the password matches; as slow for an unknown username as for a wrong password. */
async function checkPassword(
  user: UserCredentials | null,
  password: string,
): Promise<UserCredentials | null> {
  const hash = user?.passwordHash ?? (await hashForUnknownUser());
  const matches = await verifyPassword(password, hash);
  return user && matches ? user : null;
}
