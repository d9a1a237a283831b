import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Device, DevicesResponse } from '../../../shared/api/admin';
import { fleetWarnings } from '../../../shared/api/fleet';
import { ClientId, canWriteAdmin } from '../../../shared/model/user';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/sync/upgrade';
import { recordAudit } from '../../audit';
import type { RouteOptions } from '../../context';
import { notFound } from '../../errors';
import type { DeviceRecord } from '../../store';

export const deviceRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  /** The device with what an admin should look at, judged against this server's version. */
  const withWarnings = (device: DeviceRecord): Device => ({
    ...device,
    warnings: fleetWarnings(device, ctx.clock(), {
      appVersion: ctx.appVersion,
      schemaVersion: CURRENT_SCHEMA_VERSION,
    }),
  });

  /** The fleet: every device, its last report and its warnings. */
  app.get('/', { schema: { response: { 200: DevicesResponse } } }, async () => ({
    devices: (await ctx.store.listDevices()).map(withWarnings),
  }));

  /** A lost or stolen device: its sessions end and it wipes its local data at next contact. */
  app.post(
    '/:clientId/revoke',
    {
      onRequest: ctx.auth.requireRole(canWriteAdmin),
      schema: { params: z.object({ clientId: ClientId }), response: { 200: Device } },
    },
    async (request) => {
      const { clientId } = request.params;
      const at = ctx.clock().toISOString();
      return ctx.store.transaction(async (tx) => {
        const device = await tx.revokeDevice(clientId, at);
        if (!device) throw notFound('Device');
        const sessions = await tx.revokeSessions({ clientId }, at);
        await recordAudit(tx, request, {
          action: 'device.revoke',
          at,
          target: clientId,
          details: { userId: device.userId, sessions },
        });
        return withWarnings(device);
      });
    },
  );
};
