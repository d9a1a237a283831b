import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateUserRequest,
  ResetPasswordRequest,
  UpdateUserRequest,
  UsersResponse,
} from '../../../shared/api/admin';
import { uuidv7 } from '../../../shared/ids';
import { Uuid } from '../../../shared/model/organization';
import { canWriteAdmin, User } from '../../../shared/model/user';
import { recordAudit } from '../../audit';
import { assertPasswordPolicy } from '../../auth/passwordPolicy';
import { hashPassword } from '../../auth/passwords';
import type { RouteOptions } from '../../context';
import { conflict, notFound, validationFailed } from '../../errors';
import { type Store, UniqueViolation, type UserChanges, type UserRecord } from '../../store';
import { publicUser } from '../users';

const UserParams = z.object({ id: Uuid });

export const userRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const adminOnly = ctx.auth.requireRole(canWriteAdmin);

  app.get('/', { schema: { response: { 200: UsersResponse } } }, async () => ({
    users: (await ctx.store.listUsers()).map(publicUser),
  }));

  app.post(
    '/',
    { onRequest: adminOnly, schema: { body: CreateUserRequest, response: { 201: User } } },
    async (request, reply) => {
      const { password, ...fields } = request.body;
      await assertVillagesExist(ctx.store, fields.villageIds);
      await assertPasswordPolicy(password, 'password');
      const passwordHash = await hashPassword(password);
      const at = ctx.clock().toISOString();
      const user = await ctx.store.transaction(async (tx) => {
        const created = await tx
          .createUser({ id: uuidv7(), ...fields, passwordHash, at })
          .catch(usernameTaken);
        await recordAudit(tx, request, {
          action: 'user.create',
          at,
          target: created.id,
          details: fields,
        });
        return created;
      });
      return reply.code(201).send(publicUser(user));
    },
  );

  app.patch(
    '/:id',
    {
      onRequest: adminOnly,
      schema: { params: UserParams, body: UpdateUserRequest, response: { 200: User } },
    },
    async (request) => {
      const changes = request.body;
      if (changes.villageIds) await assertVillagesExist(ctx.store, changes.villageIds);
      const at = ctx.clock().toISOString();
      const user = await ctx.store.transaction(async (tx) => {
        const before = await tx.getUser(request.params.id);
        if (!before) throw notFound('User');
        await assertAdminRemains(tx, before, changes);
        const after = (await tx.updateUser(before.id, changes, at)) as UserRecord;
        if (changes.disabled === true) await tx.revokeSessions({ userId: before.id }, at);
        await recordAudit(tx, request, {
          action: 'user.update',
          at,
          target: before.id,
          details: changes,
        });
        return after;
      });
      return publicUser(user);
    },
  );

  /** An admin sets a new password; the user's sessions end on every device. */
  app.post(
    '/:id/password',
    { onRequest: adminOnly, schema: { params: UserParams, body: ResetPasswordRequest } },
    async (request, reply) => {
      const user = await ctx.store.getUser(request.params.id);
      if (!user) throw notFound('User');
      await assertPasswordPolicy(request.body.password, 'password');
      const passwordHash = await hashPassword(request.body.password);
      const at = ctx.clock().toISOString();
      await ctx.store.transaction(async (tx) => {
        await tx.setPasswordHash(user.id, passwordHash, at);
        await tx.revokeSessions({ userId: user.id }, at);
        await recordAudit(tx, request, { action: 'user.password_reset', at, target: user.id });
      });
      return reply.code(204).send();
    },
  );
};

function usernameTaken(error: unknown): never {
  if (error instanceof UniqueViolation) {
    throw conflict('This username is taken', { field: 'username' });
  }
  throw error;
}

export async function assertVillagesExist(store: Store, villageIds: string[]): Promise<void> {
  const known = new Set((await store.listVillages()).map((v) => v.id));
  const issues = villageIds.flatMap((id, index) =>
    known.has(id) ? [] : [{ path: `villageIds.${index}`, message: 'unknown_village' }],
  );
  if (issues.length > 0) throw validationFailed(issues);
}

/** Refuses to disable or demote the last enabled admin: nobody could manage users after it. */
async function assertAdminRemains(
  store: Store,
  user: UserRecord,
  changes: UserChanges,
): Promise<void> {
  const isActiveAdmin = user.role === 'admin' && !user.disabled;
  const losesAdmin = changes.disabled === true || (changes.role && changes.role !== 'admin');
  if (isActiveAdmin && losesAdmin && (await store.countActiveAdmins()) <= 1) {
    throw conflict('The last admin cannot be disabled or demoted', { reason: 'last_admin' });
  }
}
