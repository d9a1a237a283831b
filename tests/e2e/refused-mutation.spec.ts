import { expect, type Page, test } from '@playwright/test';
import { apiLogin } from './support/api';
import { login, waitForServiceWorkerControl } from './support/app';
import { syncNow } from './support/sync';

// Issue 11: nothing a device sends can stop its own queue. A mutation the server refuses whole
// as malformed (here: one that claims to be another device's) is set aside on the sync page,
// and the edits saved after it still reach the server.

const LATER_HOUSE_NO = `77/${Date.now() % 1000}`;

async function addHousehold(page: Page, houseNo: string) {
  await page.getByTestId('nav-home').click();
  await page.getByTestId('village-1').click();
  await page.getByTestId('household-add').click();
  await page.getByTestId('household-houseNo').fill(houseNo);
  await page.getByTestId('household-headTitle').selectOption('mr');
  await page.getByTestId('household-headFirstName').fill('สมปอง');
  await page.getByTestId('household-headLastName').fill('ทดสอบส่งไม่ผ่าน');
  await page.getByTestId('household-privacyNoticeGiven').check();
  await page.getByTestId('household-save').click();
  await expect(page.getByTestId('household-page')).toBeVisible();
}

/**
 * Puts a malformed copy of the last queued household mutation in the outbox, next in counter
 * order, the way a broken app version would have queued it: it names another device.
 */
async function queueMalformedMutation(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const database = await request(indexedDB.open(info.name));
      if (!database.objectStoreNames.contains('outbox')) {
        database.close();
        continue;
      }
      const tx = database.transaction(['outbox', 'meta'], 'readwrite');
      const outbox = tx.objectStore('outbox');
      const meta = tx.objectStore('meta');
      const rows = (await request(outbox.getAll())) as Array<Record<string, unknown>>;
      const household = rows.filter((row) => row.type === 'household').at(-1);
      const nextN = ((await request(meta.get('nextN'))) as { value: number }).value;
      if (!household) throw new Error('no household mutation queued');
      const clientId = String(household.clientId);
      await request(
        outbox.add({
          ...household,
          n: nextN,
          mutationId: `${clientId}:${nextN}`,
          clientId: 'another-device-0001',
          txId: `malformed-${nextN}`,
        }),
      );
      await request(meta.put({ key: 'nextN', value: nextN + 1 }));
      database.close();
      return;
    }
    throw new Error('no outbox found');
  });
}

test('a mutation the server refuses as malformed is set aside; the later edits still sync', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await login(page, 'surveyor1');
  await syncNow(page);

  await addHousehold(page, `76/${Date.now() % 1000}`);
  await queueMalformedMutation(page);
  await addHousehold(page, LATER_HOUSE_NO);

  await syncNow(page); // waits for nothing left in the outbox
  const refused = page.getByTestId('sync-quarantined');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('รูปแบบไม่ถูกต้อง');

  // The household saved after the refused mutation is on the server.
  const supervisor = await apiLogin(request, 'supervisor');
  const pulled = await request.post('/api/sync/pull', {
    headers: supervisor.headers,
    data: { clientId: supervisor.clientId, cursors: {}, limit: 5000 },
  });
  expect(pulled.ok()).toBe(true);
  const { changes } = (await pulled.json()) as {
    changes: Array<{ type: string; fields: Record<string, unknown> }>;
  };
  const houseNos = changes.filter((c) => c.type === 'household').map((c) => c.fields.houseNo);
  expect(houseNos).toContain(LATER_HOUSE_NO);
});
