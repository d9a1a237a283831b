import { readFile } from 'node:fs/promises';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { uuidv7 } from '../../src/shared/ids';
import { bangkokDate } from '../../src/shared/rules/thaiDate';
import { apiLogin, pushCreates } from './support/api';
import { login, unlock, waitForServiceWorkerControl } from './support/app';
import { solidPng } from './support/images';
import { syncNow } from './support/sync';

// Issue 5: offline, welfare1 finds a bedridden elder a surveyor registered, opens a
// housing-repair case, logs a visit with a photo, a 3,000 THB assistance entry and the next
// visit date; online it syncs; the supervisor's quarter list shows it with the right total and
// its CSV (with a BOM) names the elder; the follow-up is due on its date in "my work".

const ELDER = { firstName: 'ทองม้วนศรี', lastName: 'สวัสดิการทดสอบ' };

async function openDevice(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, username);
  await syncNow(page);
  return page;
}

async function quarterTotal(page: Page): Promise<number> {
  await page.getByTestId('nav-reports').click();
  const total = page.getByTestId('report-assistance-total');
  await expect(total).toBeVisible();
  return Number(await total.getAttribute('data-amount'));
}

test('a welfare officer handles a case offline; the supervisor sees it in the quarter list and CSV; the follow-up is due on its date', async ({
  browser,
  request,
}) => {
  // A surveyor of หมู่ 2 registered the elder (82, bedridden, ADL 3) from their own device.
  const surveyor = await apiLogin(request, 'surveyor1');
  const villageId = surveyor.villageIdByMoo.get(2) as string;
  const householdId = uuidv7();
  const adl = { feeding: 0, grooming: 0, transfer: 1, toilet: 0, mobility: 1 };
  const rest = { dressing: 0, stairs: 0, bathing: 0, bowels: 1, bladder: 0 };
  await pushCreates(surveyor, [
    {
      type: 'household',
      id: householdId,
      villageId,
      fields: {
        houseNo: '77/2',
        mooNo: 2,
        surveyDate: bangkokDate(),
        surveyorId: surveyor.userId,
        privacyNoticeGiven: true,
      },
    },
    {
      type: 'person',
      id: uuidv7(),
      villageId,
      fields: {
        householdId,
        ...ELDER,
        titlePrefix: 'mrs',
        sex: 'F',
        birthDate: `${new Date().getFullYear() - 82}-03-10`,
        relationToHead: 'head',
        memberStatus: 'active',
        adl: { ...adl, ...rest },
        bedridden: true,
      },
    },
  ]);

  const supervisor = await openDevice(browser, 'supervisor');
  const totalBefore = await quarterTotal(supervisor);

  // welfare1 signs in and syncs once at the office, then works with no network.
  const welfare = await openDevice(browser, 'welfare1');
  await welfare.context().setOffline(true);
  await welfare.getByTestId('nav-search').click();
  await welfare.getByTestId('people-search-input').fill('ทองม้วน');
  const results = welfare.getByTestId('people-search-results');
  await expect(results).toContainText(`${ELDER.firstName} ${ELDER.lastName}`);
  await results.getByText(`${ELDER.firstName} ${ELDER.lastName}`).first().click();
  await expect(welfare.getByTestId('household-page')).toBeVisible();
  await welfare
    .locator('[data-testid^="member-row-"]', { hasText: ELDER.firstName })
    .getByRole('link', { name: ELDER.firstName })
    .click();
  await welfare.getByTestId('person-open-case').click();

  await expect(welfare.getByTestId('case-intake')).toBeVisible();
  await welfare.getByTestId('case-category').selectOption('housing-repair');
  await welfare.getByTestId('case-channel').selectOption('field-visit');
  await welfare.getByTestId('case-description').fill('หลังคารั่ว ผู้ป่วยติดเตียงนอนใต้หลังคาที่รั่ว');
  await welfare.getByTestId('case-save').click();
  await expect(welfare.getByTestId('case-page')).toBeVisible();
  await expect(welfare.getByTestId('case-status')).toHaveAttribute('data-status', 'received');
  const caseId = welfare.url().split('/cases/')[1] as string;

  await welfare.getByTestId('case-add-visit').click();
  await expect(welfare.getByTestId('visit-form')).toBeVisible();
  await welfare.getByTestId('visit-notes').fill('ตรวจหลังคา ต้องเปลี่ยนสังกะสี 12 แผ่น');
  await welfare
    .getByTestId('visit-photos')
    .locator('input[type=file]')
    .setInputFiles({ name: 'roof.png', mimeType: 'image/png', buffer: solidPng(64, 48) });
  await expect(welfare.getByTestId('visit-photos-item')).toHaveCount(1);
  await welfare.getByTestId('visit-next-7').click();
  await welfare.getByTestId('visit-save').click();
  await expect(welfare.getByTestId('case-page')).toBeVisible();
  await expect(welfare.getByTestId('timeline-visit')).toHaveCount(1);

  await welfare.getByTestId('case-add-assistance').click();
  await expect(welfare.getByTestId('assistance-form')).toBeVisible();
  await welfare.getByTestId('assistance-amount').fill('3000');
  await welfare.getByTestId('assistance-inkind').fill('สังกะสี 12 แผ่น');
  await welfare.getByTestId('assistance-approved-by').fill('นายก อบต.');
  await welfare.getByTestId('assistance-save').click();
  await expect(welfare.getByTestId('case-page')).toBeVisible();
  await expect(welfare.getByTestId('assistance-total')).toHaveAttribute('data-amount', '3000');

  // Still there after a reload with no network.
  await welfare.reload();
  await unlock(welfare);
  await expect(welfare.getByTestId('timeline-assistance')).toHaveCount(1);

  // Back at the office: it syncs, and the supervisor's quarter list has it.
  await welfare.context().setOffline(false);
  await syncNow(welfare);
  await syncNow(supervisor);
  expect(await quarterTotal(supervisor)).toBe(totalBefore + 3000);
  await expect(supervisor.getByTestId('report-assistance')).toContainText(ELDER.firstName);

  const [download] = await Promise.all([
    supervisor.waitForEvent('download'),
    supervisor.getByTestId('report-csv-assistance').click(),
  ]);
  const csv = await readFile((await download.path()) as string);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString('utf8');
  expect(text).toContain(`${ELDER.firstName} ${ELDER.lastName}`);
  expect(text).toContain('3000.00');

  // "My work": a week ahead the follow-up is upcoming; on its date it is due.
  await welfare.getByTestId('nav-work').click();
  await expect(
    welfare.getByTestId('work-upcoming').getByTestId(`followup-${caseId}`),
  ).toBeVisible();
  const nextVisit = bangkokDaysFromToday(7);
  await welfare.clock.setFixedTime(new Date(`${nextVisit}T09:00:00+07:00`));
  await welfare.goto('/work');
  await unlock(welfare);
  await expect(
    welfare.getByTestId('work-due-today').getByTestId(`followup-${caseId}`),
  ).toBeVisible();

  await supervisor.context().close();
  await welfare.context().close();
});

/** The Bangkok date `days` from today, as the visit form's "in 7 days" button sets it. */
function bangkokDaysFromToday(days: number): string {
  const [y, m, d] = bangkokDate().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
