// GET /metrics (issue 17): Prometheus text behind its own token, counting requests by route
// pattern (never a URL with ids), sync traffic by outcome, and what waits for a person.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';
import { testApp } from './helpers';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const TOKEN = 'scraper-token-0123456789';
const databases = await testDatabases();

function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(databases)('metrics on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let seeded: SyncSeed;

  beforeAll(async () => {
    store = await database.openMigrated();
    seeded = await syncSeed(store);
    app = await testApp(store, { metricsToken: TOKEN });
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const scrape = (token = TOKEN) =>
    app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });

  it('answers only the scraper with the token', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await scrape('scraper-token-0123456780');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthenticated');
    const right = await scrape();
    expect(right.statusCode).toBe(200);
    expect(right.headers['content-type']).toMatch(/^text\/plain; version=0.0.4/);
  });

  it('counts pushed mutations by outcome, pulled records, and open quarantine', async () => {
    const device = await TestDevice.open(app, store, seeded.users.surveyor1);
    const villageId = seeded.villages[0]?.id ?? '';
    const foreign = seeded.villages[4]?.id ?? '';
    await device.push([
      device.mutation({ op: 'create', id: uuidv7(), villageId, patch: household() }),
      device.mutation({ op: 'create', id: uuidv7(), villageId, patch: household() }),
      // Another surveyor's village: quarantined.
      device.mutation({ op: 'create', id: uuidv7(), villageId: foreign, patch: household() }),
    ]);
    await device.pullAll();
    await app.inject({ method: 'PATCH', url: `/api/admin/users/${uuidv7()}`, payload: {} });

    const text = (await scrape()).body;
    expect(value(text, 'tambon_sync_push_mutations_total{status="applied"}')).toBe(2);
    expect(value(text, 'tambon_sync_push_mutations_total{status="quarantined"}')).toBe(1);
    expect(value(text, 'tambon_sync_pull_records_total')).toBe(2);
    expect(value(text, 'tambon_quarantine_open')).toBe(1);
    expect(value(text, 'tambon_conflicts_open')).toBe(0);
    expect(value(text, 'tambon_backup_last_good_age_seconds')).toBe(-1);
    expect(
      value(text, 'tambon_http_requests_total{method="POST",route="/api/sync/push",status="200"}'),
    ).toBe(1);
    expect(text).toContain('route="/api/admin/users/:id"');
    expect(text).not.toMatch(/\/api\/admin\/users\/[0-9a-f]{8}-/);
    expect(text).toContain('tambon_sync_duration_seconds_bucket{kind="push",le="+Inf"} 1');
  });

  it('has no metrics route without a token', async () => {
    const bare = await testApp(store);
    try {
      const response = await bare.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
