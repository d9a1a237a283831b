import { createHash } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { AuditResponse, DevicesResponse, UsersResponse } from '../../src/shared/api/admin';
import { VillagesResponse } from '../../src/shared/api/auth';
import { User } from '../../src/shared/model/user';
import { testDatabases } from './databases';
import { call, expectError, openSession, PASSWORD, type Seed, seed, testApp } from './helpers';

const databases = await testDatabases();
const SOME_ID = '0190a0b0-0000-7000-8000-000000000001';

/** Every admin route, with a valid body so that only the role decides. */
const ADMIN_READS: InjectOptions[] = [
  { method: 'GET', url: '/api/admin/users' },
  { method: 'GET', url: '/api/admin/villages' },
  { method: 'GET', url: '/api/admin/devices' },
];
const ADMIN_WRITES: InjectOptions[] = [
  {
    method: 'POST',
    url: '/api/admin/users',
    payload: {
      username: 'intruder',
      name: 'X',
      password: 'long enough',
      role: 'admin',
      villageIds: [],
    },
  },
  { method: 'PATCH', url: `/api/admin/users/${SOME_ID}`, payload: { role: 'admin' } },
  {
    method: 'POST',
    url: `/api/admin/users/${SOME_ID}/password`,
    payload: { password: 'long enough' },
  },
  {
    method: 'POST',
    url: '/api/admin/villages',
    payload: { mooNo: 40, name: 'บ้านใหม่', code: '45180440' },
  },
  { method: 'PATCH', url: `/api/admin/villages/${SOME_ID}`, payload: { name: 'บ้านใหม่' } },
  { method: 'POST', url: '/api/admin/devices/some-device-1/revoke' },
  { method: 'GET', url: '/api/admin/audit' },
];

describe.each(databases)('admin API on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: Seed;
  const tokens: Record<string, string> = {};
  const as = (who: string, options: InjectOptions) => call(app, tokens[who] ?? null, options);

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await seed(store);
    app = await testApp(store);
    for (const who of ['admin', 'supervisor', 'surveyor', 'welfare'] as const) {
      tokens[who] = (await openSession(store, data.users[who].id)).token;
    }
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('refuses surveyors and welfare officers on every admin route with 403', async () => {
    for (const who of ['surveyor', 'welfare']) {
      for (const route of [...ADMIN_READS, ...ADMIN_WRITES]) {
        expectError(await as(who, route), 403, 'forbidden');
      }
    }
  });

  it('refuses every admin route without a session with 401', async () => {
    for (const route of [...ADMIN_READS, ...ADMIN_WRITES]) {
      expectError(await call(app, null, route), 401, 'unauthenticated');
    }
  });

  it('lets a supervisor read the lists but not write or read the audit log', async () => {
    for (const route of ADMIN_READS) {
      expect((await as('supervisor', route)).statusCode, String(route.url)).toBe(200);
    }
    for (const route of ADMIN_WRITES) {
      expectError(await as('supervisor', route), 403, 'forbidden');
    }
  });

  it('lists users without any password hash', async () => {
    const response = await as('admin', { method: 'GET', url: '/api/admin/users' });
    const { users } = UsersResponse.parse(response.json());
    expect(users.map((u) => u.username)).toEqual(['admin', 'supervisor', 'surveyor', 'welfare']);
    expect(response.body).not.toMatch(/scrypt|password/i);
  });

  describe('users', () => {
    let created: User;

    it('creates a user who can log in', async () => {
      const response = await as('admin', {
        method: 'POST',
        url: '/api/admin/users',
        payload: {
          username: 'Surveyor3',
          name: 'สมหญิง ใจงาม',
          password: 'a good password',
          role: 'surveyor',
          villageIds: [data.villages[2]?.id],
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      created = User.parse(response.json());
      expect(created).toMatchObject({ username: 'surveyor3', role: 'surveyor', disabled: false });
      expect(created.villageIds).toEqual([data.villages[2]?.id]);
      expect(response.body).not.toContain('a good password');
      const loginResponse = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'surveyor3', password: 'a good password', clientId: 'new-device-3' },
      });
      expect(loginResponse.statusCode).toBe(200);
    });

    it('refuses a taken username with 409 and an unknown village with 400', async () => {
      const base = { name: 'X', password: 'long enough', role: 'welfare' };
      const taken = await as('admin', {
        method: 'POST',
        url: '/api/admin/users',
        payload: { ...base, username: 'surveyor3', villageIds: [] },
      });
      expect(expectError(taken, 409, 'conflict').details).toEqual({ field: 'username' });
      const unknownVillage = await as('admin', {
        method: 'POST',
        url: '/api/admin/users',
        payload: { ...base, username: 'other', villageIds: [data.villages[0]?.id, SOME_ID] },
      });
      expect(expectError(unknownVillage, 400, 'validation_failed').details).toEqual([
        { path: 'villageIds.1', message: 'unknown_village' },
      ]);
    });

    it('updates role, name and villages; 404 for an unknown user', async () => {
      const response = await as('admin', {
        method: 'PATCH',
        url: `/api/admin/users/${created.id}`,
        payload: { role: 'welfare', name: 'สมหญิง', villageIds: [data.villages[0]?.id] },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(User.parse(response.json())).toMatchObject({
        role: 'welfare',
        name: 'สมหญิง',
        villageIds: [data.villages[0]?.id],
      });
      const missing = await as('admin', {
        method: 'PATCH',
        url: `/api/admin/users/${SOME_ID}`,
        payload: { name: 'x' },
      });
      expectError(missing, 404, 'not_found');
    });

    it('disabling a user ends their sessions', async () => {
      const session = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'surveyor3', password: 'a good password', clientId: 'new-device-4' },
      });
      const token = session.json().token;
      const response = await as('admin', {
        method: 'PATCH',
        url: `/api/admin/users/${created.id}`,
        payload: { disabled: true },
      });
      expect(response.json().disabled).toBe(true);
      expect((await store.getSession(hashOf(token)))?.revokedAt).toEqual(expect.any(String));
      expectError(
        await call(app, token, { method: 'GET', url: '/api/me' }),
        401,
        'account_disabled',
      );
      await as('admin', {
        method: 'PATCH',
        url: `/api/admin/users/${created.id}`,
        payload: { disabled: false },
      });
      expectError(
        await call(app, token, { method: 'GET', url: '/api/me' }),
        401,
        'unauthenticated',
      );
    });

    it('resetting a password ends the sessions and the new password works', async () => {
      const before = await openSession(store, data.users.welfare.id);
      const reset = await as('admin', {
        method: 'POST',
        url: `/api/admin/users/${data.users.welfare.id}/password`,
        payload: { password: 'reset by admin' },
      });
      expect(reset.statusCode).toBe(204);
      expectError(
        await call(app, before.token, { method: 'GET', url: '/api/me' }),
        401,
        'unauthenticated',
      );
      const relogin = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'welfare', password: 'reset by admin', clientId: 'welfare-new-1' },
      });
      expect(relogin.statusCode).toBe(200);
      const old = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'welfare', password: PASSWORD, clientId: 'welfare-new-2' },
      });
      expectError(old, 401, 'invalid_credentials');
    });

    it('refuses to disable or demote the last enabled admin', async () => {
      for (const payload of [{ disabled: true }, { role: 'supervisor' }]) {
        const response = await as('admin', {
          method: 'PATCH',
          url: `/api/admin/users/${data.users.admin.id}`,
          payload,
        });
        expectError(response, 409, 'conflict');
      }
      expect((await store.getUser(data.users.admin.id))?.role).toBe('admin');
    });
  });

  describe('villages', () => {
    let villageId: string;

    it('creates a village; its code defaults from the organization', async () => {
      const noOrg = await as('admin', {
        method: 'POST',
        url: '/api/admin/villages',
        payload: { mooNo: 4, name: 'บ้านดอนแดง' },
      });
      expect(expectError(noOrg, 400, 'validation_failed').details).toEqual([
        { path: 'code', message: 'required_without_organization' },
      ]);
      await store.saveOrganization(
        {
          id: SOME_ID,
          name: 'อบต.พระเจ้า',
          subdistrictCode: '451804',
          districtCode: '4518',
          provinceCode: '45',
          subdistrictNameTh: 'พระเจ้า',
          districtNameTh: 'เชียงขวัญ',
          provinceNameTh: 'ร้อยเอ็ด',
          postalCode: '45000',
        },
        new Date().toISOString(),
      );
      const response = await as('admin', {
        method: 'POST',
        url: '/api/admin/villages',
        payload: { mooNo: 4, name: 'บ้านดอนแดง' },
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ mooNo: 4, name: 'บ้านดอนแดง', code: '45180404' });
      villageId = response.json().id;
    });

    it('refuses a taken หมู่ number with 409 naming the field', async () => {
      const response = await as('admin', {
        method: 'POST',
        url: '/api/admin/villages',
        payload: { mooNo: 4, name: 'ซ้ำ', code: '45180499' },
      });
      expect(expectError(response, 409, 'conflict').details).toEqual({ field: 'mooNo' });
    });

    it('renames a village; 404 for an unknown one', async () => {
      const response = await as('admin', {
        method: 'PATCH',
        url: `/api/admin/villages/${villageId}`,
        payload: { name: 'บ้านดอนแดงใหม่' },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().name).toBe('บ้านดอนแดงใหม่');
      const list = VillagesResponse.parse(
        (await as('supervisor', { method: 'GET', url: '/api/admin/villages' })).json(),
      );
      expect(list.villages.map((v) => v.mooNo)).toEqual([1, 2, 3, 4]);
      expectError(
        await as('admin', {
          method: 'PATCH',
          url: `/api/admin/villages/${SOME_ID}`,
          payload: { name: 'x' },
        }),
        404,
        'not_found',
      );
    });
  });

  describe('devices', () => {
    it('lists devices with their user, and revokes one with its sessions', async () => {
      const { token, clientId } = await openSession(store, data.users.surveyor.id);
      const { devices } = DevicesResponse.parse(
        (await as('supervisor', { method: 'GET', url: '/api/admin/devices' })).json(),
      );
      expect(devices.find((d) => d.clientId === clientId)).toMatchObject({
        username: 'surveyor',
        revokedAt: null,
      });
      const revoke = await as('admin', {
        method: 'POST',
        url: `/api/admin/devices/${clientId}/revoke`,
      });
      expect(revoke.statusCode).toBe(200);
      expectError(await call(app, token, { method: 'GET', url: '/api/me' }), 401, 'device_revoked');
      expectError(
        await as('admin', { method: 'POST', url: '/api/admin/devices/unknown-device/revoke' }),
        404,
        'not_found',
      );
    });
  });

  describe('audit log', () => {
    it('records every admin write, pages newest first, and holds no secret', async () => {
      const first = await as('admin', { method: 'GET', url: '/api/admin/audit?limit=5' });
      expect(first.statusCode, first.body).toBe(200);
      const page = AuditResponse.parse(first.json());
      expect(page.entries).toHaveLength(5);
      expect(page.nextBefore).toBe(page.entries[4]?.id);
      const rest = AuditResponse.parse(
        (
          await as('admin', {
            method: 'GET',
            url: `/api/admin/audit?limit=500&before=${page.nextBefore}`,
          })
        ).json(),
      );
      expect(rest.nextBefore).toBeNull();
      const all = [...page.entries, ...rest.entries];
      const ats = all.map((e) => e.id);
      expect([...ats].sort().reverse()).toEqual(ats);
      const actions = new Set(all.map((e) => e.action));
      for (const action of [
        'user.create',
        'user.update',
        'user.password_reset',
        'village.create',
        'village.update',
        'device.revoke',
        'auth.login',
      ]) {
        expect(actions, action).toContain(action);
      }
      const text = JSON.stringify(all);
      expect(text).not.toMatch(/a good password|reset by admin|scrypt/);
      const create = all.find((e) => e.action === 'user.create');
      expect(create).toMatchObject({ userId: data.users.admin.id, username: 'admin' });
    });

    it('validates its query', async () => {
      expectError(
        await as('admin', { method: 'GET', url: '/api/admin/audit?limit=0' }),
        400,
        'validation_failed',
      );
    });
  });
});

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
