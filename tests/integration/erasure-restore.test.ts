// A PDPA erasure survives a restore: the office restores a backup taken before a person's
// sensitive data was erased, and the erased values do not come back — not on the server, not on
// a device that had pulled them before. The erasure is known from the database the restore
// replaced, from the erasure journal beside the backups, or (neither readable) the restore says
// so loudly. Real route, real backup and restore, the real client sync engine.
import 'fake-indexeddb/auto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TambonDatabase } from '../../src/client/db/database';
import { edit } from '../../src/client/sync/edit';
import { SyncEngine } from '../../src/client/sync/engine';
import { httpTransport } from '../../src/client/sync/httpTransport';
import { type RestoreOutcome, restoreBackup, takeBackup } from '../../src/server/backup/backups';
import { ERASURE_JOURNAL_FILE, ErasureJournalEntry } from '../../src/server/backup/erasureJournal';
import { describeRestore, restoreCommand } from '../../src/server/cli/backup';
import { parseCli } from '../../src/server/cli/config';
import { dropPostgresSchema, type Store } from '../../src/server/store';
import { PrivacyRequestResponse } from '../../src/shared/api/privacy';
import { uuidv7 } from '../../src/shared/ids';
import { nationalIdCheckDigit } from '../../src/shared/rules/nationalId';
import { injectJson } from './clientDevice';
import { testDatabases } from './databases';
import { call, openSession, testApp } from './helpers';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();
const nationalId = (twelve: string) => `${twelve}${nationalIdCheckDigit(twelve)}`;
const DISEASE = 'โรคไตเรื้อรัง';
const FIRST_NAME = 'สมหวัง';

describe.each(databases)('erasures survive a restore on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  const dir = mkdtempSync(join(tmpdir(), 'tf-erasure-restore-'));
  const devices: TambonDatabase[] = [];
  const village = () => data.villages[0]?.id as string;
  const openApp = (s: Store) =>
    testApp(s, {
      rateLimit: false,
      operations: { backupDir: dir, backupsScheduled: false, dataDir: null },
    });

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    app = await openApp(store);
  });
  afterEach(async () => {
    for (const device of devices.splice(0)) {
      device.close();
      await device.delete();
    }
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A welfare officer's tablet, whose transport always reaches the server of the moment. */
  async function tablet() {
    const session = await openSession(store, data.users.welfare.id);
    const db = new TambonDatabase(`erasure-restore-${uuidv7()}`);
    devices.push(db);
    const send = <T>(path: string, options: { method: 'POST'; body: unknown }) =>
      injectJson(app, session.token)<T>(path, options);
    const engine = await SyncEngine.open(db, session.clientId, httpTransport(send));
    return { db, engine };
  }

  async function deviceText(db: TambonDatabase): Promise<string> {
    return JSON.stringify(await Promise.all(db.tables.map((table) => table.toArray())));
  }

  /** A person with a national ID and a disease, pushed by a welfare officer's device. */
  async function surveyPerson(id: string): Promise<string> {
    const device = await TestDevice.open(app, store, data.users.welfare);
    const householdId = uuidv7();
    const personId = uuidv7();
    const txId = uuidv7();
    const pushed = await device.push([
      device.mutation({
        op: 'create',
        id: householdId,
        villageId: village(),
        patch: household(),
        txId,
      }),
      device.mutation({
        op: 'create',
        type: 'person',
        id: personId,
        villageId: village(),
        patch: { householdId, firstName: FIRST_NAME, lastName: 'ใจดี', nationalId: id },
        txId,
      }),
    ]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    return personId;
  }

  /** An erasure request for the person, erased through the real route by the supervisor. */
  async function erase(personId: string): Promise<string> {
    const { token } = await openSession(store, data.users.supervisor.id);
    const created = await call(app, token, {
      method: 'POST',
      url: '/api/admin/privacy',
      payload: {
        personId,
        kind: 'erasure',
        receivedOn: new Date().toISOString().slice(0, 10),
        requesterName: 'สมหวัง ใจดี',
        requesterContact: '089-999-0000',
        note: 'ขอลบข้อมูล',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { request } = PrivacyRequestResponse.parse(created.json());
    const erased = await call(app, token, {
      method: 'POST',
      url: `/api/admin/privacy/${request.id}/erase`,
    });
    expect(erased.statusCode, erased.body).toBe(200);
    return request.id;
  }

  async function backup() {
    const manifest = await takeBackup({
      store: database.config,
      dir,
      appVersion: 'test',
      keep: 20,
    });
    expect(manifest.verified, manifest.error ?? '').toBe(true);
    return manifest;
  }

  /**
   * Stops the server, optionally loses its database first, restores, starts it again. The
   * database kept aside is dropped afterwards (the tests restore several times).
   */
  async function restore(
    file: string,
    options: { loseDatabase?: boolean; run?: (path: string) => Promise<RestoreOutcome> } = {},
  ) {
    await app.close();
    await store.close();
    if (options.loseDatabase) {
      if (database.config.kind === 'sqlite') {
        for (const suffix of ['', '-wal', '-shm']) {
          rmSync(database.config.file + suffix, { force: true });
        }
      } else await dropPostgresSchema(database.config.url, database.config.schema as string);
    }
    const run = options.run ?? ((path: string) => restoreBackup(database.config, path));
    const outcome = await run(join(dir, file));
    store = await database.open();
    await store.migrate();
    app = await openApp(store);
    if (outcome.keptAside) {
      if (database.config.kind === 'sqlite') {
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(outcome.keptAside + suffix, { force: true });
      } else await dropPostgresSchema(database.config.url, outcome.keptAside);
    }
    return outcome;
  }

  /** Everything the server keeps about the record that an erasure purges. */
  async function serverText(personId: string): Promise<string> {
    return JSON.stringify([
      await store.getRecord(personId),
      await store.fieldHistory(personId),
      await store.listConflicts({ status: 'all', villageIds: null, limit: 1000 }),
      await store.listQuarantine({ status: 'all', villageIds: null, limit: 1000 }),
    ]);
  }

  /** What a device that has never synced receives from the server. */
  async function freshPull(): Promise<string> {
    const device = await TestDevice.open(app, store, data.users.welfare);
    return JSON.stringify(await device.pullAll());
  }

  it('applies again, after restoring an older backup, an erasure made after it', async () => {
    const id = nationalId('110170012345');
    const { db, engine } = await tablet();
    const personId = uuidv7();
    const householdId = uuidv7();
    await edit(engine.device, [
      {
        op: 'create',
        type: 'household',
        id: householdId,
        villageId: village(),
        patch: household(),
      },
      {
        op: 'create',
        type: 'person',
        id: personId,
        villageId: village(),
        patch: {
          householdId,
          firstName: FIRST_NAME,
          lastName: 'ใจดี',
          nationalId: id,
          chronicDiseases: [DISEASE],
        },
      },
    ]);
    await engine.sync();
    expect(await deviceText(db)).toContain(id);
    const taken = await backup();
    const requestId = await erase(personId);
    const erasedAtFirst = (await store.erasedFields([personId])).get(personId)?.get('nationalId');
    expect(erasedAtFirst).toBeGreaterThan(0);
    // The tablet does not sync before the restore: it still holds the values.

    const outcome = await restore(taken.file);

    // Nothing erased is back on the server: record, history, conflicts, quarantine.
    const onServer = await serverText(personId);
    expect(onServer).toContain(FIRST_NAME);
    for (const value of [id, DISEASE]) expect(onServer).not.toContain(value);
    expect((await store.getRecord(personId))?.fields).not.toHaveProperty('nationalId');
    // A device that never synced does not receive it; the tablet that had it drops it.
    const pulled = await freshPull();
    expect(pulled).toContain(personId);
    expect(pulled).not.toContain(id);
    await engine.sync();
    const onTablet = await deviceText(db);
    expect(onTablet).not.toContain(id);
    expect(onTablet).not.toContain(DISEASE);
    expect((await db.records.get(personId))?.fields.firstName).toBe(FIRST_NAME);

    expect(outcome.erasures).toMatchObject({
      reapplied: 1,
      failed: [],
      keptAside: 'read',
      journal: 'read',
      unchecked: false,
    });
    const { text, unchecked } = describeRestore(outcome);
    expect(unchecked).toBe(false);
    expect(text).toMatch(/erasures made after the backup applied again: 1\b/);
    expect(text).not.toContain(id);
    // The erasure again at a seq no lower than the first one: a device's value from before it
    // still goes to quarantine, and the request is closed as it was.
    const erasedAgain = (await store.erasedFields([personId])).get(personId)?.get('nationalId');
    expect(erasedAgain).toBeGreaterThanOrEqual(erasedAtFirst as number);
    const stale = await TestDevice.open(app, store, data.users.welfare);
    const pushed = await stale.push([
      stale.mutation({
        type: 'person',
        id: personId,
        villageId: village(),
        patch: { nationalId: id },
        base: { nationalId: (erasedAtFirst as number) - 1 },
      }),
    ]);
    expect(pushed.results[0]?.reason).toBe('field_erased');
    expect(await serverText(personId)).not.toContain(id);
    const audit = await store.listAudit({ limit: 5, action: 'privacy.erase', target: personId });
    expect(audit[0]?.details).toMatchObject({ requestId, reappliedAfterRestore: true });

    const health = (await app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health.erasuresNotJournaled).toBe(0);

    // Restoring the same backup again applies it again; the erasure is counted once.
    const again = await restore(taken.file);
    expect(again.erasures.reapplied).toBe(1);
    expect(await serverText(personId)).not.toContain(id);
  }, 60_000);

  it('keeps out the value a device sends again for a person the backup did not have yet', async () => {
    const id = nationalId('550120011223');
    const { db, engine } = await tablet();
    await engine.sync();
    const taken = await backup();
    // After the backup: the tablet surveys the person, the server acknowledges, then erases.
    const personId = uuidv7();
    const householdId = uuidv7();
    await edit(engine.device, [
      {
        op: 'create',
        type: 'household',
        id: householdId,
        villageId: village(),
        patch: household(),
      },
      {
        op: 'create',
        type: 'person',
        id: personId,
        villageId: village(),
        patch: { householdId, firstName: FIRST_NAME, lastName: 'ใจดี', nationalId: id },
      },
    ]);
    await engine.sync();
    await erase(personId);

    const outcome = await restore(taken.file);
    expect(await store.getRecord(personId)).toBeNull();

    // The tablet sees the restore and sends its survey again: the erased value stays out.
    await engine.sync();
    expect(await serverText(personId)).not.toContain(id);
    expect(await freshPull()).not.toContain(id);
    // The server refused it (field_erased): the tablet keeps no trace, not even in its refused
    // edits or its journal of acknowledged ones.
    for (const table of [db.records, db.pending, db.outbox, db.quarantined, db.acked]) {
      expect(JSON.stringify(await table.toArray()), table.name).not.toContain(id);
    }
    const refused = await store.listQuarantine({ status: 'all', villageIds: null, limit: 1000 });
    expect(refused.some((q) => q.recordId === personId && q.reason === 'field_erased')).toBe(true);
    // This erasure was applied again; the first test's, already in this backup, was not.
    expect(outcome.erasures).toMatchObject({ reapplied: 1, alreadyThere: 1 });
  }, 60_000);

  it('keeps in the journal only ids, field names, the request, seq and time', async () => {
    const text = readFileSync(join(dir, ERASURE_JOURNAL_FILE), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const entry = ErasureJournalEntry.parse(JSON.parse(line));
      expect(Object.keys(JSON.parse(line)).sort()).toEqual(
        ['at', 'by', 'fields', 'recordId', 'requestId', 'seq', 'villageId'].sort(),
      );
      expect(entry.fields).toContain('nationalId');
    }
    for (const value of [nationalId('110170012345'), DISEASE, FIRST_NAME, 'ใจดี', '089-999-0000']) {
      expect(text).not.toContain(value);
    }
  });

  it('applies the erasure from the journal alone when the replaced database is lost', async () => {
    const id = nationalId('220180054321');
    const personId = await surveyPerson(id);
    const taken = await backup();
    await erase(personId);

    const outcome = await restore(taken.file, { loseDatabase: true });

    expect(outcome.keptAside).toBeNull();
    expect(await serverText(personId)).not.toContain(id);
    expect(await freshPull()).not.toContain(id);
    expect(outcome.erasures).toMatchObject({
      reapplied: 1,
      keptAside: 'absent',
      journal: 'read',
      unchecked: false,
    });
  }, 60_000);

  it("`restore FILE` of a copy kept elsewhere reads the journal of the server's backup directory", async () => {
    const id = nationalId('660130022334');
    const personId = await surveyPerson(id);
    const taken = await backup();
    await erase(personId);
    // The operator restores a copy of the backup from another disk; the database is lost.
    const elsewhere = join(dir, 'offsite');
    mkdirSync(elsewhere, { recursive: true });
    for (const name of [taken.file, `${taken.file}.json`]) {
      copyFileSync(join(dir, name), join(elsewhere, name));
    }
    const said: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((text) => said.push(String(text)));
    const error = vi.spyOn(console, 'error').mockImplementation((text) => said.push(String(text)));
    const exitCode = process.exitCode;
    try {
      await restore(taken.file, {
        loseDatabase: true,
        run: async () => {
          const argv = ['restore', join(elsewhere, taken.file), '--backup-dir', dir];
          const config = { ...parseCli([...argv, '--data-dir', elsewhere], {}) };
          await restoreCommand({ ...config, store: database.config }, join(elsewhere, taken.file));
          return { keptAside: null } as RestoreOutcome;
        },
      });
      expect(process.exitCode).toBe(exitCode);
    } finally {
      log.mockRestore();
      error.mockRestore();
      process.exitCode = exitCode;
    }
    expect(said.join('\n')).toMatch(
      /erasures made after the backup applied again: 1 \(checked against the erasure journal\)/,
    );
    expect(said.join('\n')).not.toContain(id);
    expect(await serverText(personId)).not.toContain(id);
  }, 60_000);

  it('says so loudly when neither the replaced database nor the journal can be read', async () => {
    const id = nationalId('330190067890');
    const personId = await surveyPerson(id);
    const taken = await backup();
    const requestId = await erase(personId);
    rmSync(join(dir, ERASURE_JOURNAL_FILE));

    const outcome = await restore(taken.file, { loseDatabase: true });

    expect(outcome.erasures).toMatchObject({
      reapplied: 0,
      keptAside: 'absent',
      journal: 'missing',
      unchecked: true,
    });
    const { text, unchecked } = describeRestore(outcome);
    expect(unchecked).toBe(true);
    expect(text).toMatch(/WARNING: PDPA ERASURES COULD NOT BE CHECKED/);
    expect(text).toMatch(/erasure journal .* was missing/);
    expect(text).not.toContain(id);
    // An erasure that could not be applied again is as loud, and named by its request only.
    const failed = describeRestore({
      ...outcome,
      erasures: { ...outcome.erasures, journal: 'read', unchecked: false, failed: [requestId] },
    });
    expect(failed.unchecked).toBe(true);
    expect(failed.text).toMatch(/1 PDPA ERASURE\(S\) COULD NOT BE APPLIED AGAIN/);
    expect(failed.text).toContain(requestId);
  }, 60_000);

  it('shows in /api/health an erasure the journal could not record, and still erases', async () => {
    const blocked = join(dir, 'not-a-directory');
    writeFileSync(blocked, '');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    await app.close();
    app = await testApp(store, {
      rateLimit: false,
      logger: { level: 'error', stream },
      operations: { backupDir: join(blocked, 'backups'), backupsScheduled: false, dataDir: null },
    });
    const id = nationalId('440110098765');
    const personId = await surveyPerson(id);
    const before = (await app.inject({ method: 'GET', url: '/api/health' })).json();
    await erase(personId);

    expect(await serverText(personId)).not.toContain(id);
    expect(lines.join('')).toMatch(/erasure journal could not be written/);
    expect(lines.join('')).not.toContain(id);
    const health = (await app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health.erasuresNotJournaled).toBe(before.erasuresNotJournaled + 1);
  });
});
