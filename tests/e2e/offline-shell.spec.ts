import { expect, type Request, test } from '@playwright/test';
import { login, unlock, waitForServiceWorkerControl } from './support/app';

test('the shell and the logged-in user survive going offline', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('login-form')).toBeVisible();
  await waitForServiceWorkerControl(page);

  await login(page, 'surveyor1');
  await expect(page.getByTestId('home-page')).toBeVisible();
  await expect(page.getByTestId('village-list')).toContainText('หมู่ที่ 1');

  // Offline, everything the shell loads comes from the precache: nothing is asked of the
  // network in vain (the web manifest once was). Only what the reloaded page asks for counts:
  // a lazy chunk the signed-in page was still fetching is cut off by the reload itself.
  await context.setOffline(true);
  const asked = new Set<Request>();
  const failed: string[] = [];
  page.on('request', (request) => asked.add(request));
  page.on('requestfailed', (request) => {
    if (asked.has(request)) failed.push(`${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await unlock(page);
  await page.waitForLoadState('load');
  // Chromium asks for the manifest when it checks installability; headless only on demand.
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? '';
    const cached = (
      await Promise.all((await caches.keys()).map(async (name) => (await caches.open(name)).keys()))
    )
      .flat()
      .filter((request) => new URL(request.url).pathname === new URL(href).pathname);
    const ok = await fetch(href).then(
      (answer) => answer.ok,
      () => false,
    );
    return { ok, cachedTimes: cached.length };
  });
  expect(manifest).toEqual({ ok: true, cachedTimes: 1 });
  expect(failed).toEqual([]);
  await expect(page.getByTestId('current-user')).toContainText('surveyor1');
  await expect(page.getByTestId('online-status')).toHaveAttribute('data-online', 'false');
  await expect(page.getByTestId('village-list')).toContainText('หมู่ที่ 1');

  // Routes work offline, by link and by a fresh navigation served from the precache.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-page')).toBeVisible();
  const deepLink = await page.goto('/settings');
  expect(deepLink?.fromServiceWorker()).toBe(true);
  await unlock(page);
  await expect(page.getByTestId('settings-page')).toBeVisible();
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('home-page')).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('surveyor1');

  // A surveyor is not offered the admin screens.
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
});
