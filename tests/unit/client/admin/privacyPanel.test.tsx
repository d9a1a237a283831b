// @vitest-environment happy-dom
// The PDPA panel in Thai: titles as the person pages print them, a whole name searched as one,
// and the access export offered only after another handler's approval.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PrivacyRequestsPanel } from '../../../../src/client/features/admin/PrivacyRequestsPanel';
import { session } from '../../../../src/client/session/state';
import { setLanguage } from '../../../../src/client/ui/i18n';
import type { PrivacyRequest } from '../../../../src/shared/api/privacy';
import { SURVEYOR, stubApi, VILLAGES } from '../helpers';

const ME = SURVEYOR.id;
const OTHER = '01930000-0000-7000-8000-0000000000c9';
const base: PrivacyRequest = {
  id: '01930000-0000-7000-8000-0000000000a1',
  personId: '01930000-0000-7000-8000-0000000000a2',
  personName: 'สมศรี มือใหม่',
  personTitle: 'mrs',
  villageId: VILLAGES[0]?.id as string,
  kind: 'access',
  receivedOn: '2026-12-01',
  dueOn: '2026-12-31',
  requesterName: 'สมศรี มือใหม่',
  requesterContact: '',
  note: '',
  status: 'open',
  outcome: null,
  closingNote: null,
  createdBy: OTHER,
  createdAt: '2026-12-01T03:00:00.000Z',
  closedBy: null,
  closedAt: null,
  erasedAt: null,
  approvedBy: null,
  approvedAt: null,
  overdue: false,
};
const erasure: PrivacyRequest = {
  ...base,
  id: '01930000-0000-7000-8000-0000000000a3',
  personName: 'ใจดี มีสุข',
  personTitle: 'girl',
  kind: 'erasure',
};
const mine: PrivacyRequest = { ...base, id: '01930000-0000-7000-8000-0000000000a4', createdBy: ME };
const approved: PrivacyRequest = {
  ...base,
  id: '01930000-0000-7000-8000-0000000000a5',
  approvedBy: OTHER,
  approvedAt: '2026-12-02T03:00:00.000Z',
};

beforeEach(() => {
  session.value = {
    token: 't',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { ...SURVEYOR, role: 'supervisor' },
  };
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  session.value = null;
  setLanguage('th');
});

describe('PDPA requests panel', () => {
  it('prints Thai titles, never the codes, in the list, the picker and the erasure dialog', async () => {
    const q = new URLSearchParams({ q: 'นางสมศรี มือใหม่' });
    stubApi({
      'GET /api/admin/privacy': [200, { requests: [base, erasure, mine, approved] }],
      [`GET /api/admin/privacy/people?${q}`]: [
        200,
        {
          people: [
            {
              id: base.personId,
              villageId: base.villageId,
              name: 'สมศรี มือใหม่',
              title: 'mrs',
              nationalId: '3-xxxx-xxxxx-xx-2',
            },
          ],
        },
      ],
    });
    render(<PrivacyRequestsPanel />);
    const list = await screen.findByTestId(`privacy-request-${erasure.id}`);
    const panel = screen.getByTestId('privacy-panel');
    expect(screen.getByTestId(`privacy-request-${base.id}`).textContent).toContain('นางสมศรี มือใหม่');
    expect(list.textContent).toContain('ด.ญ.ใจดี มีสุข');
    fireEvent.input(screen.getByTestId('privacy-person-q'), {
      target: { value: 'นางสมศรี มือใหม่' },
    });
    fireEvent.click(screen.getByTestId('privacy-person-search'));
    await waitFor(() => expect(screen.getByTestId(`privacy-pick-${base.personId}`)).toBeTruthy());
    fireEvent.click(within(list).getByTestId('privacy-erase'));
    const dialog = await screen.findByTestId('privacy-erase-dialog');
    expect(dialog.textContent).toContain('ด.ญ.ใจดี มีสุข');
    expect(panel.textContent).toContain('นางสมศรี มือใหม่');
    expect(panel.textContent).not.toMatch(/\b(mrs|girl)\b/);
  });

  it('offers approval to another handler and the download only once approved', async () => {
    stubApi({ 'GET /api/admin/privacy': [200, { requests: [base, mine, approved] }] });
    render(<PrivacyRequestsPanel />);
    const theirs = await screen.findByTestId(`privacy-request-${base.id}`);
    expect(within(theirs).getByTestId('privacy-approve')).toBeTruthy();
    expect(within(theirs).queryByTestId('privacy-export')).toBeNull();
    const own = screen.getByTestId(`privacy-request-${mine.id}`);
    expect(within(own).queryByTestId('privacy-approve')).toBeNull();
    expect(within(own).queryByTestId('privacy-export')).toBeNull();
    expect(within(own).getByTestId('privacy-await-approval').textContent).toContain('อนุมัติ');
    const ready = screen.getByTestId(`privacy-request-${approved.id}`);
    expect(within(ready).getByTestId('privacy-export')).toBeTruthy();
    expect(within(ready).queryByTestId('privacy-approve')).toBeNull();
  });
});
