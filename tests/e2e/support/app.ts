import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo1234';

/** Resolves once a service worker controls the page (clientsClaim on first install). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
}

/** The PIN the tests choose after the first sign-in. */
export const TEST_PIN = '246810';

/** Signs in on this browser; a first sign-in then sets `pin`. */
export async function login(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
  pin = TEST_PIN,
): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  const setup = page.getByTestId('pin-setup');
  const signedIn = page.getByTestId('current-user');
  await expect(setup.or(signedIn)).toBeVisible({ timeout: 30_000 });
  if (await setup.isVisible()) await choosePin(page, pin);
  await expect(signedIn).toContainText(username);
}

export async function choosePin(page: Page, pin = TEST_PIN): Promise<void> {
  await page.getByTestId('pin-new').fill(pin);
  await page.getByTestId('pin-confirm').fill(pin);
  await page.getByTestId('pin-save').click();
}

/** After a reload (or an idle lock) the app asks for the PIN before it shows anything. */
export async function unlock(page: Page, pin = TEST_PIN): Promise<void> {
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('current-user')).toBeVisible({ timeout: 30_000 });
}
