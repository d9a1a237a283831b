import { expect, test } from '@playwright/test';
import { apiLogin } from './support/api';
import { login, unlock } from './support/app';
import { syncNow } from './support/sync';

// Issue 17: after a device syncs, the admins' fleet view shows which app it runs and what it
// still holds back, as the device itself reported it.

const PASSWORD = 'fleet-view-password-9';

test('the fleet view shows a device’s app version and unsynced count after it syncs', async ({
  browser,
  request,
}) => {
  const admin = await apiLogin(request, 'admin');
  const username = `fleet${Date.now().toString(36)}`;
  const created = await request.post('/api/admin/users', {
    headers: admin.headers,
    data: {
      username,
      name: 'ทดสอบ ฟลีต',
      password: PASSWORD,
      role: 'surveyor',
      villageIds: [admin.villageIdByMoo.get(1)],
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  const field = await browser.newContext();
  const phone = await field.newPage();
  await phone.goto('/');
  await login(phone, username, PASSWORD);
  await syncNow(phone);

  const office = await browser.newContext();
  const desk = await office.newPage();
  await desk.goto('/');
  await login(desk, 'admin');
  await desk.goto('/admin/devices');
  await unlock(desk);
  const row = desk.locator('[data-testid^="device-row-"]', { hasText: username });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('device-app-version')).toContainText(/\d+\.\d+\.\d+/);
  await expect(row.getByTestId('device-unsynced')).toHaveText('0 รายการ');
  await field.close();
  await office.close();
});
