import { statfs } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthResponse } from '../../shared/api/auth';
import { listBackups } from '../backup/backups';
import { erasuresNotJournaled } from '../backup/erasures';
import type { RouteOptions } from '../context';

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get('/health', { schema: { response: { 200: HealthResponse } } }, async () => {
    await ctx.store.ping();
    const { backupDir, backupsScheduled, dataDir } = ctx.operations;
    const backups = backupDir ? await listBackups(backupDir, backupsScheduled) : null;
    return {
      status: 'ok' as const,
      db: ctx.store.kind,
      schemaVersion: ctx.store.schemaVersion,
      appVersion: ctx.appVersion,
      lastGoodBackupAt: backups?.lastGoodAt ?? null,
      backupsScheduled,
      diskFreeBytes: dataDir ? await freeBytes(dataDir) : null,
      erasuresNotJournaled: backupDir ? await erasuresNotJournaled(ctx.store, backupDir) : null,
    };
  });
};

async function freeBytes(dir: string): Promise<number | null> {
  try {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}
