import { expect, type Page } from '@playwright/test';

/**
 * Opens the sync page, presses "Sync now" and waits until a sync that started after the press
 * has finished with nothing left waiting (mutations and photos). `sync-last` carries the start
 * of the last successful run, so a run already under way when the button was pressed (it may
 * have pulled before another device pushed) never counts.
 */
export async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('nav-sync').click();
  await expect(page.getByTestId('sync-page')).toBeVisible();
  const pressedAt = Date.now();
  const button = page.getByTestId('sync-now');
  await expect(button).toBeEnabled({ timeout: 30_000 });
  await button.click();
  await expect
    .poll(
      async () => {
        const at = await page.getByTestId('sync-last').getAttribute('data-at');
        return at ? Date.parse(at) : 0;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(pressedAt);
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0');
}
