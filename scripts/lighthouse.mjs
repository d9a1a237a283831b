// Lighthouse (mobile) on the built app: the login screen as a first visit loads it, and the
// home screen once signed in. Prints accessibility and performance in one summary and exits 1
// when accessibility is below 100 or performance below its floor.
//
//   node scripts/lighthouse.mjs [--url http://localhost:8080]
//
// Without --url it starts a demo server on the built dist/ (npm run build first) and stops it
// at the end. Chromium: CHROMIUM_PATH or CHROME_PATH, else /usr/bin/chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import { startFlow } from 'lighthouse';
import puppeteer from 'puppeteer-core';

/** Accessibility must be perfect; performance may not fall below what was measured, less noise. */
const ACCESSIBILITY_FLOOR = 100;
/**
 * Measured 2026-12-05 on the 2-core build machine under heavy load (load average 12-14): login
 * 59, 66 and 68 (simulated mobile throttling scales with the host CPU). A score under 50 means a
 * real regression, not a busy machine.
 */
const PERFORMANCE_FLOOR = 50;
const USERNAME = 'surveyor1';
const PASSWORD = 'demo1234';
const PIN = '246810';

/** Flags that let Debian's Chromium run as root with no network (tests/e2e/support/env.ts). */
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const { values } = parseArgs({ options: { url: { type: 'string' }, port: { type: 'string' } } });

async function startDemoServer(port) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tf-lighthouse-data-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/main.ts',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--static-dir',
      'dist',
      '--demo',
    ],
    // SQLite in dataDir even where CI sets DATABASE_URL for the integration tests.
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DATABASE_URL: '', DATABASE_SCHEMA: '' },
    },
  );
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`demo server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: async () => {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login screen and chooses the PIN, as a new user would. */
async function signIn(page) {
  await page.locator('[data-testid="login-username"]').fill(USERNAME);
  await page.locator('[data-testid="login-password"]').fill(PASSWORD);
  await page.locator('[data-testid="login-submit"]').click();
  await page.waitForSelector('[data-testid="pin-new"]', { timeout: 30_000 });
  await page.locator('[data-testid="pin-new"]').fill(PIN);
  await page.locator('[data-testid="pin-confirm"]').fill(PIN);
  await page.locator('[data-testid="pin-save"]').click();
  await page.waitForSelector('[data-testid="village-list"]', { timeout: 30_000 });
}

function score(category) {
  return category?.score == null ? null : Math.round(category.score * 100);
}

/** The audits that cost accessibility points, for the summary. */
function failedAccessibility(lhr) {
  const refs = lhr.categories.accessibility?.auditRefs ?? [];
  return refs
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
    .map((ref) => {
      const items = lhr.audits[ref.id].details?.items ?? [];
      const where = items
        .slice(0, 3)
        .map((item) => item.node?.selector ?? '')
        .filter(Boolean);
      return `${ref.id}${where.length ? ` (${where.join(', ')})` : ''}`;
    });
}

async function main() {
  const started = Date.now();
  const port = Number(values.port ?? process.env.LIGHTHOUSE_PORT ?? 4399);
  const server = values.url ? null : await startDemoServer(port);
  const base = values.url ?? server.url;
  const profile = mkdtempSync(join(tmpdir(), 'tf-lighthouse-chrome-'));
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
    userDataDir: profile,
  });
  const rows = [];
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    const flow = await startFlow(page, { name: 'Tambon Field', flags: { logLevel: 'error' } });
    await flow.navigate(`${base}/`, { name: 'login' });
    await signIn(page);
    await flow.snapshot({ name: 'home' });
    const result = await flow.createFlowResult();
    for (const step of result.steps) {
      const { lhr } = step;
      rows.push({
        screen: step.name,
        mode: lhr.gatherMode,
        accessibility: score(lhr.categories.accessibility),
        // A snapshot has no load to time: its performance category is not a score.
        performance: lhr.gatherMode === 'navigation' ? score(lhr.categories.performance) : null,
        lcp: lhr.audits['largest-contentful-paint']?.displayValue ?? '',
        fcp: lhr.audits['first-contentful-paint']?.displayValue ?? '',
        failed: failedAccessibility(lhr),
      });
    }
    await browser.disconnect();
  } finally {
    chrome.kill();
    rmSync(profile, { recursive: true, force: true });
    await server?.stop();
  }

  console.log('\nLighthouse (mobile)   accessibility  performance  FCP      LCP');
  const problems = [];
  for (const row of rows) {
    const perf = row.performance === null ? '—' : String(row.performance);
    console.log(
      `${`${row.screen} (${row.mode})`.padEnd(22)}${String(row.accessibility).padStart(13)}${perf.padStart(13)}  ${row.fcp.padEnd(8)} ${row.lcp}`,
    );
    for (const audit of row.failed) console.log(`    accessibility: ${audit}`);
    if (row.accessibility === null || row.accessibility < ACCESSIBILITY_FLOOR) {
      problems.push(`${row.screen}: accessibility ${row.accessibility} < ${ACCESSIBILITY_FLOOR}`);
    }
    if (row.performance !== null && row.performance < PERFORMANCE_FLOOR) {
      problems.push(`${row.screen}: performance ${row.performance} < ${PERFORMANCE_FLOOR}`);
    }
  }
  console.log(
    `Floors: accessibility ${ACCESSIBILITY_FLOOR}, performance ${PERFORMANCE_FLOOR}. ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  for (const problem of problems) console.error(`FAIL ${problem}`);
  process.exit(problems.length === 0 ? 0 : 1);
}

await main();
