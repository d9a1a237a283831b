// The tambon's offline basemap (issue 16); see src/shared/api/basemap.ts.
//
// PUT    /api/basemap?attribution=  admins: body the PMTiles v3 file (application/octet-stream), at
//   most MAX_BASEMAP_BYTES: 200 BasemapInfo; replaces any earlier one. 400 validation_failed
//   [{path: 'body', message: 'not_pmtiles_v3'}] for any other file, 413 past the limit.
// GET    /api/basemap        any signed-in user: the file, 200 whole or 206 for one `Range`
//   (Accept-Ranges, Content-Range, a strong ETag), 416 for a range it cannot serve; HEAD too.
// GET    /api/basemap/info   any signed-in user: BasemapInfo.
// DELETE /api/basemap        admins: 204.
// 404 not_found while there is no basemap. The bytes are kept in the database as blob chunks
// (store/basemap.ts): PostgreSQL installs have no data directory, and backups carry them.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BASEMAP_CHUNK_BYTES,
  BasemapInfo,
  BasemapUploadQuery,
  isPmtilesV3,
  MAX_BASEMAP_BYTES,
  OSM_ATTRIBUTION,
  PMTILES_MIME,
  parseRange,
} from '../../shared/api/basemap';
import { canWriteAdmin } from '../../shared/model/roles';
import { recordAudit } from '../audit';
import type { RouteOptions } from '../context';
import { ApiError, notFound, validationFailed } from '../errors';
import { requireAuth } from '../plugins/auth';
import type { Store } from '../store';
import type { BasemapRecord } from '../store/basemap';

const etagOf = (basemap: BasemapRecord) => `"${basemap.sha256}"`;

function infoOf(basemap: BasemapRecord): BasemapInfo {
  return {
    size: basemap.size,
    etag: etagOf(basemap),
    uploadedAt: basemap.uploadedAt,
    attribution: basemap.attribution,
  };
}

async function* streamRange(
  store: Store,
  sha256: string,
  start: number,
  end: number,
): AsyncGenerator<Buffer> {
  for (let from = start; from <= end; ) {
    const to = Math.min(
      end,
      (Math.floor(from / BASEMAP_CHUNK_BYTES) + 1) * BASEMAP_CHUNK_BYTES - 1,
    );
    yield await store.readBasemapRange(sha256, from, to);
    from = to + 1;
  }
}

export const basemapRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.addHook('onRequest', ctx.auth.authenticate);
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: MAX_BASEMAP_BYTES },
    (_request, body, done) => done(null, body),
  );
  const adminOnly = ctx.auth.requireRole(canWriteAdmin);

  const current = async () => {
    const basemap = await ctx.store.getBasemap();
    if (!basemap) throw notFound('Basemap');
    return basemap;
  };

  app.put(
    '/',
    {
      onRequest: adminOnly,
      bodyLimit: MAX_BASEMAP_BYTES,
      schema: { querystring: BasemapUploadQuery, response: { 200: BasemapInfo } },
    },
    async (request) => {
      const { user } = requireAuth(request);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new ApiError(
          415,
          'validation_failed',
          'Send the PMTiles file as application/octet-stream',
          [{ path: 'body', message: 'expected_file' }],
        );
      }
      if (!isPmtilesV3(body)) {
        throw validationFailed([{ path: 'body', message: 'not_pmtiles_v3' }]);
      }
      const at = ctx.clock().toISOString();
      const basemap: BasemapRecord = {
        sha256: createHash('sha256').update(body).digest('hex'),
        size: body.length,
        attribution: request.query.attribution ?? OSM_ATTRIBUTION,
        uploadedBy: user.id,
        uploadedAt: at,
      };
      await ctx.store.transaction(async (tx) => {
        await tx.putBasemap({ ...basemap, mime: PMTILES_MIME, bytes: body });
        await recordAudit(tx, request, {
          action: 'basemap.upload',
          at,
          target: basemap.sha256,
          details: { size: basemap.size },
        });
      });
      return infoOf(basemap);
    },
  );

  app.get('/info', { schema: { response: { 200: BasemapInfo } } }, async () =>
    infoOf(await current()),
  );

  // HEAD is its own route: Fastify's automatic one would answer a length of 0.
  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const basemap = await current();
    const range = parseRange(request.headers.range, basemap.size);
    reply.headers({
      'accept-ranges': 'bytes',
      etag: etagOf(basemap),
      'cache-control': 'private, no-store',
      'content-type': PMTILES_MIME,
    });
    if (range === 'unsatisfiable') {
      throw new ApiError(
        416,
        'validation_failed',
        'The range is not in the basemap',
        [{ path: 'range', message: 'range_not_satisfiable' }],
        { 'content-range': `bytes */${basemap.size}` },
      );
    }
    const { start, end } = range ?? { start: 0, end: basemap.size - 1 };
    if (range) reply.code(206).header('content-range', `bytes ${start}-${end}/${basemap.size}`);
    reply.header('content-length', String(end - start + 1));
    // HEAD: no payload, so Fastify keeps the length above instead of the empty body's.
    if (request.method === 'HEAD') return reply.send();
    if (end - start < BASEMAP_CHUNK_BYTES) {
      return reply.send(await ctx.store.readBasemapRange(basemap.sha256, start, end));
    }
    // A long range (the whole 200 MB file) goes out a stored chunk at a time, not from memory.
    return reply.send(Readable.from(streamRange(ctx.store, basemap.sha256, start, end)));
  };
  app.get('/', { exposeHeadRoute: false }, serve);
  app.head('', serve); // '' and not '/': Fastify gives a prefix's '/' no HEAD twin without the slash

  app.delete('/', { onRequest: adminOnly }, async (request, reply) => {
    const at = ctx.clock().toISOString();
    await ctx.store.transaction(async (tx) => {
      const old = await tx.deleteBasemap();
      if (!old) throw notFound('Basemap');
      await recordAudit(tx, request, { action: 'basemap.delete', at, target: old.sha256 });
    });
    return reply.code(204).send();
  });
};
