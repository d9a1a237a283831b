// Rate limits that hold across server processes (issue 17): two apps on one database, each
// with its own connection, count the same client's requests together.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { testDatabases } from './databases';
import { expectError, testApp } from './helpers';

const databases = await testDatabases();

describe.each(databases)('rate limits counted in the database on $name', (database) => {
  let first: FastifyInstance;
  let second: FastifyInstance;
  let stores: Store[];

  beforeAll(async () => {
    stores = [await database.openMigrated(), await database.open()];
    const options = {
      rateLimit: { max: 5, windowMs: 60_000 },
      rateLimitCounters: 'database' as const,
    };
    first = await testApp(stores[0] as Store, options);
    second = await testApp(stores[1] as Store, options);
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    await database.drop();
  });

  const health = (app: FastifyInstance, remoteAddress: string) =>
    app.inject({ method: 'GET', url: '/api/health', remoteAddress });

  it('adds up the requests one address makes to either process', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await health(i % 2 === 0 ? first : second, '10.1.0.1')).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const sixth = await health(second, '10.1.0.1');
    expectError(sixth, 429, 'too_many_requests');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    // Another address has its own count.
    expect((await health(first, '10.1.0.2')).statusCode).toBe(200);
  });

  it('counts requests that race on both processes, none lost', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => health(i % 2 === 0 ? first : second, '10.1.0.3')),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
  });

  it('starts a new window once the old one has ended', async () => {
    const store = stores[0] as Store;
    const now = Date.now();
    await store.bumpRateCounter('test-key', now - 120_000, 60_000);
    expect(await store.bumpRateCounter('test-key', now, 60_000)).toEqual({ count: 1, ttl: 60_000 });
    expect((await store.bumpRateCounter('test-key', now + 1_000, 60_000)).count).toBe(2);
    await store.purgeRateCounters(now + 120_000);
    expect((await store.readRateCounter('test-key', now)).count).toBe(0);
  });
});
