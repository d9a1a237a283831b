import type { LaunchOptions } from '@playwright/test';

/** `E2E_PORT` lets two checkouts run their e2e suites side by side; the second server takes the next port. */
export const E2E_PORT = Number(process.env.E2E_PORT) || 4317;
export const E2E_SECOND_PORT = E2E_PORT + 1;

/**
 * What a test server's environment sets so it runs on its own SQLite even where CI exports
 * DATABASE_URL for the integration tests: a PostgreSQL database outlives the run, and the next
 * run's demo met the last one's parcels and links.
 */
export const OWN_SQLITE = { DATABASE_URL: '', DATABASE_SCHEMA: '' } as const;

/** Flags that let Debian's Chromium run as root on a machine with no internet. TOOLCHAIN.md. */
export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
