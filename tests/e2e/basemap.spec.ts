import { expect, type Page, test } from '@playwright/test';
import { demoBasemap } from '../../src/server/demo/basemap';
import { BASEMAP_DOWNLOAD_CHUNK_BYTES } from '../../src/shared/api/basemap';
import { makeMbtiles, smallPngs, tambonTiles } from '../support/mbtiles';
import { apiLogin } from './support/api';
import { login, unlock, waitForServiceWorkerControl } from './support/app';
import { syncNow } from './support/sync';

// Issue 16: the offline basemap. An admin uploads a PMTiles file (through the API); a field
// user downloads it in the built app — cut off halfway, then continued from the piece it had —
// goes offline, reloads, unlocks, and the map paints its tiles, with the attribution; the
// storage card counts the copy, and signing out deletes it.

const ATTRIBUTION = 'ทดสอบ e2e © OpenStreetMap contributors';

function basemapTiles(page: Page): Promise<number> {
  return page.getByTestId('map').evaluate((element) => {
    const probe = (element as { tambonMap?: { basemapTiles(): number } }).tambonMap;
    return probe?.basemapTiles() ?? 0;
  });
}

test('a basemap downloads in resumable pieces and draws offline', async ({ browser, request }) => {
  // The demo's tiles with 3 MiB of padding after them (readers never look there): two pieces.
  const file = Buffer.concat([demoBasemap(), Buffer.alloc(3 * 1024 * 1024)]);
  const admin = await apiLogin(request, 'admin');
  const upload = await request.put(`/api/basemap?attribution=${encodeURIComponent(ATTRIBUTION)}`, {
    headers: { ...admin.headers, 'content-type': 'application/octet-stream' },
    data: file,
  });
  expect(upload.status(), await upload.text()).toBe(200);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, 'surveyor1');
  await syncNow(page);
  await page.goto('/map');
  await unlock(page);
  await expect(page.getByTestId('basemap-download')).toContainText(
    /ดาวน์โหลดแผนที่ฐาน \(3(\.\d)? เมกะไบต์\)/,
  );

  // The second piece fails once: the first stays stored, the button offers to continue.
  const ranges: string[] = [];
  let cut = true;
  await context.route('**/api/basemap', async (route) => {
    const range = route.request().headers().range ?? '';
    ranges.push(range);
    if (cut && range.startsWith(`bytes=${BASEMAP_DOWNLOAD_CHUNK_BYTES}-`)) {
      cut = false;
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await page.getByTestId('basemap-download').click();
  await expect(page.getByTestId('basemap-failed')).toBeVisible();
  await expect(page.getByTestId('basemap-progress')).toHaveAttribute(
    'value',
    String(BASEMAP_DOWNLOAD_CHUNK_BYTES),
  );
  await expect(page.getByTestId('basemap-download')).toContainText('ต่อ');
  await page.getByTestId('basemap-download').click();
  await expect(page.getByTestId('basemap-ready')).toBeVisible();
  // The first piece was not fetched again.
  expect(ranges.filter((range) => range.startsWith('bytes=0-'))).toHaveLength(1);
  expect(ranges).toHaveLength(3);

  // Offline, after a reload: the tiles come from the device's copy.
  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  await expect(page.getByTestId('map-page')).toBeVisible();
  await expect.poll(() => basemapTiles(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.locator('.leaflet-control-attribution')).toContainText(ATTRIBUTION);
  await expect(page.getByTestId('basemap-ready')).toBeVisible();

  await page.goto('/settings');
  await unlock(page);
  await expect(page.getByTestId('storage-basemap')).toContainText('แผนที่ฐานในเครื่อง');

  // Signing out deletes the copy with the rest of the user's data.
  const basemapCaches = () =>
    page.evaluate(async () => (await caches.keys()).filter((name) => name.includes('basemap')));
  expect(await basemapCaches()).toHaveLength(1);
  await context.setOffline(false);
  await page.getByTestId('logout').click();
  await page.getByTestId('logout-confirm').getByTestId('confirm-accept').click();
  await expect(page.getByTestId('login-username')).toBeVisible();
  // The copy is deleted as the session ends; the login screen may show a moment before.
  await expect.poll(basemapCaches).toEqual([]);
  await context.close();
});

test('an admin uploads the basemap (PMTiles or MBTiles) from the map screen; a wrong file gets a Thai refusal', async ({
  page,
}) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, 'admin');
  await page.goto('/map');
  await unlock(page);
  const upload = page.getByTestId('basemap-upload');
  const send = async (name: string, buffer: Buffer) => {
    await upload.getByTestId('basemap-file').setInputFiles({
      name,
      mimeType: 'application/octet-stream',
      buffer,
    });
    await upload.getByTestId('basemap-upload-submit').click();
  };
  await send('parcels.geojson', Buffer.from('{"type":"FeatureCollection"}'.padEnd(4096)));
  await expect(upload.getByTestId('basemap-upload-error')).toContainText(
    'ไม่ใช่ PMTiles รุ่น 3 หรือ MBTiles',
  );
  // An SQLite header over nothing: the server cannot read it and says so.
  await send('tambon.mbtiles', Buffer.from('SQLite format 3\u0000'.padEnd(4096, '\u0000')));
  await expect(upload.getByTestId('basemap-upload-error')).toContainText('อ่านไฟล์ MBTiles นี้ไม่ได้');
  await send('vector.mbtiles', makeMbtiles({ tiles: [], metadata: { format: 'pbf' } }));
  await expect(upload.getByTestId('basemap-upload-error')).toContainText('เวกเตอร์');
  await send('tambon.pmtiles', demoBasemap());
  await expect(upload.getByTestId('basemap-uploaded')).toBeVisible();
  await expect(page.getByTestId('basemap-download')).toBeVisible();
  // A raster MBTiles is converted on the server and replaces it.
  const tiles = tambonTiles(2000, smallPngs(20));
  await send('tambon.mbtiles', makeMbtiles({ tiles, metadata: { format: 'png' } }));
  await expect(upload.getByTestId('basemap-uploaded')).toBeVisible();
});
