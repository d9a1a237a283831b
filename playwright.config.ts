import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, E2E_PORT, OWN_SQLITE } from './tests/e2e/support/env';

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
    // SQLite in .tmp/e2e-data, even where CI sets DATABASE_URL (the parcel import's
    // "unchanged 3" and the map test's taken parcels came from an earlier run's PostgreSQL data).
    env: { ...OWN_SQLITE },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
