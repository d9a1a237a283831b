// Backups built in (issue 17): taken while the server runs, restored into a scratch database
// and checked before they count, listed for admins, and restorable — never from a newer schema.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listBackups,
  restoreBackup,
  scheduleBackups,
  takeBackup,
  verifyBackup,
} from '../../src/server/backup/backups';
import { writeManifest } from '../../src/server/backup/files';
import { dropPostgresSchema, type Store } from '../../src/server/store';
import { executorOf } from '../../src/server/store/store';
import { BackupList } from '../../src/shared/api/backups';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';
import { call, openSession, testApp } from './helpers';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();

describe.each(databases)('backups on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let seeded: SyncSeed;
  let device: TestDevice;
  const dir = mkdtempSync(join(tmpdir(), 'tf-backups-'));
  const options = () => ({ store: database.config, dir, appVersion: 'test', keep: 5 });

  async function addHousehold(houseNo: string): Promise<string> {
    const id = uuidv7();
    const villageId = seeded.villages[0]?.id ?? '';
    const result = await device.push([
      device.mutation({ op: 'create', id, villageId, patch: household({ houseNo }) }),
    ]);
    expect(result.results[0]?.status).toBe('applied');
    return id;
  }

  async function householdIds(): Promise<string[]> {
    const rows = await executorOf(store)
      .selectFrom('records')
      .select('id')
      .where('type', '=', 'household')
      .execute();
    return rows.map((row) => row.id).sort();
  }

  async function addPhoto(): Promise<void> {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const at = new Date().toISOString();
    await store.createBlob({
      sha256,
      size: bytes.length,
      mime: 'image/jpeg',
      createdBy: seeded.users.admin.id,
      at,
    });
    await store.appendBlobChunk(sha256, 0, bytes.subarray(0, 200_000));
    await store.appendBlobChunk(sha256, 200_000, bytes.subarray(200_000));
    await store.setBlobProgress(sha256, bytes.length, at);
  }

  beforeAll(async () => {
    store = await database.openMigrated();
    seeded = await syncSeed(store);
    app = await testApp(store, {
      operations: { backupDir: dir, backupsScheduled: true, dataDir: dir },
    });
    device = await TestDevice.open(app, store, seeded.users.surveyor1);
    await addHousehold('1/1');
    await addHousehold('1/2');
    await addPhoto();
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a backup while the server runs and counts it good only after a restore check', async () => {
    const manifest = await takeBackup(options());
    expect(manifest.error).toBeNull();
    expect(manifest.verified).toBe(true);
    expect(manifest.schemaVersion).toBe(store.schemaVersion);
    expect(manifest.tables.records).toBe(2);
    expect(manifest.tables.blob_chunks).toBe(2);
    expect(manifest.tables.users).toBe(5);
    expect(existsSync(join(dir, manifest.file))).toBe(true);

    const list = await listBackups(dir, true);
    expect(list.backups.map((b) => b.file)).toContain(manifest.file);
    expect(list.lastGoodAt).toBe(manifest.createdAt);
  });

  it('lists backups to admins only, and reports the last good one in /api/health', async () => {
    const admin = await openSession(store, seeded.users.admin.id);
    const listed = await call(app, admin.token, { method: 'GET', url: '/api/admin/backups' });
    expect(listed.statusCode, listed.body).toBe(200);
    const list = BackupList.parse(listed.json());
    expect(list.backups.length).toBeGreaterThan(0);
    expect(list.scheduled).toBe(true);

    const supervisor = await openSession(store, seeded.users.supervisor.id);
    const refused = await call(app, supervisor.token, { method: 'GET', url: '/api/admin/backups' });
    expect(refused.statusCode).toBe(403);

    const health = (await app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health.lastGoodBackupAt).toBe(list.lastGoodAt);
    expect(health.diskFreeBytes).toBeGreaterThan(0);
  });

  it('reports a corrupted backup file as failed, whether its checksum says so or not', async () => {
    const good = await takeBackup(options());
    const path = join(dir, good.file);
    const bytes = readFileSync(path);
    const broken = Buffer.from(bytes);
    for (let i = Math.floor(bytes.length / 3); i < Math.floor(bytes.length / 3) + 64; i++) {
      broken[i] = (broken[i] ?? 0) ^ 0xff;
    }
    const brokenFile = good.file.replace('tambon-field-', 'tambon-field-broken-');
    writeFileSync(join(dir, brokenFile), broken);

    const byChecksum = await verifyBackup(options(), { ...good, file: brokenFile });
    expect(byChecksum.verified).toBe(false);
    expect(byChecksum.error).toMatch(/checksum/);

    // The same damage with a checksum that matches it: the restore itself must catch it.
    const sha256 = createHash('sha256').update(broken).digest('hex');
    const byRestore = await verifyBackup(options(), { ...good, file: brokenFile, sha256 });
    expect(byRestore.verified).toBe(false);
    expect(byRestore.error).not.toMatch(/checksum/);
    expect(byRestore.error).toBeTruthy();
    rmSync(join(dir, brokenFile));
  });

  it('refuses to restore a backup from a newer schema', async () => {
    const db = executorOf(store);
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', ${new Date().toISOString()})`.execute(
      db,
    );
    try {
      const future = await takeBackup(options());
      expect(future.verified).toBe(false);
      expect(future.error).toMatch(/newer version/);
      // Even with a manifest that claims it checked, the restore checks again and refuses.
      await writeManifest(dir, { ...future, verified: true, error: null });
      await expect(restoreBackup(database.config, join(dir, future.file))).rejects.toThrow(
        /newer version/,
      );
    } finally {
      await sql`delete from kysely_migration where name = '9999_from_the_future'`.execute(db);
    }
    expect(await householdIds()).toHaveLength(2);
  });

  it('two processes on one database take one nightly backup between them', async () => {
    const scheduleDir = mkdtempSync(join(tmpdir(), 'tf-claims-'));
    let now = new Date('2026-12-08T19:30:00Z'); // 02:30 in Bangkok
    const taken: string[] = [];
    const schedules = ['a', 'b'].map((process) =>
      scheduleBackups({
        ...options(),
        dir: scheduleDir,
        hour: 2,
        checkEveryMs: 3_600_000,
        now: () => now,
        log: (manifest) => taken.push(manifest.file),
        claims: { store, by: `host:${process}` },
      }),
    );
    try {
      const [a, b] = await Promise.all(schedules.map((schedule) => schedule.tick()));
      expect([a, b].filter((manifest) => manifest !== null)).toHaveLength(1);
      expect(taken).toHaveLength(1);
      expect((await listBackups(scheduleDir, true)).backups).toHaveLength(1);
      // The next night, again one of them.
      now = new Date('2026-12-09T19:10:00Z');
      await Promise.all(schedules.map((schedule) => schedule.tick()));
      expect(taken).toHaveLength(2);
    } finally {
      for (const schedule of schedules) schedule.stop();
      rmSync(scheduleDir, { recursive: true, force: true });
    }
  });

  it('a night claimed by a process that died is taken over an hour later', async () => {
    const slot = '2026-12-10T19:00:00.000Z';
    const claim = (by: string, at: string) =>
      store.claimBackupSlot({
        slot,
        by,
        at,
        staleBefore: new Date(Date.parse(at) - 3_600_000).toISOString(),
      });
    expect(await claim('host:a', '2026-12-10T19:05:00.000Z')).toBe(true);
    expect(await claim('host:b', '2026-12-10T19:30:00.000Z')).toBe(false);
    expect(await claim('host:b', '2026-12-10T20:06:00.000Z')).toBe(true);
  });

  it('takes nightly backups on schedule, catches up after a night off, and keeps N', async () => {
    const scheduleDir = mkdtempSync(join(tmpdir(), 'tf-schedule-'));
    let now = new Date('2026-12-05T12:00:00Z'); // 19:00 in Bangkok
    const taken: string[] = [];
    const schedule = scheduleBackups({
      ...options(),
      dir: scheduleDir,
      keep: 2,
      hour: 2,
      checkEveryMs: 3_600_000,
      now: () => now,
      log: (manifest) => taken.push(manifest.file),
    });
    try {
      expect((await schedule.tick())?.verified).toBe(true); // none yet: one now
      expect(await schedule.tick()).toBeNull(); // taken since 02:00 Bangkok
      now = new Date('2026-12-05T18:30:00Z'); // 01:30 next day in Bangkok: not yet
      expect(await schedule.tick()).toBeNull();
      now = new Date('2026-12-05T19:05:00Z'); // 02:05 in Bangkok
      expect((await schedule.tick())?.verified).toBe(true);
      now = new Date('2026-12-07T03:00:00Z'); // the server was off a night: catches up
      expect((await schedule.tick())?.verified).toBe(true);
      expect(taken).toHaveLength(3);
      const kept = await listBackups(scheduleDir, true);
      expect(kept.backups.map((b) => b.file)).toEqual([taken[2], taken[1]]);
    } finally {
      schedule.stop();
      rmSync(scheduleDir, { recursive: true, force: true });
    }
  });

  // Last: it replaces the database under the app.
  it('restores a backup in place of the database, keeping the current one aside', async () => {
    const backup = await takeBackup(options());
    const before = await householdIds();
    const later = await addHousehold('1/3');
    expect(await householdIds()).toContain(later);

    const epochBefore = await store.getServerEpoch();
    await app.close();
    await store.close();
    const { keptAside } = await restoreBackup(database.config, join(dir, backup.file));
    store = await database.open();
    await store.migrate();
    app = await testApp(store);
    expect(await householdIds()).toEqual(before);
    // A new epoch: devices learn that the server went back in time.
    expect(await store.getServerEpoch()).not.toBe(epochBefore);
    expect(keptAside).not.toBeNull();
    if (database.config.kind === 'sqlite') expect(existsSync(String(keptAside))).toBe(true);
    else {
      expect(keptAside).toMatch(/_before_restore_/);
      await dropPostgresSchema(database.config.url, String(keptAside));
    }
  });
});
