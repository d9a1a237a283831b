import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditQuery, AuditResponse } from '../../../shared/api/admin';
import { canWriteAdmin } from '../../../shared/model/user';
import type { RouteOptions } from '../../context';

/** Admins only: the trail shows who did what, including supervisors. */
export const auditRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/',
    {
      onRequest: ctx.auth.requireRole(canWriteAdmin),
      schema: { querystring: AuditQuery, response: { 200: AuditResponse } },
    },
    async (request) => {
      const { limit, before } = request.query;
      const entries = await ctx.store.listAudit({ limit, before });
      const last = entries.at(-1);
      return { entries, nextBefore: entries.length === limit && last ? last.id : null };
    },
  );
};
