// Upgrades with offline phones (issue 17): a phone still running the previous release's client
// code syncs with the current server — it pushes, pulls, meets a conflict and converges, and a
// record type it does not know (a tax-map parcel) does not stop its sync. The previous release
// is read from git (`PREVIOUS_RELEASE`, tag v0.1.0) and its own client modules are imported.
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../src/client/db/database';
import { edit } from '../../src/client/sync/edit';
import { SyncEngine } from '../../src/client/sync/engine';
import { httpTransport } from '../../src/client/sync/httpTransport';
import type { Store } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import { toPulledRecord } from '../../src/shared/sync/pulled';
import { injectJson } from './clientDevice';
import { testDatabases } from './databases';
import { openSession, testApp } from './helpers';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

/** The release before this one (tag v0.1.0): pinned by hash so a clone without tags has it. */
const PREVIOUS_RELEASE = '163bef7273d6f54620cf1c9e3f3962761ae1f911';

// biome-ignore lint/suspicious/noExplicitAny: modules of another release, typed by their own code
type OldModule = any;

interface OldClient {
  TambonDatabase: OldModule;
  SyncEngine: OldModule;
  edit: OldModule;
  httpTransport: OldModule;
  okOrThrow: OldModule;
  readJson: OldModule;
}

/** The previous release's `src/` in a temp dir, using this checkout's packages. */
async function previousClient(dir: string): Promise<OldClient> {
  const archive = execFileSync('git', ['archive', PREVIOUS_RELEASE, 'src'], {
    cwd: resolve('.'),
    maxBuffer: 64 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  const load = (path: string) => import(pathToFileURL(join(dir, 'src', path)).href);
  const [database, engine, editing, transport, blobs, http] = await Promise.all([
    load('client/db/database.ts'),
    load('client/sync/engine.ts'),
    load('client/sync/edit.ts'),
    load('client/sync/httpTransport.ts'),
    load('client/api/blobsHttp.ts'),
    load('client/api/http.ts'),
  ]);
  return {
    TambonDatabase: database.TambonDatabase,
    SyncEngine: engine.SyncEngine,
    edit: editing.edit,
    httpTransport: transport.httpTransport,
    okOrThrow: blobs.okOrThrow,
    readJson: http.readJson,
  };
}

/** The old client's own error classes must see the answers, so its own readers build them. */
function oldInjectJson(old: OldClient, app: FastifyInstance, token: string) {
  return async (path: string, options: { method: 'POST'; body: unknown }) => {
    const response = await app.inject({
      method: options.method,
      url: path,
      payload: options.body as Record<string, unknown>,
      headers: { authorization: `Bearer ${token}` },
    });
    const reply = new Response(response.body || null, {
      status: response.statusCode,
      headers: { 'content-type': 'application/json' },
    });
    await old.okOrThrow(reply.clone());
    return old.readJson(reply);
  };
}

const databases = await testDatabases();

describe.each(databases)('the previous release against this server on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  let old: OldClient;
  const dir = mkdtempSync(join(tmpdir(), 'tf-previous-release-'));

  beforeAll(async () => {
    old = await previousClient(dir);
    store = await database.openMigrated();
    data = await syncSeed(store);
    app = await testApp(store, { rateLimit: false });
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes, pulls, meets a conflict, converges, and passes over a record type it does not know', async () => {
    // The modules are the previous release's own, not this checkout's.
    expect(old.SyncEngine).not.toBe(SyncEngine);
    const villageId = data.villages[0]?.id as string;
    const oldSession = await openSession(store, data.users.surveyor1.id);
    const oldDb = new old.TambonDatabase(`previous-${uuidv7()}`);
    const oldPhone = await old.SyncEngine.open(
      oldDb,
      oldSession.clientId,
      old.httpTransport(oldInjectJson(old, app, oldSession.token)),
    );
    const newSession = await openSession(store, data.users.welfare.id);
    const newDb = new TambonDatabase(`current-${uuidv7()}`);
    const newPhone = await SyncEngine.open(
      newDb,
      newSession.clientId,
      httpTransport(injectJson(app, newSession.token)),
    );

    // The old phone surveys a household offline, then syncs.
    const householdId = uuidv7();
    await old.edit(oldPhone.device, [
      { op: 'create', type: 'household', id: householdId, villageId, patch: household() },
    ]);
    await oldPhone.sync();
    expect(await oldDb.outbox.count()).toBe(0);
    expect((await store.getRecord(householdId))?.fields.houseNo).toBe(household().houseNo);

    // A tax-map parcel in its village: a record type the old release has never heard of.
    const admin = await TestDevice.open(app, store, data.users.admin);
    const parcelId = uuidv7();
    await admin.push([
      admin.mutation({
        op: 'create',
        type: 'parcel',
        id: parcelId,
        villageId,
        patch: {
          code: '01A001',
          polygons: [
            [
              [
                [103.6, 16.0],
                [103.6001, 16.0],
                [103.6001, 16.0001],
                [103.6, 16.0],
              ],
            ],
          ],
          areaM2: 120,
        },
      }),
    ]);

    // Both phones change the same answer while apart: a conflict.
    await newPhone.sync();
    await edit(newPhone.device, [
      { op: 'patch', type: 'household', id: householdId, villageId, patch: { soi: 'ซอยใหม่' } },
    ]);
    await old.edit(oldPhone.device, [
      { op: 'patch', type: 'household', id: householdId, villageId, patch: { soi: 'ซอยเก่า' } },
    ]);
    await newPhone.sync();
    await oldPhone.sync();
    await newPhone.sync();
    expect(await oldDb.outbox.count()).toBe(0);
    expect(await newDb.outbox.count()).toBe(0);
    expect((await oldDb.records.get(parcelId))?.type).toBe('parcel');
    const conflicts = await store.listConflicts({ status: 'open', villageIds: null, limit: 10 });
    expect(conflicts.map((c) => c.recordId)).toContain(householdId);

    // Converged: both phones hold exactly what the server holds for the record.
    const server = toPulledRecord((await store.getRecord(householdId)) as never);
    expect(await oldDb.records.get(householdId)).toEqual(server);
    expect(await newDb.records.get(householdId)).toEqual(server);
    oldDb.close();
    newDb.close();
  }, 60_000);
});
