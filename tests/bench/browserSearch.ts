// Search and save figures of docs/architecture.md §7 in Debian's Chromium, on a device that holds
// the generated tambon (written into IndexedDB as a first sync leaves it, SEALED as the app's
// user database is, plus an unsealed copy for the cost of sealing; no server needed: the bench
// page is served by `vite preview`). Per run, in a freshly loaded page, after an unlock:
//   (a) people and households read from IndexedDB (the records, no snapshot yet), then the
//       people index built, then the lists sealed as one snapshot as the app does;
//   (b) a few hundred queries typed as-you-type, each timed alone, then again under a 4x CPU
//       throttle (Chromium's Emulation.setCPUThrottlingRate, docs/architecture.md §7's phone);
//   (c) household forms saved as the form saves them: new households of 4 members and answers
//       changed in existing households (zod validation, record changes, the real edit());
//   (d) how long a save takes to show in search (changed records read again, index rebuilt).
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../e2e/support/env';
import type { SearchQuery } from './browser/searchBench';
import { callBench, freePort } from './lib/page';

export const SEARCH_SAVES = 200; // of each kind: new households of 4 and changed answers
export const SAVE_TO_SEARCH = 20;
export const WARM_BUILDS = 3;
export const THROTTLE_RATE = 4;
/** Each query runs this many times; its time is the median. */
export const QUERY_REPEATS = 3;

export interface SearchDataset {
  households: number;
  people: number;
  seed: number;
}

export interface SearchRun {
  loadMs: number;
  buildMs: number;
  warmBuildMs: number[];
  /** Each query's time, in the order of `queries`. */
  searchMs: number[];
  throttledMs: number[];
  emptyResults: number;
  saveNewMs: number[];
  savePatchMs: number[];
  /** Validation and record changes of each save (its share before edit()). */
  savePrepareMs: number[];
  /** One small write transaction (a meta row), same database and durability: a save's floor. */
  oneWriteMs: number[];
  saveToSearchMs: number[];
  /** Unlock of the sealed database: the PIN unthrottled, then PIN and PRF at 4x. */
  unlockPinMs: number;
  unlockPinThrottledMs: number;
  unlockPrfThrottledMs: number;
  /** The same read for the index from an unsealed copy: the cost of sealing is loadMs − this. */
  plainLoadMs: number;
  /** 4x: from unlock (PRF) to the first search answered over every person. */
  readyAfterUnlockMs: number;
  /** Its parts: the lists read (the sealed snapshot opened), then the index built + one search. */
  readyReadMs: number;
  /** Of readyReadMs: the data's stamp read (the database opened in the fresh page). */
  readyStampMs: number;
  readyBuildMs: number;
  /** The sealed snapshot of the lists written (sealed with WebCrypto + one put), and its size. */
  snapshotMs: number;
  snapshotBytes: number;
  /** The sealed snapshot of the built people index written (columns built + sealed + put). */
  indexSnapshotMs: number;
  indexSnapshotBytes: number;
  /** 4x: the same as readyAfterUnlockMs when the index snapshot is stale (the lists' snapshot). */
  readyFromListsMs: number;
  /** 4x, from navigation start: the village counts of the home screen and a village's list. */
  coldStart: Record<'pin' | 'prf', ColdStart>;
}

export interface ColdStart {
  scriptsMs: number;
  unlockMs: number;
  homeMs: number;
  listMs: number;
  households: number;
}

export interface SearchResults {
  chromiumVersion: string;
  people: number;
  records: number;
  queries: SearchQuery[];
  runs: SearchRun[];
}

export async function searchBench(options: {
  dataset: SearchDataset;
  runs: number;
  tmpRoot: string;
  log: (line: string) => void;
}): Promise<SearchResults> {
  const { dataset, runs, tmpRoot, log } = options;
  const root = join(tmpRoot, 'search');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  process.env.XDG_CONFIG_HOME = join(root, 'xdg');

  log('building the bench page (vite, tests/bench/vite.config.ts)…');
  const configFile = resolve('tests/bench/vite.config.ts');
  await build({ configFile, logLevel: 'warn' });
  const port = await freePort();
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(join(root, 'profile'), {
      ...chromiumLaunchOptions(),
      headless: true,
      serviceWorkers: 'block',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
    const load = async () => {
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => 'bench' in window);
    };
    await load();
    const chromiumVersion = await callBench(page, 'browserVersion');
    const records = dataset.households + dataset.people;
    const cdp = await context.newCDPSession(page);

    const results: SearchResults = {
      chromiumVersion,
      people: 0,
      records,
      queries: [],
      runs: [],
    };
    for (let run = 1; run <= runs; run++) {
      // Each run starts from the same tambon (the saves of the last run are dropped) in a
      // freshly loaded page: nothing of the last index is in memory.
      const seeded = await callBench(
        page,
        'seedSearchDevice',
        dataset.households,
        dataset.people,
        dataset.seed,
      );
      if (seeded.records !== records) throw new Error(`stored ${seeded.records} records`);
      await load();
      const unlockPin = await callBench(page, 'unlock', 'pin');

      const index = await callBench(page, 'buildIndex', WARM_BUILDS);
      if (index.people !== dataset.people) throw new Error(`index of ${index.people} people`);
      results.people = index.people;
      const queries = await callBench(page, 'makeQueries', dataset.seed);
      results.queries = queries;
      const searched = await callBench(page, 'runQueries', queries, QUERY_REPEATS);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
      const throttled = await callBench(page, 'runQueries', queries, QUERY_REPEATS).finally(() =>
        cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }),
      );

      const plain = await callBench(page, 'loadPlain');
      if (plain.people !== dataset.people) throw new Error(`plain read of ${plain.people}`);

      // The phone stand-in (4x) from a freshly loaded page for each: unlock, search ready after
      // unlock, and a cold start to the first lists timed from navigation start.
      const throttledCall = async <T>(call: () => Promise<T>, beforeLoad = false): Promise<T> => {
        if (beforeLoad) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
        await load();
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
        try {
          return await call();
        } finally {
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        }
      };
      const unlockPinThrottled = await throttledCall(() => callBench(page, 'unlock', 'pin'));
      const unlockPrfThrottled = await throttledCall(() => callBench(page, 'unlock', 'prf'));
      const firstName = queries.find((q) => q.kind === 'last name')?.query ?? 'ส';
      const ready = await throttledCall(() => callBench(page, 'searchReadyAfterUnlock', firstName));
      if (ready.people !== dataset.people || ready.found === 0) {
        throw new Error(`search after unlock: ${ready.people} people, ${ready.found} found`);
      }
      const readyFromLists = await throttledCall(() =>
        callBench(page, 'searchReadyAfterUnlock', firstName, 'lists'),
      );
      if (readyFromLists.found !== ready.found) {
        throw new Error(`the snapshot found ${ready.found}, the lists ${readyFromLists.found}`);
      }
      const coldStart = {
        pin: await throttledCall(() => callBench(page, 'coldStartToList', 'pin'), true),
        prf: await throttledCall(() => callBench(page, 'coldStartToList', 'prf'), true),
      };
      if (coldStart.prf.households !== dataset.households) {
        throw new Error(`cold start saw ${coldStart.prf.households} households`);
      }
      // The saves below start from the index as a device that searched has it.
      await load();
      await callBench(page, 'unlock', 'pin');
      await callBench(page, 'buildIndex', 0);

      const saves = await callBench(page, 'saveForms', SEARCH_SAVES, dataset.seed + run);
      if (saves.outbox !== SEARCH_SAVES * 6) throw new Error(`outbox of ${saves.outbox}`);
      const toSearch = await callBench(
        page,
        'saveToSearch',
        SAVE_TO_SEARCH,
        dataset.seed + 100 + run,
      );
      if (toSearch.found !== SAVE_TO_SEARCH) {
        throw new Error(`only ${toSearch.found} of ${SAVE_TO_SEARCH} saves found in search`);
      }
      results.runs.push({
        loadMs: index.loadMs,
        buildMs: index.buildMs,
        warmBuildMs: index.warmBuildMs,
        searchMs: searched.ms,
        throttledMs: throttled.ms,
        emptyResults: searched.empty,
        saveNewMs: saves.created,
        savePatchMs: saves.patched,
        savePrepareMs: saves.prepared,
        oneWriteMs: saves.oneWrite,
        saveToSearchMs: toSearch.ms,
        unlockPinMs: unlockPin.ms,
        unlockPinThrottledMs: unlockPinThrottled.ms,
        unlockPrfThrottledMs: unlockPrfThrottled.ms,
        plainLoadMs: plain.ms,
        readyAfterUnlockMs: ready.ms,
        readyReadMs: ready.readMs,
        readyStampMs: ready.stampMs,
        readyBuildMs: ready.buildMs,
        snapshotMs: index.snapshotMs,
        snapshotBytes: index.snapshotBytes,
        indexSnapshotMs: index.indexSnapshotMs,
        indexSnapshotBytes: index.indexSnapshotBytes,
        readyFromListsMs: readyFromLists.ms,
        coldStart,
      });
      const fmt = (v: number) => `${v.toFixed(1)} ms`;
      log(
        `  run ${run}: load ${fmt(index.loadMs)}, build ${fmt(index.buildMs)}, ${queries.length} queries p95 ${fmt(percentile(searched.ms, 95))} (4x throttle ${fmt(percentile(throttled.ms, 95))}), save p95 new ${fmt(percentile(saves.created, 95))} / patch ${fmt(percentile(saves.patched, 95))}`,
      );
    }
    return results;
  } finally {
    await context?.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)] ?? Number.NaN;
}
