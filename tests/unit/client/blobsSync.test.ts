// The photo code's wiring: the binary request helper (errors as ApiError, session token), the
// uploader's place in a sync run, and downloading a photo on view.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiRaw, type BlobSend, requestRaw } from '../../../src/client/api/blobsHttp';
import { ApiError } from '../../../src/client/api/http';
import { TambonDatabase } from '../../../src/client/db/database';
import { session } from '../../../src/client/session/state';
import { preparedBlob, storePhoto } from '../../../src/client/sync/blobs';
import { downloadBlob, loadPhoto } from '../../../src/client/sync/blobsDownload';
import { SyncEngine, type SyncProgress } from '../../../src/client/sync/engine';
import type { SyncTransport } from '../../../src/client/sync/transport';
import { uuidv7 } from '../../../src/shared/ids';
import type { PullResponse } from '../../../src/shared/sync/protocol';
import { apiError, SURVEYOR } from './helpers';

const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

let database: TambonDatabase;
beforeEach(async () => {
  database = new TambonDatabase(`blob-sync-test-${uuidv7()}`);
  await database.open();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  session.value = null;
  await database.delete();
});

describe('requestRaw / apiRaw', () => {
  it('sends bytes as octet-stream with the bearer token and returns the response', async () => {
    const fetch = vi.fn(
      async () => new Response(null, { status: 200, headers: { 'x-blob-status': 'partial' } }),
    );
    vi.stubGlobal('fetch', fetch);
    const response = await requestRaw('/api/blobs/x', {
      method: 'PATCH',
      headers: { 'x-blob-offset': '0' },
      body: new Blob(['abc']),
      token: 't-1',
    });
    expect(response.headers.get('x-blob-status')).toBe('partial');
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/blobs/x');
    expect(init.method).toBe('PATCH');
    expect(init.headers).toMatchObject({
      Authorization: 'Bearer t-1',
      'Content-Type': 'application/octet-stream',
      'x-blob-offset': '0',
    });
  });

  it('throws the same ApiError as a JSON request, details included', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify(apiError('conflict', 'resume', { offset: 524288 })), {
            status: 409,
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    );
    const error = await requestRaw('/api/blobs/x', { method: 'HEAD', token: 't' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', details: { offset: 524288 } });
  });

  it('reports no network as unreachable, and refuses without a session', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(requestRaw('/api/blobs/x', { method: 'GET', token: 't' })).rejects.toMatchObject({
      code: 'unreachable',
    });
    await expect(apiRaw('/api/blobs/x', { method: 'GET' })).rejects.toMatchObject({
      status: 401,
    });
  });

  it('uses the session token of the signed-in device', async () => {
    session.value = { token: 'session-token', expiresAt: '2099-01-01T00:00:00Z', user: SURVEYOR };
    const fetch = vi.fn(async () => new Response('x', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await apiRaw('/api/blobs/x', { method: 'GET' });
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).toMatchObject({ Authorization: 'Bearer session-token' });
  });
});

function emptyPull(): PullResponse {
  return {
    changes: [],
    departures: [],
    cursors: {},
    hasMore: false,
    ackedThroughN: 0,
    conflicts: [],
    scope: { version: 1, villages: [] },
    serverTime: new Date().toISOString(),
  };
}

describe('a sync run with photos', () => {
  function engineWith(order: string[]) {
    const transport: SyncTransport = {
      push: async () => {
        order.push('push');
        return { lastN: 1, results: [], serverTime: new Date().toISOString() };
      },
      pull: async () => {
        order.push('pull');
        return emptyPull();
      },
    };
    return SyncEngine.open(database, 'unitTestDevice01', transport);
  }

  it('uploads photos after the push and before the pull, reporting bytes left', async () => {
    const order: string[] = [];
    const engine = await engineWith(order);
    // The push only calls the server when the outbox has something.
    await database.outbox.add({
      n: 1,
      bytes: 10,
      mutationId: 'unitTestDevice01:1',
      clientId: 'unitTestDevice01',
      txId: 'tx',
      schemaVersion: 1,
      hlc: '2026-01-01T00:00:00.000Z-0000-unitTestDevice01',
      op: 'patch',
      type: 'household',
      id: uuidv7(),
      villageId: uuidv7(),
      patch: { toilet: true },
      base: {},
    });
    engine.uploadBlobs = async (onProgress) => {
      order.push('photos');
      onProgress?.({ phase: 'photos', done: 0, bytesLeft: 1234 });
    };
    const progress: SyncProgress[] = [];
    await engine.sync((p) => progress.push(p));
    expect(order).toEqual(['push', 'photos', 'pull']);
    expect(progress).toContainEqual({ phase: 'photos', done: 0, bytesLeft: 1234 });
  });

  it('still pulls when the photos fail, then fails the run', async () => {
    const order: string[] = [];
    const engine = await engineWith(order);
    engine.uploadBlobs = async () => {
      order.push('photos');
      throw new ApiError(0, 'unreachable', 'lost');
    };
    await expect(engine.sync()).rejects.toMatchObject({ code: 'unreachable' });
    expect(order).toEqual(['photos', 'pull']);
    const sync = await database.meta.get('sync');
    expect((sync?.value as { lastSyncAt: string | null } | undefined)?.lastSyncAt ?? null).toBe(
      null,
    );
  });
});

describe('downloading a photo on view', () => {
  const bytesOf = (text: string) => new TextEncoder().encode(text);
  const answering =
    (body: Uint8Array<ArrayBuffer>, type = 'image/jpeg'): BlobSend =>
    async (_path, init) => {
      expect(init.method).toBe('GET');
      return new Response(body, { status: 200, headers: { 'content-type': type } });
    };

  it('serves a photo already on the device without the network', async () => {
    await storePhoto(database, await preparedBlob(new Blob(['abc'], { type: 'image/jpeg' })));
    const send = vi.fn<BlobSend>();
    const loaded = await loadPhoto(ABC_SHA256, { send, online: false, database });
    expect(loaded.status).toBe('ready');
    expect(send).not.toHaveBeenCalled();
  });

  it('says offline when the photo is not here and there is no network', async () => {
    const send = vi.fn<BlobSend>();
    expect(await loadPhoto(ABC_SHA256, { send, online: false, database })).toEqual({
      status: 'offline',
    });
    expect(send).not.toHaveBeenCalled();
  });

  it('downloads, checks the hash and keeps the photo as stored', async () => {
    const loaded = await loadPhoto(ABC_SHA256, {
      send: answering(bytesOf('abc')),
      online: true,
      database,
    });
    expect(loaded.status).toBe('ready');
    const row = await database.blobs.get(ABC_SHA256);
    expect(row).toMatchObject({ state: 'stored', size: 3, mime: 'image/jpeg' });
    expect(await row?.blob.text()).toBe('abc');
  });

  it('refuses bytes that do not match the name, and stores nothing', async () => {
    const loaded = await loadPhoto(ABC_SHA256, {
      send: answering(bytesOf('abd')),
      online: true,
      database,
    });
    expect(loaded.status).toBe('failed');
    expect(await database.blobs.count()).toBe(0);
  });

  it('tells a missing photo (404) from a network failure', async () => {
    const notFound: BlobSend = async () => {
      throw new ApiError(404, 'not_found', 'Blob not found');
    };
    const offline: BlobSend = async () => {
      throw new ApiError(0, 'offline', 'offline');
    };
    expect(await loadPhoto(ABC_SHA256, { send: notFound, online: true, database })).toEqual({
      status: 'missing',
    });
    expect(await loadPhoto(ABC_SHA256, { send: offline, online: true, database })).toEqual({
      status: 'offline',
    });
  });

  it('shares one request between parallel views of the same photo', async () => {
    const send = vi.fn(answering(bytesOf('abc')));
    const [a, b] = await Promise.all([
      downloadBlob(database, ABC_SHA256, send),
      downloadBlob(database, ABC_SHA256, send),
    ]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(await a.text()).toBe('abc');
    expect(await b.text()).toBe('abc');
  });
});
