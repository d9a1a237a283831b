// After a restore, devices heal (issue 17): the server is restored to a backup older than edits
// it had acknowledged; the devices that made them send them again, and every device ends up
// equal to the server, which has lost nothing. Real client sync code on fake-indexeddb, the real
// server in-process, the real backup and restore.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../src/client/db/database';
import { edit } from '../../src/client/sync/edit';
import { SyncEngine } from '../../src/client/sync/engine';
import { httpTransport } from '../../src/client/sync/httpTransport';
import { restoreBackup, takeBackup } from '../../src/server/backup/backups';
import type { Store } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import { toPulledRecord } from '../../src/shared/sync/pulled';
import { injectJson } from './clientDevice';
import { testDatabases } from './databases';
import { openSession, testApp } from './helpers';
import { household, type SyncSeed, syncSeed } from './syncHelpers';

const databases = await testDatabases();

describe.each(databases)('devices heal after a restore on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  const dir = mkdtempSync(join(tmpdir(), 'tf-restore-heal-'));

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    app = await testApp(store, { rateLimit: false });
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A phone whose transport always reaches the server of the moment (it is replaced below). */
  async function phone(userId: string) {
    const session = await openSession(store, userId);
    const db = new TambonDatabase(`heal-${uuidv7()}`);
    const send = <T>(path: string, options: { method: 'POST'; body: unknown }) =>
      injectJson(app, session.token)<T>(path, options);
    const engine = await SyncEngine.open(db, session.clientId, httpTransport(send));
    return { db, engine };
  }

  async function serverRecords(villageIds: string[]) {
    const all = [];
    for (const villageId of villageIds) {
      for (const record of await store.recordsSince(villageId, 0, 1_000_000)) all.push(record);
    }
    return all.map(toPulledRecord).sort((a, b) => a.id.localeCompare(b.id));
  }

  it('sends again what the restored server lost; every device ends equal to it', async () => {
    const villageId = data.villages[0]?.id as string;
    const a = await phone(data.users.surveyor1.id);
    const b = await phone(data.users.welfare.id);
    const create = (id: string, houseNo: string) => ({
      op: 'create' as const,
      type: 'household' as const,
      id,
      villageId,
      patch: household({ houseNo }),
    });

    const before = uuidv7();
    await edit(a.engine.device, [create(before, '1/1')]);
    await a.engine.sync();
    await b.engine.sync();
    const backup = await takeBackup({ store: database.config, dir, appVersion: 'test', keep: 3 });
    expect(backup.verified).toBe(true);

    // Acknowledged after the backup: a new household and a change by A, a household by B.
    const byA = uuidv7();
    const byB = uuidv7();
    await edit(a.engine.device, [create(byA, '1/2')]);
    await edit(a.engine.device, [
      { op: 'patch', type: 'household', id: before, villageId, patch: { soi: 'ซอยหลังสำรอง' } },
    ]);
    await a.engine.sync();
    await edit(b.engine.device, [create(byB, '1/3')]);
    await b.engine.sync();
    await a.engine.sync();
    expect(await a.db.outbox.count()).toBe(0);
    expect(await b.db.outbox.count()).toBe(0);

    // The server is restored to the backup: it no longer has byA, byB or the change.
    await app.close();
    await store.close();
    await restoreBackup(database.config, join(dir, backup.file));
    store = await database.open();
    await store.migrate();
    app = await testApp(store, { rateLimit: false });
    expect(await store.getRecord(byA)).toBeNull();

    // A syncs first (nothing waiting in its outbox): it notices, sends its part again, and
    // pulls afresh — B's household is not on the server yet, so it leaves A for now.
    await a.engine.sync();
    expect((await store.getRecord(byA))?.fields.houseNo).toBe('1/2');
    expect((await store.getRecord(before))?.fields.soi).toBe('ซอยหลังสำรอง');
    expect(await a.db.records.get(byB)).toBeUndefined();

    // B syncs: its household goes again; then A pulls it.
    await b.engine.sync();
    await a.engine.sync();
    const server = await serverRecords([villageId]);
    expect(server.map((r) => r.id).sort()).toEqual([before, byA, byB].sort());
    for (const device of [a, b]) {
      const held = (await device.db.records.where('villageId').equals(villageId).toArray()).sort(
        (x, y) => x.id.localeCompare(y.id),
      );
      expect(held).toEqual(server);
      expect(await device.db.outbox.count()).toBe(0);
    }
    a.db.close();
    b.db.close();
  }, 60_000);
});
