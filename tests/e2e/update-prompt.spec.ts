import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { login, unlock, waitForServiceWorkerControl } from './support/app';
import { E2E_SECOND_PORT } from './support/env';
import { startServer } from './support/server';

const NEXT_BUILD_ID = `e2e-next-${Date.now()}`;

function buildNextVersion(outDir: string): void {
  const build = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--logLevel',
      'warn',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    { stdio: 'inherit', env: { ...process.env, APP_BUILD_ID: NEXT_BUILD_ID } },
  );
  expect(build.status).toBe(0);
}

/** Replaces what the server serves, as an office admin deploying a new version would. */
function deploy(from: string, to: string): void {
  for (const entry of readdirSync(to)) rmSync(join(to, entry), { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

test('a new version is offered as a prompt, deferred while a form has unsaved input', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const work = mkdtempSync(join(tmpdir(), 'tf-update-'));
  const live = join(work, 'live');
  const next = join(work, 'next');
  cpSync('dist', live, { recursive: true });
  buildNextVersion(next);
  const server = await startServer({
    port: E2E_SECOND_PORT,
    staticDir: live,
    dataDir: join(work, 'data'),
    demo: true,
  });

  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await login(page, 'surveyor1');
    await expect(page.getByTestId('app-version')).not.toContainText(NEXT_BUILD_ID);

    deploy(next, live);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await expect(page.getByTestId('update-banner')).toBeVisible();
    await expect(page.getByTestId('update-banner')).toContainText('มีเวอร์ชันใหม่');

    // Unsaved input in a form: accepting the update waits, nothing reloads.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('current-password').fill('half typed');
    await page.getByTestId('update-accept').click();
    await expect(page.getByTestId('update-deferred')).toBeVisible();
    await page.waitForTimeout(1_500);
    await expect(page.getByTestId('current-password')).toHaveValue('half typed');
    await expect(page.getByTestId('app-version')).not.toContainText(NEXT_BUILD_ID);

    // Once the form holds nothing unsaved, the update applies and the page reloads into it.
    await page.getByTestId('current-password').fill('');
    await expect(page.getByTestId('app-version')).toContainText(NEXT_BUILD_ID, { timeout: 30_000 });
    await unlock(page);
    await expect(page.getByTestId('current-user')).toContainText('surveyor1');
    await context.close();
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
