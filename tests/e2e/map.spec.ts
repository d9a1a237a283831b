import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import type { Position } from '../../src/shared/geo/projection';
import { login, unlock, waitForServiceWorkerControl } from './support/app';
import { syncNow } from './support/sync';

// Issue 16: the map, offline after one sync — the village's households and parcels, the
// bedridden filter, a tap opening a household, and a household linked to a parcel by tapping it,
// the link reaching a second device.

interface DrawnParcel {
  id: string;
  code: string;
  orphan: boolean;
  /** West, south, east, north. */
  box: [number, number, number, number];
}

async function openDevice(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, username);
  await syncNow(page);
  return page;
}

function drawnHouseholds(page: Page): Promise<Array<{ id: string; position: Position }>> {
  return page.getByTestId('map').evaluate((element) => {
    const probe = (element as { tambonMap?: { drawnHouseholds(): unknown } }).tambonMap;
    return (probe?.drawnHouseholds() ?? []) as Array<{ id: string; position: Position }>;
  });
}

function drawnParcels(page: Page): Promise<DrawnParcel[]> {
  return page.getByTestId('map').evaluate((element) => {
    const probe = (element as { tambonMap?: { drawnParcels(): unknown } }).tambonMap;
    return (probe?.drawnParcels() ?? []) as DrawnParcel[];
  });
}

function pixelOf(
  page: Page,
  position: Position,
  testId = 'map',
): Promise<{ x: number; y: number }> {
  return page.getByTestId(testId).evaluate((element, at) => {
    const probe = (element as { tambonMap?: { pixelOf(p: unknown): { x: number; y: number } } })
      .tambonMap;
    if (!probe) throw new Error('no map');
    return probe.pixelOf(at);
  }, position);
}

/** A spot inside a drawn parcel, on screen and clear of household points, or null. */
async function freeSpotOnParcel(
  page: Page,
  mapBox: { width: number; height: number },
): Promise<{ parcel: DrawnParcel; x: number; y: number } | null> {
  const points = await Promise.all(
    (await drawnHouseholds(page)).map((point) => pixelOf(page, point.position)),
  );
  const byKind = (await drawnParcels(page)).sort((x, y) => Number(y.orphan) - Number(x.orphan));
  for (const parcel of byKind) {
    if (!/^\d{2}[A-Z]{1,2}\d{1,5}$/.test(parcel.code)) continue;
    // The demo's parcels are rectangles: a grid inside the box stays inside the parcel.
    const [west, south, east, north] = parcel.box;
    for (const fx of [0.2, 0.35, 0.5, 0.65, 0.8]) {
      for (const fy of [0.2, 0.35, 0.5, 0.65, 0.8]) {
        const at = await pixelOf(page, [west + (east - west) * fx, south + (north - south) * fy]);
        const onScreen =
          at.x > 30 && at.y > 30 && at.x < mapBox.width - 30 && at.y < mapBox.height - 30;
        const clear = points.every((p) => Math.hypot(p.x - at.x, p.y - at.y) > 26);
        if (onScreen && clear) return { parcel, ...at };
      }
    }
  }
  return null;
}

/** What the map shows, for a failure's message: its box, points and parcels in pixels. */
async function mapDiagnosis(page: Page, mapBox: { width: number; height: number }) {
  const points = await Promise.all(
    (await drawnHouseholds(page)).slice(0, 40).map((point) => pixelOf(page, point.position)),
  );
  const parcels = await Promise.all(
    (await drawnParcels(page)).slice(0, 40).map(async (parcel) => ({
      code: parcel.code,
      sw: await pixelOf(page, [parcel.box[0], parcel.box[1]]),
      ne: await pixelOf(page, [parcel.box[2], parcel.box[3]]),
    })),
  );
  return JSON.stringify({ mapBox, points, parcels });
}

function zoomTo(page: Page, position: Position): Promise<void> {
  return page.getByTestId('map').evaluate((element, at) => {
    const probe = (element as { tambonMap?: { zoomTo(p: unknown): void } }).tambonMap;
    if (!probe) throw new Error('no map');
    probe.zoomTo(at);
  }, position);
}

/** The village's household ids a list filter keeps, read from the household list's links. */
async function listedHouseholds(page: Page, villageId: string, filter: string): Promise<string[]> {
  await page.goto(`/villages/${villageId}`);
  await unlock(page);
  await expect(page.getByTestId('household-list')).toBeVisible();
  await page.getByTestId('filter-panel').locator('summary').click();
  await page.getByTestId(`filter-${filter}`).check();
  await expect(page.getByTestId('household-count')).toBeVisible();
  while (await page.getByTestId('household-more').isVisible()) {
    await page.getByTestId('household-more').click();
  }
  const hrefs = await page
    .getByTestId('household-list')
    .locator('a.hh-row-link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => href.replace('/households/', '')).sort();
}

async function openMap(page: Page, path = '/map'): Promise<void> {
  await page.goto(path);
  await unlock(page);
  await expect(page.getByTestId('map-page')).toBeVisible();
  await expect(page.getByTestId('map-count')).toBeVisible();
}

test('the map offline: households and parcels, the bedridden filter, tap to open, link a parcel that syncs', async ({
  browser,
}) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await openDevice(contextA, 'surveyor1');
  await contextA.setOffline(true);

  // All the device's villages: households and parcels, both kinds of parcel, legend, scale.
  await openMap(a);
  await expect.poll(async () => (await drawnHouseholds(a)).length).toBeGreaterThan(10);
  const parcels = await drawnParcels(a);
  expect(parcels.length).toBeGreaterThan(10);
  expect(parcels.some((parcel) => parcel.orphan)).toBe(true);
  await expect(a.getByTestId('map-orphan-parcels')).toContainText(/ครัวเรือน [1-9]/);
  await expect(a.getByTestId('map-legend')).toContainText('มีผู้ติดเตียง');
  await expect(a.locator('.leaflet-control-scale')).toBeVisible();

  // The bedridden filter, in the first village that has a bedridden person with a location.
  await a.getByTestId('filter-panel').locator('summary').click();
  await a.getByTestId('map-filter-bedridden').check();
  const villageIds = (
    await a
      .getByTestId('map-village')
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))
  ).filter(Boolean);
  let villageId = '';
  let bedridden: string[] = [];
  for (const id of villageIds) {
    await a.getByTestId('map-village').selectOption(id);
    await expect(a.getByTestId('map-count')).toContainText('แสดง');
    // The count line is drawn from the same filtered points as the map.
    const ids = (await drawnHouseholds(a)).map((point) => point.id).sort();
    await expect(a.getByTestId('map-count')).toContainText(`แสดง ${ids.length} จาก`);
    if (ids.length > 0) {
      villageId = id;
      bedridden = ids;
      break;
    }
  }
  expect(bedridden.length).toBeGreaterThan(0);
  await a.getByTestId('map-filter-bedridden').uncheck();
  await expect
    .poll(async () => (await drawnHouseholds(a)).length)
    .toBeGreaterThan(bedridden.length);
  const all = await drawnHouseholds(a);
  await a.getByTestId('map-filter-bedridden').check();
  await expect.poll(async () => (await drawnHouseholds(a)).length).toBe(bedridden.length);

  // Tapping a point opens its household. Other specs add households to the same demo
  // villages, sometimes at the same spot: the point tapped is one with no other household of
  // the village (filtered out or not) within a finger's reach.
  const drawn = await drawnHouseholds(a);
  const others = await Promise.all(
    all.map(async (point) => ({ id: point.id, at: await pixelOf(a, point.position) })),
  );
  const pixels = await Promise.all(drawn.map((point) => pixelOf(a, point.position)));
  const alone = drawn.findIndex((point, i) =>
    others.every(
      (other) =>
        other.id === point.id ||
        Math.hypot((pixels[i]?.x ?? 0) - other.at.x, (pixels[i]?.y ?? 0) - other.at.y) > 48,
    ),
  );
  const target = drawn[Math.max(0, alone)];
  if (!target) throw new Error('no bedridden household drawn');
  await a.getByTestId('map').scrollIntoViewIfNeeded();
  const box = await a.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map box');
  const pixel = await pixelOf(a, target.position);
  await a.mouse.click(box.x + pixel.x, box.y + pixel.y);
  // The household of the point tapped (or, where no point stands alone, of one at that spot).
  const there = others
    .filter((other) => Math.hypot(other.at.x - pixel.x, other.at.y - pixel.y) <= 48)
    .map((other) => other.id);
  await expect(a).toHaveURL(
    new RegExp(`/households/(${[target.id, ...there].join('|')})\\?from=map$`),
  );
  await expect(a.getByTestId('household-page')).toBeVisible();
  // Opened from the map, its back link returns to the map.
  await expect(a.getByTestId('household-back')).toHaveAttribute('href', '/map');

  const listed = await listedHouseholds(a, villageId, 'bedridden');
  expect(listed.filter((id) => all.some((point) => point.id === id))).toEqual(bedridden);

  // A household without a parcel: linked by tapping a parcel near it, offline.
  await openMap(a);
  await a.getByTestId('map-village').selectOption(villageId);
  await a.getByTestId('filter-panel').locator('summary').click();
  await a.getByTestId('map-filter-noParcel').check();
  await expect.poll(async () => (await drawnHouseholds(a)).length).toBeGreaterThan(0);
  const lonely = (await drawnHouseholds(a))[0];
  if (!lonely) throw new Error('no household without a parcel');
  // The household list shows the same gaps: this household flagged, the parcels without one.
  const listRow = (page: Page) => page.locator(`a[href="/households/${lonely.id}"]`);
  await a.goto(`/villages/${villageId}`);
  await unlock(a);
  await a.getByTestId('filter-panel').locator('summary').click();
  await a.getByTestId('filter-noParcel').check();
  await expect(listRow(a).locator('[data-flag="no-parcel"]')).toBeVisible();
  await expect(a.getByTestId('parcels-without-household')).toContainText('แปลงที่ดินที่ไม่มีครัวเรือน');

  await a.goto(`/households/${lonely.id}`);
  await unlock(a);
  await a.getByTestId('household-map').click();
  await expect(a.getByTestId('map-link-bar')).toBeVisible();
  await expect(a.getByTestId('map-link-current')).toContainText('ยังไม่มีแปลงที่ดิน');
  await expect.poll(async () => (await drawnParcels(a)).length).toBeGreaterThan(0);

  // The map opens on the household being linked.
  await a.getByTestId('map').scrollIntoViewIfNeeded();
  const mapBox = await a.getByTestId('map').boundingBox();
  if (!mapBox) throw new Error('no map box');
  await expect
    .poll(async () => {
      const at = await pixelOf(a, lonely.position);
      return Math.hypot(at.x - mapBox.width / 2, at.y - mapBox.height / 2);
    })
    .toBeLessThan(2);
  // A parcel whose inside is on screen and clear of points (one without a household first);
  // where none is, the map moves to a rice field without a household, as a person would pan.
  let chosen = await freeSpotOnParcel(a, mapBox);
  if (!chosen) {
    const field = (await drawnParcels(a)).find((parcel) => parcel.orphan);
    if (!field) throw new Error('no parcel without a household drawn');
    const [west, south, east, north] = field.box;
    await zoomTo(a, [(west + east) / 2, (south + north) / 2]);
    chosen = await freeSpotOnParcel(a, mapBox);
  }
  if (!chosen) throw new Error(`no free parcel on screen: ${await mapDiagnosis(a, mapBox)}`);
  await a.mouse.click(mapBox.x + chosen.x, mapBox.y + chosen.y);
  await expect(a.getByTestId('map-parcel-code')).toContainText(chosen.parcel.code);
  await a.getByTestId('map-link-confirm').click();
  await expect(a.getByTestId('map-link-saved')).toContainText(chosen.parcel.code);
  await expect(a.getByTestId('map-link-current')).toContainText(chosen.parcel.code);

  await a.goto(`/villages/${villageId}`);
  await unlock(a);
  await expect(listRow(a)).toBeVisible();
  await expect(listRow(a).locator('[data-flag="no-parcel"]')).toHaveCount(0);

  await contextA.setOffline(false);
  await syncNow(a);

  const b = await openDevice(contextB, 'surveyor3');
  await b.goto(`/households/${lonely.id}`);
  await unlock(b);
  await expect(b.getByTestId('household-page')).toContainText(chosen.parcel.code);
  await openMap(b, `/map?household=${lonely.id}`);
  await expect(b.getByTestId('map-link-current')).toContainText(chosen.parcel.code);

  await contextA.close();
  await contextB.close();
});

test('a house is placed on the map in its form, and moved there', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await openDevice(context, 'surveyor1');
  await openMap(page);
  await expect.poll(async () => (await drawnHouseholds(page)).length).toBeGreaterThan(0);
  const house = (await drawnHouseholds(page))[0];
  if (!house) throw new Error('no household drawn');

  await page.goto(`/households/${house.id}/edit`);
  await unlock(page);
  await page.getByTestId('household-gps-map-button').click();
  const picker = page.getByTestId('household-gps-map-map');
  await expect(picker).toBeVisible();
  await picker.scrollIntoViewIfNeeded();
  const box = await picker.boundingBox();
  if (!box) throw new Error('no picker box');
  // The picker opens on the house: 60 px east of it is somewhere else (~35 m at zoom 18).
  const at = await pixelOf(page, house.position, 'household-gps-map-map');
  await page.mouse.click(box.x + at.x + 60, box.y + at.y);
  await expect(page.getByTestId('household-gps-map-value')).toBeVisible();
  await page.getByTestId('household-gps-map-use').click();
  const value = page.getByTestId('household-gps-value');
  const [lat, lng] = ((await value.locator('.mono').textContent()) ?? '').split(',').map(Number);
  expect(lat).toBeCloseTo(house.position[1], 4);
  expect(lng).toBeGreaterThan(house.position[0] + 0.0002);
  await page.getByTestId('household-save').click();
  await expect(page.getByTestId('household-page')).toBeVisible();
  await expect(page.getByTestId('household-page')).toContainText((lng as number).toFixed(6));
  await context.close();
});

test('service requests with a location are on the map by status; a tap opens the request', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await openDevice(context, 'welfare1');
  await openMap(page);
  await expect(page.getByTestId('map-case-count')).toBeVisible();
  const drawnCases = () =>
    page.getByTestId('map').evaluate((element) => {
      const probe = (element as { tambonMap?: { drawnCases(): unknown } }).tambonMap;
      return (probe?.drawnCases() ?? []) as Array<{ id: string; position: Position }>;
    });
  await expect.poll(async () => (await drawnCases()).length).toBeGreaterThan(0);
  const all = (await drawnCases()).length;
  await page.getByTestId('filter-panel').locator('summary').click();
  await page.getByTestId('map-case-status').selectOption('none');
  await expect.poll(async () => (await drawnCases()).length).toBe(0);
  // The legend names only the statuses drawn.
  await expect(page.getByTestId('map-legend')).not.toContainText('คำร้อง:');
  await page.getByTestId('map-case-status').selectOption('all');
  await expect.poll(async () => (await drawnCases()).length).toBe(all);
  await expect(page.getByTestId('map-legend')).toContainText('คำร้อง:');

  const request = (await drawnCases())[0];
  if (!request) throw new Error('no request drawn');
  // Close enough to tell it from the houses around it.
  await page.getByTestId('map').evaluate((element, at) => {
    (element as { tambonMap?: { zoomTo(p: unknown): void } }).tambonMap?.zoomTo(at);
  }, request.position);
  await page.getByTestId('map').scrollIntoViewIfNeeded();
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map box');
  const at = await pixelOf(page, request.position);
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await expect(page).toHaveURL(`/cases/${request.id}`);
  await context.close();
});

test('near me: the device position on the map and the nearest households, nearest first', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await openDevice(context, 'surveyor1');
  await openMap(page);
  await expect.poll(async () => (await drawnHouseholds(page)).length).toBeGreaterThan(5);
  const house = (await drawnHouseholds(page))[3];
  if (!house) throw new Error('no household drawn');
  // Standing at that house.
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({
    longitude: house.position[0],
    latitude: house.position[1],
    accuracy: 8,
  });
  await page.getByTestId('map-near-me').click();
  const list = page.getByTestId('map-near-list');
  await expect(list.locator('li')).toHaveCount(5);
  await expect(list.locator('li').first().locator('a')).toHaveAttribute(
    'href',
    `/households/${house.id}?from=map`,
  );
  await expect(list.locator('li').first()).toContainText('0 ม.');
  await expect(page.getByTestId('map-near')).toContainText('±8 ม.');
  await context.close();
});
