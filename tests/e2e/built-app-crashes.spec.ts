import { expect, type Page, test } from '@playwright/test';
import { makeConflictAndQuarantine } from './support/api';
import { login, unlock, waitForServiceWorkerControl } from './support/app';
import { syncNow } from './support/sync';

// Issue 13, items 1 and 2: two crashes only the production bundle had. Both pages stayed on
// their loading line for good, with an error in the console.

/** Collects what the page logs as an error and what it throws without catching. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.stack ?? `${error.name}: ${error.message}`));
  return errors;
}

async function openDevice(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, username);
  await syncNow(page);
}

test('a case still opens after a visit is saved on it, with a conflict on the device', async ({
  page,
  request,
}) => {
  await makeConflictAndQuarantine(request, `13/${Date.now().toString(36)}`);
  const errors = watchErrors(page);
  await openDevice(page, 'welfare1');

  await page.getByTestId('nav-work').click();
  await expect(page.getByTestId('my-work')).toBeVisible();
  await page.getByTestId('my-work').locator('a.case-link').first().click();
  await expect(page.getByTestId('case-status')).toBeVisible();
  const visitsBefore = await page.getByTestId('timeline-visit').count();

  await page.getByTestId('case-add-visit').click();
  await expect(page.getByTestId('visit-form')).toBeVisible();
  await page.getByTestId('visit-notes').fill('เยี่ยมบ้าน พูดคุยกับผู้ดูแล');
  await page.getByTestId('visit-save').click();
  await expect(page.getByTestId('case-status'), errors.join('\n')).toBeVisible({
    timeout: 10_000,
  });
  await expect(page.getByTestId('timeline-visit')).toHaveCount(visitsBefore + 1);

  await page.reload();
  await unlock(page);
  await expect(page.getByTestId('case-status'), errors.join('\n')).toBeVisible({
    timeout: 10_000,
  });
  expect(errors).toEqual([]);
});

test('the eligibility list appears, from the URL and from the reports page', async ({ page }) => {
  const errors = watchErrors(page);
  await openDevice(page, 'supervisor');
  await page.goto('/eligibility');
  await unlock(page);
  const list = page.getByTestId('eligibility-list').or(page.getByTestId('eligibility-empty'));
  await expect(list, errors.join('\n')).toBeVisible({ timeout: 10_000 });

  await page.getByTestId('nav-reports').click();
  await page.getByTestId('report-eligibility').click();
  await expect(page.getByTestId('eligibility-page')).toBeVisible();
  await expect(list, errors.join('\n')).toBeVisible({ timeout: 10_000 });
  expect(errors).toEqual([]);
});
