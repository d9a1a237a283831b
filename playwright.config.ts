import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, E2E_PORT } from './tests/e2e/support/env';

// Chromium keeps its crash and config files here instead of the home folder.
process.env.XDG_CONFIG_HOME ??= mkdtempSync(join(tmpdir(), 'tf-chromium-'));

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '.tmp/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    launchOptions: chromiumLaunchOptions(),
    serviceWorkers: 'allow',
    // A click on something that never shows fails here, with its line, not at the test timeout.
    actionTimeout: 20_000,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    trace: 'off',
  },
  webServer: {
    // A fresh demo organization for every run, serving the app built into dist/.
    command: `rm -rf .tmp/e2e-data && node --import tsx src/server/main.ts --port ${E2E_PORT} --host 127.0.0.1 --data-dir .tmp/e2e-data --static-dir dist --demo`,
    url: `http://localhost:${E2E_PORT}/api/health`,
    // SQLite in .tmp/e2e-data, even where DATABASE_URL is set for the integration tests (CI):
    // a PostgreSQL database outlives the run, and the next run's demo met the last one's
    // parcels and links (the parcel import's "unchanged 3", the map test's taken parcels).
    env: { DATABASE_URL: '', DATABASE_SCHEMA: '' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
