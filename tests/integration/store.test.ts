import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Store, UniqueViolation } from '../../src/server/store';
import { MIGRATIONS } from '../../src/server/store/migrations';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';
import { createUser, passwordHash } from './helpers';

const databases = await testDatabases();
const MIGRATION_COUNT = Object.keys(MIGRATIONS).length;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(databases)('store contract on $name', (database) => {
  let store: Store;
  const T0 = Date.parse('2026-01-01T00:00:00.000Z');

  beforeAll(async () => {
    store = await database.open();
  });
  afterAll(() => database.drop());

  describe('migrations', () => {
    it('start from an empty database at version 0', () => {
      expect(store.kind).toBe(database.name);
      expect(store.schemaVersion).toBe(0);
    });

    it('apply every migration once; migrating again changes nothing', async () => {
      expect(await store.migrate()).toBe(MIGRATION_COUNT);
      expect(store.schemaVersion).toBe(MIGRATION_COUNT);
      expect(await store.migrate()).toBe(MIGRATION_COUNT);
      await store.ping();
    });

    it('report the applied version on a new connection', async () => {
      const again = await database.open();
      expect(again.schemaVersion).toBe(MIGRATION_COUNT);
      expect(await again.migrate()).toBe(MIGRATION_COUNT);
      await again.close();
    });
  });

  describe('organization', () => {
    it('is null, then saved, then replaced', async () => {
      expect(await store.getOrganization()).toBeNull();
      const org = {
        id: uuidv7(),
        name: 'อบต.พระเจ้า',
        subdistrictCode: '451804',
        districtCode: '4518',
        provinceCode: '45',
        subdistrictNameTh: 'พระเจ้า',
        districtNameTh: 'เชียงขวัญ',
        provinceNameTh: 'ร้อยเอ็ด',
        postalCode: '45000',
      };
      await store.saveOrganization(org, iso(T0));
      expect(await store.getOrganization()).toEqual(org);
      await store.saveOrganization({ ...org, name: 'เทศบาลตำบลพระเจ้า' }, iso(T0 + 1));
      expect((await store.getOrganization())?.name).toBe('เทศบาลตำบลพระเจ้า');
    });
  });

  describe('villages', () => {
    const v1 = { id: uuidv7(), mooNo: 2, name: 'บ้านหนองแวง', code: '45180402' };
    const v2 = { id: uuidv7(), mooNo: 1, name: 'บ้านพระเจ้า', code: '45180401' };

    it('are created and listed in หมู่ order', async () => {
      await store.createVillage(v1, iso(T0));
      await store.createVillage(v2, iso(T0));
      expect(await store.listVillages()).toEqual([v2, v1]);
      expect(await store.getVillage(v1.id)).toEqual(v1);
      expect(await store.getVillage(uuidv7())).toBeNull();
    });

    it('refuse a taken หมู่ number or code with UniqueViolation', async () => {
      const sameMoo = { id: uuidv7(), mooNo: 2, name: 'x', code: '45180499' };
      await expect(store.createVillage(sameMoo, iso(T0))).rejects.toBeInstanceOf(UniqueViolation);
      const sameCode = { id: uuidv7(), mooNo: 9, name: 'x', code: '45180401' };
      const error = await store.createVillage(sameCode, iso(T0)).catch((e) => e);
      expect(error).toBeInstanceOf(UniqueViolation);
      expect(error.constraint).toBe('villages.code');
      expect(await store.listVillages()).toHaveLength(2);
    });

    it('are updated field by field', async () => {
      const updated = await store.updateVillage(v1.id, { name: 'บ้านหนองแวงใหม่' }, iso(T0));
      expect(updated).toEqual({ ...v1, name: 'บ้านหนองแวงใหม่' });
      expect(await store.updateVillage(uuidv7(), { name: 'x' }, iso(T0))).toBeNull();
      await expect(store.updateVillage(v1.id, { mooNo: 1 }, iso(T0))).rejects.toBeInstanceOf(
        UniqueViolation,
      );
    });
  });

  describe('users and their villages', () => {
    it('are created with villages, read back without and with the hash', async () => {
      const [first, second] = await store.listVillages();
      const user = await createUser(store, {
        username: 'somchai',
        role: 'surveyor',
        villageIds: [second?.id ?? '', first?.id ?? ''],
      });
      expect(user).toMatchObject({ username: 'somchai', role: 'surveyor', disabled: false });
      expect(user.villageIds).toEqual([first?.id, second?.id]);
      expect(user).not.toHaveProperty('passwordHash');
      const credentials = await store.getCredentials({ username: 'somchai' });
      expect(credentials?.passwordHash).toBe(await passwordHash());
      expect((await store.getCredentials({ id: user.id }))?.id).toBe(user.id);
      expect(await store.getCredentials({ username: 'nobody' })).toBeNull();
    });

    it('refuse a taken username', async () => {
      await expect(
        createUser(store, { username: 'somchai', role: 'welfare' }),
      ).rejects.toBeInstanceOf(UniqueViolation);
    });

    it('are updated: role, name, disabled, and villages replaced', async () => {
      const user = (await store.getCredentials({ username: 'somchai' })) ?? expect.fail();
      const [first] = await store.listVillages();
      const updated = await store.updateUser(
        user.id,
        { role: 'welfare', name: 'สมชาย', disabled: true, villageIds: [first?.id ?? ''] },
        iso(T0 + 5),
      );
      expect(updated).toMatchObject({
        role: 'welfare',
        name: 'สมชาย',
        disabled: true,
        villageIds: [first?.id],
        updatedAt: iso(T0 + 5),
      });
      expect((await store.updateUser(user.id, { villageIds: [] }, iso(T0)))?.villageIds).toEqual(
        [],
      );
      expect(await store.updateUser(uuidv7(), { name: 'x' }, iso(T0))).toBeNull();
    });

    it('list every user sorted by username, and count enabled admins', async () => {
      await createUser(store, { username: 'admin1', role: 'admin' });
      await createUser(store, { username: 'admin2', role: 'admin', disabled: true });
      const users = await store.listUsers();
      expect(users.map((u) => u.username)).toEqual(['admin1', 'admin2', 'somchai']);
      expect(users.every((u) => !('passwordHash' in u))).toBe(true);
      expect(await store.countActiveAdmins()).toBe(1);
    });

    it('change the password hash', async () => {
      const user = (await store.getCredentials({ username: 'admin1' })) ?? expect.fail();
      await store.setPasswordHash(user.id, 'other-hash', iso(T0));
      expect((await store.getCredentials({ id: user.id }))?.passwordHash).toBe('other-hash');
    });
  });

  describe('devices and sessions', () => {
    let alice: string;
    let bob: string;
    const clientId = 'device-aaaa-0001';

    beforeAll(async () => {
      alice = (await createUser(store, { username: 'alice', role: 'surveyor' })).id;
      bob = (await createUser(store, { username: 'bob', role: 'surveyor' })).id;
    });

    it('a device is created, renamed only when a name is given, and repointed', async () => {
      const created = await store.saveDevice({
        clientId,
        userId: alice,
        name: 'Phone',
        at: iso(T0),
      });
      expect(created).toEqual({
        clientId,
        userId: alice,
        username: 'alice',
        name: 'Phone',
        createdAt: iso(T0),
        lastSeenAt: iso(T0),
        revokedAt: null,
        report: null,
      });
      const again = await store.saveDevice({ clientId, userId: bob, name: null, at: iso(T0 + 10) });
      expect(again).toMatchObject({ userId: bob, name: 'Phone', lastSeenAt: iso(T0 + 10) });
      await store.touchDevice(clientId, iso(T0 + 20));
      expect((await store.getDevice(clientId))?.lastSeenAt).toBe(iso(T0 + 20));
      expect(await store.listDevices()).toHaveLength(1);
      expect(await store.getDevice('unknown-device')).toBeNull();
    });

    it('sessions are created, touched and revoked one by one or in bulk', async () => {
      const session = (tokenHash: string, userId: string) => ({
        tokenHash,
        userId,
        clientId,
        createdAt: iso(T0),
        expiresAt: iso(T0 + 1000),
        lastUsedAt: iso(T0),
      });
      await store.createSession(session('h1', bob));
      await store.createSession(session('h2', bob));
      await store.createSession(session('h3', alice));
      expect(await store.getSession('h1')).toEqual({
        ...session('h1', bob),
        revokedAt: null,
        replacedBy: null,
        firstUsedAt: null,
      });
      expect(await store.getSession('nope')).toBeNull();

      await store.touchSession('h1', iso(T0 + 50), iso(T0 + 5000));
      expect(await store.getSession('h1')).toMatchObject({
        lastUsedAt: iso(T0 + 50),
        expiresAt: iso(T0 + 5000),
      });

      await store.revokeSession('h1', iso(T0 + 60));
      expect((await store.getSession('h1'))?.revokedAt).toBe(iso(T0 + 60));
      await store.revokeSession('h1', iso(T0 + 99));
      expect((await store.getSession('h1'))?.revokedAt).toBe(iso(T0 + 60));

      expect(await store.revokeSessions({ clientId, exceptUserId: bob }, iso(T0 + 70))).toBe(1);
      expect((await store.getSession('h3'))?.revokedAt).toBe(iso(T0 + 70));
      expect(await store.revokeSessions({ userId: bob, exceptTokenHash: 'h2' }, iso(T0))).toBe(0);
      expect(await store.revokeSessions({ userId: bob }, iso(T0 + 80))).toBe(1);
      expect((await store.getSession('h2'))?.revokedAt).toBe(iso(T0 + 80));

      // A rotation's successor that never reached the device ends with the session it replaced.
      await store.createSession(session('h4', bob));
      await store.createSession(session('h5', bob));
      await store.setSessionSuccessor('h4', 'h5');
      await store.markSessionUsed('h4', iso(T0 + 90));
      await store.markSessionUsed('h4', iso(T0 + 95));
      expect(await store.getSession('h4')).toMatchObject({
        replacedBy: 'h5',
        firstUsedAt: iso(T0 + 90),
      });
      await store.revokeSession('h4', iso(T0 + 100));
      expect((await store.getSession('h5'))?.revokedAt).toBe(iso(T0 + 100));
    });

    it('a revoked device stays revoked', async () => {
      const revoked = await store.revokeDevice(clientId, iso(T0 + 100));
      expect(revoked?.revokedAt).toBe(iso(T0 + 100));
      await store.revokeDevice(clientId, iso(T0 + 200));
      expect((await store.getDevice(clientId))?.revokedAt).toBe(iso(T0 + 100));
      expect(await store.revokeDevice('unknown-device', iso(T0))).toBeNull();
    });

    it('expired sessions are purged', async () => {
      await store.purgeExpired(iso(T0 + 2000));
      expect(await store.getSession('h3')).toBeNull();
      expect(await store.getSession('h1')).not.toBeNull();
    });
  });

  describe('login throttle', () => {
    const policy = { maxFailures: 3, windowMs: 60_000, lockMs: 120_000 };

    it('locks a key at the limit and reports the lock', async () => {
      const at = (ms: number) => new Date(T0 + ms);
      expect((await store.recordLoginFailure('user:x', at(0), policy)).failures).toBe(1);
      expect(await store.recordLoginFailure('user:x', at(1000), policy)).toMatchObject({
        failures: 2,
        firstAt: iso(T0),
        lockedUntil: null,
      });
      const third = await store.recordLoginFailure('user:x', at(2000), policy);
      expect(third).toMatchObject({ failures: 3, lockedUntil: iso(T0 + 2000 + 120_000) });
      expect(await store.findLoginLock(['user:x', 'ip:1.2.3.4'], iso(T0 + 3000))).toBe(
        iso(T0 + 122_000),
      );
      expect(await store.findLoginLock(['user:x'], iso(T0 + 122_000))).toBeNull();
      expect(await store.findLoginLock(['user:other'], iso(T0))).toBeNull();
    });

    it('starts over after the lock or the window has passed', async () => {
      const afterLock = await store.recordLoginFailure('user:x', new Date(T0 + 130_000), policy);
      expect(afterLock).toMatchObject({
        failures: 1,
        firstAt: iso(T0 + 130_000),
        lockedUntil: null,
      });
      await store.recordLoginFailure('user:y', new Date(T0), policy);
      const afterWindow = await store.recordLoginFailure('user:y', new Date(T0 + 61_000), policy);
      expect(afterWindow.failures).toBe(1);
    });

    it('counts concurrent failures without losing any', async () => {
      const now = new Date(T0);
      const loose = { ...policy, maxFailures: 100 };
      await Promise.all(
        Array.from({ length: 10 }, () => store.recordLoginFailure('ip:9.9.9.9', now, loose)),
      );
      const last = await store.recordLoginFailure('ip:9.9.9.9', now, loose);
      expect(last.failures).toBe(11);
    });

    it('forgets a key', async () => {
      await store.clearLoginFailures('user:x');
      const fresh = await store.recordLoginFailure('user:x', new Date(T0 + 200_000), policy);
      expect(fresh.failures).toBe(1);
    });
  });

  describe('audit log', () => {
    it('appends entries and pages newest first', async () => {
      const admin = (await store.getCredentials({ username: 'admin1' })) ?? expect.fail();
      for (let i = 0; i < 5; i++) {
        await store.appendAudit({
          at: iso(T0 + i),
          userId: i === 0 ? null : admin.id,
          action: `test.${i}`,
          target: `t${i}`,
          details: i === 1 ? { n: i, thai: 'ทดสอบ' } : undefined,
          ip: '127.0.0.1',
        });
      }
      const page = await store.listAudit({ limit: 3 });
      expect(page.map((e) => e.action)).toEqual(['test.4', 'test.3', 'test.2']);
      expect(page[0]).toMatchObject({ userId: admin.id, username: 'admin1', ip: '127.0.0.1' });
      const next = await store.listAudit({ limit: 3, before: page[2]?.id });
      expect(next.map((e) => e.action)).toEqual(['test.1', 'test.0']);
      expect(next[0]?.details).toEqual({ n: 1, thai: 'ทดสอบ' });
      expect(next[1]).toMatchObject({ userId: null, username: null, details: null });
    });
  });

  describe('sync records', () => {
    it('store any text value exactly (bulk writes escape it for both databases)', async () => {
      const villageId = uuidv7();
      await store.createVillage(
        { id: villageId, mooNo: 60, name: 'บ้าน', code: '45180460' },
        iso(T0),
      );
      const hlc = `${iso(T0)}-0000-device-a1`;
      const tricky = [
        'quote " and backslash \\ and both \\"',
        'line\nbreak\ttab\r\u0000nul\u001f',
        '{braces,comma} NULL',
        'ไทย 😀 \ud800 lone surrogate',
        '',
      ];
      const id = uuidv7();
      const meta = { seq: 1, hlc, by: 'u1' };
      const fields = Object.fromEntries(tricky.map((text, i) => [`f${i}`, text]));
      const record = {
        id,
        type: 'household' as const,
        villageId,
        schemaVersion: 1,
        fields: { ...fields, nested: { list: tricky, none: null } },
        deleted: false,
        fieldMeta: Object.fromEntries(Object.keys(fields).map((f) => [f, meta])),
        seq: 1,
      };
      record.fieldMeta.nested = meta;
      await store.transaction(async (tx) => {
        await tx.insertRecords([record], iso(T0));
        await tx.appendHistory([
          {
            recordId: id,
            villageId,
            values: record.fields,
            hlc,
            byUser: 'u1',
            clientId: null,
            mutationId: null,
            seq: 1,
            outcome: 'applied',
            clamped: false,
            at: iso(T0),
          },
        ]);
      });
      // Lone surrogates cannot be stored as text: JSON keeps them escaped.
      expect(await store.getRecord(id)).toEqual(record);
      const history = await store.fieldHistory(id);
      expect(Object.fromEntries(history.map((h) => [h.field, h.value]))).toEqual(record.fields);
      expect(history[0]).toMatchObject({ clientId: null, mutationId: null });
    });
  });

  describe('transactions', () => {
    it('commit together', async () => {
      const id = uuidv7();
      await store.transaction(async (tx) => {
        await tx.createVillage({ id, mooNo: 50, name: 'บ้านทดสอบ', code: '45180450' }, iso(T0));
        await tx.appendAudit({ at: iso(T0), userId: null, action: 'tx.commit' });
      });
      expect(await store.getVillage(id)).not.toBeNull();
    });

    it('roll back everything when the function throws, and nest', async () => {
      const id = uuidv7();
      const failure = store.transaction(async (tx) => {
        await tx.createVillage({ id, mooNo: 51, name: 'บ้านทดสอบ', code: '45180451' }, iso(T0));
        await tx.transaction((inner) =>
          inner.appendAudit({ at: iso(T0), userId: null, action: 'tx.rollback' }),
        );
        throw new Error('boom');
      });
      await expect(failure).rejects.toThrow('boom');
      expect(await store.getVillage(id)).toBeNull();
      const actions = (await store.listAudit({ limit: 50 })).map((e) => e.action);
      expect(actions).toContain('tx.commit');
      expect(actions).not.toContain('tx.rollback');
    });
  });
});
