// The HTTP surface that is not about users: health, security headers, error bodies for bad
// input, the per-IP rate limit, and serving the built app with its SPA fallback.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { HealthResponse } from '../../src/shared/api/auth';
import { testDatabases } from './databases';
import { call, expectError, openSession, PASSWORD, seed, testApp } from './helpers';

const databases = await testDatabases();

describe.each(databases)('HTTP basics on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let adminToken: string;

  beforeAll(async () => {
    store = await database.openMigrated();
    const data = await seed(store);
    app = await testApp(store);
    adminToken = (await openSession(store, data.users.admin.id)).token;
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('GET /api/health answers without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(HealthResponse.parse(response.json())).toEqual({
      status: 'ok',
      db: database.name,
      schemaVersion: store.schemaVersion,
      appVersion: 'test',
      lastGoodBackupAt: null,
      backupsScheduled: false,
      diskFreeBytes: null,
      erasuresNotJournaled: null,
    });
    expect(store.schemaVersion).toBeGreaterThan(0);
  });

  it('sends a strict CSP and the other security headers, and no HSTS without TLS', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "worker-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['permissions-policy']).toContain('geolocation=(self)');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS when served over TLS', async () => {
    const tlsApp = await testApp(store, { tls: true });
    const response = await tlsApp.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    await tlsApp.close();
  });

  it('answers an unknown /api route with a JSON 404, for any method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await call(app, adminToken, { method, url: '/api/no/such/route' });
      expectError(response, 404, 'not_found');
    }
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    for (const payload of ['{', '{"username": "admin",}', "{'a':1}", '{"a":1}x', '\u0000']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expectError(response, 400, 'invalid_json');
    }
  });

  it('answers missing and invalid fields with 400 validation_failed naming each field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: '', clientId: 42 },
    });
    const error = expectError(response, 400, 'validation_failed');
    const paths = (error.details as { path: string; message: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password', 'clientId']));

    const nested = await call(app, adminToken, {
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'newbie',
        name: 'N',
        password: '12345678',
        role: 'boss',
        villageIds: ['x'],
      },
    });
    const nestedError = expectError(nested, 400, 'validation_failed');
    expect(nestedError.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'role' }),
        expect.objectContaining({ path: 'villageIds.0', message: 'invalid_uuid' }),
      ]),
    );
  });

  it('names the whole body when it is missing, empty or not an object', async () => {
    const missing = await app.inject({ method: 'POST', url: '/api/auth/login' });
    expect(expectError(missing, 400, 'validation_failed').details).toEqual([
      expect.objectContaining({ path: 'body' }),
    ]);
    const empty = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expectError(empty, 400, 'validation_failed');
    const text = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'username=admin',
    });
    expectError(text, 400, 'validation_failed');
  });

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'x'.repeat(1024 * 1024 + 10), clientId: 'abcdefgh' },
    });
    expectError(response, 413, 'payload_too_large');
  });

  it('never answers bad input with a 500', async () => {
    const routes = [
      ['POST', '/api/auth/login'],
      ['POST', '/api/me/password'],
      ['POST', '/api/admin/users'],
      ['PATCH', '/api/admin/users/not-a-uuid'],
      ['PATCH', `/api/admin/users/${crypto.randomUUID()}`],
      ['POST', `/api/admin/users/${crypto.randomUUID()}/password`],
      ['POST', '/api/admin/villages'],
      ['PATCH', `/api/admin/villages/${crypto.randomUUID()}`],
      ['POST', '/api/admin/devices/%00%ff/revoke'],
      ['GET', '/api/admin/audit?limit=-1&before=zzz'],
      ['GET', '/api/admin/audit?limit=1e9'],
    ] as const;
    const payloads = [
      { type: 'application/json', body: 'null' },
      { type: 'application/json', body: '[]' },
      { type: 'application/json', body: '"text"' },
      { type: 'application/json', body: '{"__proto__": {"admin": true}}' },
      { type: 'application/json', body: '{"constructor": {"prototype": {"x": 1}}}' },
      { type: 'application/json', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
      { type: 'application/json', body: '{"name": "\\ud800", "mooNo": 1e400, "villageIds": {}}' },
      { type: 'application/x-www-form-urlencoded', body: 'a=1' },
      { type: 'application/octet-stream', body: '\u0000\u0001' },
    ];
    for (const [method, url] of routes) {
      for (const { type, body } of payloads) {
        const response = await call(app, adminToken, {
          method,
          url,
          headers: { 'content-type': type },
          payload: method === 'GET' ? undefined : body,
        });
        expect(response.statusCode, `${method} ${url} ${body.slice(0, 40)}`).toBeLessThan(500);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.json(), `${method} ${url} ${body.slice(0, 40)}`).toHaveProperty(
          'error.code',
        );
      }
    }
  });

  it('rejects a request without a token, or with a malformed or unknown one, with 401', async () => {
    for (const authorization of [
      undefined,
      'Bearer',
      'Basic YWRtaW46eA==',
      'Bearer not-a-token!',
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/me',
        headers: authorization ? { authorization } : {},
      });
      expectError(response, 401, 'unauthenticated');
    }
    const unknown = await call(app, 'A'.repeat(43), { method: 'GET', url: '/api/me' });
    expectError(unknown, 401, 'unauthenticated');
  });

  it('keeps tokens, passwords and the Authorization header out of the logs', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const logged = await testApp(store, { logger: { level: 'debug', stream } });
    const { token } = (
      await logged.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: PASSWORD, clientId: 'log-test-client' },
      })
    ).json();
    await call(logged, token, { method: 'GET', url: '/api/me' });
    await logged.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'a wrong password', clientId: 'log-test-client' },
    });
    await logged.close();
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(3);
    expect(text).not.toContain(token);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('a wrong password');
    expect(text.toLowerCase()).not.toContain('bearer');
  });

  it('answers an unexpected failure with 500 internal and no stack', async () => {
    const broken = await database.openMigrated();
    const brokenApp = await testApp(broken);
    await broken.close();
    const response = await brokenApp.inject({ method: 'GET', url: '/api/health' });
    const error = expectError(response, 500, 'internal');
    expect(error.details).toBeUndefined();
    expect(response.body).not.toMatch(/at .*\.ts|Error:/);
    await brokenApp.close();
  });

  it('caps requests per IP with a JSON 429 and Retry-After', async () => {
    const limited = await testApp(store, { rateLimit: { max: 3, windowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(await limited.inject({ method: 'GET', url: '/api/health' }));
    }
    expect(statuses.slice(0, 3).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const last = statuses[3] ?? expect.fail();
    expectError(last, 429, 'too_many_requests');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    await limited.close();
  });
});

describe.each(databases)('serving the built app on $name', (database) => {
  let app: FastifyInstance;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tambon-field-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tambon Field</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app");');
    writeFileSync(join(dir, 'manifest.webmanifest'), '{}');
    app = await testApp(await database.openMigrated(), { staticDir: dir });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, accept = 'text/html') =>
    app.inject({ method: 'GET', url, headers: { accept } });

  it('serves index.html and sw.js revalidated on every load', async () => {
    for (const url of ['/', '/index.html', '/sw.js']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    expect((await get('/')).body).toContain('Tambon Field');
    expect((await get('/')).headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves hashed assets as immutable', async () => {
    const response = await get('/assets/index-abc123.js', '*/*');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a navigation to a client route with index.html', async () => {
    for (const url of ['/households', '/households/0190a0b0-0000-7000-8000-000000000001?tab=2']) {
      const response = await get(url, 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('Tambon Field');
    }
  });

  it('does not fall back for a missing file fetched by a script, nor for /api', async () => {
    expectError(await get('/assets/missing.js', '*/*'), 404, 'not_found');
    expectError(await get('/api/nothing-here'), 404, 'not_found');
    expectError(await get('/api'), 404, 'not_found');
    const post = await app.inject({
      method: 'POST',
      url: '/households',
      headers: { accept: 'text/html' },
    });
    expectError(post, 404, 'not_found');
  });

  it('still serves the API', async () => {
    expect((await get('/api/health', 'application/json')).statusCode).toBe(200);
  });
});
