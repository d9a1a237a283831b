import { afterAll, describe, expect, it } from 'vitest';
import {
  mayApprove,
  requestPerson,
} from '../../../../src/client/features/admin/PrivacyRequestsPanel';
import { setLanguage } from '../../../../src/client/ui/i18n';
import { withoutTitle } from '../../../../src/server/routes/admin/privacy';
import type { PrivacyRequest } from '../../../../src/shared/api/privacy';

const request: PrivacyRequest = {
  id: '01900000-0000-7000-8000-000000000001',
  personId: '01900000-0000-7000-8000-000000000002',
  personName: 'สมศรี มือใหม่',
  personTitle: 'mrs',
  villageId: '01900000-0000-7000-8000-000000000003',
  kind: 'access',
  receivedOn: '2026-12-01',
  dueOn: '2026-12-31',
  requesterName: 'สมศรี มือใหม่',
  requesterContact: '',
  note: '',
  status: 'open',
  outcome: null,
  closingNote: null,
  createdBy: 'u-taker',
  createdAt: '2026-12-01T03:00:00.000Z',
  closedBy: null,
  closedAt: null,
  erasedAt: null,
  approvedBy: null,
  approvedAt: null,
  overdue: false,
};

describe('PDPA screens print titles in the reader’s language', () => {
  afterAll(() => setLanguage('th'));

  it('uses the Thai title labels of the person pages, never the code', async () => {
    await setLanguage('th');
    expect(requestPerson(request)).toBe('นางสมศรี มือใหม่');
    expect(requestPerson({ personName: 'ใจดี มีสุข', personTitle: 'girl' })).toBe('ด.ญ.ใจดี มีสุข');
    // "Other" titles are not recorded: the name stands alone, as on person pages.
    expect(requestPerson({ personName: 'สมชาย', personTitle: 'other' })).toBe('สมชาย');
    expect(requestPerson({ personName: 'สมชาย', personTitle: null })).toBe('สมชาย');
    await setLanguage('en');
    expect(requestPerson(request)).toBe('Mrs สมศรี มือใหม่');
  });

  it('searches a name as screens print it: the Thai title is left out', () => {
    expect(withoutTitle('นางสมศรี มือใหม่')).toBe('สมศรี มือใหม่');
    expect(withoutTitle('นางสาว สมศรี')).toBe('สมศรี');
    expect(withoutTitle('ด.ญ.ใจดี')).toBe('ใจดี');
    expect(withoutTitle('สมศรี มือใหม่')).toBe('สมศรี มือใหม่');
    // A title alone is still searched for.
    expect(withoutTitle('นาง')).toBe('นาง');
  });

  it('offers the approval to another handler of an open, unapproved access request only', () => {
    expect(mayApprove(request, 'u-other')).toBe(true);
    expect(mayApprove(request, 'u-taker')).toBe(false);
    expect(mayApprove(request, undefined)).toBe(false);
    expect(mayApprove({ ...request, approvedAt: '2026-12-02T00:00:00Z' }, 'u-other')).toBe(false);
    expect(mayApprove({ ...request, kind: 'erasure' }, 'u-other')).toBe(false);
    expect(mayApprove({ ...request, status: 'closed' }, 'u-other')).toBe(false);
  });
});
