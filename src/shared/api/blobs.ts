import { z } from 'zod';

/**
 * Photos and files, stored once per SHA-256 (`/api/blobs/:sha256`). A device uploads in chunks
 * of at most `BLOB_CHUNK_BYTES` with PATCH, resuming from the offset HEAD reports.
 */
export const BLOB_CHUNK_BYTES = 512 * 1024;
/** The largest single PATCH body the server takes (a chunk plus a little slack). */
export const BLOB_CHUNK_LIMIT_BYTES = BLOB_CHUNK_BYTES + 4 * 1024;
/** The largest blob: 20 MiB. */
export const MAX_BLOB_BYTES = 20 * 1024 * 1024;
export const BLOB_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
] as const;
export type BlobMime = (typeof BLOB_MIME_TYPES)[number];

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { message: 'invalid_sha256' });

/** Request and response headers of the blob routes. */
export const BLOB_HEADERS = {
  /** `complete`, `partial` or `absent` (HEAD, PATCH). */
  status: 'x-blob-status',
  /** Bytes received so far (HEAD, PATCH answers); where this chunk starts (PATCH requests). */
  offset: 'x-blob-offset',
  /** Total size of the blob in bytes (PATCH requests). */
  size: 'x-blob-size',
  /** One of `BLOB_MIME_TYPES` (PATCH requests). */
  mime: 'x-blob-mime',
} as const;

export const BlobState = z.enum(['complete', 'partial', 'absent']);
export type BlobState = z.infer<typeof BlobState>;

/** The body of a successful PATCH. */
export const BlobStatus = z.object({
  sha256: Sha256Hex,
  status: BlobState,
  /** Bytes received so far: the offset of the next chunk. */
  offset: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
});
export type BlobStatus = z.infer<typeof BlobStatus>;
