// `GET /metrics` in Prometheus' text format, behind its own bearer token (METRICS_TOKEN): a
// scraper is not a user and gets no session. Without a token the route does not exist.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { listBackups } from '../backup/backups';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';

export function registerMetrics(app: FastifyInstance, ctx: ServerContext, token?: string): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    ctx.metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  if (!token) return;
  const expected = digest(token);
  app.get('/metrics', async (request, reply) => {
    const offered = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(offered), expected)) {
      throw new ApiError(401, 'unauthenticated', 'The metrics token is missing or wrong');
    }
    const { backupDir, backupsScheduled } = ctx.operations;
    const lastGoodAt = backupDir
      ? (await listBackups(backupDir, backupsScheduled)).lastGoodAt
      : null;
    const now = ctx.clock().getTime();
    const text = ctx.metrics.render({
      openQuarantine: await ctx.store.countOpenQuarantine(),
      openConflicts: await ctx.store.countOpenConflicts(),
      backupAgeSeconds: lastGoodAt ? Math.round((now - Date.parse(lastGoodAt)) / 1000) : null,
    });
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(text);
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
