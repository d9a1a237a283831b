// The tax map's parcel layer (issue 16), admins only; see src/shared/api/parcels.ts.
//
// POST /api/parcels/preview?fileName=  body: the file (application/octet-stream, zip or geo+json),
//   at most MAX_PARCEL_UPLOAD_BYTES: 200 ParcelPreview; nothing is written.
// POST /api/parcels/import?fileName=   the same body: 201 ParcelImportResult, the parcels written
//   through the sync engine in one transaction, one audit line `parcels.import`.
// Both: 401 without a session, 403 for any role but admin (before the body is read), 413
//   payload_too_large past the limit (or a zip whose files are too large), 415 for a JSON or
//   form body, 400 validation_failed with details [{path: 'body', message: <GeoErrorCode>,
//   params}] for a file the reader refuses (not a zip or GeoJSON, unknown projection, malformed
//   records, too many parcels or vertices, no parcel code column…).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  MAX_PARCEL_UPLOAD_BYTES,
  PARCEL_UPLOAD_TYPES,
  ParcelImportResult,
  ParcelPreview,
  ParcelUploadQuery,
} from '../../shared/api/parcels';
import { isGeoError } from '../../shared/geo/errors';
import { canWriteAdmin } from '../../shared/model/roles';
import { recordAudit } from '../audit';
import type { RouteOptions } from '../context';
import { ApiError } from '../errors';
import { importParcelLayer, previewParcelLayer } from '../parcels/importLayer';
import { requireAuth } from '../plugins/auth';

/** The uploaded file's bytes, or 415 for a body the routes do not take. */
function fileOf(request: FastifyRequest): Uint8Array {
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new ApiError(
      415,
      'validation_failed',
      'Send the layer file as application/octet-stream',
      [{ path: 'body', message: 'expected_file' }],
    );
  }
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

/** A reader's refusal as the API's error; anything else is rethrown. */
function asApiError(error: unknown): never {
  if (!isGeoError(error)) throw error;
  const issue = { path: 'body', message: error.code, params: error.params };
  if (error.code === 'too_large') {
    throw new ApiError(413, 'payload_too_large', 'The layer file is too large', [issue]);
  }
  throw new ApiError(400, 'validation_failed', `The layer file cannot be read: ${error.code}`, [
    issue,
  ]);
}

export const parcelRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.addHook('onRequest', ctx.auth.authenticate);
  // Only admins import the tax map (shared/sync/permissions.ts: only they write parcels).
  app.addHook('onRequest', ctx.auth.requireRole(canWriteAdmin));
  for (const type of PARCEL_UPLOAD_TYPES) {
    app.addContentTypeParser(
      type,
      { parseAs: 'buffer', bodyLimit: MAX_PARCEL_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
  const options = {
    bodyLimit: MAX_PARCEL_UPLOAD_BYTES,
    schema: { querystring: ParcelUploadQuery },
  };

  app.post(
    '/preview',
    { ...options, schema: { ...options.schema, response: { 200: ParcelPreview } } },
    async (request) => {
      const { user } = requireAuth(request);
      return previewParcelLayer(ctx.store, user, fileOf(request)).catch(asApiError);
    },
  );

  app.post(
    '/import',
    {
      ...options,
      config: { answerOnce: true },
      schema: { ...options.schema, response: { 201: ParcelImportResult } },
    },
    async (request, reply) => {
      const { user } = requireAuth(request);
      const at = ctx.clock().toISOString();
      const result = await importParcelLayer(ctx.store, {
        user,
        bytes: fileOf(request),
        at,
        onWritten: (tx, written) =>
          recordAudit(tx, request, {
            action: 'parcels.import',
            at,
            target: written.importId,
            details: {
              fileName: request.query.fileName,
              projection: written.projection,
              counts: written.counts,
              villages: written.villages.map((v) => ({ mooNo: v.mooNo, parcels: v.parcels })),
            },
          }),
      }).catch(asApiError);
      return reply.code(201).send(result);
    },
  );
};
