// Server push throughput (docs/architecture.md §7: >= 5,000 mutations/s, SQLite and PostgreSQL):
// the generated tambon pushed as create mutations through the real POST /api/sync/push route
// of `buildApp` (in-process, `app.inject`: routing, JSON parsing, validation, the sync engine,
// the database transaction and the audit row are all timed; no socket). Each run gets a fresh
// database: a SQLite file under .tmp/bench, or a random PostgreSQL schema dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../../src/server/app';
import { generateTambon, type TambonHome } from '../../src/server/demo/generator';
import {
  createStore,
  dropPostgresSchema,
  type Store,
  type StoreConfig,
} from '../../src/server/store';
import type { PushResponse } from '../../src/shared/sync/protocol';
import { BenchDevice, expectAllApplied, packBatches } from './lib/device';
import { benchSession, benchUser, benchVillages } from './lib/organization';

export interface PushRun {
  mutations: number;
  requests: number;
  ms: number;
  perSecond: number;
}

export interface DatasetSize {
  households: number;
  people: number;
  seed: number;
}

/** Ten villages and a welfare officer of all of them with a device session, made in the store. */
async function seedOrganization(store: Store) {
  const at = new Date().toISOString();
  const villages = await benchVillages(store, at);
  const user = await benchUser(
    store,
    {
      username: 'bench',
      name: 'ทดสอบ ความเร็ว',
      role: 'welfare',
      villageIds: villages.map((v) => v.id),
    },
    at,
  );
  return { villages, user, ...(await benchSession(store, user.id, 'bench', at)) };
}

/** One run on a fresh, migrated store. */
export async function pushRun(config: StoreConfig, dataset: DatasetSize): Promise<PushRun> {
  const store = await createStore(config);
  try {
    await store.migrate();
    const { villages, user, clientId, token } = await seedOrganization(store);
    const homes: TambonHome[] = generateTambon({
      seed: dataset.seed,
      households: dataset.households,
      people: dataset.people,
      villages,
      surveyorId: user.id,
    });
    const device = new BenchDevice(clientId);
    const batches = packBatches(device.createHomes(homes));
    const payloads = batches.map((mutations) => JSON.stringify({ clientId, mutations }));
    const app = await buildApp({ store, logger: false, appVersion: 'bench' });
    try {
      const bodies: string[] = [];
      const started = performance.now();
      for (const payload of payloads) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/sync/push',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload,
        });
        if (response.statusCode !== 200) {
          throw new Error(`push answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
        }
        bodies.push(response.body);
      }
      const ms = performance.now() - started;
      bodies.forEach((body, i) => {
        expectAllApplied(
          JSON.parse(body) as PushResponse,
          (batches[i] as unknown[]).length,
          'push',
        );
      });
      const mutations = batches.reduce((sum, batch) => sum + batch.length, 0);
      return { mutations, requests: batches.length, ms, perSecond: mutations / (ms / 1000) };
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
}

export async function sqlitePushRuns(
  tmpRoot: string,
  dataset: DatasetSize,
  runs: number,
): Promise<PushRun[]> {
  const results: PushRun[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = join(tmpRoot, `push-sqlite-${i}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      results.push(await pushRun({ kind: 'sqlite', file: join(dir, 'bench.sqlite') }, dataset));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

export async function postgresPushRuns(
  url: string,
  dataset: DatasetSize,
  runs: number,
): Promise<PushRun[]> {
  const results: PushRun[] = [];
  for (let i = 0; i < runs; i++) {
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    try {
      results.push(await pushRun({ kind: 'postgres', url, schema }, dataset));
    } finally {
      await dropPostgresSchema(url, schema);
    }
  }
  return results;
}

/** True when a PostgreSQL server answers at `url` within a few seconds. */
export async function postgresReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
