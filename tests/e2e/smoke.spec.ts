import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { uuidv7 } from '../../src/shared/ids';
import { bangkokDate } from '../../src/shared/rules/thaiDate';
import { apiLogin, makeConflictAndQuarantine, pushCreates } from './support/api';
import { login, waitForServiceWorkerControl } from './support/app';
import { findRawTokens, rawTokens } from './support/rawTokens';
import { syncNow } from './support/sync';

// Issue 13: every screen of the built app, for every role that may open it, at 360 px in Thai,
// on the demo data plus a conflict, a quarantined mutation, a visit and an assistance entry:
// it finishes loading, logs no error, and shows no field key or enum value of the code.

test.use({ viewport: { width: 360, height: 740 }, locale: 'th-TH' });

type Role = 'admin' | 'supervisor' | 'surveyor1' | 'welfare1';
interface Ids {
  villageId: string;
  householdId: string;
  personId: string;
  caseId: string;
}
interface Screen {
  path: string;
  /** Shown once the screen has its data. */
  ready: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['admin', 'supervisor', 'surveyor1', 'welfare1'];
const FIELD: readonly Role[] = ['supervisor', 'surveyor1', 'welfare1'];
const WELFARE: readonly Role[] = ['supervisor', 'welfare1'];
const REVIEWERS: readonly Role[] = ['admin', 'supervisor'];
const LOADING = /กำลัง(?:โหลด|คำนวณ|เตรียมข้อมูล|ย่อรูป)/;
/** Usernames are data, not codes: "supervisor" in the user list is a person's login. */
const USERNAMES = /\b(?:admin|supervisor|surveyor\d|welfare\d)\b/g;

/** Every route of src/client/app/App.tsx with the roles that reach it from the menu. */
function screens(ids: Ids): Screen[] {
  const { villageId, householdId, personId, caseId } = ids;
  return [
    { path: '/', ready: 'home-page', roles: EVERYONE },
    { path: '/search', ready: 'people-search-page', roles: EVERYONE },
    { path: '/map', ready: 'map-count', roles: EVERYONE },
    { path: '/sync', ready: 'sync-page', roles: EVERYONE },
    { path: '/settings', ready: 'settings-page', roles: EVERYONE },
    { path: `/villages/${villageId}`, ready: 'household-list-page', roles: FIELD },
    { path: `/villages/${villageId}/households/new`, ready: 'household-form', roles: FIELD },
    { path: `/households/${householdId}`, ready: 'household-page', roles: FIELD },
    { path: `/households/${householdId}/edit`, ready: 'household-form', roles: FIELD },
    { path: `/households/${householdId}/members/new`, ready: 'person-form', roles: FIELD },
    { path: `/people/${personId}`, ready: 'person-page', roles: FIELD },
    { path: `/people/${personId}/edit`, ready: 'person-form', roles: FIELD },
    { path: '/work', ready: 'work-count-open', roles: WELFARE },
    { path: '/cases', ready: 'case-list', roles: WELFARE },
    { path: '/cases/new', ready: 'case-form', roles: WELFARE },
    { path: `/cases/${caseId}`, ready: 'case-status', roles: WELFARE },
    { path: `/cases/${caseId}/visits/new`, ready: 'visit-form', roles: WELFARE },
    { path: `/cases/${caseId}/assistance/new`, ready: 'assistance-form', roles: WELFARE },
    { path: '/reports', ready: 'reports-page', roles: WELFARE },
    { path: '/eligibility', ready: 'eligibility-page', roles: WELFARE },
    ...['users', 'villages', 'devices', 'quarantine', 'conflicts', 'privacy'].map((section) => ({
      path: `/admin/${section}`,
      ready: `admin-${section}`,
      roles: REVIEWERS,
    })),
    { path: '/admin/audit', ready: 'admin-audit', roles: ['admin'] },
    { path: '/admin/backups', ready: 'admin-backups', roles: ['admin'] },
    { path: '/import', ready: 'import-page', roles: ['supervisor', 'admin'] },
    { path: '/no-such-page', ready: 'not-found-page', roles: EVERYONE },
  ];
}

/**
 * A person with a case, a visit and an assistance entry; then a household of the same village
 * with a conflict and a quarantined patch. The conflicted household's id sorts between the
 * case's records and a visit saved later, as it did when the case page once hung.
 */
async function makeRecords(request: APIRequestContext): Promise<Ids> {
  const welfare = await apiLogin(request, 'welfare1');
  const villageId = welfare.villageIdByMoo.get(1) as string;
  const homeId = uuidv7();
  const personId = uuidv7();
  const caseId = uuidv7();
  const today = bangkokDate();
  await pushCreates(welfare, [
    {
      type: 'household',
      id: homeId,
      villageId,
      fields: {
        houseNo: `98/${Date.now() % 1000}`,
        mooNo: 1,
        surveyDate: today,
        surveyorId: welfare.userId,
        privacyNoticeGiven: true,
      },
    },
    {
      type: 'person',
      id: personId,
      villageId,
      fields: {
        householdId: homeId,
        firstName: 'ทดสอบหน้าจอ',
        lastName: 'ครบทุกหน้า',
        titlePrefix: 'mrs',
        sex: 'F',
        birthDate: `${new Date().getFullYear() - 70}-05-01`,
        relationToHead: 'head',
        memberStatus: 'active',
      },
    },
    {
      type: 'case',
      id: caseId,
      villageId,
      fields: {
        category: 'elderly-care',
        personId,
        householdId: homeId,
        channel: 'walk-in',
        description: 'ขอรับการช่วยเหลือ',
        priority: 'normal',
        status: 'received',
        receivedAt: new Date().toISOString(),
        assignedTo: welfare.userId,
      },
    },
    {
      type: 'visit',
      id: uuidv7(),
      villageId,
      fields: { caseId, personId, visitedOn: today, officerId: welfare.userId, notes: 'เยี่ยม' },
    },
    {
      type: 'assistance',
      id: uuidv7(),
      villageId,
      fields: {
        caseId,
        personId,
        householdId: homeId,
        programCode: 'other',
        amountTHB: 500,
        deliveredAt: today,
        category: 'elderly-care',
      },
    },
  ]);
  const { householdId } = await makeConflictAndQuarantine(request, `99/${Date.now() % 1000}`);
  return { villageId, householdId, personId, caseId };
}

/** What went wrong on screens, one line each, so one run lists every broken screen. */
type Problems = string[];

/** A route change inside the app, as a link would make it: no reload, no PIN again. */
async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

async function checkScreen(page: Page, screen: Screen, errors: string[], problems: Problems) {
  const before = errors.length;
  await openInApp(page, screen.path);
  const main = page.locator('main');
  try {
    await expect(page.getByTestId(screen.ready).first()).toBeVisible({ timeout: 8_000 });
    await expect(main).not.toContainText(LOADING, { timeout: 8_000 });
  } catch {
    const text = (await main.innerText()).replace(/\s+/g, ' ').slice(0, 120);
    problems.push(`${screen.path}: did not finish loading ("${text}")`);
  }
  const text = (await page.locator('body').innerText()).replace(USERNAMES, '');
  const raw = findRawTokens(text, TOKENS);
  if (raw.length > 0) problems.push(`${screen.path}: shows code words ${raw.join(', ')}`);
  for (const error of errors.slice(before)) problems.push(`${screen.path}: ${error}`);
}

const TOKENS = rawTokens();
let ids: Ids;

async function signIn(browser: Browser, role: Role): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text().split('\n')[0]}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.name}: ${error.message}`));
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, role);
  await syncNow(page);
  return { page, errors };
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  ids = await makeRecords(request);
  await request.dispose();
});

for (const role of ['welfare1', 'supervisor', 'surveyor1', 'admin'] as const) {
  test(`every screen ${role} may open loads, in Thai, without errors`, async ({ browser }) => {
    const { page, errors } = await signIn(browser, role);
    if (role === 'welfare1') {
      // A visit saved on this device (the case page once never opened again after one).
      await openInApp(page, `/cases/${ids.caseId}`);
      await page.getByTestId('case-add-visit').click();
      await page.getByTestId('visit-notes').fill('เยี่ยมติดตาม');
      await page.getByTestId('visit-save').click();
      await expect(page).toHaveURL(new RegExp(`/cases/${ids.caseId}$`));
    }
    const problems: Problems = [];
    for (const screen of screens(ids).filter((s) => s.roles.includes(role))) {
      await checkScreen(page, screen, errors, problems);
    }
    await page.context().close();
    expect(problems).toEqual([]);
  });
}
