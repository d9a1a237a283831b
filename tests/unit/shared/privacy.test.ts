import { describe, expect, it } from 'vitest';
import { isErasedValue, isOverdue, privacyDueOn } from '../../../src/shared/api/privacy';
import {
  canHandlePrivacyRequests,
  canReadAudit,
  ROLES,
  seesFullNationalId,
  seesSensitiveValues,
} from '../../../src/shared/model/roles';
import { maskNationalId } from '../../../src/shared/rules/nationalId';

describe('PDPA request dates', () => {
  it('is due 30 calendar days after receipt, across months and leap days', () => {
    expect(privacyDueOn('2026-01-01')).toBe('2026-01-31');
    expect(privacyDueOn('2026-02-15')).toBe('2026-03-17');
    expect(privacyDueOn('2028-02-01')).toBe('2028-03-02');
    expect(privacyDueOn('2026-12-20')).toBe('2027-01-19');
  });

  it('is overdue only while open and after the due date', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-01-31' }, '2026-01-31')).toBe(false);
    expect(isOverdue({ status: 'open', dueOn: '2026-01-31' }, '2026-02-01')).toBe(true);
    expect(isOverdue({ status: 'closed', dueOn: '2026-01-31' }, '2026-02-01')).toBe(false);
  });

  it('tells the erased marker from values', () => {
    expect(isErasedValue({ erased: true })).toBe(true);
    expect(isErasedValue('erased')).toBe(false);
    expect(isErasedValue(null)).toBe(false);
    expect(isErasedValue({ erased: 'yes' })).toBe(false);
  });
});

describe('national ID masking and roles', () => {
  it('keeps the first and last digit only', () => {
    expect(maskNationalId('3101700123459')).toBe('3-xxxx-xxxxx-xx-9');
    expect(maskNationalId('3-1017-00123-45-9')).toBe('3-xxxx-xxxxx-xx-9');
    expect(maskNationalId('๓๑๐๑๗๐๐๑๒๓๔๕๙')).toBe('3-xxxx-xxxxx-xx-9');
    expect(maskNationalId('123')).toBe('x-xxxx-xxxxx-xx-x');
  });

  it('shows whole IDs to the field roles only; audit to admins; requests to admins and supervisors', () => {
    expect(ROLES.filter(seesFullNationalId)).toEqual(['surveyor', 'welfare']);
    expect(ROLES.filter(canReadAudit)).toEqual(['admin']);
    expect(ROLES.filter(canHandlePrivacyRequests)).toEqual(['admin', 'supervisor']);
    expect(ROLES.filter(seesSensitiveValues)).toEqual(['supervisor', 'surveyor', 'welfare']);
  });
});
