import type { LaunchOptions } from '@playwright/test';

export const E2E_PORT = 4317;

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
