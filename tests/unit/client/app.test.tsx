// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { online } from '../../../src/client/api/online';
import { App } from '../../../src/client/app/App';
import { buildId } from '../../../src/client/app/version';
import { requireUnlockedDatabase, userDatabaseName } from '../../../src/client/db/database';
import { stopPeopleIndex } from '../../../src/client/features/search/usePeopleIndex';
import { getAccount } from '../../../src/client/security/accounts';
import { choosePin, deviceLock } from '../../../src/client/security/deviceLock';
import { refreshProfile } from '../../../src/client/session/profile';
import { login } from '../../../src/client/session/signIn';
import { profile, session } from '../../../src/client/session/state';
import { setLanguage } from '../../../src/client/ui/i18n';
import { databaseNames, LOGIN_OK, ME_OK, PASSWORD, PIN, resetDatabase, stubApi } from './helpers';

/** Signs in as the app does the first time on a browser: the password, `/api/me`, then a new PIN. */
async function signInAs(role: 'surveyor' | 'admin' | 'supervisor') {
  const user = { ...LOGIN_OK.user, role };
  stubApi({
    'POST /api/auth/login': [200, { ...LOGIN_OK, user }],
    'GET /api/me': [200, { ...ME_OK, user: { ...ME_OK.user, role } }],
  });
  await login(user.username, PASSWORD);
  await refreshProfile();
  await choosePin(PIN);
  vi.unstubAllGlobals();
}

function fillIn(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

function visit(path: string) {
  history.replaceState(null, '', path);
}

beforeEach(async () => {
  await resetDatabase();
  // As at app start: no database is opened before a user unlocks theirs.
  requireUnlockedDatabase();
  online.value = true;
  visit('/');
});

afterEach(() => {
  cleanup();
  stopPeopleIndex();
  session.value = null;
  profile.value = null;
  vi.unstubAllGlobals();
  setLanguage('th');
});

describe('shell', () => {
  it('shows the login form when signed out', () => {
    render(<App />);
    expect(screen.getByTestId('login-form')).toBeTruthy();
    expect(screen.getByTestId('app-version').textContent).toContain(buildId);
  });

  it('after the first sign-in asks for a PIN, refusing a guessable or mismatched one', async () => {
    stubApi({ 'POST /api/auth/login': [200, LOGIN_OK], 'GET /api/me': [200, ME_OK] });
    render(<App />);
    fillIn('login-username', 'surveyor1');
    fillIn('login-password', PASSWORD);
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('pin-setup', {}, { timeout: 5000 });
    expect(screen.queryByTestId('home-page')).toBeNull();

    fillIn('pin-new', '123456');
    fillIn('pin-confirm', '123456');
    fireEvent.click(screen.getByTestId('pin-save'));
    expect((await screen.findByTestId('pin-setup-error')).textContent).toContain('เดาง่ายเกินไป');
    fillIn('pin-new', PIN);
    fillIn('pin-confirm', '482917');
    fireEvent.click(screen.getByTestId('pin-save'));
    await waitFor(() =>
      expect(screen.getByTestId('pin-setup-error').textContent).toBe('PIN ทั้งสองช่องไม่ตรงกัน'),
    );
    expect(deviceLock.value.state).toBe('set-pin');

    fillIn('pin-confirm', PIN);
    fireEvent.click(screen.getByTestId('pin-save'));
    await screen.findByTestId('home-page', {}, { timeout: 5000 });
    expect(deviceLock.value.state).toBe('unlocked');
  });

  it('locking hides every screen; a wrong PIN is counted and the right one brings them back', async () => {
    await signInAs('surveyor');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('offline');
      }),
    );
    render(<App />);
    screen.getByTestId('home-page');
    fireEvent.click(screen.getByTestId('lock-now'));
    await screen.findByTestId('lock-screen');
    expect(screen.queryByTestId('home-page')).toBeNull();
    expect(session.value).toBeNull();

    fillIn('pin-input', '000000');
    fireEvent.click(screen.getByTestId('pin-submit'));
    expect((await screen.findByTestId('pin-error', {}, { timeout: 5000 })).textContent).toBe(
      'PIN ไม่ถูกต้อง เหลืออีก 4 ครั้ง',
    );
    fillIn('pin-input', PIN);
    fireEvent.click(screen.getByTestId('pin-submit'));
    await screen.findByTestId('home-page', {}, { timeout: 5000 });
    expect(screen.getByTestId('current-user').textContent).toBe('surveyor1');
    expect(screen.getByTestId('organization-name').textContent).toBe(ME_OK.organization.name);
  });

  it('greets the user with role, organization and villages', async () => {
    await signInAs('surveyor');
    render(<App />);
    const home = screen.getByTestId('home-page');
    expect(home.textContent).toContain('สวัสดี คุณสมชาย ใจดี');
    expect(home.textContent).toContain('บทบาท: เจ้าหน้าที่สำรวจ');
    expect(screen.getByTestId('organization-name').textContent).toBe(ME_OK.organization.name);
    const villages = screen.getByTestId('village-list');
    expect(villages.querySelectorAll('li')).toHaveLength(2);
    expect(villages.textContent).toContain('หมู่ที่ 1');
    expect(villages.textContent).toContain('บ้านหนองแวง');
    expect(screen.getByTestId('current-user').textContent).toBe('surveyor1');
    expect(screen.queryByTestId('nav-admin')).toBeNull();
  });

  it('shows the online state and follows it', async () => {
    await signInAs('surveyor');
    render(<App />);
    const status = screen.getByTestId('online-status');
    expect(status.dataset.online).toBe('true');
    act(() => {
      online.value = false;
    });
    expect(status.dataset.online).toBe('false');
    expect(status.textContent).toBe('ออฟไลน์');
  });

  it('navigates to settings and switches the language', async () => {
    await signInAs('surveyor');
    render(<App />);
    fireEvent.click(screen.getByTestId('nav-settings'));
    await screen.findByTestId('settings-page');
    expect(await screen.findByTestId('change-password-form')).toBeTruthy();
    expect(screen.getByLabelText('รหัสผ่านปัจจุบัน')).toBe(screen.getByTestId('current-password'));
    fireEvent.click(screen.getByTestId('language-en'));
    await waitFor(() => expect(screen.getByTestId('nav-home').textContent).toBe('Home'));
    expect(screen.getByTestId('settings-page').querySelector('h1')?.textContent).toBe('Settings');
  });

  it('logout returns to the login form', async () => {
    await signInAs('surveyor');
    stubApi({ 'POST /api/auth/logout': [204] });
    visit('/settings');
    render(<App />);
    fireEvent.click(await screen.findByTestId('logout'));
    fireEvent.click(await screen.findByTestId('confirm-accept'));
    await screen.findByTestId('login-form');
    expect(session.value).toBeNull();
    // The user's data and keys are gone from this browser.
    await waitFor(() => expect(deviceLock.value.state).toBe('signed-out'));
    expect(await databaseNames()).not.toContain(userDatabaseName(LOGIN_OK.user.id));
    expect(await getAccount(LOGIN_OK.user.id)).toBeUndefined();
  });

  it('opens the households of a village from home, and people search from the top bar', async () => {
    await signInAs('supervisor');
    render(<App />);
    fireEvent.click(within(screen.getByTestId('village-2')).getByRole('link'));
    const list = await screen.findByTestId('household-list-page');
    expect(list.querySelector('h1')?.textContent).toBe('หมู่ที่ 2 บ้านหนองแวง');
    expect(screen.getByTestId('nav-home').getAttribute('aria-current')).toBe('page');
    fireEvent.click(screen.getByTestId('nav-search'));
    await screen.findByTestId('people-search-page');
    expect(screen.getByTestId('nav-search').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-admin')).toBeTruthy();
  });

  it('shows a 404 page for an unknown address', async () => {
    await signInAs('surveyor');
    visit('/no-such-page');
    render(<App />);
    expect(screen.getByText('ไม่พบหน้านี้')).toBeTruthy();
  });

  it('keeps surveyors out of the admin screens', async () => {
    await signInAs('surveyor');
    visit('/admin/users');
    render(<App />);
    expect(screen.queryByTestId('admin-page')).toBeNull();
    expect(screen.getByText('คุณไม่มีสิทธิ์เข้าถึงหน้านี้')).toBeTruthy();
  });
});

describe('admin screens', () => {
  const users = [
    { ...ME_OK.user, username: 'surveyor1' },
    {
      ...ME_OK.user,
      id: '01930000-0000-7000-8000-0000000000b2',
      username: 'welfare1',
      role: 'welfare',
      disabled: true,
    },
  ];
  const devices = [
    {
      clientId: '01930000-0000-7000-8000-0000000000c1',
      userId: users[0]?.id,
      username: 'surveyor1',
      name: 'Chrome 120 · Android 13',
      createdAt: '2025-09-30T01:00:00.000Z',
      lastSeenAt: '2025-10-01T07:05:00.000Z',
      revokedAt: null,
      report: {
        appVersion: '0.1.0',
        buildId: 'a1b2c3',
        schemaVersion: 1,
        unsynced: 4,
        refused: 1,
        storageBytes: 25 * 1024 * 1024,
        persisted: false,
        reportedAt: '2025-10-01T07:05:00.000Z',
      },
      warnings: ['silent', 'not_persistent', 'refused'],
    },
  ];

  it('lists users for a supervisor, read only', async () => {
    await signInAs('supervisor');
    stubApi({
      'GET /api/admin/users': [200, { users }],
      'GET /api/admin/villages': [200, { villages: ME_OK.villages }],
    });
    render(<App />);
    fireEvent.click(screen.getByTestId('nav-admin'));
    const row = await screen.findByTestId('user-row-welfare1');
    expect(row.textContent).toContain('เจ้าหน้าที่สวัสดิการสังคม');
    expect(row.textContent).toContain('ระงับการใช้งาน');
    expect(screen.getByTestId('user-row-surveyor1').textContent).toContain('หมู่ที่ 1, หมู่ที่ 2');
    expect(screen.queryByTestId('user-create')).toBeNull();
    expect(screen.getByText('คุณดูข้อมูลได้อย่างเดียว เฉพาะผู้ดูแลระบบแก้ไขได้')).toBeTruthy();
  });

  it('revokes a device after confirmation, showing last seen in the Buddhist era', async () => {
    await signInAs('admin');
    const fetch = stubApi({
      'GET /api/admin/devices': [200, { devices }],
      [`POST /api/admin/devices/${devices[0]?.clientId}/revoke`]: [200, {}],
    });
    visit('/admin/devices');
    render(<App />);
    const row = await screen.findByTestId(`device-row-${devices[0]?.clientId}`);
    expect(row.textContent).toContain('1 ต.ค. 2568 14:05');
    // The fleet: the device's own report and its warnings, in Thai.
    expect(within(row).getByTestId('device-app-version').textContent).toContain('0.1.0');
    expect(within(row).getByTestId('device-unsynced').textContent).toBe('4 รายการ · ถูกปฏิเสธ 1');
    expect(within(row).getByTestId('device-warnings').textContent).toBe(
      'ไม่ได้ซิงก์เกิน 7 วันเบราว์เซอร์อาจลบข้อมูลมีรายการถูกปฏิเสธค้างในเครื่อง',
    );
    expect(row.textContent).toContain('26 เมกะไบต์');
    fireEvent.click(screen.getByTestId(`revoke-${devices[0]?.clientId}`));
    expect(fetch).toHaveBeenCalledTimes(1);
    fireEvent.click(await screen.findByTestId('confirm-accept'));
    await waitFor(() =>
      expect(fetch.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(true),
    );
    await screen.findByText('เพิกถอนอุปกรณ์แล้ว');
  });
});
