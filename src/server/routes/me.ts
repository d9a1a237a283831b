import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordRequest, MeResponse } from '../../shared/api/auth';
import { seesAllVillages } from '../../shared/model/user';
import { recordAudit } from '../audit';
import { assertPasswordPolicy } from '../auth/passwordPolicy';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { RouteOptions } from '../context';
import { invalidCredentials } from '../errors';
import { requireAuth } from '../plugins/auth';
import { publicUser } from './users';

export const meRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.addHook('onRequest', ctx.auth.authenticate);

  /** `villages` are the ones the user may see: all for a supervisor, else the assigned ones. */
  app.get('/', { schema: { response: { 200: MeResponse } } }, async (request) => {
    const { user } = requireAuth(request);
    const [organization, villages] = await Promise.all([
      ctx.store.getOrganization(),
      ctx.store.listVillages(),
    ]);
    const assigned = new Set(user.villageIds);
    return {
      user: publicUser(user),
      organization,
      villages: seesAllVillages(user.role) ? villages : villages.filter((v) => assigned.has(v.id)),
      serverTime: ctx.clock().toISOString(),
      devicePolicy: ctx.devicePolicy,
    };
  });

  /** Ends every other session of the user; this device stays logged in. */
  app.post('/password', { schema: { body: ChangePasswordRequest } }, async (request, reply) => {
    const { user, tokenHash } = requireAuth(request);
    const credentials = await ctx.store.getCredentials({ id: user.id });
    const matches =
      credentials !== null &&
      (await verifyPassword(request.body.currentPassword, credentials.passwordHash));
    if (!matches) throw invalidCredentials();
    await assertPasswordPolicy(request.body.newPassword, 'newPassword');
    const passwordHash = await hashPassword(request.body.newPassword);
    const at = ctx.clock().toISOString();
    await ctx.store.transaction(async (tx) => {
      await tx.setPasswordHash(user.id, passwordHash, at);
      await tx.revokeSessions({ userId: user.id, exceptTokenHash: tokenHash }, at);
      await recordAudit(tx, request, { action: 'user.password_change', at, target: user.id });
    });
    return reply.code(204).send();
  });
};
