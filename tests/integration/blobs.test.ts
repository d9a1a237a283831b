import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { BLOB_CHUNK_BYTES, BlobStatus } from '../../src/shared/api/blobs';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';
import { call, expectError, openSession, testApp } from './helpers';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(databases)('blobs on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    app = await testApp(store, { rateLimit: false });
    for (const who of Object.keys(data.users) as Array<keyof SyncSeed['users']>) {
      tokens[who] = (await openSession(store, data.users[who].id)).token;
    }
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const head = (who: string, hash: string) =>
    call(app, tokens[who] ?? null, { method: 'HEAD', url: `/api/blobs/${hash}` });
  const get = (who: string, hash: string) =>
    call(app, tokens[who] ?? null, { method: 'GET', url: `/api/blobs/${hash}` });
  const patch = (
    who: string,
    hash: string,
    chunk: Buffer,
    offset: number,
    size: number,
    mime = 'image/jpeg',
  ): Promise<LightMyRequestResponse> =>
    call(app, tokens[who] ?? null, {
      method: 'PATCH',
      url: `/api/blobs/${hash}`,
      headers: {
        'content-type': 'application/octet-stream',
        'x-blob-offset': String(offset),
        'x-blob-size': String(size),
        'x-blob-mime': mime,
      },
      payload: chunk,
    });

  /** Uploads from `from` to the end in 512 KiB chunks. */
  async function upload(who: string, bytes: Buffer, from = 0, mime = 'image/jpeg') {
    const hash = sha(bytes);
    let last: LightMyRequestResponse | undefined;
    for (let offset = from; offset < bytes.length; offset += BLOB_CHUNK_BYTES) {
      last = await patch(
        who,
        hash,
        bytes.subarray(offset, offset + BLOB_CHUNK_BYTES),
        offset,
        bytes.length,
        mime,
      );
      expect(last.statusCode, last.body).toBe(200);
    }
    return BlobStatus.parse(last?.json());
  }

  it('resumes an upload killed midway from the offset HEAD reports', async () => {
    const bytes = randomBytes(BLOB_CHUNK_BYTES * 2 + 12_345);
    const hash = sha(bytes);
    const absent = await head('surveyor1', hash);
    expect(absent.statusCode).toBe(200);
    expect(absent.headers['x-blob-status']).toBe('absent');
    expect(absent.headers['x-blob-offset']).toBe('0');
    expect(absent.body).toBe('');

    const first = await patch(
      'surveyor1',
      hash,
      bytes.subarray(0, BLOB_CHUNK_BYTES),
      0,
      bytes.length,
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(BlobStatus.parse(first.json())).toEqual({
      sha256: hash,
      status: 'partial',
      offset: BLOB_CHUNK_BYTES,
      size: bytes.length,
    });
    // The connection dies here. Later the device asks where to resume.
    const partial = await head('surveyor1', hash);
    expect(partial.headers['x-blob-status']).toBe('partial');
    const offset = Number(partial.headers['x-blob-offset']);
    expect(offset).toBe(BLOB_CHUNK_BYTES);

    // A chunk from the wrong place is refused with the right offset.
    const wrong = await patch('surveyor1', hash, bytes.subarray(0, 10), 0, bytes.length);
    expect(expectError(wrong, 409, 'conflict').details).toEqual({ offset: BLOB_CHUNK_BYTES });

    const done = await upload('surveyor1', bytes, offset);
    expect(done).toEqual({
      sha256: hash,
      status: 'complete',
      offset: bytes.length,
      size: bytes.length,
    });
    const complete = await head('surveyor1', hash);
    expect(complete.headers['x-blob-status']).toBe('complete');
    expect(complete.headers['x-blob-offset']).toBe(String(bytes.length));

    const download = await get('surveyor1', hash);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(download.rawPayload.equals(bytes)).toBe(true);
  });

  it('stores the same photo from two users once', async () => {
    const bytes = randomBytes(70_000);
    const hash = sha(bytes);
    await upload('surveyor1', bytes);
    const second = await patch('welfare', hash, bytes, 0, bytes.length);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.headers['x-blob-status']).toBe('complete');
    expect(BlobStatus.parse(second.json()).status).toBe('complete');
    const stored = await store.getBlob(hash);
    expect(stored).toMatchObject({
      size: bytes.length,
      complete: true,
      createdBy: data.users.surveyor1.id,
    });
    expect((await store.readBlob(hash)).equals(bytes)).toBe(true);
  });

  it('rejects a wrong hash and keeps nothing of it', async () => {
    const bytes = randomBytes(BLOB_CHUNK_BYTES + 100);
    const claimed = sha(randomBytes(10));
    expect(
      (await patch('surveyor1', claimed, bytes.subarray(0, BLOB_CHUNK_BYTES), 0, bytes.length))
        .statusCode,
    ).toBe(200);
    const last = await patch(
      'surveyor1',
      claimed,
      bytes.subarray(BLOB_CHUNK_BYTES),
      BLOB_CHUNK_BYTES,
      bytes.length,
    );
    const error = expectError(last, 422, 'validation_failed');
    expect(error.message).toBe('hash mismatch');
    expect((await head('surveyor1', claimed)).headers['x-blob-status']).toBe('absent');
    expect(await store.getBlob(claimed)).toBeNull();
    expect((await store.readBlob(claimed)).length).toBe(0);
  });

  it('serves a blob only to users of a village that references it, or its uploader', async () => {
    const bytes = randomBytes(2_000);
    const hash = sha(bytes);
    await upload('surveyor1', bytes, 0, 'image/png');
    expect((await get('surveyor1', hash)).statusCode).toBe(200);
    // Nobody else yet: no record references it.
    for (const who of ['surveyor2', 'welfare', 'supervisor']) {
      expectError(await get(who, hash), 404, 'not_found');
    }
    const [v1] = data.villages;
    const d = await TestDevice.open(app, store, data.users.surveyor1);
    const ref = { sha256: hash, size: bytes.length, mime: 'image/png', caption: 'หน้าบ้าน' };
    const pushed = await d.push([
      d.mutation({
        op: 'create',
        id: uuidv7(),
        villageId: v1?.id as string,
        patch: household({ photos: [ref] }),
      }),
    ]);
    expect(pushed.results[0]?.status).toBe('applied');
    expect((await get('welfare', hash)).rawPayload.equals(bytes)).toBe(true);
    expect((await get('supervisor', hash)).statusCode).toBe(200);
    // surveyor2 works in หมู่ 4–6: same answer as for a blob that does not exist.
    expectError(await get('surveyor2', hash), 404, 'not_found');
    expectError(await get('surveyor2', sha(randomBytes(4))), 404, 'not_found');
  });

  it('checks the hash, headers, size and type of every request', async () => {
    const bytes = randomBytes(100);
    const hash = sha(bytes);
    // HEAD answers carry no body: the status says it.
    expect((await head('surveyor1', 'ABC')).statusCode).toBe(400);
    expectError(await get('surveyor1', hash.toUpperCase()), 400, 'validation_failed');
    expectError(
      await patch('surveyor1', hash, bytes, 0, bytes.length, 'text/html'),
      400,
      'validation_failed',
    );
    expectError(
      await patch('surveyor1', hash, bytes, 0, 21 * 1024 * 1024),
      413,
      'payload_too_large',
    );
    expectError(await patch('surveyor1', hash, bytes, 0, 50), 400, 'validation_failed');
    const huge = randomBytes(BLOB_CHUNK_BYTES + 64 * 1024);
    expectError(
      await patch('surveyor1', sha(huge), huge, 0, huge.length),
      413,
      'payload_too_large',
    );
    const noOffset = await call(app, tokens.surveyor1 ?? null, {
      method: 'PATCH',
      url: `/api/blobs/${hash}`,
      headers: {
        'content-type': 'application/octet-stream',
        'x-blob-size': '100',
        'x-blob-mime': 'image/jpeg',
      },
      payload: bytes,
    });
    expect(expectError(noOffset, 400, 'validation_failed').details).toEqual([
      { path: 'x-blob-offset', message: 'expected_non_negative_integer' },
    ]);
    expect((await call(app, null, { method: 'HEAD', url: `/api/blobs/${hash}` })).statusCode).toBe(
      401,
    );
    expectError(
      await call(app, null, { method: 'GET', url: `/api/blobs/${hash}` }),
      401,
      'unauthenticated',
    );
    expect(await store.getBlob(hash)).toBeNull();
  });

  /** A person of หมู่ 1 with `photos` as its ID-card photos, pushed by surveyor1. */
  async function personWithIdCard(refs: object[]) {
    const [v1] = data.villages;
    const d = await TestDevice.open(app, store, data.users.surveyor1);
    const householdId = uuidv7();
    const pushed = await d.push([
      d.mutation({
        op: 'create',
        id: householdId,
        villageId: v1?.id as string,
        patch: household(),
      }),
      d.mutation({
        op: 'create',
        type: 'person',
        id: uuidv7(),
        villageId: v1?.id as string,
        patch: { householdId, firstName: 'สมศรี', lastName: 'มือใหม่', idCardPhotos: refs },
      }),
    ]);
    expect(pushed.results.map((r) => r.reason ?? r.status)).toEqual(['applied', 'applied']);
  }

  it('serves an ID-card photo only to the field roles of its village', async () => {
    const bytes = randomBytes(2_500);
    const hash = sha(bytes);
    await upload('surveyor1', bytes);
    await personWithIdCard([{ sha256: hash, size: bytes.length, mime: 'image/jpeg' }]);
    expect((await get('surveyor1', hash)).statusCode).toBe(200);
    expect((await get('welfare', hash)).rawPayload.equals(bytes)).toBe(true);
    // Supervisors and admins see masked IDs: the card would show the whole number.
    for (const who of ['supervisor', 'admin', 'surveyor2']) {
      expectError(await get(who, hash), 404, 'not_found');
      expect((await head(who, hash)).headers['x-blob-status']).toBe('absent');
    }
  });

  it('answers HEAD as for a missing blob unless the caller uploaded it or may read it', async () => {
    const bytes = randomBytes(BLOB_CHUNK_BYTES + 1_000);
    const hash = sha(bytes);
    await patch('surveyor1', hash, bytes.subarray(0, BLOB_CHUNK_BYTES), 0, bytes.length);
    const missing = await head('surveyor2', sha(randomBytes(8)));
    const shown = (who: string) =>
      head(who, hash).then((r) => [
        r.statusCode,
        r.headers['x-blob-status'],
        r.headers['x-blob-offset'],
        r.headers['x-blob-size'],
      ]);
    const asMissing = [missing.statusCode, 'absent', '0', undefined];
    // The uploader resumes from its offset; nobody else learns a photo is on its way.
    expect(await shown('surveyor1')).toEqual([
      200,
      'partial',
      String(BLOB_CHUNK_BYTES),
      String(bytes.length),
    ]);
    for (const who of ['surveyor2', 'welfare', 'supervisor', 'admin']) {
      expect(await shown(who)).toEqual(asMissing);
    }
    await patch(
      'surveyor1',
      hash,
      bytes.subarray(BLOB_CHUNK_BYTES),
      BLOB_CHUNK_BYTES,
      bytes.length,
    );
    for (const who of ['surveyor2', 'welfare', 'supervisor'])
      expect(await shown(who)).toEqual(asMissing);
    const [v1] = data.villages;
    const d = await TestDevice.open(app, store, data.users.surveyor1);
    const ref = { sha256: hash, size: bytes.length, mime: 'image/jpeg' };
    await d.push([
      d.mutation({
        op: 'create',
        id: uuidv7(),
        villageId: v1?.id as string,
        patch: household({ photos: [ref] }),
      }),
    ]);
    expect((await shown('welfare'))[1]).toBe('complete');
    expect((await shown('supervisor'))[1]).toBe('complete');
    expect(await shown('surveyor2')).toEqual(asMissing);
  });

  it('takes a stored photo again only from who holds its bytes, and tells nobody else its size', async () => {
    const bytes = randomBytes(4_000);
    const hash = sha(bytes);
    await upload('surveyor1', bytes);
    // A stranger probing with junk meets what a wrong hash gets.
    const probe = await patch('surveyor2', hash, randomBytes(10), 0, 10);
    expect(expectError(probe, 422, 'validation_failed').message).toBe('hash mismatch');
    const sameSize = await patch('surveyor2', hash, randomBytes(bytes.length), 0, bytes.length);
    expectError(sameSize, 422, 'validation_failed');
    const half = await patch('surveyor2', hash, randomBytes(100), 0, 999_999);
    expect(BlobStatus.parse(half.json())).toEqual({
      sha256: hash,
      status: 'partial',
      offset: 100,
      size: 999_999,
    });
    // The same photo from another device: stored once, still the first uploader's.
    const copy = await patch('surveyor2', hash, bytes, 0, bytes.length);
    expect(BlobStatus.parse(copy.json()).status).toBe('complete');
    expect(await store.getBlob(hash)).toMatchObject({ createdBy: data.users.surveyor1.id });
    expect((await store.readBlob(hash)).equals(bytes)).toBe(true);
  });
});
