// POST /api/device/report: after each sync, the device says which app it runs and what it holds
// back. Stored on the session's own device only: a body cannot name another device.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeviceReport } from '../../shared/api/fleet';
import type { RouteOptions } from '../context';
import { requireAuth } from '../plugins/auth';

export const deviceReportRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/report',
    {
      onRequest: ctx.auth.authenticate,
      bodyLimit: 4 * 1024,
      schema: { body: DeviceReport, response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async (request) => {
      const { clientId } = requireAuth(request);
      const reportedAt = ctx.clock().toISOString();
      await ctx.store.saveDeviceReport(clientId, { ...request.body, reportedAt });
      return { ok: true as const };
    },
  );
};
