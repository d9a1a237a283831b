// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDb, db } from '../../../src/client/db/database';
import { apiError, LOGIN_OK, ME_OK, resetDatabase, stubApi } from './helpers';

type SessionModule = typeof import('../../../src/client/app/session');
type MetaModule = typeof import('../../../src/client/db/meta');

/** The session and db modules as a fresh page load would see them. */
async function freshPage(): Promise<{ session: SessionModule; meta: MetaModule }> {
  closeDb();
  vi.resetModules();
  const session = await import('../../../src/client/app/session');
  const meta = await import('../../../src/client/db/meta');
  return { session, meta };
}

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('session on the device', () => {
  it('survives a reload: a fresh module and database open finds the same user offline', async () => {
    stubApi({ 'POST /api/auth/login': [200, LOGIN_OK], 'GET /api/me': [200, ME_OK] });
    const first = await freshPage();
    await first.session.login('surveyor1', 'demo1234');
    await first.session.refreshProfile();
    const clientId = await first.meta.getClientId();

    // Reload without network: nothing may be fetched.
    const offline = vi.fn(async () => {
      throw new TypeError('offline');
    });
    vi.stubGlobal('fetch', offline);
    const second = await freshPage();
    expect(second.session.session.value).toBeNull();
    await second.session.restoreSession();
    expect(second.session.session.value?.user).toEqual(LOGIN_OK.user);
    expect(second.session.profile.value?.organization?.name).toBe(ME_OK.organization.name);
    expect(second.session.profile.value?.villages).toHaveLength(2);
    expect(await second.meta.getClientId()).toBe(clientId);
    expect(second.session.mayReadAdmin.value).toBe(false);

    // Refreshing while offline keeps everything as it was.
    await second.session.refreshProfile();
    expect(second.session.session.value?.token).toBe('token-1');
  });

  it('generates the device id once', async () => {
    const { meta } = await freshPage();
    const [a, b] = await Promise.all([meta.getClientId(), meta.getClientId()]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('picks up a changed role and villages from /api/me', async () => {
    stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'GET /api/me': [200, { ...ME_OK, user: { ...ME_OK.user, role: 'supervisor' } }],
    });
    const { session } = await freshPage();
    await session.login('surveyor1', 'demo1234');
    await session.refreshProfile();
    expect(session.currentUser.value?.role).toBe('supervisor');
    expect(session.mayReadAdmin.value).toBe(true);
    expect(session.isAdmin.value).toBe(false);
  });

  it('a revoked device is signed out and its local data wiped', async () => {
    stubApi({ 'POST /api/auth/login': [200, LOGIN_OK], 'GET /api/me': [200, ME_OK] });
    const { session, meta } = await freshPage();
    await session.login('surveyor1', 'demo1234');
    await session.refreshProfile();
    const clientId = await meta.getClientId();
    await db().records.put({
      id: 'r1',
      type: 'household',
      villageId: 'v1',
      schemaVersion: 1,
      fields: {},
      deleted: false,
      fieldSeq: {},
      seq: 1,
    });
    await db().outbox.put({
      n: 1,
      bytes: 10,
      mutationId: 'c:1',
      clientId: 'c',
      txId: 't1',
      schemaVersion: 1,
      hlc: '2026-11-21T05:19:00.000Z-0000-clientAAAA',
      op: 'create',
      type: 'household',
      id: 'r1',
      villageId: 'v1',
      patch: {},
      base: {},
    });

    stubApi({ 'GET /api/me': [401, apiError('device_revoked')] });
    await expect(session.api('/api/me')).rejects.toMatchObject({ code: 'device_revoked' });
    expect(session.session.value).toBeNull();
    expect(session.profile.value).toBeNull();
    expect(session.signedOutReason.value).toBe('device_revoked');
    expect(await meta.getMeta('session')).toBeUndefined();
    expect(await meta.getMeta('profile')).toBeUndefined();
    expect(await db().records.count()).toBe(0);
    expect(await db().outbox.count()).toBe(0);
    expect(await meta.getClientId()).toBe(clientId);
  });

  it.each(['session_expired', 'unauthenticated', 'account_disabled'] as const)(
    '401 %s signs out but keeps the data on the device',
    async (code) => {
      stubApi({ 'POST /api/auth/login': [200, LOGIN_OK], 'GET /api/me': [401, apiError(code)] });
      const { session, meta } = await freshPage();
      await session.login('surveyor1', 'demo1234');
      await db().records.put({
        id: 'r1',
        type: 'household',
        villageId: 'v1',
        schemaVersion: 1,
        fields: {},
        deleted: false,
        fieldSeq: {},
        seq: 1,
      });
      await session.refreshProfile();
      expect(session.session.value).toBeNull();
      expect(session.signedOutReason.value).toBe(code);
      expect(await meta.getMeta('session')).toBeUndefined();
      expect(await db().records.count()).toBe(1);
    },
  );

  it('other errors (403, 500, wrong current password) keep the session', async () => {
    stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'GET /api/me': [500, apiError('internal')],
      'POST /api/me/password': [401, apiError('invalid_credentials')],
      'GET /api/admin/users': [403, apiError('forbidden')],
    });
    const { session } = await freshPage();
    await session.login('surveyor1', 'demo1234');
    await session.refreshProfile();
    await expect(session.api('/api/me/password', { method: 'POST', body: {} })).rejects.toThrow();
    await expect(session.api('/api/admin/users')).rejects.toMatchObject({ code: 'forbidden' });
    expect(session.session.value?.token).toBe('token-1');
  });

  it('logout forgets the session even when the server cannot be reached', async () => {
    stubApi({ 'POST /api/auth/login': [200, LOGIN_OK], 'GET /api/me': [200, ME_OK] });
    const { session, meta } = await freshPage();
    await session.login('surveyor1', 'demo1234');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('offline');
      }),
    );
    await session.logout();
    expect(session.session.value).toBeNull();
    expect(await meta.getMeta('session')).toBeUndefined();
  });

  it('sends the bearer token', async () => {
    const fetch = stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'GET /api/me': [200, ME_OK],
    });
    const { session } = await freshPage();
    await session.login('surveyor1', 'demo1234');
    await session.refreshProfile();
    const meCall = fetch.mock.calls.find(([url]) => url === '/api/me');
    expect(new Headers(meCall?.[1]?.headers).get('Authorization')).toBe('Bearer token-1');
  });
});

describe('device name', () => {
  it('is short and readable', async () => {
    const { session } = await freshPage();
    expect(
      session.deviceName(
        'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome 120 · Android 13');
    expect(
      session.deviceName(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
      ),
    ).toBe('Edge 120 · Windows');
    expect(
      session.deviceName(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 · iOS');
  });
});
