// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CreateUserForm, EditUserForm } from '../../../src/client/features/admin/UserForm';
import { VillageForm } from '../../../src/client/features/admin/VillageForm';
import { session } from '../../../src/client/session/state';
import { setLanguage } from '../../../src/client/ui/i18n';
import { hasUnsavedInput } from '../../../src/client/ui/unsaved';
import { apiError, SURVEYOR, stubApi, VILLAGES } from './helpers';

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

function errorOf(label: string): string | null {
  const input = screen.getByLabelText(label);
  const id = input
    .getAttribute('aria-describedby')
    ?.split(' ')
    .find((d) => d.endsWith('-error'));
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

beforeEach(() => {
  session.value = {
    token: 'admin-token',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { ...SURVEYOR, username: 'admin', role: 'admin' },
  };
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  setLanguage('th');
  await waitFor(() => expect(hasUnsavedInput.value).toBe(false));
});

describe('create user form', () => {
  it('shows Thai messages from the shared schema as you type', () => {
    render(<CreateUserForm villages={VILLAGES} onDone={() => undefined} />);
    expect(errorOf('ชื่อผู้ใช้')).toBeNull();

    type('ชื่อผู้ใช้', 'ab');
    expect(errorOf('ชื่อผู้ใช้')).toBe('ชื่อผู้ใช้ต้องเป็นตัวอักษรภาษาอังกฤษ ตัวเลข หรือ . _ - ยาว 3–32 ตัว');
    type('ชื่อผู้ใช้', 'somchai');
    expect(errorOf('ชื่อผู้ใช้')).toBeNull();

    type('รหัสผ่าน (อย่างน้อย 10 ตัวอักษร)', 'short');
    expect(errorOf('รหัสผ่าน (อย่างน้อย 10 ตัวอักษร)')).toBe('รหัสผ่านต้องมีอย่างน้อย 10 ตัวอักษร');
    expect(hasUnsavedInput.value).toBe(true);
  });

  it('shows every message on submit and sends nothing while invalid', () => {
    const fetch = stubApi({});
    render(<CreateUserForm villages={VILLAGES} onDone={() => undefined} />);
    fireEvent.click(screen.getByTestId('user-submit'));
    expect(errorOf('ชื่อผู้ใช้')).not.toBeNull();
    expect(errorOf('ชื่อ-นามสกุล')).toBe('กรุณากรอกข้อมูล');
    expect(errorOf('รหัสผ่าน (อย่างน้อย 10 ตัวอักษร)')).toBe('รหัสผ่านต้องมีอย่างน้อย 10 ตัวอักษร');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('creates the user with role and villages, then clears the form', async () => {
    const fetch = stubApi({ 'POST /api/admin/users': [201, { user: {} }] });
    const onDone = vi.fn();
    render(<CreateUserForm villages={VILLAGES} onDone={onDone} />);
    type('ชื่อผู้ใช้', 'Somchai');
    type('ชื่อ-นามสกุล', 'สมชาย ใจดี');
    type('รหัสผ่าน (อย่างน้อย 10 ตัวอักษร)', 'longenough');
    fireEvent.change(screen.getByLabelText('บทบาท'), { target: { value: 'welfare' } });
    fireEvent.click(screen.getByLabelText('หมู่ที่ 2 บ้านหนองแวง'));
    fireEvent.click(screen.getByTestId('user-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('somchai'));
    const body = JSON.parse(String(fetch.mock.calls[0]?.[1]?.body));
    expect(body).toEqual({
      username: 'somchai',
      name: 'สมชาย ใจดี',
      password: 'longenough',
      role: 'welfare',
      villageIds: [VILLAGES[1]?.id],
    });
    await waitFor(() => expect(hasUnsavedInput.value).toBe(false));
  });

  it('puts server validation errors at their fields', async () => {
    stubApi({
      'POST /api/admin/users': [
        409,
        apiError('conflict', 'username taken', [{ path: 'username', message: 'taken' }]),
      ],
    });
    render(<CreateUserForm villages={VILLAGES} onDone={() => undefined} />);
    type('ชื่อผู้ใช้', 'somchai');
    type('ชื่อ-นามสกุล', 'สมชาย');
    type('รหัสผ่าน (อย่างน้อย 10 ตัวอักษร)', 'longenough');
    fireEvent.click(screen.getByTestId('user-submit'));
    await screen.findByText('ข้อมูลซ้ำกับที่มีอยู่แล้ว');
    expect(errorOf('ชื่อผู้ใช้')).toBe('รูปแบบไม่ถูกต้อง');
  });

  it('speaks English after the switch', async () => {
    await setLanguage('en');
    render(<CreateUserForm villages={VILLAGES} onDone={() => undefined} />);
    type('Password (at least 10 characters)', 'x');
    expect(errorOf('Password (at least 10 characters)')).toBe(
      'The password needs at least 10 characters',
    );
  });
});

describe('edit user form', () => {
  const user = { ...SURVEYOR, villageIds: [VILLAGES[0]?.id ?? ''], disabled: false };

  it('sends only the changed fields', async () => {
    const fetch = stubApi({ [`PATCH /api/admin/users/${user.id}`]: [200, { user }] });
    const onSaved = vi.fn();
    render(<EditUserForm user={user} villages={VILLAGES} onSaved={onSaved} onCancel={() => {}} />);
    expect((screen.getByTestId('user-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('บทบาท'), { target: { value: 'supervisor' } });
    fireEvent.click(screen.getByTestId('user-submit'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toEqual({ role: 'supervisor' });
  });

  it('requires a name', () => {
    render(<EditUserForm user={user} villages={VILLAGES} onSaved={() => {}} onCancel={() => {}} />);
    type('ชื่อ-นามสกุล', '   ');
    expect(errorOf('ชื่อ-นามสกุล')).toBe('กรุณากรอกข้อมูล');
  });
});

describe('village form', () => {
  it('fills the 8-digit code from the sub-district code and หมู่, accepting Thai digits', () => {
    render(<VillageForm subdistrictCode="451104" onSaved={() => {}} onCancel={() => {}} />);
    type('หมู่ที่', '๗');
    expect((screen.getByLabelText('รหัสหมู่บ้าน (8 หลัก)') as HTMLInputElement).value).toBe('45110407');
    type('หมู่ที่', '12');
    expect((screen.getByLabelText('รหัสหมู่บ้าน (8 หลัก)') as HTMLInputElement).value).toBe('45110412');
  });

  it('keeps a code the user typed, and explains a wrong one', () => {
    render(<VillageForm subdistrictCode="451104" onSaved={() => {}} onCancel={() => {}} />);
    type('หมู่ที่', '3');
    type('รหัสหมู่บ้าน (8 หลัก)', '4511');
    type('หมู่ที่', '4');
    expect((screen.getByLabelText('รหัสหมู่บ้าน (8 หลัก)') as HTMLInputElement).value).toBe('4511');
    expect(errorOf('รหัสหมู่บ้าน (8 หลัก)')).toBe('รหัสหมู่บ้านต้องเป็นตัวเลข 8 หลัก');
  });

  it('checks the หมู่ number', () => {
    render(<VillageForm subdistrictCode="451104" onSaved={() => {}} onCancel={() => {}} />);
    type('หมู่ที่', 'ab');
    expect(errorOf('หมู่ที่')).toBe('กรุณากรอกเป็นตัวเลข');
    type('หมู่ที่', '0');
    expect(errorOf('หมู่ที่')).toBe('ต้องไม่น้อยกว่า 1');
    fireEvent.click(screen.getByTestId('village-submit'));
    expect(errorOf('ชื่อหมู่บ้าน')).toBe('กรุณากรอกข้อมูล');
  });

  it('creates a village', async () => {
    const fetch = stubApi({ 'POST /api/admin/villages': [201, {}] });
    const onSaved = vi.fn();
    render(<VillageForm subdistrictCode="451104" onSaved={onSaved} onCancel={() => {}} />);
    type('หมู่ที่', '9');
    type('ชื่อหมู่บ้าน', 'บ้านโนนสวรรค์');
    fireEvent.click(screen.getByTestId('village-submit'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(9));
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toEqual({
      mooNo: 9,
      name: 'บ้านโนนสวรรค์',
      code: '45110409',
    });
  });

  it('shows the offline message when the server cannot be reached', async () => {
    stubApi({ 'POST /api/admin/villages': [401, apiError('forbidden')] });
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    render(<VillageForm subdistrictCode="451104" onSaved={() => {}} onCancel={() => {}} />);
    type('หมู่ที่', '9');
    type('ชื่อหมู่บ้าน', 'บ้านโนนสวรรค์');
    fireEvent.click(screen.getByTestId('village-submit'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^ไม่มีสัญญาณอินเทอร์เน็ต/);
    vi.restoreAllMocks();
  });
});
