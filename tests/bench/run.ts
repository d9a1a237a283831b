// `npm run bench` (scripts/bench.mjs runs it with tsx): the budgets of docs/architecture.md §7
// that concern sync and prints ONE table of figures against them. A report, not a test: a
// figure over budget is printed as such and the exit code stays 0; only a bench that could not
// run a measurement (an error, not a missing optional service) exits 1. See tests/bench/README.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateTambon } from '../../src/server/demo/generator';
import { chromiumLaunchOptions } from '../e2e/support/env';
import { IMPORT_ROWS, type ImportResults, importBench } from './browserImport';
import { MAP_HOUSEHOLDS, MAP_PARCELS, type MapResults, mapBench, VILLAGE_ZOOM } from './browserMap';
import {
  percentile,
  QUERY_REPEATS,
  SAVE_TO_SEARCH,
  SEARCH_SAVES,
  type SearchDataset,
  type SearchResults,
  searchBench,
  THROTTLE_RATE,
} from './browserSearch';
import {
  type BrowserResults,
  browserBench,
  PULL_CHANGES,
  PUSH_HOUSEHOLDS,
  PUSH_PEOPLE,
} from './browserSync';
import { MAP_HEIGHT, MAP_WIDTH } from './lib/mapSize';
import {
  formatSummary,
  formatValue,
  p95,
  type Row,
  renderTable,
  summarize,
  verdict,
} from './lib/stats';
import {
  IMPORT_ROWS as IMPORT_WRITE_ROWS,
  type ImportRun,
  postgresImportRuns,
  sqliteImportRuns,
} from './serverImport';
import { processesPushRun } from './serverProcesses';
import {
  type DatasetSize,
  type PushRun,
  postgresPushRuns,
  postgresReachable,
  sqlitePushRuns,
} from './serverPush';

const USAGE = `npm run bench [-- options]

  --households N     households in the generated tambon (default 4000)
  --people N         people in it (default 16000): 4,000 + 16,000 = the 20,000 records of
                     docs/architecture.md §7; use --households 5000 --people 20000 for the app-size tambon
  --seed N           generator seed (default 20251)
  --runs N           runs of each measurement; the table shows the median (default 3)
  --skip-server      no server push throughput nor import write (SQLite / PostgreSQL)
  --skip-postgres    no PostgreSQL run
  --skip-browser     no Chromium measurements (neither sync nor search)
  --skip-sync        no Chromium sync measurements (first sync, pull, push)
  --skip-search      no people search / form save measurements
  --skip-import      no import preview measurement (issue 15)
  --skip-map         no map rendering measurement (issue 16)
  --search-households N, --search-people N
                     the tambon of the search and save rows (default 5000 / 20000, the
                     app-size tambon of docs/architecture.md §7: "search over 20,000 people")
  --postgres-url URL default $DATABASE_URL or postgres://postgres@127.0.0.1:5432/test
`;

const { values } = parseArgs({
  options: {
    households: { type: 'string' },
    people: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string' },
    'skip-server': { type: 'boolean' },
    'skip-postgres': { type: 'boolean' },
    'skip-browser': { type: 'boolean' },
    'skip-sync': { type: 'boolean' },
    'skip-search': { type: 'boolean' },
    'skip-import': { type: 'boolean' },
    'skip-map': { type: 'boolean' },
    'search-households': { type: 'string' },
    'search-people': { type: 'string' },
    'postgres-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const positive = (value: string | undefined, fallback: number) => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${value}`);
  return n;
};
const dataset: DatasetSize = {
  households: positive(values.households, 4000),
  people: positive(values.people, 16000),
  seed: positive(values.seed, 20251),
};
const runs = positive(values.runs, 3);
const searchDataset: SearchDataset = {
  households: positive(values['search-households'], 5000),
  people: positive(values['search-people'], 20000),
  seed: dataset.seed,
};
const postgresUrl =
  values['postgres-url'] ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tmpRoot = resolve('.tmp/bench');
mkdirSync(tmpRoot, { recursive: true });

const started = performance.now();
const loadAtStart = loadavg()[0] as number;
const log = (line: string) => console.log(line);
const records = dataset.households + dataset.people;
const n = (value: number) => value.toLocaleString('en-US');
let crashed = false;

function failed(what: string, budget: string, peer: string, error: unknown): Row {
  crashed = true;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n${what}: ${error instanceof Error ? error.stack : message}\n`);
  return { what, measured: '—', budget, peer, verdict: 'not measured', note: `failed: ${message}` };
}

function skipped(what: string, budget: string, peer: string, why: string): Row {
  return { what, measured: '—', budget, peer, verdict: 'not measured', note: why };
}

/** Field JSON sizes of the generated tambon (the sizes docs/architecture.md §7 states). */
function datasetSizes() {
  const villages = Array.from({ length: 10 }, (_, i) => ({
    id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    mooNo: i + 1,
  }));
  const homes = generateTambon({
    ...dataset,
    villages,
    surveyorId: '00000000-0000-7000-8000-000000000099',
  });
  const encoder = new TextEncoder();
  let household = 0;
  let person = 0;
  for (const home of homes) {
    household += encoder.encode(JSON.stringify(home.household.fields)).length;
    for (const member of home.members)
      person += encoder.encode(JSON.stringify(member.fields)).length;
  }
  return {
    household: household / dataset.households,
    person: person / dataset.people,
    total: household + person,
  };
}

function pushRow(what: string, results: PushRun[]): Row {
  const rate = summarize(results.map((r) => r.perSecond));
  const first = results[0] as PushRun;
  return {
    what,
    measured: formatSummary(rate, '/s'),
    budget: '>= 5,000/s',
    peer: '—',
    verdict: verdict(rate.median, 5000, true),
    note: `${n(first.mutations)} create mutations in ${first.requests} requests, median ${formatValue(summarize(results.map((r) => r.ms)).median, 's')}`,
  };
}

async function serverRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const sqliteWhat = 'server push, SQLite (in-process app.inject)';
  const pgWhat = 'server push, PostgreSQL (in-process app.inject)';
  if (values['skip-server']) {
    rows.push(skipped(sqliteWhat, '>= 5,000/s', '—', 'skipped (--skip-server)'));
    rows.push(skipped(pgWhat, '>= 5,000/s', '—', 'skipped (--skip-server)'));
    return rows;
  }
  log(`\nserver push throughput, SQLite: ${runs} × ${n(records)} mutations…`);
  try {
    const results = await sqlitePushRuns(tmpRoot, dataset, runs);
    for (const r of results) log(`  ${n(Math.round(r.perSecond))}/s (${formatValue(r.ms, 's')})`);
    rows.push(pushRow(sqliteWhat, results));
  } catch (error) {
    rows.push(failed(sqliteWhat, '>= 5,000/s', '—', error));
  }
  if (values['skip-postgres']) {
    rows.push(skipped(pgWhat, '>= 5,000/s', '—', 'skipped (--skip-postgres)'));
    return rows;
  }
  postgresVersion = await postgresReachable(postgresUrl);
  if (!postgresVersion) {
    rows.push(skipped(pgWhat, '>= 5,000/s', '—', `PostgreSQL unreachable at ${postgresUrl}`));
    return rows;
  }
  log(`server push throughput, PostgreSQL ${postgresVersion}: ${runs} × ${n(records)} mutations…`);
  try {
    const results = await postgresPushRuns(postgresUrl, dataset, runs);
    for (const r of results) log(`  ${n(Math.round(r.perSecond))}/s (${formatValue(r.ms, 's')})`);
    rows.push(pushRow(pgWhat, results));
  } catch (error) {
    rows.push(failed(pgWhat, '>= 5,000/s', '—', error));
  }
  for (const processes of [1, 2]) rows.push(await processesRow(processes));
  return rows;
}

/** Spawned servers on one PostgreSQL over HTTP, four devices pushing at once (info). */
async function processesRow(processes: number): Promise<Row> {
  const what = `server push, PostgreSQL, ${processes} process${processes > 1 ? 'es' : ''} over HTTP, 4 devices at once`;
  log(`server push throughput, ${processes} spawned process(es) on PostgreSQL: ${runs} runs…`);
  try {
    const results: PushRun[] = [];
    for (let i = 0; i < runs; i++) {
      results.push(await processesPushRun(postgresUrl, dataset, processes, tmpRoot));
    }
    for (const r of results) log(`  ${n(Math.round(r.perSecond))}/s (${formatValue(r.ms, 's')})`);
    const rate = summarize(results.map((r) => r.perSecond));
    return {
      what,
      measured: formatSummary(rate, '/s'),
      budget: 'info',
      peer: '—',
      verdict: 'info',
      note: `${n((results[0] as PushRun).mutations)} creates in ${(results[0] as PushRun).requests} requests; rate limits counted in the database; ${processes === 2 ? 'two processes share two cores with PostgreSQL and the bench' : 'the comparison for the row below'}`,
    };
  } catch (error) {
    return failed(what, 'info', '—', error);
  }
}

function importRow(what: string, results: ImportRun[]): Row {
  const time = summarize(results.map((r) => r.ms));
  const first = results[0] as ImportRun;
  return {
    what,
    measured: formatSummary(time, 's'),
    budget: '<= 10 s',
    peer: '—',
    verdict: verdict(time.median, 10_000),
    note: `${n(first.rows)} rows (${(first.bodyBytes / 1e6).toFixed(1)} MB of JSON) → ${n(first.records)} records, one POST /api/imports`,
  };
}

/** Writing a 5,000-row list through POST /api/imports, SQLite then PostgreSQL. */
async function importWriteRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const sqliteWhat = `import write of ${n(IMPORT_WRITE_ROWS)} rows, SQLite (in-process app.inject)`;
  const pgWhat = `import write of ${n(IMPORT_WRITE_ROWS)} rows, PostgreSQL (in-process app.inject)`;
  if (values['skip-server']) {
    rows.push(skipped(sqliteWhat, '<= 10 s', '—', 'skipped (--skip-server)'));
    rows.push(skipped(pgWhat, '<= 10 s', '—', 'skipped (--skip-server)'));
    return rows;
  }
  log(`\nimport write, SQLite: ${runs} × ${n(IMPORT_WRITE_ROWS)} rows…`);
  try {
    const results = await sqliteImportRuns(tmpRoot, runs);
    for (const r of results) log(`  ${formatValue(r.ms, 's')} (${n(r.records)} records)`);
    rows.push(importRow(sqliteWhat, results));
  } catch (error) {
    rows.push(failed(sqliteWhat, '<= 10 s', '—', error));
  }
  if (values['skip-postgres']) {
    rows.push(skipped(pgWhat, '<= 10 s', '—', 'skipped (--skip-postgres)'));
    return rows;
  }
  postgresVersion ??= await postgresReachable(postgresUrl);
  if (!postgresVersion) {
    rows.push(skipped(pgWhat, '<= 10 s', '—', `PostgreSQL unreachable at ${postgresUrl}`));
    return rows;
  }
  log(`import write, PostgreSQL ${postgresVersion}: ${runs} × ${n(IMPORT_WRITE_ROWS)} rows…`);
  try {
    const results = await postgresImportRuns(postgresUrl, runs);
    for (const r of results) log(`  ${formatValue(r.ms, 's')} (${n(r.records)} records)`);
    rows.push(importRow(pgWhat, results));
  } catch (error) {
    rows.push(failed(pgWhat, '<= 10 s', '—', error));
  }
  return rows;
}

const BROWSER_ROWS = {
  seed: ['server push over loopback HTTP (spawned server, SQLite)', '(>= 5,000/s)', '—'],
  first: [
    `first sync of ${n(records)} records to a fresh device`,
    '<= 5 s',
    'PouchDB 12.6 s / 19.8 s',
  ],
  ratio: ['first sync ÷ one raw bulkPut (same run)', '<= 2.0x', '—'],
  raw: [`one raw Dexie bulkPut of the ${n(records)} records`, 'reference', '—'],
  plain: ['same, plain documents (fields, no sync metadata)', 'reference', '~2.7 s'],
  pages: ['fetch pages of 1,000 + bulkPut each, nothing else', 'reference', '~3.3 s'],
  serverPull: ['the same pages pulled by Node, not stored', 'info', '—'],
  pull: [
    `pull of ${PULL_CHANGES} new changes, ${n(records)} on the device`,
    '<= 100 ms',
    'PouchDB ~150 ms',
  ],
  edit: [`save ${n(PUSH_HOUSEHOLDS + PUSH_PEOPLE)} new records with edit()`, 'info', '—'],
  push: [
    `push of ${n(PUSH_HOUSEHOLDS + PUSH_PEOPLE)} new local records`,
    '<= 400 ms',
    'PouchDB ~640 ms',
  ],
} as const;

let browserInfo: BrowserResults | null = null;
let postgresVersion: string | null = null;

async function browserRows(): Promise<Row[]> {
  const entries = Object.values(BROWSER_ROWS);
  const all = (why: string, fail?: unknown) =>
    entries.map(([what, budget, peer]) =>
      fail === undefined ? skipped(what, budget, peer, why) : failed(what, budget, peer, fail),
    );
  if (values['skip-browser']) return all('skipped (--skip-browser)');
  if (values['skip-sync']) return all('skipped (--skip-sync)');
  const executable = chromiumLaunchOptions().executablePath ?? '/usr/bin/chromium';
  if (!existsSync(executable)) return all(`no Chromium at ${executable} (set CHROMIUM_PATH)`);
  log(
    `\nChromium: ${runs} fresh devices, first sync of ${n(records)} records, then pull and push…`,
  );
  let results: BrowserResults;
  try {
    results = await browserBench({ dataset, runs, tmpRoot, log });
  } catch (error) {
    crashed = true;
    console.error(error);
    const message = error instanceof Error ? error.message : String(error);
    return entries.map(([what, budget, peer]) => ({
      what,
      measured: '—',
      budget,
      peer,
      verdict: 'not measured' as const,
      note: `failed: ${message}`,
    }));
  }
  browserInfo = results;
  const row = (
    key: keyof typeof BROWSER_ROWS,
    rest: Omit<Row, 'what' | 'budget' | 'peer'>,
  ): Row => {
    const [what, budget, peer] = BROWSER_ROWS[key];
    return { what, budget, peer, ...rest };
  };
  const first = summarize(results.firstSync.map((r) => r.ms));
  const raw = summarize(results.rawBulkPut);
  const ratios = results.firstSync.map((r, i) => r.ms / (results.rawBulkPut[i] as number));
  const ratio = summarize(ratios);
  const pull = summarize(results.pull);
  const push = summarize(results.push.map((r) => r.ms));
  const edits = summarize(results.edit.map((r) => r.ms));
  const perTx = results.edit.flatMap((r) => r.perTransaction);
  const fmtRatio = (v: number) => `${v.toFixed(2)}x`;
  return [
    row('seed', {
      measured: `${formatValue(results.seed.perSecond, '/s')} (1 run)`,
      verdict: 'info',
      note: `loads the tambon: ${n(results.seed.mutations)} creates in ${results.seed.requests} requests over fetch to src/server/main.ts (request logging on) in ${formatValue(results.seed.ms, 's')}`,
    }),
    row('first', {
      measured: formatSummary(first, 's'),
      verdict: verdict(first.median, 5000),
      note: `SyncEngine.open + pull (httpTransport, fetch) into IndexedDB, ${results.firstSync[0]?.pages} pages of 1,000; ${(results.recordBytes / 1e6).toFixed(1)} MB of SyncRecord JSON`,
    }),
    row('ratio', {
      measured:
        ratio.runs === 1
          ? `${fmtRatio(ratio.median)} (1 run)`
          : `${fmtRatio(ratio.median)} (${fmtRatio(ratio.min)}–${fmtRatio(ratio.max)}, n=${ratio.runs})`,
      verdict: verdict(ratio.median, 2),
    }),
    row('raw', {
      measured: formatSummary(raw, 's'),
      verdict: 'reference',
      note: `the SyncRecords as pulled (${(results.recordBytes / 1e6).toFixed(1)} MB of JSON), in a fresh profile; the 2x budget is against this`,
    }),
    row('plain', {
      measured: formatSummary(summarize(results.plainBulkPut), 's'),
      verdict: 'reference',
      note: `{id, type, villageId, ...fields}: ${(results.plainBytes / 1e6).toFixed(1)} MB of JSON, the kind of data set docs/architecture.md §7's ~2.7 s was measured on`,
    }),
    row('pages', {
      measured: formatSummary(summarize(results.rawPages), 's'),
      verdict: 'reference',
      note: 'POST /api/sync/pull pages of 1,000 with fetch, one bulkPut per page: the engine minus its bookkeeping',
    }),
    row('serverPull', {
      measured: formatSummary(summarize(results.serverPull), 's'),
      verdict: 'info',
      note: "the server's and loopback's share of the first sync: POST /api/sync/pull pages of 1,000 with Node's fetch + JSON.parse",
    }),
    row('pull', { measured: formatSummary(pull, 'ms'), verdict: verdict(pull.median, 100) }),
    row('edit', {
      measured: formatSummary(edits, 'ms'),
      verdict: 'info',
      note: `${PUSH_HOUSEHOLDS} edit() transactions (a household with its members each), p95 ${p95(perTx).toFixed(1)} ms per transaction; not timed in the push row`,
    }),
    row('push', {
      measured: formatSummary(push, 'ms'),
      verdict: verdict(push.median, 400),
      note: `SyncEngine.push of the outbox, ${results.push[0]?.requests} requests of <= 500`,
    }),
  ];
}

const SEARCH_ROWS = {
  load: [
    `read ${n(searchDataset.people)} people + ${n(searchDataset.households)} households for the index (sealed records, no snapshot)`,
    'info',
    '—',
  ],
  snapshot: ['sealed snapshot of the lists written', 'info', '—'],
  indexSnapshot: ['sealed snapshot of the built people index written', 'info', '—'],
  sealing: ['cost of sealing: the same read, sealed − unsealed', 'info', '—'],
  unlockPin: ['unlock with the PIN (PBKDF2 600,000)', 'info', '—'],
  unlockPinThrottled: [`same, ${THROTTLE_RATE}x CPU throttle`, 'info', '—'],
  unlockPrfThrottled: [`unlock with the screen lock (PRF + HKDF), ${THROTTLE_RATE}x`, 'info', '—'],
  ready: [
    `people search ready after unlock, ${n(searchDataset.people)} people, ${THROTTLE_RATE}x`,
    '<= 1 s',
    '—',
  ],
  readyFromLists: [
    `same, the index snapshot stale (lists' snapshot + build), ${THROTTLE_RATE}x`,
    'info',
    '—',
  ],
  coldList: [
    `offline cold start to a village's household list, ${n(searchDataset.households)} households, ${THROTTLE_RATE}x`,
    '<= 1.5 s',
    '—',
  ],
  coldHome: [`same, then the home screen's counts of all villages, ${THROTTLE_RATE}x`, 'info', '—'],
  build: [`people index build, ${n(searchDataset.people)} people`, 'info', '—'],
  search: [`search-as-you-type over ${n(searchDataset.people)} people`, 'p95 <= 30 ms', '—'],
  throttled: [`same, ${THROTTLE_RATE}x CPU throttle (CDP)`, '(p95 <= 30 ms)', '—'],
  saveNew: ['save a household form: new household + 4 members', 'p95 <= 25 ms', '—'],
  savePatch: ['save a household form: answers changed', 'p95 <= 25 ms', '—'],
  oneWrite: ['one small IndexedDB write transaction', 'reference', '—'],
  toSearch: ['a save shows in search (reread + rebuild)', 'info', '—'],
} as const;

let searchInfo: SearchResults | null = null;

/** `p95 X ms, p50 Y ms`, each the median over the runs, with the runs' p95 range. */
function percentiles(perRun: readonly (readonly number[])[]): { text: string; p95: number } {
  const p95s = summarize(perRun.map((ms) => percentile(ms, 95)));
  const p50 = summarize(perRun.map((ms) => percentile(ms, 50))).median;
  const range =
    p95s.runs === 1
      ? ' (1 run)'
      : ` (p95 ${p95s.min.toFixed(1)}–${p95s.max.toFixed(1)}, n=${p95s.runs})`;
  return {
    text: `p95 ${p95s.median.toFixed(1)} ms, p50 ${p50.toFixed(1)} ms${range}`,
    p95: p95s.median,
  };
}

async function searchRows(): Promise<Row[]> {
  const entries = Object.values(SEARCH_ROWS);
  const all = (why: string) =>
    entries.map(([what, budget, peer]) => skipped(what, budget, peer, why));
  if (values['skip-browser']) return all('skipped (--skip-browser)');
  if (values['skip-search']) return all('skipped (--skip-search)');
  const executable = chromiumLaunchOptions().executablePath ?? '/usr/bin/chromium';
  if (!existsSync(executable)) return all(`no Chromium at ${executable} (set CHROMIUM_PATH)`);
  log(
    `\nChromium: people search and form saves over ${n(searchDataset.people)} people, ${runs} runs…`,
  );
  let results: SearchResults;
  try {
    results = await searchBench({ dataset: searchDataset, runs, tmpRoot, log });
  } catch (error) {
    return entries.map(([what, budget, peer], i) =>
      i === 0
        ? failed(what, budget, peer, error)
        : skipped(what, budget, peer, 'failed, see above'),
    );
  }
  searchInfo = results;
  const row = (key: keyof typeof SEARCH_ROWS, rest: Omit<Row, 'what' | 'budget' | 'peer'>): Row => {
    const [what, budget, peer] = SEARCH_ROWS[key];
    return { what, budget, peer, ...rest };
  };
  const r = results.runs;
  const search = percentiles(r.map((run) => run.searchMs));
  const throttled = percentiles(r.map((run) => run.throttledMs));
  const saveNew = percentiles(r.map((run) => run.saveNewMs));
  const savePatch = percentiles(r.map((run) => run.savePatchMs));
  const prepare = percentiles(r.map((run) => run.savePrepareMs));
  const toSearch = percentiles(r.map((run) => run.saveToSearchMs));
  const oneWrite = percentiles(r.map((run) => run.oneWriteMs));
  const kinds = [...new Set(results.queries.map((q) => q.kind))];
  const slowest = slowestKind(results);
  const warm = summarize(r.flatMap((run) => run.warmBuildMs)).median;
  const ms = (pick: (run: (typeof r)[number]) => number) => summarize(r.map((run) => pick(run)));
  const ready = ms((run) => run.readyAfterUnlockMs);
  const coldHome = ms((run) => run.coldStart.prf.homeMs);
  const coldList = ms((run) => run.coldStart.prf.listMs);
  const coldNote = (kind: 'home' | 'list') => {
    const pick = (how: 'pin' | 'prf') => ms((run) => run.coldStart[how][`${kind}Ms`]).median;
    const scripts = ms((run) => run.coldStart.prf.scriptsMs).median;
    return `from navigation start in a freshly loaded page at ${THROTTLE_RATE}x: the bench page's scripts (${scripts.toFixed(0)} ms; the app's own shell is not in it), the key opened with PRF (the prompt itself not timed), then ${kind === 'list' ? "loadVillageRows of หมู่ 1 (the village's households and people, from their sealed snapshots)" : 'also loadVillageOverviews of the 10 villages (every household and person; the home screen shows the villages before their counts)'}; with the PIN instead: ${pick('pin').toFixed(0)} ms`;
  };
  return [
    row('load', {
      measured: formatSummary(summarize(r.map((run) => run.loadMs)), 'ms'),
      verdict: 'info',
      note: "loadPeopleEntries in a freshly loaded page with no snapshot (the first unlock after a first sync, or after a write the app closed before re-snapshotting): listPeople + listHouseholds of the 10 villages read from the records (local edits overlaid) and each person's derived profile",
    }),
    row('snapshot', {
      measured: formatSummary(
        ms((run) => run.snapshotMs),
        'ms',
      ),
      verdict: 'info',
      note: `the lists of people and households of the 10 villages (${(summarize(r.map((run) => run.snapshotBytes)).median / 1e6).toFixed(1)} MB sealed) as one AES-GCM blob (WebCrypto) and one put: what the app writes ${'3 s'} after lists were read from the records (sync/localRecordsCache.ts), unthrottled`,
    }),
    row('indexSnapshot', {
      measured: formatSummary(
        ms((run) => run.indexSnapshotMs),
        'ms',
      ),
      verdict: 'info',
      note: `the built index (its search columns, the fields a result row shows, the profiles of the day: ${(summarize(r.map((run) => run.indexSnapshotBytes)).median / 1e6).toFixed(1)} MB sealed) as one AES-GCM blob and one put: what usePeopleIndex writes 3 s after a full read, or when the page is hidden after a save, with no change meanwhile (features/search/peopleIndexSnapshot.ts), unthrottled`,
    }),
    row('sealing', {
      measured: formatSummary(summarize(r.map((run) => run.loadMs - run.plainLoadMs)), 'ms'),
      verdict: 'info',
      note: `the row above minus the same read from an unsealed copy of the tambon (${ms((run) => run.plainLoadMs).median.toFixed(0)} ms): AES-256-GCM opening of every record (noble's AES and GHASH with the key schedule kept, in the Dexie middleware)`,
    }),
    row('unlockPin', {
      measured: formatSummary(
        ms((run) => run.unlockPinMs),
        'ms',
      ),
      verdict: 'info',
      note: 'the PIN-wrapped data key opened (WebCrypto PBKDF2-SHA256, 600,000 iterations, then AES-GCM): the same cost per guess for someone holding a copy of the profile',
    }),
    row('unlockPinThrottled', {
      measured: formatSummary(
        ms((run) => run.unlockPinThrottledMs),
        'ms',
      ),
      verdict: 'info',
      note: "Emulation.setCPUThrottlingRate slows the page's JavaScript; WebCrypto may derive off that thread, so this is close to the unthrottled figure",
    }),
    row('unlockPrfThrottled', {
      measured: formatSummary(
        ms((run) => run.unlockPrfThrottledMs),
        'ms',
      ),
      verdict: 'info',
      note: "HKDF-SHA256 + AES-GCM unwrap of the PRF-wrapped key; the fingerprint or screen-lock prompt is the phone's own time and not counted",
    }),
    row('ready', {
      measured: formatSummary(ready, 'ms'),
      verdict: verdict(ready.median, 1000),
      note: `freshly loaded page at ${THROTTLE_RATE}x: PRF unlock, the sealed snapshot of the built index opened (the data's stamp read, the database opened: ${ms((run) => run.readyStampMs).median.toFixed(0)} ms; then one get, one WebCrypto decrypt, one JSON.parse into its columns: ${ms((run) => run.readyReadMs - run.readyStampMs).median.toFixed(0)} ms), one search (${ms((run) => run.readyBuildMs).median.toFixed(0)} ms); with no snapshot at all it is the read row above, ${THROTTLE_RATE}x slower`,
    }),
    row('readyFromLists', {
      measured: formatSummary(
        ms((run) => run.readyFromListsMs),
        'ms',
      ),
      verdict: 'info',
      note: `the same in a freshly loaded page at ${THROTTLE_RATE}x when the index snapshot is stale (a change the app had no time to re-seal): loadPeopleEntries through the lists' sealed snapshots, buildPeopleIndex, one search`,
    }),
    row('coldList', {
      measured: formatSummary(coldList, 'ms'),
      verdict: verdict(coldList.median, 1500),
      note: coldNote('list'),
    }),
    row('coldHome', {
      measured: formatSummary(coldHome, 'ms'),
      verdict: 'info',
      note: coldNote('home'),
    }),
    row('build', {
      measured: formatSummary(summarize(r.map((run) => run.buildMs)), 'ms'),
      verdict: 'info',
      note: `buildPeopleIndex, first build of the page (names normalized and segmented with Intl.Segmenter, Thai collation order); a rebuild with the names known ${warm.toFixed(0)} ms`,
    }),
    row('search', {
      measured: search.text,
      verdict: verdict(search.p95, 30),
      note: `${results.queries.length} queries typed one character at a time, each timed alone (median of ${QUERY_REPEATS} runs of it; ${kinds.join(', ')}); slowest kind: ${slowest}`,
    }),
    row('throttled', {
      measured: throttled.text,
      verdict: 'info',
      note: `Emulation.setCPUThrottlingRate ${THROTTLE_RATE} (the cheap-phone stand-in of docs/architecture.md §7), the same queries`,
    }),
    row('saveNew', {
      measured: saveNew.text,
      verdict: verdict(saveNew.p95, 25),
      note: `${SEARCH_SAVES} saves: HouseholdFields.parse + PersonFields.parse ×4 + createHouseholdChanges + edit() (one strict-durability IndexedDB transaction: records, pending, outbox, meta) into a device holding the ${n(searchDataset.households + searchDataset.people)} records; validation + changes alone p95 ${prepare.p95.toFixed(1)} ms (both kinds)`,
    }),
    row('savePatch', {
      measured: savePatch.text,
      verdict: verdict(savePatch.p95, 25),
      note: `${SEARCH_SAVES} saves, alternating with the row above: HouseholdFields.parse + patchChange (2 answers changed) + edit()`,
    }),
    row('oneWrite', {
      measured: oneWrite.text,
      verdict: 'reference',
      note: `${SEARCH_SAVES} puts of one meta row into the same database (strict durability, as TambonDatabase opens it): the floor under any save on this machine`,
    }),
    row('toSearch', {
      measured: toSearch.text,
      verdict: 'info',
      note: `${SAVE_TO_SEARCH} new households: the changed records read again (PeopleEntries.update) and the index rebuilt, as usePeopleIndex does ${'after a 200 ms debounce'}; each found by search afterwards`,
    }),
  ];
}

let importInfo: ImportResults | null = null;

/** Issue 15: a 5,000-row list read, checked and previewed in the import screen's worker. */
async function importRows(): Promise<Row[]> {
  const what = `import preview: ${n(IMPORT_ROWS)}-row .xlsx read, checked, previewed (worker)`;
  const budget = '<= 3 s';
  if (values['skip-browser']) return [skipped(what, budget, '—', 'skipped (--skip-browser)')];
  if (values['skip-import']) return [skipped(what, budget, '—', 'skipped (--skip-import)')];
  const executable = chromiumLaunchOptions().executablePath ?? '/usr/bin/chromium';
  if (!existsSync(executable))
    return [skipped(what, budget, '—', `no Chromium at ${executable} (set CHROMIUM_PATH)`)];
  log(`\nChromium: import preview of ${n(IMPORT_ROWS)} rows, ${runs} runs…`);
  let results: ImportResults;
  try {
    results = await importBench({ dataset: searchDataset, runs, tmpRoot, log });
  } catch (error) {
    return [failed(what, budget, '—', error)];
  }
  importInfo = results;
  const total = summarize(results.xlsx.map((run) => run.totalMs));
  const median = (list: number[]) => summarize(list).median.toFixed(0);
  const counts = results.xlsx[0]?.counts;
  return [
    {
      what,
      measured: formatSummary(total, 'ms'),
      budget,
      peer: '—',
      verdict: verdict(total.median, 3000),
      note:
        `file bytes to the preview, a fresh worker each run (features/import/import.worker.ts): read-excel-file ${median(results.xlsx.map((r) => r.readMs))} ms, ` +
        `planImport against the device's ${n(results.existingPeople)} people + ${n(results.existingHouseholds)} households ${median(results.xlsx.map((r) => r.planMs))} ms ` +
        `(${counts ? `${n(counts.create)} create, ${n(counts.matched)} matched, ${n(counts['likely-match'])} likely, ${n(counts.bad)} bad` : '—'}); ` +
        `the same list as CSV ${median(results.csv.map((r) => r.totalMs))} ms; longest main-thread stall meanwhile ${median(results.xlsx.map((r) => r.longestStallMs))} ms; ` +
        `file ${(results.xlsxBytes / 1024).toFixed(0)} KB; the server's own dry run (POST /api/imports/preview) not included`,
    },
  ];
}

let mapInfo: MapResults | null = null;

/** Issue 16: the map screen's drawing of 5,000 households + 10,000 parcels at 4x. */
async function mapRows(): Promise<Row[]> {
  const size = `${n(MAP_HOUSEHOLDS)} households + ${n(MAP_PARCELS)} parcels, ${THROTTLE_RATE}x CPU`;
  const paintWhat = `map first paint: ${size}`;
  const panWhat = `map pan frame p95: ${size}`;
  const paintBudget = '<= 1.5 s';
  const panBudget = '<= 50 ms';
  const skip = (why: string) => [
    skipped(paintWhat, paintBudget, '—', why),
    skipped(panWhat, panBudget, '—', why),
  ];
  if (values['skip-browser']) return skip('skipped (--skip-browser)');
  if (values['skip-map']) return skip('skipped (--skip-map)');
  const executable = chromiumLaunchOptions().executablePath ?? '/usr/bin/chromium';
  if (!existsSync(executable)) return skip(`no Chromium at ${executable} (set CHROMIUM_PATH)`);
  log(`\nChromium: the map of ${size}, ${runs} runs…`);
  let results: MapResults;
  try {
    results = await mapBench({ seed: dataset.seed, runs, tmpRoot, log });
  } catch (error) {
    return [failed(paintWhat, paintBudget, '—', error), failed(panWhat, panBudget, '—', error)];
  }
  mapInfo = results;
  const paint = summarize(results.runs.map((run) => run.paint.firstPaintMs));
  const median = (list: number[]) => summarize(list).median.toFixed(0);
  const panP95 = summarize(results.runs.map((run) => p95(run.panFrames)));
  const villageP95 = summarize(results.runs.map((run) => p95(run.villagePanFrames)));
  const first = results.runs[0];
  return [
    {
      what: paintWhat,
      measured: formatSummary(paint, 'ms'),
      budget: paintBudget,
      peer: '—',
      verdict: verdict(paint.median, 1500),
      note:
        `the map screen's MapView (Leaflet view, parcels and points drawn by its one canvas, no basemap) in a ${MAP_WIDTH}×${MAP_HEIGHT} px phone view fitted to the tambon (zoom ${first?.paint.zoom ?? '—'}): ` +
        `from the households' rows and the parcels in memory to the frame after the canvas drew them; links and gaps (mapData) ${median(results.runs.map((r) => r.paint.mapDataMs))} ms, ` +
        `layers made ${median(results.runs.map((r) => r.paint.layersMs - r.paint.mapDataMs))} ms; ${first ? `${n(first.paint.points)} points, ${n(first.paint.orphans)} parcels without a household` : ''}; ` +
        'reading the records from IndexedDB not included (see the cold start row)',
    },
    {
      what: panWhat,
      measured: formatSummary(panP95, 'ms'),
      budget: panBudget,
      peer: '—',
      verdict: verdict(panP95.median, 50),
      note:
        `time between animation frames while the mouse drags the map 6 times by 180 px (20 moves each) over the whole-tambon view, the redraw at each drag's end included ` +
        `(redraw ${median(results.runs.map((r) => r.redrawMs))} ms, slowest frame ${median(results.runs.map((r) => Math.max(...r.panFrames)))} ms); ` +
        `the same at the village view (zoom ${VILLAGE_ZOOM}): p95 ${formatSummary(villageP95, 'ms')}, redraw ${median(results.runs.map((r) => r.villageRedrawMs))} ms, slowest frame ${median(results.runs.map((r) => Math.max(...r.villagePanFrames)))} ms`,
    },
  ];
}

/** The kind of query with the highest p95 (over every run's times). */
function slowestKind(results: SearchResults): string {
  const byKind = new Map<string, number[]>();
  results.queries.forEach((query, i) => {
    const times = byKind.get(query.kind) ?? [];
    for (const run of results.runs) times.push(run.searchMs[i] as number);
    byKind.set(query.kind, times);
  });
  let worst = '—';
  let worstP95 = -1;
  for (const [kind, times] of byKind) {
    const value = percentile(times, 95);
    if (value > worstP95) {
      worst = `${kind} (p95 ${value.toFixed(1)} ms)`;
      worstP95 = value;
    }
  }
  return worst;
}

function sqliteVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync('node_modules/better-sqlite3/package.json', 'utf8'));
    return `better-sqlite3 ${pkg.version}`;
  } catch {
    return 'better-sqlite3';
  }
}

const sizes = datasetSizes();
log('Tambon Field bench (docs/architecture.md §7)');
log(
  `data set: ${n(dataset.households)} households + ${n(dataset.people)} people = ${n(records)} records over 10 villages (seed ${dataset.seed}); ` +
    `field JSON: household ${sizes.household.toFixed(0)} B, person ${sizes.person.toFixed(0)} B on average, ${(sizes.total / 1e6).toFixed(1)} MB in all`,
);

const rows = [
  ...(await serverRows()),
  ...(await importWriteRows()),
  ...(await browserRows()),
  ...(await searchRows()),
  ...(await importRows()),
  ...(await mapRows()),
];
const elapsed = (performance.now() - started) / 1000;
const cpu = cpus();
const info = browserInfo as BrowserResults | null;
const searched = searchInfo as SearchResults | null;

console.log('\n=== Tambon Field bench ===');
console.log(
  `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}; ` +
    `Node ${process.version}; Chromium ${info?.chromiumVersion ?? searched?.chromiumVersion ?? '—'}; PostgreSQL ${postgresVersion ?? '—'}; SQLite via ${sqliteVersion()}`,
);
const loadAtEnd = loadavg()[0] as number;
const busy = loadAtStart > cpu.length / 2;
console.log(
  `load average (1 min): ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at the end (includes the bench itself)` +
    (busy
      ? '; other work was running before the bench started: figures are slower than on an idle machine'
      : ''),
);
console.log(
  `data set: ${n(dataset.households)} households + ${n(dataset.people)} people = ${n(records)} records, 10 villages, seed ${dataset.seed}; ` +
    `field JSON avg household ${sizes.household.toFixed(0)} B, person ${sizes.person.toFixed(0)} B (${(sizes.total / 1e6).toFixed(1)} MB)` +
    (info ? `; as pulled (values + field seqs) ${(info.recordBytes / 1e6).toFixed(1)} MB` : ''),
);
console.log(
  `${runs === 1 ? 'one run of each figure' : `each figure: median of ${runs} runs (min–max)`}; peer figures are docs/architecture.md §7's, not re-measured\n`,
);
console.log(renderTable(rows));
console.log(`\nbench took ${elapsed.toFixed(0)} s`);

writeFileSync(
  join(tmpRoot, '..', 'bench.json'),
  `${JSON.stringify({ at: new Date().toISOString(), dataset, searchDataset, runs, rows, browser: info, search: searchInfo, import: importInfo, map: mapInfo, elapsedSeconds: elapsed }, null, 2)}\n`,
);
process.exit(crashed ? 1 : 0);
