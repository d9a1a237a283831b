// The REAL client photo code (uploader, download, sync engine) on fake-indexeddb against the
// in-process server on SQLite and PostgreSQL: `send` is `app.inject` answered through the
// client's own error handling (okOrThrow -> ApiError).
import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BlobSend, okOrThrow } from '../../src/client/api/blobsHttp';
import { ApiError } from '../../src/client/api/http';
import { TambonDatabase } from '../../src/client/db/database';
import { preparedBlob, storePhoto } from '../../src/client/sync/blobs';
import { loadPhoto } from '../../src/client/sync/blobsDownload';
import { uploadPendingBlobs } from '../../src/client/sync/blobsUpload';
import { edit } from '../../src/client/sync/edit';
import { SyncEngine } from '../../src/client/sync/engine';
import { httpTransport } from '../../src/client/sync/httpTransport';
import type { Store } from '../../src/server/store';
import { BLOB_CHUNK_BYTES } from '../../src/shared/api/blobs';
import { uuidv7 } from '../../src/shared/ids';
import type { AttachmentRef } from '../../src/shared/model/household';
import { injectJson } from './clientDevice';
import { testDatabases } from './databases';
import { openSession, type Seed, seed, testApp } from './helpers';

const databases = await testDatabases();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function blobOf(row: { blob: Blob } | undefined): Blob {
  if (!row) throw new Error('no row on the device');
  return row.blob;
}

interface Call {
  method: string;
  path: string;
  offset?: number;
}

/** A device's view of the server: `app.inject` with its token, answered like fetch would be. */
function injectSend(app: FastifyInstance, token: string, calls: Call[] = []): BlobSend {
  return async (path, init) => {
    const payload = init.body ? Buffer.from(await init.body.arrayBuffer()) : undefined;
    calls.push({
      method: init.method,
      path,
      ...(init.method === 'PATCH' ? { offset: Number(init.headers?.['x-blob-offset']) } : {}),
    });
    const response = await app.inject({
      method: init.method,
      url: path,
      headers: {
        ...init.headers,
        authorization: `Bearer ${token}`,
        ...(payload ? { 'content-type': 'application/octet-stream' } : {}),
      },
      ...(payload ? { payload } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined)
        headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    const body = init.method === 'HEAD' ? null : new Uint8Array(response.rawPayload);
    return okOrThrow(new Response(body, { status: response.statusCode, headers }));
  };
}

describe.each(databases)('client photos on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: Seed;
  const devices: TambonDatabase[] = [];

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await seed(store);
    app = await testApp(store, { rateLimit: false });
  });
  afterEach(async () => {
    for (const device of devices.splice(0)) {
      device.close();
      await device.delete();
    }
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  async function device(who: keyof Seed['users']) {
    const session = await openSession(store, data.users[who].id);
    const db = new TambonDatabase(`blob-client-${who}-${uuidv7()}`);
    await db.open();
    devices.push(db);
    return { ...session, db };
  }

  async function addPhoto(db: TambonDatabase, bytes: Uint8Array): Promise<AttachmentRef> {
    return storePhoto(
      db,
      await preparedBlob(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' })),
    );
  }

  async function download(token: string, hash: string) {
    return app.inject({
      method: 'GET',
      url: `/api/blobs/${hash}`,
      headers: { authorization: `Bearer ${token}` },
    });
  }

  it('resumes an upload killed after its first chunk from the offset HEAD reports', async () => {
    const phone = await device('surveyor');
    const bytes = randomBytes(1_300_000);
    const ref = await addPhoto(phone.db, bytes);
    expect(ref.sha256).toBe(sha(bytes));

    // The connection dies once the first chunk is through.
    const first: Call[] = [];
    const real = injectSend(app, phone.token, first);
    let patches = 0;
    const dying: BlobSend = async (path, init) => {
      if (init.method === 'PATCH' && patches++ >= 1) {
        throw new ApiError(0, 'unreachable', 'connection lost');
      }
      return real(path, init);
    };
    await expect(uploadPendingBlobs(dying, phone.db)).rejects.toMatchObject({
      code: 'unreachable',
    });
    expect(first.map((c) => [c.method, c.offset])).toEqual([
      ['HEAD', undefined],
      ['PATCH', 0],
    ]);
    expect(await phone.db.blobs.get(ref.sha256)).toMatchObject({ state: 'upload' });
    expect(await store.getBlob(ref.sha256)).toMatchObject({
      received: BLOB_CHUNK_BYTES,
      complete: false,
    });

    // The next sync resumes where the server stands, not from zero.
    const second: Call[] = [];
    const summary = await uploadPendingBlobs(injectSend(app, phone.token, second), phone.db);
    expect(summary).toEqual({ stored: [ref.sha256], failed: [] });
    expect(second.map((c) => [c.method, c.offset])).toEqual([
      ['HEAD', undefined],
      ['PATCH', BLOB_CHUNK_BYTES],
      ['PATCH', 2 * BLOB_CHUNK_BYTES],
    ]);
    const row = await phone.db.blobs.get(ref.sha256);
    expect(row?.state).toBe('stored');
    expect(row?.error).toBeUndefined();

    const got = await download(phone.token, ref.sha256);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.rawPayload.equals(bytes)).toBe(true);
  });

  it('stores a photo sent from two users once: the second, not yet a reader, sends it', async () => {
    const phone = await device('surveyor');
    const tablet = await device('welfare');
    const bytes = randomBytes(700_000);
    const ref = await addPhoto(phone.db, bytes);
    await addPhoto(tablet.db, bytes);

    await uploadPendingBlobs(injectSend(app, phone.token), phone.db);
    const calls: Call[] = [];
    const summary = await uploadPendingBlobs(injectSend(app, tablet.token, calls), tablet.db);
    expect(summary.stored).toEqual([ref.sha256]);
    // HEAD tells nobody else a photo exists: the tablet sends it, the server keeps one copy.
    expect(calls.map((c) => c.method)).toEqual(['HEAD', 'PATCH', 'PATCH']);
    expect((await tablet.db.blobs.get(ref.sha256))?.state).toBe('stored');
    expect(await store.getBlob(ref.sha256)).toMatchObject({
      complete: true,
      size: bytes.length,
      createdBy: data.users.surveyor.id,
    });
    expect((await store.readBlob(ref.sha256)).equals(bytes)).toBe(true);
  });

  it('rejects a wrong hash and keeps the device row, marked with the error', async () => {
    const phone = await device('surveyor');
    const bytes = randomBytes(BLOB_CHUNK_BYTES + 4000);
    const claimed = sha(randomBytes(32));
    const other = await preparedBlob(new Blob([randomBytes(1000)], { type: 'image/jpeg' }));
    await storePhoto(phone.db, {
      blob: new Blob([bytes], { type: 'image/jpeg' }),
      sha256: claimed,
      size: bytes.length,
      mime: 'image/jpeg',
    });
    await phone.db.blobs.update(claimed, { createdAt: '2000-01-01T00:00:00.000Z' });
    await storePhoto(phone.db, other);

    const summary = await uploadPendingBlobs(injectSend(app, phone.token), phone.db);
    expect(summary).toEqual({
      stored: [other.sha256],
      failed: [{ sha256: claimed, code: 'hash_mismatch' }],
    });
    const row = await phone.db.blobs.get(claimed);
    expect(row).toMatchObject({ state: 'upload', size: bytes.length });
    expect(row?.error?.code).toBe('hash_mismatch');
    expect(Buffer.from(await blobOf(row).arrayBuffer()).equals(bytes)).toBe(true);
    expect(await store.getBlob(claimed)).toBeNull();
  });

  it('syncs a record with a photo; another device of the village pulls it and downloads the photo', async () => {
    const [village] = data.villages;
    if (!village) throw new Error('no village');
    const phone = await device('surveyor');
    const tablet = await device('welfare');
    const phoneEngine = await SyncEngine.open(
      phone.db,
      phone.clientId,
      httpTransport(injectJson(app, phone.token)),
    );
    const phoneSend = injectSend(app, phone.token);
    phoneEngine.uploadBlobs = (onProgress) => uploadPendingBlobs(phoneSend, phone.db, onProgress);

    const bytes = randomBytes(600_000);
    const ref = await addPhoto(phone.db, bytes);
    const householdId = uuidv7();
    await edit(phoneEngine.device, [
      {
        op: 'create',
        type: 'household',
        id: householdId,
        villageId: village.id,
        patch: { houseNo: '99/1', photos: [ref] },
      },
    ]);
    const phases = new Set<string>();
    await phoneEngine.sync((progress) => phases.add(progress.phase));
    expect([...phases]).toEqual(['push', 'photos', 'pull']);
    expect(await phone.db.outbox.count()).toBe(0);
    expect((await phone.db.blobs.get(ref.sha256))?.state).toBe('stored');

    const tabletEngine = await SyncEngine.open(
      tablet.db,
      tablet.clientId,
      httpTransport(injectJson(app, tablet.token)),
    );
    await tabletEngine.sync();
    const pulled = await tablet.db.records.get(householdId);
    const photos = pulled?.fields.photos as AttachmentRef[] | undefined;
    expect(photos).toEqual([ref]);
    expect(await tablet.db.blobs.count()).toBe(0);

    // Offline the tablet cannot show it yet; online it downloads and keeps it.
    const tabletCalls: Call[] = [];
    const tabletSend = injectSend(app, tablet.token, tabletCalls);
    expect(
      await loadPhoto(ref.sha256, { send: tabletSend, online: false, database: tablet.db }),
    ).toEqual({ status: 'offline' });
    const shown = await loadPhoto(ref.sha256, {
      send: tabletSend,
      online: true,
      database: tablet.db,
    });
    expect(shown.status).toBe('ready');
    expect(tabletCalls).toEqual([{ method: 'GET', path: `/api/blobs/${ref.sha256}` }]);
    const row = await tablet.db.blobs.get(ref.sha256);
    expect(row).toMatchObject({ state: 'stored', size: bytes.length, mime: 'image/jpeg' });
    expect(Buffer.from(await blobOf(row).arrayBuffer()).equals(bytes)).toBe(true);

    // Shown again from the device, without the network.
    await loadPhoto(ref.sha256, { send: tabletSend, online: false, database: tablet.db });
    expect(tabletCalls).toHaveLength(1);
  });
});
