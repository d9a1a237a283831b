// POST /api/auth/login, /logout and /rotate. Their bodies are a few hundred bytes at most, so
// they take at most AUTH_BODY_LIMIT (app.ts), whatever the server-wide limit.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LoginRequest, LoginResponse, RotateResponse } from '../../shared/api/auth';
import { recordAudit } from '../audit';
import { login } from '../auth/login';
import { sessionLifetime, startSession } from '../auth/sessions';
import { hashToken } from '../auth/tokens';
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

  /**
   * A fresh token for the same device and login; the presented one ends once the device uses
   * the new one (plugins/auth.ts: the answer may never arrive). The session keeps its login
   * time, so rotating never outlives the absolute session lifetime.
   */
  app.post(
    '/rotate',
    { onRequest: ctx.auth.authenticate, schema: { response: { 200: RotateResponse } } },
    async (request) => {
      const { user, tokenHash, clientId, loginAt } = requireAuth(request);
      const now = ctx.clock();
      const at = now.toISOString();
      return ctx.store.transaction(async (tx) => {
        // Ends the presented session and any successor an earlier rotation made that never
        // reached the device.
        await tx.revokeSession(tokenHash, at);
        const rotated = await startSession(tx, sessionLifetime(ctx), {
          userId: user.id,
          clientId,
          loginAt,
          now,
        });
        await tx.setSessionSuccessor(tokenHash, hashToken(rotated.token));
        await recordAudit(tx, request, { action: 'auth.rotate', at, target: clientId });
        return rotated;
      });
    },
  );
};
