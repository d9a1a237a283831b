import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LoginRequest, LoginResponse } from '../../shared/api/auth';
import { recordAudit } from '../audit';
import { login } from '../auth/login';
import type { RouteOptions } from '../context';
import { requireAuth } from '../plugins/auth';

export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/login',
    { schema: { body: LoginRequest, response: { 200: LoginResponse } } },
    (request) => login(ctx, request, request.body),
  );

  app.post('/logout', { onRequest: ctx.auth.authenticate }, async (request, reply) => {
    const { tokenHash, clientId } = requireAuth(request);
    const at = ctx.clock().toISOString();
    await ctx.store.revokeSession(tokenHash, at);
    await recordAudit(ctx.store, request, { action: 'auth.logout', at, target: clientId });
    return reply.code(204).send();
  });
};
