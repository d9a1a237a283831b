import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VillagesResponse } from '../../shared/api/auth';
import type { RouteOptions } from '../context';

/** Every village of the organization: names and numbers are not sensitive, and forms need them. */
export const villagesRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/',
    { onRequest: ctx.auth.authenticate, schema: { response: { 200: VillagesResponse } } },
    async () => ({ villages: await ctx.store.listVillages() }),
  );
};
