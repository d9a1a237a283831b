// POST /api/audit/events (any signed-in role): what a device showed or let out while it may have
// been offline (src/shared/api/deviceEvents.ts), each recorded once by its id with the device's
// own time, unless that time is implausible (before 2020, more than a day ahead of the server):
// then it is dated on arrival, with the device's time and the reason in its details, so a wrong
// or forged clock cannot put it at the top of the log forever. An event about a village or record outside the user's villages (decided in SQL) is
// refused, and the refusal is logged as `audit.event_refused`.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type DeviceEvent,
  DeviceEventsRequest,
  DeviceEventsResponse,
  implausibleDeviceTime,
} from '../../shared/api/deviceEvents';
import { recordAudit } from '../audit';
import type { RouteOptions } from '../context';
import { requireAuth } from '../plugins/auth';

type Refusal = { id: string; reason: 'village_not_allowed' | 'record_not_allowed' };

export const auditEventRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/events',
    {
      onRequest: ctx.auth.authenticate,
      schema: { body: DeviceEventsRequest, response: { 200: DeviceEventsResponse } },
    },
    async (request) => {
      const { user, clientId } = requireAuth(request);
      const now = ctx.clock();
      const receivedAt = now.toISOString();
      const { events } = request.body;
      return ctx.store.transaction(async (tx) => {
        const scope = await tx.visibleScope(
          user.id,
          events.flatMap((e) => (e.villageId ? [e.villageId] : [])),
          events.flatMap((e) => (e.recordId ? [e.recordId] : [])),
        );
        const refusalOf = (event: DeviceEvent): Refusal | null => {
          if (event.villageId && !scope.villageIds.has(event.villageId)) {
            return { id: event.id, reason: 'village_not_allowed' };
          }
          if (event.recordId && !scope.recordIds.has(event.recordId)) {
            return { id: event.id, reason: 'record_not_allowed' };
          }
          return null;
        };
        const refused: Refusal[] = [];
        const allowed: DeviceEvent[] = [];
        for (const event of events) {
          const refusal = refusalOf(event);
          if (refusal) refused.push(refusal);
          else allowed.push(event);
        }
        const stored = await tx.appendDeviceAudit(
          allowed.map((event) => {
            const timeRefused = implausibleDeviceTime(event.at, now);
            return {
              eventId: event.id,
              at: timeRefused ? receivedAt : new Date(event.at).toISOString(),
              userId: user.id,
              action: event.kind,
              target: event.recordId ?? event.villageId,
              details: {
                clientId,
                villageId: event.villageId,
                recordId: event.recordId,
                receivedAt,
                ...(timeRefused ? { deviceAt: event.at, timeRefused } : {}),
                ...(event.details ? { details: event.details } : {}),
              },
              ip: request.ip,
            };
          }),
        );
        for (const refusal of refused) {
          const event = events.find((e) => e.id === refusal.id) as DeviceEvent;
          await recordAudit(tx, request, {
            action: 'audit.event_refused',
            at: receivedAt,
            target: event.recordId ?? event.villageId,
            details: {
              eventId: event.id,
              kind: event.kind,
              clientId,
              villageId: event.villageId,
              recordId: event.recordId,
              reason: refusal.reason,
            },
          });
        }
        return { recorded: allowed.map((e) => e.id).filter((id) => stored.has(id)), refused };
      });
    },
  );
};
