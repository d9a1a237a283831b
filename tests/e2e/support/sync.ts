import { expect, type Page } from '@playwright/test';

/**
 * Opens the sync page, presses "Sync now" and waits until a sync that started after the press
 * has finished with nothing left waiting (mutations and photos).
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
    .toBeGreaterThanOrEqual(pressedAt - 1000);
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0');
}
