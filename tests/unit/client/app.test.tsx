// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/client/app/App';
import { profile, session } from '../../../src/client/app/session';
import { buildId } from '../../../src/client/app/version';
import { stopPeopleIndex } from '../../../src/client/features/search/usePeopleIndex';
import { online } from '../../../src/client/sync/online';
import { setLanguage } from '../../../src/client/ui/i18n';
import { LOGIN_OK, ME_OK, resetDatabase, stubApi } from './helpers';

function signInAs(role: 'surveyor' | 'admin' | 'supervisor') {
  session.value = { ...LOGIN_OK, user: { ...LOGIN_OK.user, role } };
  profile.value = { ...ME_OK, fetchedAt: '2025-10-01T03:00:00.000Z' };
}

function visit(path: string) {
  history.replaceState(null, '', path);
}

beforeEach(async () => {
  await resetDatabase();
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

  it('greets the user with role, organization and villages', () => {
    signInAs('surveyor');
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

  it('shows the online state and follows it', () => {
    signInAs('surveyor');
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
    signInAs('surveyor');
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
    stubApi({ 'POST /api/auth/logout': [204] });
    signInAs('surveyor');
    visit('/settings');
    render(<App />);
    fireEvent.click(await screen.findByTestId('logout'));
    await screen.findByTestId('login-form');
    expect(session.value).toBeNull();
  });

  it('opens the households of a village from home, and people search from the top bar', async () => {
    signInAs('supervisor');
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

  it('shows a 404 page for an unknown address', () => {
    signInAs('surveyor');
    visit('/no-such-page');
    render(<App />);
    expect(screen.getByText('ไม่พบหน้านี้')).toBeTruthy();
  });

  it('keeps surveyors out of the admin screens', () => {
    signInAs('surveyor');
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
    },
  ];

  it('lists users for a supervisor, read only', async () => {
    stubApi({
      'GET /api/admin/users': [200, { users }],
      'GET /api/admin/villages': [200, { villages: ME_OK.villages }],
    });
    signInAs('supervisor');
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
    const fetch = stubApi({
      'GET /api/admin/devices': [200, { devices }],
      [`POST /api/admin/devices/${devices[0]?.clientId}/revoke`]: [200, {}],
    });
    signInAs('admin');
    visit('/admin/devices');
    render(<App />);
    const row = await screen.findByTestId(`device-row-${devices[0]?.clientId}`);
    expect(row.textContent).toContain('1 ต.ค. 2568 14:05');
    fireEvent.click(screen.getByTestId(`revoke-${devices[0]?.clientId}`));
    expect(fetch).toHaveBeenCalledTimes(1);
    fireEvent.click(await screen.findByTestId('confirm-accept'));
    await waitFor(() =>
      expect(fetch.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(true),
    );
    await screen.findByText('เพิกถอนอุปกรณ์แล้ว');
  });
});
