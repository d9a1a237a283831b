// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, isSessionEnding, request } from '../../../../src/client/api/http';
import { issueMessage } from '../../../../src/client/ui/validation';
import { Password, Username } from '../../../../src/shared/model/user';
import { apiError, stubApi } from '../helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('request', () => {
  it('sends an Idempotency-Key with every write, a fresh one per call unless one is given', async () => {
    const sent: Array<string | null> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init: RequestInit) => {
        sent.push(new Headers(init.headers).get('Idempotency-Key'));
        return new Response('{}', { status: 200 });
      }),
    );
    await request('/x');
    await request('/x', { method: 'POST', body: {} });
    await request('/x', { method: 'POST', body: {} });
    await request('/x', { method: 'DELETE', idempotencyKey: 'import-0001' });
    expect(sent[0]).toBeNull();
    expect(sent[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[2]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[2]).not.toBe(sent[1]);
    expect(sent[3]).toBe('import-0001');
  });

  it('turns an error body into an ApiError with its code, details and field issues', async () => {
    stubApi({
      'POST /x': [
        400,
        apiError('validation_failed', 'bad', [{ path: 'villageIds.0', message: 'invalid_uuid' }]),
      ],
    });
    const error = (await request('/x', { method: 'POST', body: {} }).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.fieldIssues).toEqual([{ path: 'villageIds.0', message: 'invalid_uuid' }]);
  });

  it('reads Retry-After as seconds or as a date', async () => {
    vi.useFakeTimers({ now: new Date('2025-10-01T00:00:00Z') });
    stubApi({
      'GET /a': [429, apiError('too_many_requests'), { 'Retry-After': '30' }],
      'GET /b': [
        429,
        apiError('too_many_requests'),
        { 'Retry-After': 'Wed, 01 Oct 2025 00:05:00 GMT' },
      ],
    });
    expect(await request('/a').catch((e) => e.retryAfterSeconds)).toBe(30);
    expect(await request('/b').catch((e) => e.retryAfterSeconds)).toBe(300);
    vi.useRealTimers();
  });

  it('names a failure without a JSON body by its status (a proxy 502)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    expect(await request('/x').catch((e) => e.code)).toBe('internal');
  });

  it('never calls the network while the browser is offline', async () => {
    const fetch = stubApi({});
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    expect(await request('/x').catch((e) => e.code)).toBe('offline');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('knows which 401s end the session', () => {
    expect(isSessionEnding(new ApiError(401, 'device_revoked', ''))).toBe(true);
    expect(isSessionEnding(new ApiError(401, 'invalid_credentials', ''))).toBe(false);
    expect(isSessionEnding(new ApiError(403, 'forbidden', ''))).toBe(false);
  });
});

describe('zod issue messages', () => {
  const first = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) throw new Error('expected an issue');
    return issueMessage(result.error.issues[0] as z.core.$ZodIssue);
  };

  it('uses the message keys of the shared schemas', () => {
    expect(first(Username, 'A B')).toBe('ชื่อผู้ใช้ต้องเป็นตัวอักษรภาษาอังกฤษ ตัวเลข หรือ . _ - ยาว 3–32 ตัว');
    expect(first(Password, '1234567')).toBe('รหัสผ่านต้องมีอย่างน้อย 10 ตัวอักษร');
  });

  it('describes sizes, numbers and choices', () => {
    expect(first(z.string().min(1), '')).toBe('กรุณากรอกข้อมูล');
    expect(first(z.string().min(3), 'ab')).toBe('ต้องมีอย่างน้อย 3 ตัวอักษร');
    expect(first(z.string().max(5), 'abcdef')).toBe('ต้องไม่เกิน 5 ตัวอักษร');
    expect(first(z.number().int().max(99), 100)).toBe('ต้องไม่เกิน 99');
    expect(first(z.number().int(), 1.5)).toBe('กรุณากรอกเป็นจำนวนเต็ม');
    expect(first(z.number(), undefined)).toBe('กรุณากรอกข้อมูล');
    expect(first(z.array(z.string()).max(1), ['a', 'b'])).toBe('เลือกได้ไม่เกิน 1 รายการ');
    expect(first(z.enum(['a', 'b']), 'c')).toBe('กรุณาเลือก');
    expect(first(z.string().regex(/^\d+$/), 'x')).toBe('รูปแบบไม่ถูกต้อง');
  });
});
