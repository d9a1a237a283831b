// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { online } from '../../../src/client/api/online';
import { LoginScreen } from '../../../src/client/app/LoginScreen';
import { getMeta } from '../../../src/client/db/meta';
import { session, signedOutReason } from '../../../src/client/session/state';
import { setLanguage } from '../../../src/client/ui/i18n';
import { apiError, LOGIN_OK, ME_OK, resetDatabase, stubApi } from './helpers';

function signIn(username = 'surveyor1', password = 'demo1234') {
  fireEvent.input(screen.getByLabelText('ชื่อผู้ใช้'), { target: { value: username } });
  fireEvent.input(screen.getByLabelText('รหัสผ่าน'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

beforeEach(async () => {
  await resetDatabase();
  session.value = null;
  signedOutReason.value = null;
  online.value = true;
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setLanguage('th');
});

describe('login screen', () => {
  it('shows a Thai message for a wrong username or password (401 invalid_credentials)', async () => {
    stubApi({ 'POST /api/auth/login': [401, apiError('invalid_credentials')] });
    render(<LoginScreen />);
    signIn();
    const error = await screen.findByTestId('login-error');
    expect(error.textContent).toBe('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
    expect(session.value).toBeNull();
    expect((screen.getByLabelText('รหัสผ่าน') as HTMLInputElement).value).toBe('');
  });

  it('shows the wait when sign-in is throttled (429 with Retry-After)', async () => {
    stubApi({
      'POST /api/auth/login': [429, apiError('too_many_requests'), { 'Retry-After': '120' }],
    });
    render(<LoginScreen />);
    signIn();
    const error = await screen.findByTestId('login-error');
    expect(error.textContent).toContain('พยายามหลายครั้งเกินไป');
    expect(error.textContent).toContain('ลองใหม่ได้ในอีก 2 นาที');
  });

  it('says there is no internet instead of calling the server when offline', async () => {
    const fetch = stubApi({});
    online.value = false;
    render(<LoginScreen />);
    signIn();
    const error = await screen.findByTestId('login-error');
    expect(error.textContent).toMatch(/^ไม่มีสัญญาณอินเทอร์เน็ต/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says the server cannot be reached when the request fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    render(<LoginScreen />);
    signIn();
    const error = await screen.findByTestId('login-error');
    expect(error.textContent).toMatch(/^ติดต่อเซิร์ฟเวอร์ไม่ได้/);
  });

  it('asks for both fields before calling the server', async () => {
    const fetch = stubApi({});
    render(<LoginScreen />);
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('login-error')).textContent).toBe('กรุณากรอกชื่อผู้ใช้และรหัสผ่าน');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('signs in with the device id and keeps the session in Dexie', async () => {
    const fetch = stubApi({
      'POST /api/auth/login': [200, LOGIN_OK],
      'GET /api/me': [200, ME_OK],
    });
    render(<LoginScreen />);
    signIn(' surveyor1 ');
    await waitFor(() => expect(session.value?.user.username).toBe('surveyor1'));
    const [, init] = fetch.mock.calls[0] ?? [];
    const body = JSON.parse(String(init?.body));
    expect(body).toMatchObject({ username: 'surveyor1', password: 'demo1234' });
    expect(body.clientId).toBe(await getMeta('clientId'));
    expect(typeof body.deviceName).toBe('string');
    expect((await getMeta('session'))?.token).toBe('token-1');
  });

  it('tells why the device was signed out', () => {
    signedOutReason.value = 'device_revoked';
    render(<LoginScreen />);
    expect(screen.getByRole('status').textContent).toContain('อุปกรณ์นี้ถูกเพิกถอนสิทธิ์');
  });
});
