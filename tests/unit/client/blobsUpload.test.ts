// The uploader's state machine against a stub `send`: an in-memory blob server that answers
// HEAD and PATCH like src/server/routes/blobs.ts, with hooks to misbehave.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobSend, RawRequest } from '../../../src/client/api/blobsHttp';
import { ApiError } from '../../../src/client/api/http';
import { TambonDatabase } from '../../../src/client/db/database';
import { preparedBlob, storePhoto } from '../../../src/client/sync/blobs';
import { retryFailedBlobs, uploadPendingBlobs } from '../../../src/client/sync/blobsUpload';
import type { SyncProgress } from '../../../src/client/sync/engine';
import { BLOB_CHUNK_BYTES } from '../../../src/shared/api/blobs';
import { uuidv7 } from '../../../src/shared/ids';

const K = BLOB_CHUNK_BYTES;

function randomBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >>> 16;
  }
  return bytes;
}

interface Held {
  size: number;
  received: Uint8Array[];
  offset: number;
  complete: boolean;
}

interface Call {
  method: RawRequest['method'];
  sha256: string;
  offset?: number;
  length?: number;
}

/** Answers like the real server; `before` may throw or answer instead for one call. */
class FakeBlobServer {
  readonly blobs = new Map<string, Held>();
  readonly calls: Call[] = [];
  before: ((call: Call, index: number) => Response | undefined) | null = null;

  send: BlobSend = async (path, init) => {
    const sha256 = path.split('/').pop() ?? '';
    const call: Call = { method: init.method, sha256 };
    let chunk: Uint8Array | null = null;
    if (init.method === 'PATCH') {
      chunk = new Uint8Array(await (init.body as Blob).arrayBuffer());
      call.offset = Number(init.headers?.['x-blob-offset']);
      call.length = chunk.length;
    }
    this.calls.push(call);
    const early = this.before?.(call, this.calls.length - 1);
    if (early) return early;
    const held = this.blobs.get(sha256);
    if (init.method === 'HEAD') return this.status(held);
    if (init.method !== 'PATCH' || !chunk) throw new Error('unexpected');
    const size = Number(init.headers?.['x-blob-size']);
    let blob = held;
    if (!blob) {
      blob = { size, received: [], offset: 0, complete: false };
      this.blobs.set(sha256, blob);
    }
    if (blob.complete) return this.status(blob);
    if (call.offset !== blob.offset) {
      throw new ApiError(409, 'conflict', 'resume', { offset: blob.offset });
    }
    blob.received.push(chunk);
    blob.offset += chunk.length;
    if (blob.offset === blob.size) {
      const whole = Buffer.concat(blob.received);
      if (createHash('sha256').update(whole).digest('hex') !== sha256) {
        this.blobs.delete(sha256);
        throw new ApiError(422, 'validation_failed', 'hash mismatch', { offset: 0 });
      }
      blob.complete = true;
    }
    return this.status(blob);
  };

  status(held: Held | undefined): Response {
    const status = !held ? 'absent' : held.complete ? 'complete' : 'partial';
    return new Response(null, {
      status: 200,
      headers: {
        'x-blob-status': status,
        'x-blob-offset': String(held?.offset ?? 0),
        ...(held ? { 'x-blob-size': String(held.size) } : {}),
      },
    });
  }

  bytes(sha256: string): Buffer {
    return Buffer.concat(this.blobs.get(sha256)?.received ?? []);
  }

  patches(sha256?: string): Call[] {
    return this.calls.filter((c) => c.method === 'PATCH' && (!sha256 || c.sha256 === sha256));
  }
}

let database: TambonDatabase;
let server: FakeBlobServer;

beforeEach(async () => {
  database = new TambonDatabase(`upload-test-${uuidv7()}`);
  await database.open();
  server = new FakeBlobServer();
});
afterEach(async () => {
  await database.delete();
});

async function addPhoto(size: number, seed = 1) {
  const bytes = randomBytes(size, seed);
  const photo = await preparedBlob(new Blob([bytes], { type: 'image/jpeg' }));
  await storePhoto(database, photo);
  return { ...photo, bytes };
}

describe('uploadPendingBlobs', () => {
  it('sends a new photo in 512 KiB chunks and marks it stored', async () => {
    const photo = await addPhoto(2 * K + 777);
    const progress: SyncProgress[] = [];
    const summary = await uploadPendingBlobs(server.send, database, (p) => progress.push(p));
    expect(summary).toEqual({ stored: [photo.sha256], failed: [] });
    expect(server.calls.map((c) => [c.method, c.offset, c.length])).toEqual([
      ['HEAD', undefined, undefined],
      ['PATCH', 0, K],
      ['PATCH', K, K],
      ['PATCH', 2 * K, 777],
    ]);
    expect(server.bytes(photo.sha256).equals(Buffer.from(photo.bytes))).toBe(true);
    const row = await database.blobs.get(photo.sha256);
    expect(row?.state).toBe('stored');
    expect(row?.blob.size).toBe(photo.size); // Kept for offline viewing.
    expect(progress.every((p) => p.phase === 'photos')).toBe(true);
    expect(progress[0]?.bytesLeft).toBe(photo.size);
    expect(progress.at(-1)).toEqual({ phase: 'photos', done: 1, bytesLeft: 0 });
    const lefts = progress.map((p) => p.bytesLeft ?? 0);
    expect([...lefts].sort((a, b) => b - a)).toEqual(lefts);
  });

  it('resumes from the offset HEAD reports after a run that died midway', async () => {
    const photo = await addPhoto(2 * K + 10);
    server.before = (call) => {
      if (call.method === 'PATCH' && call.offset === K) throw new ApiError(0, 'unreachable', 'x');
      return undefined;
    };
    await expect(uploadPendingBlobs(server.send, database)).rejects.toMatchObject({
      code: 'unreachable',
    });
    expect((await database.blobs.get(photo.sha256))?.state).toBe('upload');
    expect(server.blobs.get(photo.sha256)?.offset).toBe(K);

    server.before = null;
    server.calls.length = 0;
    await uploadPendingBlobs(server.send, database);
    expect(server.calls.map((c) => [c.method, c.offset])).toEqual([
      ['HEAD', undefined],
      ['PATCH', K],
      ['PATCH', 2 * K],
    ]);
    expect(server.bytes(photo.sha256).equals(Buffer.from(photo.bytes))).toBe(true);
    expect((await database.blobs.get(photo.sha256))?.state).toBe('stored');
  });

  it('follows a 409 to the offset the server has (an answer was lost)', async () => {
    const photo = await addPhoto(3 * K);
    // HEAD claims nothing is there, but the server already holds the first chunk.
    server.blobs.set(photo.sha256, {
      size: photo.size,
      received: [photo.bytes.subarray(0, K)],
      offset: K,
      complete: false,
    });
    server.before = (call) =>
      call.method === 'HEAD'
        ? new Response(null, { headers: { 'x-blob-status': 'absent', 'x-blob-offset': '0' } })
        : undefined;
    await uploadPendingBlobs(server.send, database);
    expect(server.patches().map((c) => c.offset)).toEqual([0, K, 2 * K]);
    expect(server.bytes(photo.sha256).equals(Buffer.from(photo.bytes))).toBe(true);
    expect((await database.blobs.get(photo.sha256))?.state).toBe('stored');
  });

  it('marks a hash mismatch on the row, keeps it, and goes on with the next photo', async () => {
    const bytes = randomBytes(K + 50, 7);
    const wrong = await preparedBlob(new Blob([bytes], { type: 'image/jpeg' }));
    const claimed = { ...wrong, sha256: 'f'.repeat(64) };
    await storePhoto(database, claimed);
    await database.blobs.update(claimed.sha256, { createdAt: '2000-01-01T00:00:00.000Z' });
    const good = await addPhoto(1000, 3);

    const summary = await uploadPendingBlobs(server.send, database);
    expect(summary).toEqual({
      stored: [good.sha256],
      failed: [{ sha256: claimed.sha256, code: 'hash_mismatch' }],
    });
    const row = await database.blobs.get(claimed.sha256);
    expect(row?.state).toBe('upload');
    expect(row?.error?.code).toBe('hash_mismatch');
    expect(row?.blob.size).toBe(bytes.length);
    expect((await database.blobs.get(good.sha256))?.state).toBe('stored');

    // Failed rows wait for the user: the next run leaves them alone…
    server.calls.length = 0;
    expect(await uploadPendingBlobs(server.send, database)).toEqual({ stored: [], failed: [] });
    expect(server.calls).toEqual([]);
    // …until they ask to try again.
    expect(await retryFailedBlobs(database)).toBe(1);
    expect((await database.blobs.get(claimed.sha256))?.error).toBeUndefined();
    const again = await uploadPendingBlobs(server.send, database);
    expect(again.failed).toEqual([{ sha256: claimed.sha256, code: 'hash_mismatch' }]);
  });

  it('marks a photo stored without sending it when HEAD says another device sent it', async () => {
    const photo = await addPhoto(K + 1);
    server.blobs.set(photo.sha256, {
      size: photo.size,
      received: [photo.bytes],
      offset: photo.size,
      complete: true,
    });
    const summary = await uploadPendingBlobs(server.send, database);
    expect(summary.stored).toEqual([photo.sha256]);
    expect(server.calls.map((c) => c.method)).toEqual(['HEAD']);
    expect((await database.blobs.get(photo.sha256))?.state).toBe('stored');
  });

  it('stops at the first chunk when PATCH answers complete (a race with another device)', async () => {
    const photo = await addPhoto(2 * K);
    server.before = (call) => {
      if (call.method !== 'PATCH') return undefined;
      return new Response(null, {
        headers: { 'x-blob-status': 'complete', 'x-blob-offset': String(photo.size) },
      });
    };
    await uploadPendingBlobs(server.send, database);
    expect(server.patches()).toHaveLength(1);
    expect((await database.blobs.get(photo.sha256))?.state).toBe('stored');
  });

  it('marks a size conflict and a too-large refusal, never deleting the photo', async () => {
    const a = await addPhoto(2000, 11);
    const b = await addPhoto(3000, 12);
    server.blobs.set(a.sha256, { size: 9999, received: [], offset: 0, complete: false });
    server.before = (call) => {
      if (call.method === 'PATCH' && call.sha256 === a.sha256) {
        throw new ApiError(409, 'conflict', 'other size', { offset: 0, size: 9999 });
      }
      if (call.method === 'PATCH' && call.sha256 === b.sha256) {
        throw new ApiError(413, 'payload_too_large', 'too big', { maxBytes: 1 });
      }
      return undefined;
    };
    const summary = await uploadPendingBlobs(server.send, database);
    expect(summary.failed.sort((x, y) => x.code.localeCompare(y.code))).toEqual([
      { sha256: b.sha256, code: 'payload_too_large' },
      { sha256: a.sha256, code: 'size_conflict' },
    ]);
    expect(await database.blobs.count()).toBe(2);
  });

  it('rethrows a session or server failure without marking the photo', async () => {
    const photo = await addPhoto(100);
    server.before = () => {
      throw new ApiError(401, 'session_expired', 'expired');
    };
    await expect(uploadPendingBlobs(server.send, database)).rejects.toBeInstanceOf(ApiError);
    server.before = () => {
      throw new ApiError(500, 'internal', 'boom');
    };
    await expect(uploadPendingBlobs(server.send, database)).rejects.toMatchObject({
      status: 500,
    });
    const row = await database.blobs.get(photo.sha256);
    expect(row?.state).toBe('upload');
    expect(row?.error).toBeUndefined();
  });

  it('gives up for this run when 409s keep pointing back', async () => {
    await addPhoto(100);
    server.before = (call) => {
      if (call.method === 'PATCH') throw new ApiError(409, 'conflict', 'resume', { offset: 0 });
      return undefined;
    };
    await expect(uploadPendingBlobs(server.send, database)).rejects.toMatchObject({
      status: 409,
    });
    expect(server.patches().length).toBeLessThanOrEqual(6);
  });

  it('does nothing (and reports nothing) when no photo waits', async () => {
    const progress: SyncProgress[] = [];
    expect(await uploadPendingBlobs(server.send, database, (p) => progress.push(p))).toEqual({
      stored: [],
      failed: [],
    });
    expect(server.calls).toEqual([]);
    expect(progress).toEqual([]);
  });
});
