// The built app's text files go out precompressed (brotli, else gzip) when the browser asks,
// with the same caching as the plain file; a browser that asks for neither gets the plain file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases';
import { testApp } from './helpers';

const databases = await testDatabases();
const SCRIPT = `console.log(${JSON.stringify('ครัวเรือน '.repeat(400))});`;

describe.each(databases)('serving precompressed assets on $name', (database) => {
  let app: FastifyInstance;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tambon-field-compressed-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tambon Field</title>');
    const script = join(dir, 'assets', 'index-abc123.js');
    writeFileSync(script, SCRIPT);
    writeFileSync(`${script}.br`, brotliCompressSync(SCRIPT));
    writeFileSync(`${script}.gz`, gzipSync(SCRIPT));
    app = await testApp(await database.openMigrated(), { staticDir: dir });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (encoding: string) =>
    app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { accept: '*/*', 'accept-encoding': encoding },
    });

  it('sends brotli when asked, as JavaScript, cached like the plain file', async () => {
    const response = await get('gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length / 5);
  });

  it('sends gzip to a browser without brotli, and the plain file to one asking for neither', async () => {
    expect((await get('gzip')).headers['content-encoding']).toBe('gzip');
    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });
});
