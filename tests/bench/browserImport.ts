// The import figure of issue 15 in Debian's Chromium: a 5,000-row office list read, checked and
// previewed by the import screen's worker against a device holding the tambon (the bench page
// served by `vite preview`; no server: the server's own dry run is not in this figure).
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../e2e/support/env';
import type { ImportRun } from './browser/importBench';
import { callBench, freePort } from './lib/page';

export const IMPORT_ROWS = 5000;

export interface ImportResults {
  rows: number;
  xlsxBytes: number;
  csvBytes: number;
  existingPeople: number;
  existingHouseholds: number;
  xlsx: ImportRun[];
  csv: ImportRun[];
}

export async function importBench(options: {
  dataset: { households: number; people: number; seed: number };
  runs: number;
  tmpRoot: string;
  log: (line: string) => void;
}): Promise<ImportResults> {
  const { dataset, runs, tmpRoot, log } = options;
  const root = join(tmpRoot, 'import');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  process.env.XDG_CONFIG_HOME = join(root, 'xdg');
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
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'bench' in window);
    log(`  preparing a ${IMPORT_ROWS.toLocaleString('en-US')}-row list and the device's tambon…`);
    const prepared = await callBench(page, 'prepareImport', { ...dataset, rows: IMPORT_ROWS });
    const results: ImportResults = { ...prepared, xlsx: [], csv: [] };
    for (let run = 1; run <= runs; run++) {
      results.xlsx.push(await callBench(page, 'previewImport', 'xlsx'));
      results.csv.push(await callBench(page, 'previewImport', 'csv'));
      const last = results.xlsx.at(-1) as ImportRun;
      log(
        `  run ${run}: .xlsx ${last.totalMs.toFixed(0)} ms (read ${last.readMs.toFixed(0)}, plan ${last.planMs.toFixed(0)})`,
      );
    }
    return results;
  } finally {
    await context?.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}
