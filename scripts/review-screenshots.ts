// The review screens at 360 px in Thai, for docs/: a conflict on the sync page, a quarantined
// change, the audit log and the eligibility list. Start a demo server first, then:
//   BASE_URL=http://127.0.0.1:4440 node --import tsx scripts/review-screenshots.ts
import { request as apiRequest, type Browser, chromium, type Page } from '@playwright/test';
import { uuidv7 } from '../src/shared/ids';
import { formatHlc } from '../src/shared/sync/hlc';
import type { FieldValues, Mutation } from '../src/shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION } from '../src/shared/sync/upgrade';
import { chromiumLaunchOptions } from '../tests/e2e/support/env';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:4440';
const PASSWORD = 'demo1234';
const PIN = '246810';

interface Device {
  headers: Record<string, string>;
  clientId: string;
  userId: string;
  n: number;
}

const api = await apiRequest.newContext({ baseURL: BASE });

async function signIn(username: string, deviceName: string): Promise<Device> {
  const clientId = `shots-${username}-${Date.now().toString(36)}`;
  const response = await api.post('/api/auth/login', {
    data: { username, password: PASSWORD, clientId, deviceName },
  });
  if (!response.ok()) throw new Error(`login ${username}: ${response.status()}`);
  const { token } = await response.json();
  const headers = { authorization: `Bearer ${token}` };
  const me = await (await api.get('/api/me', { headers })).json();
  return { headers, clientId, userId: (me.user ?? me).id, n: 1 };
}

async function push(
  device: Device,
  op: 'create' | 'patch',
  id: string,
  villageId: string,
  patch: FieldValues,
  base: number,
  millis = Date.now(),
): Promise<string[]> {
  const mutation: Mutation = {
    mutationId: `${device.clientId}:${device.n++}`,
    clientId: device.clientId,
    txId: uuidv7(),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    hlc: formatHlc({ millis, counter: 0, clientId: device.clientId }),
    op,
    type: 'household',
    id,
    villageId,
    patch,
    base: Object.fromEntries(Object.keys(patch).map((field) => [field, base])),
  };
  const response = await api.post('/api/sync/push', {
    headers: device.headers,
    data: { clientId: device.clientId, mutations: [mutation] },
  });
  const body = await response.json();
  return body.results.map((r: { status: string; reason?: string }) => r.reason ?? r.status);
}

async function villages(device: Device): Promise<Map<number, string>> {
  const body = await (await api.get('/api/villages', { headers: device.headers })).json();
  const list = (body.villages ?? body) as Array<{ id: string; mooNo: number }>;
  return new Map(list.map((v) => [v.mooNo, v.id]));
}

async function seed(): Promise<void> {
  const s1 = await signIn('surveyor1', 'โทรศัพท์ของสมชาย');
  const s3 = await signIn('surveyor3', 'แท็บเล็ตของสมหญิง');
  const moo = await villages(s1);
  const village1 = moo.get(1) as string;
  const house = uuidv7();
  const created = await push(
    s1,
    'create',
    house,
    village1,
    {
      houseNo: '99/9',
      mooNo: 1,
      surveyDate: '2025-11-20',
      surveyorId: s1.userId,
      privacyNoticeGiven: true,
      road: 'ถนนสายเก่า',
      houseCondition: 'sound',
      householdDebtTHB: 20000,
    },
    0,
  );
  console.log('create', created);
  const seq = await (
    await api.get(`/api/sync/pull?since=0&limit=1`, { headers: s1.headers })
  ).json();
  void seq;
  // Both change the same fields from the created state, offline, then sync: conflicts.
  const t0 = Date.now();
  console.log(
    's1',
    await push(
      s1,
      'patch',
      house,
      village1,
      { road: 'ถนนมิตรภาพ', householdDebtTHB: 45000, houseCondition: 'dilapidated' },
      1,
      t0,
    ),
  );
  console.log(
    's3',
    await push(
      s3,
      'patch',
      house,
      village1,
      { road: 'ถนนหนองแวง', householdDebtTHB: 30000, houseCondition: 'unsafe' },
      1,
      t0 + 1000,
    ),
  );
  // A new house in a village surveyor1 does not have: quarantined for review.
  const supervisor = await signIn('supervisor', 'คอมพิวเตอร์สำนักงาน');
  const all = await villages(supervisor);
  console.log(
    'quarantine',
    await push(
      s1,
      'create',
      uuidv7(),
      all.get(7) as string,
      {
        houseNo: '12/7',
        mooNo: 7,
        surveyDate: '2025-11-21',
        surveyorId: s1.userId,
        privacyNoticeGiven: true,
        houseCondition: 'dilapidated',
        householdDebtTHB: 45000,
        toilet: true,
      },
      0,
    ),
  );
}

async function openAs(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    locale: 'th-TH',
    baseURL: BASE,
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log(`[${username}] console`, m.text()));
  page.on('pageerror', (e) => console.log(`[${username}] pageerror`, e.message));
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  const setup = page.getByTestId('pin-setup');
  await setup.or(page.getByTestId('current-user')).waitFor({ timeout: 30_000 });
  if (await setup.isVisible()) {
    await page.getByTestId('pin-new').fill(PIN);
    await page.getByTestId('pin-confirm').fill(PIN);
    await page.getByTestId('pin-save').click();
  }
  await page.getByTestId('current-user').waitFor({ timeout: 30_000 });
  return page;
}

/** Opens a path; a full load locks the app, so it unlocks with the PIN. */
async function go(page: Page, path: string): Promise<void> {
  await page.goto(path);
  const pin = page.getByTestId('pin-input');
  await pin.or(page.getByTestId('current-user')).first().waitFor({ timeout: 30_000 });
  if (await pin.isVisible()) {
    await pin.fill(PIN);
    await page.getByTestId('pin-submit').click();
    await page.getByTestId('current-user').waitFor({ timeout: 30_000 });
  }
}

async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-now').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="sync-now"]')?.getAttribute('aria-busy') !== 'true',
  );
  await page.waitForTimeout(3000);
}

async function shot(page: Page, file: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `docs/${file}`, fullPage });
  const header = await page.locator('.topbar').boundingBox();
  const lock = await page.getByTestId('lock-now').boundingBox();
  console.log(file, 'header', header?.height, 'lock', lock?.width, lock?.height);
}

if (!process.env.SKIP_SEED) await seed();
const browser = await chromium.launch(chromiumLaunchOptions());
const supervisor = await openAs(browser, 'supervisor');
await syncNow(supervisor);
await go(supervisor, '/sync');
await supervisor
  .getByTestId('conflict-list')
  .locator('article')
  .first()
  .waitFor({ timeout: 30_000 });
await shot(supervisor, 'screenshot-sync-conflict.png');
await supervisor.getByTestId('conflict-record-link').first().click();
await supervisor.getByTestId('record-conflict').waitFor({ timeout: 30_000 });
console.log('household badge:', await supervisor.getByTestId('record-conflict').textContent());
console.log('menu count:', await supervisor.getByTestId('nav-sync-count').textContent());
await supervisor.screenshot({ path: '/tmp/x/household-badge.png' });
await go(supervisor, '/admin/quarantine');
await supervisor.locator('[data-testid^="quarantine-"] h3').first().waitFor({ timeout: 30_000 });
await shot(supervisor, 'screenshot-quarantine.png');
await go(supervisor, '/admin/conflicts');
await supervisor.locator('[data-testid^="conflict-row-"]').first().waitFor({ timeout: 30_000 });
await shot(supervisor, 'screenshot-admin-conflicts.png');
await go(supervisor, '/eligibility');
await supervisor.waitForTimeout(8000);
await shot(supervisor, 'screenshot-eligibility.png', false);

const admin = await openAs(browser, 'admin');
await go(admin, '/admin/audit');
await admin.getByTestId('audit-row').first().waitFor({ timeout: 30_000 });
await admin.waitForTimeout(1500);
await admin.locator('h2#admin-audit-title').scrollIntoViewIfNeeded();
await admin.waitForTimeout(1500);
await admin.screenshot({
  path: 'docs/screenshot-audit.png',
  clip: { x: 0, y: 0, width: 360, height: 1500 },
  fullPage: true,
});
await admin.setViewportSize({ width: 1280, height: 900 });
await admin.waitForTimeout(500);
const table = await admin.locator('.audit-table').boundingBox();
console.log(
  'audit table at 1280',
  table?.width,
  'page',
  await admin.evaluate(() => document.documentElement.scrollWidth),
);
await admin.screenshot({ path: '/tmp/x/audit-1280.png' });

const welfare = await openAs(browser, 'welfare1');
await syncNow(welfare);
await welfare.screenshot({ path: '/tmp/x/welfare-sync.png' });
await browser.close();
await api.dispose();
