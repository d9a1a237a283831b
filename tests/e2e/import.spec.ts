import { expect, type Page, test } from '@playwright/test';
import { nationalIdCheckDigit } from '../../src/shared/rules/nationalId';
import { login, waitForServiceWorkerControl } from './support/app';
import { syncNow } from './support/sync';

// Issue 15: a supervisor imports the office's list in the built app (mapping, dry run, confirm);
// a surveyor's device pulls the new people and finds one by name offline; the village's list
// exported as .xlsx and imported back changes nothing. Supervisors import: admins manage
// accounts, not people's records (`mayImport`).

/** Digits of this run, so a second run against the same server makes new people. */
const RUN = String(Date.now()).slice(-7);
const idOf = (n: number) => {
  const first12 = `19${RUN}${String(n).padStart(3, '0')}`;
  return `${first12}${nationalIdCheckDigit(first12)}`;
};
const HOUSE = `9${RUN.slice(-3)}/1`;
const PEOPLE = [
  {
    title: 'นาย',
    first: 'ทองใบนำเข้า',
    last: 'ไฟล์ทดสอบ',
    id: idOf(1),
    born: '12/5/2490',
    relation: 'หัวหน้าครัวเรือน',
  },
  {
    title: 'นาง',
    first: 'บัวคำนำเข้า',
    last: 'ไฟล์ทดสอบ',
    id: idOf(2),
    born: '3/11/2493',
    relation: 'ภรรยา',
  },
  {
    title: 'ด.ญ.',
    first: 'ใบหม่อนนำเข้า',
    last: 'ไฟล์ทดสอบ',
    id: idOf(3),
    born: '1/1/2560',
    relation: 'หลาน',
  },
];

/** The office's list as Thai Excel saves it: a title row, Thai headers, พ.ศ. dates. */
function officeCsv(): Buffer {
  const lines = [
    'ทะเบียนประชากร หมู่ที่ 1 (นำเข้าทดสอบ),,,,,,,',
    'บ้านเลขที่,หมู่ที่,คำนำหน้า,ชื่อ,นามสกุล,เลขประจำตัวประชาชน,วันเดือนปีเกิด,ความสัมพันธ์',
    ...PEOPLE.map((p) =>
      [HOUSE, '1', p.title, p.first, p.last, p.id, p.born, p.relation].join(','),
    ),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function checkFile(page: Page) {
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-preview-source')).toHaveAttribute('data-source', 'server', {
    timeout: 60_000,
  });
}

test('a supervisor imports a list; a surveyor finds the new people offline; an exported .xlsx re-imports unchanged', async ({
  browser,
  page,
}) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, 'supervisor');
  await syncNow(page);

  // The import: the columns are guessed below the title row, the dry run writes nothing.
  await page.getByTestId('nav-import').click();
  await expect(page.getByTestId('import-page')).toBeVisible();
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'office-list.csv', mimeType: 'text/csv', buffer: officeCsv() });
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('import-map-A')).toHaveValue('houseNo');
  await expect(page.getByTestId('import-map-F')).toHaveValue('nationalId');
  await expect(page.getByTestId('import-map-G')).toHaveValue('birthDate');
  await checkFile(page);
  await expect(page.getByTestId('import-count-create')).toHaveText('3');
  await expect(page.getByTestId('import-count-bad')).toHaveText('0');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-history')).toContainText('office-list.csv');

  // A surveyor of หมู่ 1 on another device pulls them and finds one by name with no network.
  const surveyorContext = await browser.newContext();
  const surveyor = await surveyorContext.newPage();
  await surveyor.goto('/');
  await waitForServiceWorkerControl(surveyor);
  await login(surveyor, 'surveyor1');
  await syncNow(surveyor);
  await surveyorContext.setOffline(true);
  await surveyor.getByTestId('nav-search').click();
  await surveyor.getByTestId('people-search-input').fill('บัวคำนำเข้า');
  await expect(surveyor.getByTestId('people-search-results')).toContainText(
    `${PEOPLE[1]?.first} ${PEOPLE[1]?.last}`,
  );
  await surveyorContext.close();

  // The village's people exported as .xlsx, imported back: nothing to create or change.
  await syncNow(page);
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-export-village').selectOption({ label: 'หมู่ที่ 1 บ้านพระเจ้า' });
  const downloading = page.waitForEvent('download');
  await page.getByTestId('import-export-people').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('people-moo1.xlsx');
  const path = await download.path();
  await page.getByTestId('import-file').setInputFiles({
    name: 'people-moo1.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await import('node:fs/promises').then((fs) => fs.readFile(path)),
  });
  await expect(page.getByTestId('import-header-row')).toHaveValue('2');
  await checkFile(page);
  await expect(page.getByTestId('import-count-create')).toHaveText('0');
  await expect(page.getByTestId('import-count-update')).toHaveText('0');
  await expect(page.getByTestId('import-count-bad')).toHaveText('0');
  // A supervisor's device holds national IDs masked, so the file has none: each row is found
  // again by its name and birth date, as a likely match to confirm, never as someone new.
  await expect(page.getByTestId('import-count-likely-match')).not.toHaveText('0');
  await expect(page.getByTestId('import-errors')).toHaveCount(0);

  // The first import undone from the list: its people are taken back on every device.
  const undo = page.locator('[data-testid^="import-undo-"]').last();
  await undo.click();
  await page
    .getByTestId('import-undo-dialog')
    .getByRole('button', { name: 'ยกเลิกการนำเข้านี้' })
    .click();
  await expect(page.getByTestId('import-history')).toContainText('ยกเลิกแล้วเมื่อ');
  await syncNow(page);
  await page.getByTestId('nav-search').click();
  await page.getByTestId('people-search-input').fill('บัวคำนำเข้า');
  await expect(page.getByTestId('people-search-results')).not.toContainText(PEOPLE[1]?.first ?? '');
});
