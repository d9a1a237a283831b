import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthResponse } from '../../shared/api/auth';
import type { RouteOptions } from '../context';

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get('/health', { schema: { response: { 200: HealthResponse } } }, async () => {
    await ctx.store.ping();
    return {
      status: 'ok' as const,
      db: ctx.store.kind,
      schemaVersion: ctx.store.schemaVersion,
      appVersion: ctx.appVersion,
    };
  });
};
