// Photo uploader (docs/architecture.md §5 Blobs), run by each sync between the push and the pull:
// each blob waiting on this device goes up in 512 KiB chunks from where the server stands
// (HEAD), so a connection lost mid-photo costs at most one chunk. A lazy chunk: deviceSync.ts
// imports it only when a photo waits.
import { BLOB_HEADERS } from '../../shared/api/blobs';
import type { BlobSend } from '../api/blobsHttp';
import { ApiError } from '../api/http';
import { type BlobRow, db, type TambonDatabase } from '../db/database';
import { openBlob, planChunks } from './blobs';
import type { SyncProgress } from './engine';

/** Why the server will never take this blob as it is: the row keeps it, with the reason. */
export type BlobFailureCode =
  | 'hash_mismatch'
  | 'size_conflict'
  | 'payload_too_large'
  | 'validation_failed'
  | 'forbidden';

/** A 409 that keeps pointing elsewhere this many times in a row ends this run for the blob. */
const MAX_OFFSET_CORRECTIONS = 5;

export interface UploadSummary {
  /** Now on the server (sent, or found there already), state `stored`. */
  stored: string[];
  /** Refused for good in this run, kept with `error`. */
  failed: Array<{ sha256: string; code: BlobFailureCode }>;
}

class BlobRefused extends Error {
  constructor(readonly code: BlobFailureCode) {
    super(code);
    this.name = 'BlobRefused';
  }
}

/** The refusals a retry cannot fix; anything else (network, 5xx, 401, 429) ends the run. */
function permanentFailure(error: unknown): BlobFailureCode | null {
  if (error instanceof BlobRefused) return error.code;
  if (!(error instanceof ApiError)) return null;
  if (error.status === 422) return 'hash_mismatch';
  if (error.status === 413) return 'payload_too_large';
  if (error.status === 400) return 'validation_failed';
  if (error.status === 403) return 'forbidden';
  return null;
}

function header(response: Response, name: string): string | null {
  return response.headers.get(name);
}

function offsetOf(response: Response): number | null {
  const text = header(response, BLOB_HEADERS.offset);
  if (text === null || !/^\d+$/.test(text)) return null;
  return Number(text);
}

/** The offset a 409 names, when it is about this blob's upload position. */
function conflictOffset(error: unknown, size: number): number | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.details as { offset?: unknown; size?: unknown } | undefined;
  if (typeof details?.size === 'number' && details.size !== size) {
    throw new BlobRefused('size_conflict');
  }
  return typeof details?.offset === 'number' ? details.offset : null;
}

/**
 * Uploads every blob in state `upload` without an error, oldest first. On `complete` the row
 * becomes `stored` (kept for offline viewing; eviction is a separate decision). A refusal that
 * a retry cannot fix (422 hash mismatch, 413, 400) marks that row with an error and the next
 * blob goes on; a network or server failure stops the run and is rethrown (the sync retries
 * later, and HEAD tells where to resume). A blob is never deleted here.
 */
export async function uploadPendingBlobs(
  send: BlobSend,
  database: TambonDatabase = db(),
  onProgress?: (progress: SyncProgress) => void,
): Promise<UploadSummary> {
  const rows = (await database.blobs.where('state').equals('upload').toArray())
    .filter((row) => !row.error)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const summary: UploadSummary = { stored: [], failed: [] };
  let bytesLeft = rows.reduce((sum, row) => sum + row.size, 0);
  let done = 0;
  const report = () => onProgress?.({ phase: 'photos', done, bytesLeft });
  if (rows.length > 0) report();

  for (const row of rows) {
    let left = row.size;
    const progressed = (remaining: number) => {
      bytesLeft -= left - remaining;
      left = remaining;
      report();
    };
    try {
      const photo = await openBlob(database, row.blob, row.mime);
      await uploadOne(send, { ...row, blob: photo }, progressed);
      await database.blobs.update(row.sha256, { state: 'stored', error: undefined });
      summary.stored.push(row.sha256);
      done += 1;
      progressed(0);
    } catch (error) {
      const code = permanentFailure(error);
      if (code === null) throw error;
      await database.blobs.update(row.sha256, {
        error: { code, at: new Date().toISOString() },
      });
      summary.failed.push({ sha256: row.sha256, code });
      progressed(0);
    }
  }
  return summary;
}

/** HEAD, then PATCH chunk after chunk from the server's offset until it says `complete`. */
async function uploadOne(
  send: BlobSend,
  row: BlobRow,
  progressed: (remaining: number) => void,
): Promise<void> {
  const path = `/api/blobs/${row.sha256}`;
  const head = await send(path, { method: 'HEAD' });
  if (header(head, BLOB_HEADERS.status) === 'complete') return; // Another device sent it.
  let offset = header(head, BLOB_HEADERS.status) === 'partial' ? (offsetOf(head) ?? 0) : 0;
  const serverSize = header(head, BLOB_HEADERS.size);
  if (offset > 0 && serverSize !== null && Number(serverSize) !== row.size) {
    throw new BlobRefused('size_conflict');
  }
  let corrections = 0;
  for (;;) {
    if (offset < 0 || offset >= row.size) throw new BlobRefused('size_conflict');
    progressed(row.size - offset);
    const [chunk] = planChunks(row.size, offset);
    if (!chunk) throw new BlobRefused('size_conflict');
    let response: Response;
    try {
      response = await send(path, {
        method: 'PATCH',
        headers: {
          [BLOB_HEADERS.offset]: String(chunk.start),
          [BLOB_HEADERS.size]: String(row.size),
          [BLOB_HEADERS.mime]: row.mime,
        },
        body: row.blob.slice(chunk.start, chunk.end, 'application/octet-stream'),
      });
    } catch (error) {
      // 409: the server holds another offset (an earlier answer was lost): resume from there.
      const corrected = conflictOffset(error, row.size);
      if (corrected === null || corrections >= MAX_OFFSET_CORRECTIONS) throw error;
      corrections += 1;
      offset = corrected;
      continue;
    }
    if (header(response, BLOB_HEADERS.status) === 'complete') return;
    const next = offsetOf(response) ?? chunk.end;
    corrections = next > offset ? 0 : corrections + 1;
    if (corrections > MAX_OFFSET_CORRECTIONS) {
      throw new ApiError(0, 'unknown', 'upload makes no progress');
    }
    offset = next;
  }
}

/** Failed photos get another chance at the next sync (the user asked, e.g. after an update). */
export async function retryFailedBlobs(database: TambonDatabase = db()): Promise<number> {
  return database.blobs
    .where('state')
    .equals('upload')
    .filter((row) => row.error !== undefined)
    .modify((row) => {
      delete row.error;
    });
}
