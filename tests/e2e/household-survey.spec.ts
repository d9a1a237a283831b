import { expect, type Page, test } from '@playwright/test';
import { nationalIdCheckDigit } from '../../src/shared/rules/nationalId';
import { DEMO_PASSWORD, login, unlock, waitForServiceWorkerControl } from './support/app';
import { solidPng } from './support/images';
import { syncNow } from './support/sync';

// Issue 4: a surveyor registers a household with its members offline, the device keeps it
// through reloads, search finds the elder, and after syncing only the right people see it.

const HOUSE_NO = '208/4';
const ELDER = { firstName: 'ทองพูนศรี', lastName: 'ทดสอบยาว' };
const elderId = (() => {
  const first12 = '345180999012';
  return `${first12}${nationalIdCheckDigit(first12)}`;
})();

async function fill(page: Page, testId: string, value: string) {
  await page.getByTestId(testId).fill(value);
}

async function addMember(
  page: Page,
  member: { firstName: string; lastName: string; birthYearBE: string; relation: string },
) {
  await page.getByTestId('member-add').click();
  await fill(page, 'person-firstName', member.firstName);
  await fill(page, 'person-lastName', member.lastName);
  await fill(page, 'person-birthYear', member.birthYearBE);
  await page.getByTestId('person-relationToHead').selectOption(member.relation);
}

test('a surveyor registers a household offline; it survives reloads, is found, and syncs to the right people only', async ({
  browser,
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 16.0612, longitude: 103.6498, accuracy: 8 });
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, 'surveyor1');
  await syncNow(page); // the demo households of หมู่ 1–3 come down once, online

  // Everything from here on happens with no network.
  await context.setOffline(true);
  await page.getByTestId('nav-home').click();
  await page.getByTestId('village-1').click();
  await expect(page.getByTestId('household-list')).toBeVisible();
  await page.getByTestId('household-add').click();

  await fill(page, 'household-houseNo', HOUSE_NO);
  await fill(page, 'household-houseCode', '4518-099990-1');
  await page.getByTestId('household-headTitle').selectOption('mr');
  await fill(page, 'household-headFirstName', 'สมหวัง');
  await fill(page, 'household-headLastName', 'ทดสอบยาว');
  await page.getByTestId('household-privacyNoticeGiven').check();
  await page.getByTestId('household-gps-button').click();
  await expect(page.getByTestId('household-gps')).toContainText('±8');
  await page
    .getByTestId('household-photos')
    .locator('input[type=file]')
    .setInputFiles({ name: 'house.png', mimeType: 'image/png', buffer: solidPng(64, 48) });
  await expect(page.getByTestId('household-photos-item')).toHaveCount(1);
  await page.getByTestId('household-save').click();
  await expect(page.getByTestId('household-page')).toBeVisible();
  const householdUrl = page.url();

  // The elder: 82 this year (born 2487 BE), bedridden, ADL 3.
  await addMember(page, { ...ELDER, birthYearBE: '2487', relation: 'parent' });
  await fill(page, 'person-nationalId', elderId);
  const adl = { feeding: 0, grooming: 0, transfer: 1, toilet: 0, mobility: 1 };
  for (const item of ['dressing', 'stairs', 'bathing', 'bladder'] as const) {
    await page.getByTestId(`person-adl-${item}`).selectOption('0');
  }
  for (const [item, value] of Object.entries(adl)) {
    await page.getByTestId(`person-adl-${item}`).selectOption(String(value));
  }
  await page.getByTestId('person-adl-bowels').selectOption('1');
  await expect(page.getByTestId('person-adl-score')).toContainText('3');
  await page.getByTestId('person-bedridden').check();
  await page.getByTestId('person-save').click();
  await expect(page.getByTestId('household-page')).toBeVisible();

  await addMember(page, {
    firstName: 'น้องใหม่',
    lastName: 'ทดสอบยาว',
    birthYearBE: '2565',
    relation: 'grandchild',
  });
  await page.getByTestId('person-save').click();
  await expect(page.getByTestId('household-page')).toBeVisible();

  // Reload with no network: everything is still there, from the device.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await unlock(page);
  const members = page.locator('[data-testid^="member-row-"]');
  await expect(members).toHaveCount(3);
  await expect(page.getByTestId('household-page')).toContainText(ELDER.firstName);
  await expect(page.getByTestId('household-page')).toContainText('ติดเตียง');
  await expect(page.getByTestId('household-page').locator('img')).toHaveCount(1);

  // A half-filled member form survives a reload.
  await page.getByTestId('member-add').click();
  await fill(page, 'person-firstName', 'ร่างค้างไว้');
  await page.waitForTimeout(600); // the draft is saved within 300 ms of the last keystroke
  await page.reload();
  await unlock(page);
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByTestId('person-firstName')).toHaveValue('ร่างค้างไว้');
  await page.getByTestId('draft-discard').click();

  // Search: a partial Thai first name, and the last 4 digits of the national ID.
  await page.getByTestId('nav-search').click();
  const search = page.getByTestId('people-search-input');
  const results = page.getByTestId('people-search-results');
  await search.fill('ทองพูน');
  await expect(results).toContainText(`${ELDER.firstName} ${ELDER.lastName}`);
  await search.fill(elderId.slice(-4));
  await expect(results).toContainText(`${ELDER.firstName} ${ELDER.lastName}`);

  // Online: it syncs (records and the photo).
  await context.setOffline(false);
  await syncNow(page);
  const householdId = householdUrl.split('/households/')[1] as string;

  // Another surveyor of หมู่ 1 sees it on a second device.
  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await other.goto('/');
  await login(other, 'surveyor3');
  await syncNow(other);
  await other.goto(`/households/${householdId}`);
  await unlock(other);
  await expect(other.getByTestId('household-page')).toContainText(HOUSE_NO);
  await expect(other.locator('[data-testid^="member-row-"]')).toHaveCount(3);
  await colleague.close();

  // surveyor2 (หมู่ 4–6) does not: not in the app, not through the API.
  const outsider = await browser.newContext();
  const third = await outsider.newPage();
  await third.goto('/');
  await login(third, 'surveyor2');
  await syncNow(third);
  await third.goto(`/households/${householdId}`);
  await unlock(third);
  await expect(third.getByTestId('household-page')).toHaveCount(0);
  await third.getByTestId('nav-search').click();
  await third.getByTestId('people-search-input').fill(elderId.slice(-4));
  await expect(third.getByTestId('people-search-results')).not.toContainText(ELDER.firstName);
  await outsider.close();

  const loginResponse = await request.post('/api/auth/login', {
    data: { username: 'surveyor2', password: DEMO_PASSWORD, clientId: 'e2e-api-outsider' },
  });
  expect(loginResponse.ok()).toBe(true);
  const { token } = await loginResponse.json();
  const headers = { authorization: `Bearer ${token}` };
  const villages = await (await request.get('/api/villages', { headers })).json();
  const village1 = (villages.villages ?? villages).find(
    (v: { mooNo: number }) => v.mooNo === 1,
  ) as { id: string };
  const pull = await request.post('/api/sync/pull', {
    headers,
    data: { clientId: 'e2e-api-outsider', cursors: { [village1.id]: 0 } },
  });
  if (pull.ok()) {
    const body = await pull.text();
    expect(body).not.toContain(householdId);
    expect(body).not.toContain(elderId);
  } else {
    expect(pull.status()).toBe(403);
  }
});
