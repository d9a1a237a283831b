import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canReadAdmin } from '../../../shared/model/user';
import type { RouteOptions } from '../../context';
import { auditCsvRoutes, auditRoutes, recordHistoryRoutes } from './audit';
import { backupRoutes } from './backups';
import { deviceRoutes } from './devices';
import { privacyRoutes } from './privacy';
import { conflictRoutes, quarantineRoutes } from './quarantine';
import { userRoutes } from './users';
import { villageRoutes } from './villages';

/** Admins and supervisors read; only admins write (each write route adds `adminOnly`). */
export const adminRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.addHook('onRequest', ctx.auth.authenticate);
  app.addHook('onRequest', ctx.auth.requireRole(canReadAdmin));
  await app.register(userRoutes, { prefix: '/users', ctx });
  await app.register(villageRoutes, { prefix: '/villages', ctx });
  await app.register(deviceRoutes, { prefix: '/devices', ctx });
  await app.register(auditRoutes, { prefix: '/audit', ctx });
  await app.register(auditCsvRoutes, { ctx });
  await app.register(recordHistoryRoutes, { prefix: '/records', ctx });
  await app.register(privacyRoutes, { prefix: '/privacy', ctx });
  await app.register(quarantineRoutes, { prefix: '/quarantine', ctx });
  await app.register(conflictRoutes, { prefix: '/conflicts', ctx });
  await app.register(backupRoutes, { prefix: '/backups', ctx });
};
