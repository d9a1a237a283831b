// Issue 13, item 11: a server at the default level logs startup and errors, not every request
// (one user once made 1,464 lines in 35 minutes); at debug each request is logged again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { testDatabases } from './databases';
import { testApp } from './helpers';

const [database] = await testDatabases();

async function linesFor(store: Store, level: string): Promise<string[]> {
  const lines: string[] = [];
  const stream = { write: (line: string) => void lines.push(line) };
  const app = await testApp(store, { logger: { level, stream } });
  for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: '/api/health' });
  await app.inject({ method: 'GET', url: '/api/no-such-route' });
  await app.close();
  return lines;
}

describe('request logging', () => {
  let store: Store;
  beforeAll(async () => {
    store = await (database as NonNullable<typeof database>).openMigrated();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('logs no line per request at info', async () => {
    expect(await linesFor(store, 'info')).toEqual([]);
  });

  it('logs each request and its answer at debug', async () => {
    const lines = (await linesFor(store, 'debug')).map((line) => JSON.parse(line));
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed).toHaveLength(4);
    expect(completed.map((line) => line.res.statusCode)).toEqual([200, 200, 200, 404]);
    expect(completed.every((line) => typeof line.responseTime === 'number')).toBe(true);
    expect(lines.filter((line) => line.msg === 'incoming request')).toHaveLength(4);
  });
});
