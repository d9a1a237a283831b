// Photos on view (docs/architecture.md §5 Blobs): from the `blobs` table if the device has them, else
// downloaded once with the session token (a header, so not an <img src> to the API), checked
// against their SHA-256 and kept as `stored` for offline viewing.

import type { BlobSend } from '../api/blobsHttp';
import { ApiError } from '../api/http';
import { type BlobRow, db, type TambonDatabase } from '../db/database';
import { openBlob, sealBlob, sha256Hex } from './blobs';

export type PhotoLoad =
  | { status: 'ready'; blob: Blob }
  /** Not on this device and no network: shown as a placeholder until online. */
  | { status: 'offline' }
  /** The server has no such photo for this user (not uploaded yet, or not theirs to see). */
  | { status: 'missing' }
  | { status: 'failed'; error: unknown };

/** The photo's bytes on this device, if any (waiting for upload or already stored). */
export async function cachedBlob(database: TambonDatabase, sha256: string): Promise<Blob | null> {
  const row = await database.blobs.get(sha256);
  return row ? openBlob(database, row.blob, row.mime) : null;
}

export class BlobIntegrityError extends Error {
  constructor(readonly sha256: string) {
    super(`downloaded bytes do not match ${sha256}`);
    this.name = 'BlobIntegrityError';
  }
}

const downloads = new Map<string, Promise<Blob>>();

/**
 * GET /api/blobs/:sha256, verified and stored with state `stored` (a row already there, e.g.
 * one waiting for upload, is left as it is). Parallel calls for one photo share one request.
 */
export function downloadBlob(
  database: TambonDatabase,
  sha256: string,
  send: BlobSend,
): Promise<Blob> {
  const key = `${database.name}/${sha256}`;
  let running = downloads.get(key);
  if (!running) {
    running = fetchAndStore(database, sha256, send).finally(() => downloads.delete(key));
    downloads.set(key, running);
  }
  return running;
}

async function fetchAndStore(
  database: TambonDatabase,
  sha256: string,
  send: BlobSend,
): Promise<Blob> {
  const response = await send(`/api/blobs/${sha256}`, { method: 'GET' });
  const mime =
    response.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream';
  const bytes = await response.arrayBuffer();
  if ((await sha256Hex(bytes)) !== sha256) throw new BlobIntegrityError(sha256);
  const blob = new Blob([bytes], { type: mime });
  const sealed = await sealBlob(database, blob);
  const existing = await database.transaction('rw', database.blobs, async () => {
    const stored = await database.blobs.get(sha256);
    if (stored) return stored;
    const row: BlobRow = {
      sha256,
      blob: sealed,
      size: blob.size,
      mime,
      state: 'stored',
      createdAt: new Date().toISOString(),
    };
    await database.blobs.add(row);
    return null;
  });
  return existing ? openBlob(database, existing.blob, existing.mime) : blob;
}

/** The photo from this device, else from the server when online; never throws. */
export async function loadPhoto(
  sha256: string,
  options: { send: BlobSend; online: boolean; database?: TambonDatabase },
): Promise<PhotoLoad> {
  const database = options.database ?? db();
  try {
    const cached = await cachedBlob(database, sha256);
    if (cached) return { status: 'ready', blob: cached };
    if (!options.online) return { status: 'offline' };
    return { status: 'ready', blob: await downloadBlob(database, sha256, options.send) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'offline') return { status: 'offline' };
    if (error instanceof ApiError && error.status === 404) return { status: 'missing' };
    return { status: 'failed', error };
  }
}
