import { expect, type Page, test } from '@playwright/test';
import { uuidv7 } from '../../src/shared/ids';
import type { PulledRecord, PullResponse } from '../../src/shared/sync/protocol';
import { type ApiDevice, apiLogin, pushCreates } from './support/api';
import { login, waitForServiceWorkerControl } from './support/app';
import { scanIndexedDb } from './support/disk';
import { syncNow } from './support/sync';

// Issue 12: a copied browser profile, read without the key, tells nothing about anyone's
// welfare, health or home. The attacker reads every IndexedDB database of the origin raw.

/** Every record of the user's villages, as the server sends them to a device. */
async function pullAll(device: ApiDevice): Promise<PulledRecord[]> {
  const records = new Map<string, PulledRecord>();
  let cursors: Record<string, number> = {};
  for (;;) {
    const response = await device.request.post('/api/sync/pull', {
      headers: device.headers,
      data: { clientId: device.clientId, cursors, limit: 5000 },
    });
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as PullResponse;
    for (const record of body.changes) records.set(record.id, record);
    cursors = body.cursors;
    if (!body.hasMore) return [...records.values()];
  }
}

type Kind =
  | 'national id'
  | 'name'
  | 'disease'
  | 'health or disability answer'
  | 'welfare flag'
  | 'income or debt'
  | 'programme'
  | 'amount'
  | 'goods in kind'
  | 'household GPS'
  | 'house code'
  | 'survey answer'
  | 'case category'
  | 'link to a person';

/**
 * What must not be readable from the disk, by kind. Short values are looked for with their field
 * name (`programCode:ltc-care`, as the scan writes a property), so a word that happens to occur
 * elsewhere is no false alarm; long unique ones (IDs, GPS decimals, Thai text) as they are.
 */
function sensitiveNeedles(records: readonly PulledRecord[]): Map<Kind, Set<string>> {
  const needles = new Map<Kind, Set<string>>();
  const add = (kind: Kind, needle: string) => {
    const set = needles.get(kind) ?? new Set<string>();
    set.add(needle);
    needles.set(kind, set);
  };
  const keyed = (kind: Kind, fields: Record<string, unknown>, names: readonly string[]) => {
    for (const name of names) {
      const value = fields[name];
      if (typeof value === 'string' || typeof value === 'number' || value === true) {
        add(kind, `${name}:${value}`);
      }
    }
  };
  for (const { type, fields } of records) {
    if (type === 'person') {
      if (typeof fields.nationalId === 'string') add('national id', fields.nationalId);
      keyed('name', fields, ['firstName', 'lastName']);
      for (const disease of (fields.chronicDiseases as string[] | undefined) ?? []) {
        add('disease', disease);
      }
      keyed('health or disability answer', fields, ['healthScheme', 'bedridden', 'disabilityCard']);
      keyed('welfare flag', fields, [
        'stateWelfareCard',
        'receivesElderlyAllowance',
        'receivesDisabilityAllowance',
      ]);
      keyed('income or debt', fields, ['incomeMonthlyTHB']);
    }
    if (type === 'household') {
      const gps = fields.gps as { lat: number; lng: number } | undefined;
      if (gps) {
        add('household GPS', String(gps.lat));
        add('household GPS', String(gps.lng));
      }
      if (typeof fields.houseCode === 'string') add('house code', fields.houseCode);
      keyed('income or debt', fields, ['householdDebtTHB']);
      keyed('survey answer', fields, ['tenure', 'houseCondition', 'drinkingWater', 'landDocType']);
    }
    if (type === 'programEnrollment' || type === 'assistance') {
      keyed('programme', fields, ['programCode']);
      keyed('amount', fields, ['monthlyAmountTHB', 'amountTHB']);
      if (typeof fields.inKind === 'string') add('goods in kind', fields.inKind);
    }
    if (type === 'case' && fields.personId) keyed('case category', fields, ['category']);
    if (type !== 'person' && type !== 'household') {
      keyed('link to a person', fields, ['personId', 'householdId']);
    }
  }
  return needles;
}

/** Per kind, how many of its values the disk shows and a few of them: empty when nothing leaks. */
function leaks(text: string, needles: Map<Kind, Set<string>>) {
  const found: Record<string, { shown: number; of: number; e_g: string[] }> = {};
  for (const [kind, set] of needles) {
    const shown = [...set].filter((needle) => text.includes(needle));
    if (shown.length > 0)
      found[kind] = { shown: shown.length, of: set.size, e_g: shown.slice(0, 3) };
  }
  return found;
}

async function openCaseOffline(page: Page): Promise<string> {
  await page.getByTestId('nav-home').click();
  await page.getByTestId('village-1').click();
  await page.locator('[data-testid^="household-row-"] a').first().click();
  await expect(page.getByTestId('household-page')).toBeVisible();
  const member = page.locator('[data-testid^="member-row-"]').first();
  const personId = ((await member.getAttribute('data-testid')) ?? '').replace('member-row-', '');
  await member.getByRole('link').first().click();
  await page.getByTestId('person-open-case').click();
  await expect(page.getByTestId('case-intake')).toBeVisible();
  await page.getByTestId('case-category').selectOption('disability-care');
  await page.getByTestId('case-channel').selectOption('field-visit');
  await page.getByTestId('case-description').fill('ขอรับเบี้ยความพิการ');
  await page.getByTestId('case-save').click();
  await expect(page.getByTestId('case-page')).toBeVisible();
  return personId;
}

test('a copied profile, read raw without the key, shows no welfare, health or home data', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(180_000);
  // Another officer's device enrolls someone of หมู่ 1 in the disability allowance.
  const office = await apiLogin(request, 'welfare1');
  const before = await pullAll(office);
  const villageId = office.villageIdByMoo.get(1) as string;
  const enrolled = before.find((r) => r.type === 'person' && r.villageId === villageId);
  expect(enrolled).toBeDefined();
  const enrollment = {
    type: 'programEnrollment' as const,
    id: uuidv7(),
    villageId,
    fields: {
      personId: enrolled?.id,
      programCode: 'disability-allowance',
      since: '2026-10-01',
      status: 'active',
      monthlyAmountTHB: 1234.5,
    },
  };
  await pushCreates(office, [enrollment]);

  // The phone: signs in, syncs the demo tambon, then opens a case with no network.
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, 'welfare1');
  await syncNow(page);
  await context.setOffline(true);
  const beneficiary = await openCaseOffline(page);

  const records = await pullAll(office);
  expect(records.some((r) => r.id === enrollment.id)).toBe(true);
  const needles = sensitiveNeedles(records);
  needles.get('link to a person')?.add(`personId:${beneficiary}`);
  needles.get('case category')?.add('category:disability-care');
  // The test would prove nothing if the demo lacked any of these.
  for (const kind of needles.keys()) expect(needles.get(kind)?.size, kind).toBeGreaterThan(0);
  expect([...needles.keys()]).toHaveLength(14);

  const scan = await scanIndexedDb(page);
  expect(scan.databases).toContain(`tambon-field-${office.userId}`);
  // The scan does read the records: their ids and house numbers stay clear for the lists.
  expect(scan.text).toContain(enrollment.id);
  expect(leaks(scan.text, needles)).toEqual({});
});
