// The tambon's offline basemap (issue 16); see src/shared/api/basemap.ts.
//
// PUT    /api/basemap?attribution=  admins: body the PMTiles v3 file, or an MBTiles file (raster
//   tiles in SQLite) converted here to PMTiles v3 and kept as a PMTiles upload is
//   (basemap/mbtiles.ts); application/octet-stream, at most MAX_BASEMAP_BYTES: 200 BasemapInfo;
//   replaces any earlier one. The attribution: the query's, else the MBTiles metadata's, else
//   OSM's. 400 validation_failed [{path: 'body', message: BasemapRefusalCode}] for a file it
//   does not take ('not_pmtiles_or_mbtiles', or the MBTiles reader's reason), 413 past the
//   limit, 429 while another MBTiles conversion runs (one at a time: each holds the file twice
//   in memory).
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
  isSqlite,
  MAX_BASEMAP_BYTES,
  OSM_ATTRIBUTION,
  PMTILES_MIME,
  parseRange,
} from '../../shared/api/basemap';
import { canWriteAdmin } from '../../shared/model/roles';
import { recordAudit } from '../audit';
import { MbtilesRefused, mbtilesToPmtiles } from '../basemap/mbtiles';
import { oneAtATime } from '../basemap/oneAtATime';
import type { RouteOptions } from '../context';
import { ApiError, notFound, tooManyRequests, validationFailed } from '../errors';
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
  const convertAlone = oneAtATime(() => tooManyRequests(30, 'Another basemap is being converted'));

  /** The upload as PMTiles bytes, with the attribution an MBTiles file names. */
  const asPmtiles = async (
    body: Buffer,
  ): Promise<{ bytes: Buffer; attribution: string | null; tiles?: number }> => {
    if (isPmtilesV3(body)) return { bytes: body, attribution: null };
    if (!isSqlite(body)) {
      throw validationFailed([{ path: 'body', message: 'not_pmtiles_or_mbtiles' }]);
    }
    try {
      const converted = await convertAlone(() => mbtilesToPmtiles(body));
      return {
        bytes: converted.pmtiles,
        attribution: converted.attribution,
        tiles: converted.tileCount,
      };
    } catch (error) {
      if (error instanceof MbtilesRefused) {
        throw validationFailed([{ path: 'body', message: error.code }]);
      }
      throw error;
    }
  };

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
          'Send the PMTiles or MBTiles file as application/octet-stream',
          [{ path: 'body', message: 'expected_file' }],
        );
      }
      const upload = await asPmtiles(body);
      const bytes = upload.bytes;
      const at = ctx.clock().toISOString();
      const basemap: BasemapRecord = {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        attribution: request.query.attribution ?? upload.attribution ?? OSM_ATTRIBUTION,
        uploadedBy: user.id,
        uploadedAt: at,
      };
      await ctx.store.transaction(async (tx) => {
        await tx.putBasemap({ ...basemap, mime: PMTILES_MIME, bytes });
        await recordAudit(tx, request, {
          action: 'basemap.upload',
          at,
          target: basemap.sha256,
          details: {
            size: basemap.size,
            ...(upload.tiles !== undefined && { from: 'mbtiles', tiles: upload.tiles }),
          },
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
