import { expect, type Page, test } from '@playwright/test';
import { nationalIdCheckDigit } from '../../src/shared/rules/nationalId';
import { apiLogin } from './support/api';
import { DEMO_PASSWORD, login, TEST_PIN, unlock, waitForServiceWorkerControl } from './support/app';
import { scanIndexedDb } from './support/disk';
import { syncNow } from './support/sync';

// Issue 6: what a lost phone or a shared tablet holds is sealed; the lock, the PIN lock-out and
// the offline password; two users on one browser; a revoked device hands in and wipes itself.

const DIABETES = 'เบาหวาน';

/** A valid national ID no other run has used. */
function freshNationalId(): string {
  const first12 = `3${String(Date.now()).slice(-11)}`;
  return `${first12}${nationalIdCheckDigit(first12)}`;
}

async function addPerson(page: Page, person: { firstName: string; nationalId: string }) {
  await page.getByTestId('nav-home').click();
  await page.getByTestId('village-1').click();
  await page.locator('[data-testid^="household-row-"] a').first().click();
  await expect(page.getByTestId('household-page')).toBeVisible();
  await page.getByTestId('member-add').click();
  await page.getByTestId('person-firstName').fill(person.firstName);
  await page.getByTestId('person-lastName').fill('ทดสอบความลับ');
  await page.getByTestId('person-birthYear').fill('2500');
  await page.getByTestId('person-relationToHead').selectOption('parent');
  await page.getByTestId('person-nationalId').fill(person.nationalId);
  await page.getByTestId('person-disease-diabetes').check();
  await page.getByTestId('person-save').click();
  await expect(page.getByTestId('household-page')).toContainText(person.firstName);
}

async function searchById(page: Page, nationalId: string) {
  await page.getByTestId('nav-search').click();
  await page.getByTestId('people-search-input').fill(nationalId);
  return page.getByTestId('people-search-results');
}

test('sensitive data is sealed at rest; idle lock, PIN lock-out and the offline password; two users on one browser', async ({
  page,
  context,
}) => {
  await page.clock.install();
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, 'surveyor1');
  await syncNow(page); // demo people of หมู่ 1–3, some with chronic diseases, come down too

  const nationalId = freshNationalId();
  const firstName = `ลับเฉพาะ${Date.now().toString(36).slice(-4)}`;
  await context.setOffline(true);
  await addPerson(page, { firstName, nationalId });

  // Nothing in any database of the origin shows the ID or the disease in the clear…
  const scan = await scanIndexedDb(page);
  expect(scan.databases.length).toBeGreaterThanOrEqual(2);
  expect(scan.text).toContain('houseNo:'); // the scan does see the few clear fields
  expect(scan.text).not.toContain(firstName); // names are sealed too
  expect(scan.text).not.toContain(nationalId);
  expect(scan.text).not.toContain(DIABETES);
  // …yet, unlocked, the person is found by that ID.
  await expect(await searchById(page, nationalId)).toContainText(firstName);

  // Idle: after the organization's 5 minutes without a touch the app locks itself.
  await page.clock.fastForward('05:30');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('lock-reason')).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveCount(0);

  // Five wrong PINs: only the password opens it now, and it does so offline.
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByTestId('pin-input').fill('135790');
    await page.getByTestId('pin-submit').click();
    if (attempt < 5) {
      await expect(page.getByTestId('pin-form')).toHaveAttribute('data-failures', String(attempt));
    }
  }
  await expect(page.getByTestId('lock-password-required')).toBeVisible();
  await expect(page.getByTestId('pin-input')).toHaveCount(0);
  await page.getByTestId('lock-password').fill('not-the-password');
  await page.getByTestId('lock-password-submit').click();
  await expect(page.getByTestId('lock-password-error')).toBeVisible();
  await page.clock.fastForward('00:05'); // past the first, short wait
  await page.getByTestId('lock-password').fill(DEMO_PASSWORD);
  await page.getByTestId('lock-password-submit').click();
  await expect(page.getByTestId('pin-setup')).toBeVisible(); // the forgotten PIN is replaced
  await page.getByTestId('pin-new').fill(TEST_PIN);
  await page.getByTestId('pin-confirm').fill(TEST_PIN);
  await page.getByTestId('pin-save').click();
  await expect(await searchById(page, nationalId)).toContainText(firstName);

  // A second user on the same browser sees nothing of the first.
  await context.setOffline(false);
  await syncNow(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('switch-user').click();
  await login(page, 'surveyor2');
  await syncNow(page);
  await expect(await searchById(page, nationalId)).not.toContainText(firstName);
  await expect(page.getByTestId('people-search-results')).not.toContainText(firstName);
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('village-list')).not.toContainText('หมู่ที่ 1');

  // And back: the first user's own PIN opens the first user's data.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('switch-user').click();
  await page.getByTestId('account-surveyor1').click();
  await unlock(page);
  await expect(page.getByTestId('current-user')).toContainText('surveyor1');
  await expect(await searchById(page, nationalId)).toContainText(firstName);
});

test('a revoked device hands in its unsynced edits (quarantined), then holds no records, keys or photos', async ({
  page,
  context,
  request,
}) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, 'surveyor3');
  await syncNow(page);
  await page.getByTestId('nav-settings').click();
  const clientId = (await page.getByTestId('settings-client-id').textContent())?.trim() ?? '';
  expect(clientId).not.toBe('');

  // An edit made offline, still waiting when the admin revokes the (lost) device.
  await context.setOffline(true);
  const firstName = `ก่อนถูกเพิกถอน${Date.now().toString(36).slice(-4)}`;
  await addPerson(page, { firstName, nationalId: freshNationalId() });
  const admin = await apiLogin(request, 'admin');
  const revoke = await request.post(`/api/admin/devices/${clientId}/revoke`, {
    headers: admin.headers,
  });
  expect(revoke.ok()).toBe(true);

  // Back online, its next contact (the sync that coming online starts): it pushes, the server
  // quarantines, the device wipes itself.
  await context.setOffline(false);
  await expect(page.getByTestId('login-form')).toBeVisible({ timeout: 30_000 });

  const quarantine = await request.get('/api/admin/quarantine?status=open&limit=500', {
    headers: admin.headers,
  });
  const { entries } = (await quarantine.json()) as {
    entries: Array<{ clientId: string; mutation: { patch?: Record<string, unknown> } }>;
  };
  const handedIn = entries.filter((entry) => entry.clientId === clientId);
  expect(handedIn.map((entry) => entry.mutation.patch?.firstName)).toContain(firstName);

  const surveyor = await apiLogin(request, 'surveyor3');
  const scan = await scanIndexedDb(page);
  expect(scan.databases).toContain('tambon-field-accounts');
  expect(scan.databases).not.toContain(`tambon-field-${surveyor.userId}`);
  expect(scan.text).not.toContain(firstName);
  expect(scan.text).not.toContain(clientId); // no account, no keys
  await expect(page.getByTestId('device-accounts')).toHaveCount(0);
});
