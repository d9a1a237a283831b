// Photos and files by SHA-256 (docs/architecture.md §5): resumable chunked upload, stored in the database
// (several server processes share it; backups include the photos), downloaded only by users
// who may see a village whose records reference the blob, or by its uploader; an ID-card photo
// only by the roles that see whole national IDs (masking.ts). HEAD and GET answer anyone else
// exactly as for a blob that does not exist.
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BLOB_CHUNK_LIMIT_BYTES,
  BLOB_HEADERS,
  BLOB_MIME_TYPES,
  type BlobState,
  type BlobStatus,
  MAX_BLOB_BYTES,
  Sha256Hex,
} from '../../shared/api/blobs';
import { seesIdCardPhotos } from '../../shared/model/masking';
import { recordAudit } from '../audit';
import type { RouteOptions } from '../context';
import { ApiError, conflict, notFound, validationFailed } from '../errors';
import { requireAuth } from '../plugins/auth';
import type { BlobRecord, Store, UserRecord } from '../store';
import { withRetry } from '../sync/retry';

const Params = z.object({ sha256: Sha256Hex });

function stateOf(blob: BlobRecord | null): BlobState {
  if (!blob) return 'absent';
  return blob.complete ? 'complete' : 'partial';
}

function statusOf(sha256: string, blob: BlobRecord | null): BlobStatus {
  return {
    sha256,
    status: stateOf(blob),
    offset: blob ? blob.received : 0,
    size: blob ? blob.size : 0,
  };
}

function withStatusHeaders(reply: FastifyReply, status: BlobStatus): FastifyReply {
  return reply.headers({
    [BLOB_HEADERS.status]: status.status,
    [BLOB_HEADERS.offset]: String(status.offset),
    ...(status.size > 0 ? { [BLOB_HEADERS.size]: String(status.size) } : {}),
  });
}

/** A non-negative integer header, or a 400 naming it. */
function intHeader(value: string | string[] | undefined, name: string): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,15}$/.test(text)) {
    throw validationFailed([{ path: name, message: 'expected_non_negative_integer' }]);
  }
  return Number(text);
}

/**
 * The blob if `user` may know of it: its uploader (whatever its state, to resume), or a reader
 * of a complete one (referenced in a village of theirs; an ID-card photo only for a role that
 * sees them). Null otherwise, as for a blob that does not exist.
 */
async function blobFor(store: Store, sha256: string, user: UserRecord): Promise<BlobRecord | null> {
  const blob = await store.getBlob(sha256);
  if (!blob) return null;
  if (blob.createdBy === user.id) return blob;
  if (!blob.complete || !(await store.mayReadBlob(sha256, user.id))) return null;
  if (!seesIdCardPhotos(user.role) && (await store.isIdCardPhoto(sha256))) return null;
  return blob;
}

/**
 * A complete blob sent again by someone who may not know it exists: answered as a new upload
 * would be (each chunk acknowledged, the hash checked at the end), so the answers tell them
 * nothing they did not send. The last chunk is compared with the stored bytes: `complete` only
 * for a sender holding the photo, else the same mismatch as a wrong hash. Nothing is stored.
 */
async function copyOfStored(
  tx: Store,
  blob: BlobRecord,
  sent: { offset: number; size: number; chunk: Buffer },
): Promise<{ status: BlobStatus; mismatch: boolean }> {
  const end = sent.offset + sent.chunk.length;
  if (end < sent.size) {
    const status: BlobStatus = {
      sha256: blob.sha256,
      status: 'partial',
      offset: end,
      size: sent.size,
    };
    return { status, mismatch: false };
  }
  const stored = sent.size === blob.size ? await tx.readBlob(blob.sha256) : null;
  const same = stored?.subarray(sent.offset, end).equals(sent.chunk) ?? false;
  if (!same) return { status: statusOf(blob.sha256, null), mismatch: true };
  return { status: statusOf(blob.sha256, blob), mismatch: false };
}

export const blobRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.addHook('onRequest', ctx.auth.authenticate);
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: BLOB_CHUNK_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  /**
   * 200 whatever the state, with `x-blob-status` and `x-blob-offset`; no body. `absent` for a
   * blob the caller neither uploaded nor may read: HEAD tells nobody else that a photo exists.
   */
  app.head('/:sha256', { schema: { params: Params } }, async (request, reply) => {
    const { user } = requireAuth(request);
    const { sha256 } = request.params;
    const blob = await blobFor(ctx.store, sha256, user);
    return withStatusHeaders(reply, statusOf(sha256, blob)).code(200).send();
  });

  app.patch(
    '/:sha256',
    { bodyLimit: BLOB_CHUNK_LIMIT_BYTES, schema: { params: Params } },
    async (request, reply) => {
      const { user } = requireAuth(request);
      const { sha256 } = request.params;
      const offset = intHeader(request.headers[BLOB_HEADERS.offset], BLOB_HEADERS.offset);
      const size = intHeader(request.headers[BLOB_HEADERS.size], BLOB_HEADERS.size);
      const mime = request.headers[BLOB_HEADERS.mime];
      if (size === 0) throw validationFailed([{ path: BLOB_HEADERS.size, message: 'empty_blob' }]);
      if (size > MAX_BLOB_BYTES) {
        throw new ApiError(
          413,
          'payload_too_large',
          `A blob may hold at most ${MAX_BLOB_BYTES} bytes`,
          {
            maxBytes: MAX_BLOB_BYTES,
          },
        );
      }
      if (typeof mime !== 'string' || !(BLOB_MIME_TYPES as readonly string[]).includes(mime)) {
        throw validationFailed([{ path: BLOB_HEADERS.mime, message: 'unsupported_mime' }]);
      }
      const chunk = request.body;
      if (!Buffer.isBuffer(chunk) || chunk.length === 0) {
        throw validationFailed([{ path: 'body', message: 'expected_octet_stream_chunk' }]);
      }
      if (offset + chunk.length > size) {
        throw validationFailed([{ path: 'body', message: 'chunk_past_size' }]);
      }

      const at = ctx.clock().toISOString();
      const outcome = await withRetry(() =>
        ctx.store.transaction(async (tx) => {
          let blob = await tx.getBlob(sha256, { lock: true });
          if (!blob) {
            await tx.createBlob({ sha256, size, mime, createdBy: user.id, at });
            blob = (await tx.getBlob(sha256, { lock: true })) as BlobRecord;
          }
          // Already here (another device sent the same photo): nothing to store.
          if (blob.complete) {
            if (await blobFor(tx, sha256, user)) {
              return { status: statusOf(sha256, blob), mismatch: false };
            }
            return copyOfStored(tx, blob, { offset, size, chunk });
          }
          if (blob.size !== size) {
            throw conflict('This blob is being uploaded with another size', {
              offset: blob.received,
              size: blob.size,
            });
          }
          if (offset !== blob.received) {
            throw conflict('Resume from the offset the server has', { offset: blob.received });
          }
          await tx.appendBlobChunk(sha256, offset, chunk);
          const received = offset + chunk.length;
          if (received < size) {
            await tx.setBlobProgress(sha256, received, null);
            return {
              status: statusOf(sha256, { ...blob, received }),
              mismatch: false,
            };
          }
          const whole = await tx.readBlob(sha256);
          const digest = createHash('sha256').update(whole).digest('hex');
          if (digest !== sha256 || whole.length !== size) {
            // Committed: the bad upload is gone and the device starts over.
            await tx.deleteBlob(sha256);
            return { status: statusOf(sha256, null), mismatch: true };
          }
          await tx.setBlobProgress(sha256, received, at);
          await recordAudit(tx, request, {
            action: 'blob.upload',
            at,
            target: sha256,
            details: { size, mime },
          });
          return {
            status: statusOf(sha256, { ...blob, received, complete: true }),
            mismatch: false,
          };
        }),
      );
      if (outcome.mismatch) {
        throw new ApiError(422, 'validation_failed', 'hash mismatch', { offset: 0 });
      }
      return withStatusHeaders(reply, outcome.status).code(200).send(outcome.status);
    },
  );

  app.get(
    '/:sha256',
    { exposeHeadRoute: false, schema: { params: Params } },
    async (request, reply) => {
      const { user } = requireAuth(request);
      const { sha256 } = request.params;
      // Same answer for "absent" and "not yours": existence is not revealed.
      const blob = await blobFor(ctx.store, sha256, user);
      if (!blob?.complete) throw notFound('Blob');
      const bytes = await ctx.store.readBlob(sha256);
      return reply
        .code(200)
        .type(blob.mime)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('content-length', String(bytes.length))
        .send(bytes);
    },
  );
};
