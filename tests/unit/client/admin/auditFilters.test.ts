import { describe, expect, it } from 'vitest';
import {
  auditFilterOf,
  detailsText,
  EMPTY_AUDIT_FILTER,
} from '../../../../src/client/features/admin/AuditPanel';
import { auditQuery } from '../../../../src/client/features/admin/adminApi';
import { requestBody } from '../../../../src/client/features/admin/PrivacyRequestsPanel';

describe('audit filters', () => {
  it('leaves blanks out and trims', () => {
    expect(
      auditFilterOf({ ...EMPTY_AUDIT_FILTER, action: ' privacy. ', from: '2026-03-01' }),
    ).toEqual({
      action: 'privacy.',
      from: '2026-03-01',
    });
    expect(auditFilterOf(EMPTY_AUDIT_FILTER)).toEqual({});
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(auditFilterOf({ ...EMPTY_AUDIT_FILTER, to: '1/3/2569' })).toBeNull();
  });

  it('builds the query with the page size and the cursor', () => {
    const query = new URLSearchParams(auditQuery({ userId: 'u1', action: 'user.' }, 'b1'));
    expect(Object.fromEntries(query)).toEqual({
      limit: '100',
      userId: 'u1',
      action: 'user.',
      before: 'b1',
    });
  });

  it('shortens long details to one line', () => {
    expect(detailsText(null)).toBe('');
    expect(detailsText({ a: 'ข' })).toBe('{"a":"ข"}');
    expect(detailsText({ text: 'x'.repeat(300) })).toHaveLength(160);
  });
});

describe('a new PDPA request', () => {
  const form = {
    kind: 'erasure' as const,
    receivedOn: '2026-03-01',
    requesterName: 'บุญมี',
    requesterContact: '',
    note: '',
  };
  const person = {
    id: 'p1',
    villageId: 'v1',
    name: 'บุญมี ศรีสุข',
    title: 'mr' as const,
    nationalId: null,
  };

  it('needs a person, a date and the requester', () => {
    expect(requestBody(null, form)).toBe('privacy.needPerson');
    expect(requestBody(person, { ...form, receivedOn: 'today' })).toBe('audit.badDate');
    expect(requestBody(person, { ...form, requesterName: ' ' })).toBe('privacy.requesterName');
    expect(requestBody(person, form)).toEqual({ personId: 'p1', ...form });
  });
});
