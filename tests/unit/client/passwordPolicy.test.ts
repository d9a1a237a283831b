// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { serverFieldErrors } from '../../../src/client/ui/validation';

describe('password policy messages', () => {
  it("shows the server's refusals of a new password in Thai, at the field it names", () => {
    expect(
      serverFieldErrors([
        { path: 'newPassword', message: 'password_too_common' },
        { path: 'password', message: 'password_min_length' },
      ]),
    ).toEqual({
      newPassword: 'รหัสผ่านนี้มีคนใช้มาก เดาได้ง่าย กรุณาตั้งรหัสผ่านอื่น',
      password: 'รหัสผ่านต้องมีอย่างน้อย 10 ตัวอักษร',
    });
  });
});
