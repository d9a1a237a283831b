// Device figures of docs/architecture.md §7, in Debian's Chromium with real IndexedDB, against the
// real server (src/server/main.ts spawned as the e2e tests do, SQLite in a temp data dir, demo
// accounts) over loopback, with the bench page served by that server (same origin):
//   (a) first sync of the whole tambon to a fresh device (fresh on-disk profile), through the
//       real SyncEngine + httpTransport; references: one raw Dexie bulkPut of the same records,
//       and fetch-a-page-of-1,000-then-bulkPut with nothing else;
//   (b) a pull of 100 changes made on another device, with everything already on the device;
//   (c) a push of 1,000 new local records saved with edit().
// The tambon is loaded by pushing it through the real push route over HTTP in requests of up
// to 500 mutations (also reported: push throughput of the spawned server over loopback).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { generateTambon } from '../../src/server/demo/generator';
import type { LoginResponse, VillagesResponse } from '../../src/shared/api/auth';
import type { Cursors, Mutation, PullResponse, PushResponse } from '../../src/shared/sync/protocol';
import { chromiumLaunchOptions } from '../e2e/support/env';
import { type RunningServer, startServer } from '../e2e/support/server';
import { BenchDevice, expectAllApplied, newClientId, packBatches } from './lib/device';
import { callBench, freePort } from './lib/page';
import type { DatasetSize } from './serverPush';
import { BENCH_DIST } from './vite.config';

// The demo server already holds demo households in its ten villages, so the bench makes ten
// villages of its own (หมู่ 11–20) and a welfare officer of exactly those: the device then syncs
// the generated tambon and nothing else.
const ADMIN_USER = 'admin';
const ADMIN_PASSWORD = 'demo1234';
const BENCH_USER = 'benchwelfare';
const BENCH_PASSWORD = 'bench-demo-1234';
const BENCH_VILLAGES = 10;
const FIRST_BENCH_MOO = 11;
export const PULL_CHANGES = 100;
export const PUSH_HOUSEHOLDS = 250;
export const PUSH_PEOPLE = 750; // 250 households + 750 people = 1,000 new records

export interface BrowserResults {
  chromiumVersion: string;
  records: number;
  recordBytes: number;
  plainBytes: number;
  seed: { ms: number; mutations: number; requests: number; perSecond: number };
  /** Node pulling every page of 1,000 from the server (no IndexedDB), per run. */
  serverPull: number[];
  firstSync: { ms: number; pages: number }[];
  rawBulkPut: number[];
  plainBulkPut: number[];
  rawPages: number[];
  pull: number[];
  edit: { ms: number; perTransaction: number[] }[];
  push: { ms: number; requests: number }[];
}

/**
 * With `BENCH_CPU_PROFILE=<dir>`, the page's CPU profile of `measure` (Chromium's CDP profiler)
 * is written to `<dir>/<label>.cpuprofile` (open it in DevTools' Performance panel). Profiling
 * slows the page down: the figures of such a run are not the budgets' figures.
 */
async function profiled<T>(page: Page, label: string, measure: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return measure();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await measure();
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${label}.cpuprofile`), JSON.stringify(profile));
  await cdp.detach();
  return result;
}

async function postJson<T>(url: string, body: string, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Signs in as the demo admin and makes the bench's villages and its welfare officer. */
async function createBenchUser(base: string): Promise<void> {
  const login = await postJson<LoginResponse>(
    `${base}/api/auth/login`,
    JSON.stringify({ username: ADMIN_USER, password: ADMIN_PASSWORD, clientId: newClientId() }),
  );
  const villageIds: string[] = [];
  for (let i = 0; i < BENCH_VILLAGES; i++) {
    const mooNo = FIRST_BENCH_MOO + i;
    const village = await postJson<{ id: string }>(
      `${base}/api/admin/villages`,
      JSON.stringify({ mooNo, name: `บ้านทดสอบ ${mooNo}` }),
      login.token,
    );
    villageIds.push(village.id);
  }
  await postJson(
    `${base}/api/admin/users`,
    JSON.stringify({
      username: BENCH_USER,
      name: 'ทดสอบ ความเร็ว',
      password: BENCH_PASSWORD,
      role: 'welfare',
      villageIds,
    }),
    login.token,
  );
}

/** The bench's other device (Node): loads the tambon, later edits records the browser holds. */
class Seeder {
  private constructor(
    readonly base: string,
    readonly token: string,
    readonly device: BenchDevice,
    readonly userId: string,
    readonly villages: VillagesResponse['villages'],
  ) {}

  static async login(base: string): Promise<Seeder> {
    const clientId = newClientId();
    const login = await postJson<LoginResponse>(
      `${base}/api/auth/login`,
      JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD, clientId }),
    );
    const response = await fetch(`${base}/api/villages`, {
      headers: { authorization: `Bearer ${login.token}` },
    });
    const { villages } = (await response.json()) as VillagesResponse;
    const mine = new Set(login.user.villageIds);
    return new Seeder(
      base,
      login.token,
      new BenchDevice(clientId),
      login.user.id,
      villages.filter((village) => mine.has(village.id)),
    );
  }

  /**
   * Pulls everything in pages of 1,000 as the engine asks for them, parsing each page and doing
   * nothing else: the server's (and loopback's) share of a first sync. Returns the wall time.
   */
  async pullAll(): Promise<{ ms: number; records: number }> {
    let cursors: Cursors = {};
    let records = 0;
    const started = performance.now();
    for (;;) {
      const page = await postJson<PullResponse>(
        `${this.base}/api/sync/pull`,
        JSON.stringify({ clientId: this.device.clientId, cursors, limit: 1000 }),
        this.token,
      );
      records += page.changes.length;
      cursors = { ...cursors, ...page.cursors };
      if (!page.hasMore) return { ms: performance.now() - started, records };
    }
  }

  /** Pushes batches over loopback, one request at a time; returns the wall time. */
  async push(batches: Mutation[][]): Promise<number> {
    const payloads = batches.map((mutations) =>
      JSON.stringify({ clientId: this.device.clientId, mutations }),
    );
    const responses: PushResponse[] = [];
    const started = performance.now();
    for (const payload of payloads) {
      responses.push(
        await postJson<PushResponse>(`${this.base}/api/sync/push`, payload, this.token),
      );
    }
    const ms = performance.now() - started;
    responses.forEach((response, i) => {
      expectAllApplied(response, (batches[i] as Mutation[]).length, 'seed push');
    });
    return ms;
  }
}

export async function browserBench(options: {
  dataset: DatasetSize;
  runs: number;
  tmpRoot: string;
  log: (line: string) => void;
}): Promise<BrowserResults> {
  const { dataset, runs, tmpRoot, log } = options;
  const root = join(tmpRoot, 'browser');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  // Chromium keeps its config and crash files here, not in the home folder (TOOLCHAIN.md).
  process.env.XDG_CONFIG_HOME = join(root, 'xdg');

  log('building the bench page (vite, tests/bench/vite.config.ts)…');
  await build({ configFile: resolve('tests/bench/vite.config.ts'), logLevel: 'warn' });

  const port = await freePort();
  log(`starting the server (src/server/main.ts --demo, SQLite in ${join(root, 'data')})…`);
  const server: RunningServer = await startServer({
    port,
    staticDir: BENCH_DIST,
    dataDir: join(root, 'data'),
    demo: true,
  });
  const contexts: BrowserContext[] = [];
  try {
    await createBenchUser(server.url);
    const seeder = await Seeder.login(server.url);
    const homes = generateTambon({
      seed: dataset.seed,
      households: dataset.households,
      people: dataset.people,
      villages: seeder.villages,
      surveyorId: seeder.userId,
    });
    const batches = packBatches(seeder.device.createHomes(homes));
    const mutations = batches.reduce((sum, batch) => sum + batch.length, 0);
    log(
      `loading ${mutations.toLocaleString('en-US')} records over HTTP (${batches.length} pushes)…`,
    );
    const seedMs = await seeder.push(batches);
    const seed = {
      ms: seedMs,
      mutations,
      requests: batches.length,
      perSecond: mutations / (seedMs / 1000),
    };

    const open = async (label: string): Promise<Page> => {
      const profile = join(root, `profile-${label}`);
      const context = await chromium.launchPersistentContext(profile, {
        ...chromiumLaunchOptions(),
        headless: true,
        serviceWorkers: 'block',
      });
      contexts.push(context);
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => 'bench' in window);
      await callBench(page, 'login', BENCH_USER, BENCH_PASSWORD);
      return page;
    };
    const close = async (page: Page) => {
      const context = page.context();
      await context.close();
      contexts.splice(contexts.indexOf(context), 1);
    };

    const results: BrowserResults = {
      chromiumVersion: '',
      records: mutations,
      recordBytes: 0,
      plainBytes: 0,
      seed,
      serverPull: [],
      firstSync: [],
      rawBulkPut: [],
      plainBulkPut: [],
      rawPages: [],
      pull: [],
      edit: [],
      push: [],
    };

    let device: Page | null = null;
    for (let run = 1; run <= runs; run++) {
      // References first, in their own fresh profile.
      const reference = await open(`raw-${run}`);
      results.chromiumVersion ||= await callBench(reference, 'browserVersion');
      const raw = await callBench(reference, 'rawBulkPut');
      if (raw.records !== mutations) throw new Error(`raw bulkPut stored ${raw.records} records`);
      results.recordBytes = raw.recordBytes;
      results.plainBytes = raw.plainBytes;
      results.rawBulkPut.push(raw.ms);
      results.plainBulkPut.push(raw.plainMs);
      const pages = await callBench(reference, 'rawPages');
      if (pages.records !== mutations) throw new Error(`raw pages stored ${pages.records} records`);
      results.rawPages.push(pages.ms);
      await close(reference);

      // The server's share of a first sync: the same pages pulled by Node, nothing stored.
      const serverPull = await seeder.pullAll();
      if (serverPull.records !== mutations) throw new Error(`pull brought ${serverPull.records}`);
      results.serverPull.push(serverPull.ms);

      // (a) a fresh device: new on-disk profile, signed in, then the first sync.
      if (device) await close(device);
      device = await open(`device-${run}`);
      const first = await profiled(device, `first-sync-${run}`, () =>
        callBench(device as Page, 'firstSync'),
      );
      if (first.records !== mutations)
        throw new Error(`first sync stored ${first.records} records`);
      results.firstSync.push({ ms: first.ms, pages: first.pages });
      log(
        `  run ${run}: first sync ${(first.ms / 1000).toFixed(2)} s (${first.pages} pages), raw bulkPut ${(raw.ms / 1000).toFixed(2)} s (plain documents ${(raw.plainMs / 1000).toFixed(2)} s), raw pages ${(pages.ms / 1000).toFixed(2)} s, server pages only ${(serverPull.ms / 1000).toFixed(2)} s`,
      );
    }
    if (!device) throw new Error('no runs');

    // (b) another device changes 100 people the browser holds; the browser pulls them.
    for (let run = 0; run < runs; run++) {
      const targets = await callBench(device, 'pickPeople', PULL_CHANGES, run * PULL_CHANGES);
      const patches = targets.map((target, i) =>
        seeder.device.patchRecord(
          'person',
          target.id,
          target.villageId,
          { occupation: 'trade', incomeMonthlyTHB: 9_000 + run * 100 + i },
          target.base,
        ),
      );
      await seeder.push([patches]);
      const pulled = await callBench(device, 'pullChanges');
      if (pulled.changes !== PULL_CHANGES) {
        throw new Error(`pull brought ${pulled.changes} changes, expected ${PULL_CHANGES}`);
      }
      results.pull.push(pulled.ms);
      log(`  pull of ${PULL_CHANGES} changes: ${pulled.ms.toFixed(0)} ms`);
    }

    // (c) 1,000 new records saved on the device with edit(), then pushed.
    for (let run = 1; run <= runs; run++) {
      const saved = await callBench(
        device,
        'createLocal',
        PUSH_HOUSEHOLDS,
        PUSH_PEOPLE,
        1000 + run,
      );
      const expected = PUSH_HOUSEHOLDS + PUSH_PEOPLE;
      if (saved.outbox !== expected)
        throw new Error(`outbox holds ${saved.outbox}, expected ${expected}`);
      results.edit.push({ ms: saved.ms, perTransaction: saved.perTransaction });
      const pushed = await profiled(device, `push-${run}`, () =>
        callBench(device as Page, 'pushOutbox'),
      );
      if (pushed.left !== 0 || pushed.quarantined !== 0) {
        throw new Error(
          `push left ${pushed.left} in the outbox, ${pushed.quarantined} quarantined (${pushed.reason})`,
        );
      }
      results.push.push({ ms: pushed.ms, requests: pushed.requests });
      log(
        `  push of ${expected} records: ${pushed.ms.toFixed(0)} ms (${pushed.requests} requests)`,
      );
    }
    return results;
  } finally {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
