import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BackupList } from '../../../shared/api/backups';
import { canWriteAdmin } from '../../../shared/model/user';
import { listBackups } from '../../backup/backups';
import type { RouteOptions } from '../../context';

/** `GET /api/admin/backups`: admins only (supervisors read other admin lists, not this one). */
export const backupRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/',
    { onRequest: ctx.auth.requireRole(canWriteAdmin), schema: { response: { 200: BackupList } } },
    async () => {
      const { backupDir, backupsScheduled } = ctx.operations;
      if (!backupDir) return { backups: [], lastGoodAt: null, scheduled: false };
      return listBackups(backupDir, backupsScheduled);
    },
  );
};
