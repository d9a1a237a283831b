// The password policy: wherever a password is set, at least 10 characters and none of the
// most common passwords, answered as a field error the forms show in Thai.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/server/cli/config';
import { createAdminCommand } from '../../src/server/cli/createAdmin';
import type { Store } from '../../src/server/store';
import { testDatabases } from './databases';
import {
  call,
  createUser,
  expectError,
  openSession,
  PASSWORD,
  type Seed,
  seed,
  testApp,
} from './helpers';

const databases = await testDatabases();

describe.each(databases)('password policy on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: Seed;
  let admin: { token: string };

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await seed(store);
    app = await testApp(store, { rateLimit: false });
    admin = await openSession(store, data.users.admin.id);
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const createUserWith = (username: string, password: string) =>
    call(app, admin.token, {
      method: 'POST',
      url: '/api/admin/users',
      payload: { username, name: 'ทดสอบ', role: 'surveyor', villageIds: [], password },
    });

  const issuesOf = (response: { json(): unknown }) =>
    (response.json() as { error: { details: unknown } }).error.details;

  it('admin creating a user: refuses fewer than 10 characters and common passwords', async () => {
    const short = expectError(
      await createUserWith('short1', 'abc12345x'),
      400,
      'validation_failed',
    );
    expect(short.details).toEqual([{ path: 'password', message: 'password_min_length' }]);
    for (const common of ['qwertyuiop', 'password123', 'Password123', '1234567890']) {
      const refused = await createUserWith('common1', common);
      expectError(refused, 400, 'validation_failed');
      expect(issuesOf(refused)).toEqual([{ path: 'password', message: 'password_too_common' }]);
    }
    expect(await store.getCredentials({ username: 'common1' })).toBeNull();
    const made = await createUserWith('strong1', 'ควายเหล็ก-นาดอน-42');
    expect(made.statusCode, made.body).toBe(201);
  });

  it('admin resetting a password and a user changing the own: the same policy', async () => {
    const reset = await call(app, admin.token, {
      method: 'POST',
      url: `/api/admin/users/${data.users.welfare.id}/password`,
      payload: { password: 'iloveyou123' },
    });
    expectError(reset, 400, 'validation_failed');
    expect(issuesOf(reset)).toEqual([{ path: 'password', message: 'password_too_common' }]);

    const user = await createUser(store, { username: 'changer', role: 'welfare' });
    const own = await openSession(store, user.id);
    const change = (newPassword: string) =>
      call(app, own.token, {
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword: PASSWORD, newPassword },
      });
    const common = await change('qwerty123456');
    expectError(common, 400, 'validation_failed');
    expect(issuesOf(common)).toEqual([{ path: 'newPassword', message: 'password_too_common' }]);
    expectError(await change('shorter9x'), 400, 'validation_failed');
    expect((await change('บ้านนา ริมโขง 2569')).statusCode).toBe(204);
  });

  it('create-admin refuses a common or short password', async () => {
    const config = (password: string) =>
      parseCli(
        ['create-admin', '--username', 'boss', '--name', 'หัวหน้า', '--password', password],
        {},
      );
    await expect(createAdminCommand(store, config('password1234'))).rejects.toThrow(/common/);
    await expect(createAdminCommand(store, config('short'))).rejects.toThrow(/password/);
    expect(await store.getCredentials({ username: 'boss' })).toBeNull();
  });
});
