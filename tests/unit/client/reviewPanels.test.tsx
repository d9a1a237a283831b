// @vitest-environment happy-dom
// Supervisor review screens: quarantine (accept / reject) and conflicts.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AdminPage from '../../../src/client/features/admin/AdminPage';
import { ConflictsPanel } from '../../../src/client/features/admin/ConflictsPanel';
import {
  mutationSummary,
  QuarantinePanel,
} from '../../../src/client/features/admin/QuarantinePanel';
import { session } from '../../../src/client/session/state';
import { setLanguage } from '../../../src/client/ui/i18n';
import type { ConflictEntry, QuarantineEntry } from '../../../src/shared/api/syncAdmin';
import { apiError, type Reply, SURVEYOR, stubApi, VILLAGES } from './helpers';

const LIST = 'GET /api/admin/quarantine?status=open&limit=100';
const ENTRY_ID = '01930000-0000-7000-8000-0000000000e1';
const RECORD_ID = '01930000-0000-7000-8000-0000000000f1';
const CLIENT_ID = 'phone-of-surveyor-1';
const [MOO1, MOO2] = VILLAGES as [(typeof VILLAGES)[0], (typeof VILLAGES)[0]];

const ENTRY: QuarantineEntry = {
  id: ENTRY_ID,
  mutationId: `${CLIENT_ID}:7`,
  clientId: CLIENT_ID,
  userId: SURVEYOR.id,
  username: 'surveyor1',
  villageId: MOO1.id,
  type: 'household',
  recordId: RECORD_ID,
  txId: 'tx-1',
  mutation: {
    op: 'patch',
    id: RECORD_ID,
    hlc: '2025-10-01T02:59:00.000Z-0000-phone-of-surveyor-1',
    patch: { houseNo: '12/3', toilet: true },
  },
  reason: 'village_not_allowed',
  details: null,
  createdAt: '2025-10-01T03:00:00.000Z',
  status: 'open',
  handledBy: null,
  handledAt: null,
  note: null,
};

const DEVICES = [
  {
    clientId: CLIENT_ID,
    userId: SURVEYOR.id,
    username: 'surveyor1',
    name: 'Chrome 120 · Android 13',
    createdAt: '2025-09-01T00:00:00.000Z',
    lastSeenAt: null,
    revokedAt: null,
  },
];

function signIn(role: 'supervisor' | 'admin') {
  session.value = {
    token: `${role}-token`,
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { ...SURVEYOR, username: role, role },
  };
}

/** The quarantine list answers `entries` first, then (after an action) `after`. */
function stubQuarantine(extra: Record<string, Reply | ((body: unknown) => Reply)> = {}) {
  let lists = 0;
  return stubApi({
    [LIST]: () => [200, { entries: lists++ === 0 ? [ENTRY] : [], nextBefore: null }],
    'GET /api/admin/villages': [200, { villages: VILLAGES }],
    'GET /api/admin/devices': [200, { devices: DEVICES }],
    ...extra,
  });
}

function requestsTo(fetch: ReturnType<typeof stubApi>, key: string) {
  return fetch.mock.calls
    .filter(([input, init]) => `${init?.method ?? 'GET'} ${String(input)}` === key)
    .map(([, init]) => (typeof init?.body === 'string' ? JSON.parse(init.body) : undefined));
}

beforeEach(() => signIn('supervisor'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setLanguage('th');
  session.value = null;
});

describe('quarantine panel', () => {
  it('lists an entry readably: user, device, type, village, Thai reason, fields, BE date', async () => {
    stubQuarantine();
    render(<QuarantinePanel />);
    const card = await screen.findByTestId(`quarantine-${ENTRY_ID}`);
    const text = card.textContent ?? '';
    expect(text).toContain('ครัวเรือน');
    expect(text).toContain('แก้ไข');
    expect(within(card).getByTestId('quarantine-reason').textContent).toContain('คุณไม่มีสิทธิ์ในหมู่บ้านนี้');
    expect(text).toContain('surveyor1');
    await waitFor(() => expect(card.textContent).toContain('Chrome 120 · Android 13'));
    expect(card.textContent).toContain('หมู่ที่ 1 บ้านพระเจ้า');
    expect(card.textContent).toContain('2568'); // Buddhist era
    const fields = within(card).getByTestId('quarantine-fields').textContent ?? '';
    expect(fields).toContain('บ้านเลขที่');
    expect(fields).not.toContain('houseNo');
    expect(fields).toContain('12/3');
    expect(fields).toContain('ใช่');
  });

  it('accepts into another village, then shows the notice and reloads', async () => {
    const fetch = stubQuarantine({
      [`POST /api/admin/quarantine/${ENTRY_ID}/accept`]: [
        200,
        {
          entry: { ...ENTRY, status: 'accepted' },
          result: { mutationId: ENTRY.mutationId, status: 'applied' },
          record: null,
        },
      ],
    });
    render(<QuarantinePanel />);
    const card = await screen.findByTestId(`quarantine-${ENTRY_ID}`);
    await waitFor(() =>
      expect(within(card).getByTestId('accept-village').textContent).toContain('หมู่ที่ 2'),
    );
    fireEvent.change(within(card).getByTestId('accept-village'), { target: { value: MOO2.id } });
    fireEvent.click(within(card).getByTestId('quarantine-accept'));
    expect(await screen.findByTestId('quarantine-notice')).toHaveProperty(
      'textContent',
      'รับรายการเข้าระบบแล้ว',
    );
    expect(requestsTo(fetch, `POST /api/admin/quarantine/${ENTRY_ID}/accept`)).toEqual([
      { villageId: MOO2.id },
    ]);
    await screen.findByText('ไม่มีข้อมูลถูกกักที่รอตรวจ');
  });

  it('accepts into its own village with an empty body', async () => {
    const fetch = stubQuarantine({
      [`POST /api/admin/quarantine/${ENTRY_ID}/accept`]: [
        200,
        {
          entry: { ...ENTRY, status: 'accepted' },
          result: { mutationId: ENTRY.mutationId, status: 'applied', conflictFields: ['houseNo'] },
          record: null,
        },
      ],
    });
    render(<QuarantinePanel />);
    fireEvent.click(await screen.findByTestId('quarantine-accept'));
    await screen.findByText('รับเข้าระบบแล้ว มีช่องที่ขัดแย้ง 1 ช่อง ดูได้ที่แท็บข้อมูลขัดแย้ง');
    expect(requestsTo(fetch, `POST /api/admin/quarantine/${ENTRY_ID}/accept`)).toEqual([{}]);
  });

  it('needs a reason to reject, then sends it', async () => {
    const fetch = stubQuarantine({
      [`POST /api/admin/quarantine/${ENTRY_ID}/reject`]: [
        200,
        { entry: { ...ENTRY, status: 'rejected', note: 'ซ้ำ' } },
      ],
    });
    render(<QuarantinePanel />);
    const card = await screen.findByTestId(`quarantine-${ENTRY_ID}`);
    fireEvent.click(within(card).getByTestId('quarantine-reject'));
    expect(await within(card).findByText('กรุณากรอกข้อมูล')).toBeTruthy();
    expect(requestsTo(fetch, `POST /api/admin/quarantine/${ENTRY_ID}/reject`)).toEqual([]);

    fireEvent.input(within(card).getByLabelText('เหตุผลที่ปฏิเสธ'), {
      target: { value: '  บ้านซ้ำกับที่มีอยู่  ' },
    });
    fireEvent.click(within(card).getByTestId('quarantine-reject'));
    await screen.findByText('ปฏิเสธรายการแล้ว');
    expect(requestsTo(fetch, `POST /api/admin/quarantine/${ENTRY_ID}/reject`)).toEqual([
      { reason: 'บ้านซ้ำกับที่มีอยู่' },
    ]);
  });

  it('shows the server refusals in Thai: already handled, still refused, forbidden', async () => {
    let answer: Reply = [409, apiError('conflict', 'already', { status: 'rejected' })];
    stubQuarantine({ [`POST /api/admin/quarantine/${ENTRY_ID}/accept`]: () => answer });
    render(<QuarantinePanel />);
    const accept = await screen.findByTestId('quarantine-accept');
    fireEvent.click(accept);
    await screen.findByText('รายการนี้มีผู้ตรวจไปแล้ว (ปฏิเสธแล้ว)');

    answer = [409, apiError('conflict', 'still no', { reason: 'invalid_fields' })];
    fireEvent.click(accept);
    await screen.findByText('ยังรับเข้าระบบไม่ได้: ข้อมูลบางช่องไม่ถูกต้อง');

    answer = [403, apiError('forbidden', 'no')];
    fireEvent.click(accept);
    await screen.findByText('คุณไม่มีสิทธิ์ทำรายการนี้');
  });

  it('lets an admin reject but not accept', async () => {
    signIn('admin');
    stubQuarantine();
    render(<QuarantinePanel />);
    const card = await screen.findByTestId(`quarantine-${ENTRY_ID}`);
    expect(within(card).queryByTestId('quarantine-accept')).toBeNull();
    expect(within(card).queryByTestId('accept-village')).toBeNull();
    expect(within(card).getByTestId('quarantine-reject')).toBeTruthy();
    expect(
      screen.getByText('ผู้ดูแลระบบปฏิเสธรายการได้ แต่รับข้อมูลเข้าระบบไม่ได้ ให้หัวหน้างานเป็นผู้รับ'),
    ).toBeTruthy();
  });

  it('lists the failing fields of an invalid entry', async () => {
    stubApi({
      [LIST]: [
        200,
        {
          entries: [
            {
              ...ENTRY,
              reason: 'invalid_fields',
              details: [{ path: 'houseNo', message: 'too_small' }],
            },
          ],
          nextBefore: null,
        },
      ],
      'GET /api/admin/villages': [200, { villages: VILLAGES }],
      'GET /api/admin/devices': [200, { devices: [] }],
    });
    render(<QuarantinePanel />);
    const reason = await screen.findByTestId('quarantine-reason');
    expect(reason.textContent).toContain('ข้อมูลบางช่องไม่ถูกต้อง');
    expect(reason.textContent).toContain('ช่อง บ้านเลขที่: รูปแบบไม่ถูกต้อง');
  });

  it('reads odd stored mutations without failing', () => {
    expect(mutationSummary(null)).toEqual({ op: null, hlc: null, recordId: null, fields: [] });
    expect(mutationSummary({ op: 'delete', patch: [] }).op).toBe('delete');
    expect(mutationSummary({ op: 'zap', patch: { a: 1 } })).toMatchObject({
      op: null,
      fields: [['a', 1]],
    });
  });
});

describe('conflicts panel', () => {
  const CONFLICT: ConflictEntry = {
    id: '01930000-0000-7000-8000-0000000000c1',
    recordId: RECORD_ID,
    type: 'household',
    villageId: MOO2.id,
    field: 'houseNo',
    winner: { value: '12/4', hlc: '2025-10-01T03:10:00.000Z-0000-phoneB-0001', by: SURVEYOR.id },
    loser: {
      value: '12/3',
      hlc: '2025-10-01T03:09:00.000Z-0000-phoneA-0001',
      by: '01930000-0000-7000-8000-0000000000b2',
    },
    createdAt: '2025-10-01T03:10:05.000Z',
    resolvedAt: null,
    seq: 12,
    resolvedBy: null,
  };

  it('lists open conflicts with both values, who and when', async () => {
    stubApi({
      'GET /api/admin/conflicts?status=open&limit=100': [
        200,
        { conflicts: [CONFLICT], nextBefore: null },
      ],
      'GET /api/admin/villages': [200, { villages: VILLAGES }],
      'GET /api/admin/users': [200, { users: [{ ...SURVEYOR, disabled: false }] }],
    });
    render(<ConflictsPanel />);
    const row = await screen.findByTestId(`conflict-row-${CONFLICT.id}`);
    await waitFor(() => expect(row.textContent).toContain('สมชาย ใจดี (surveyor1)'));
    expect(row.textContent).toContain('หมู่ที่ 2 บ้านหนองแวง');
    expect(row.textContent).toContain('บ้านเลขที่');
    expect(row.textContent).not.toContain('houseNo');
    expect(row.textContent).not.toMatch(/[0-9a-f]{6}\b/);
    expect(within(row).getByTestId('conflict-winner').textContent).toContain('12/4');
    const loser = within(row).getByTestId('conflict-loser').textContent ?? '';
    expect(loser).toContain('12/3');
    expect(loser).toContain('ผู้ใช้อื่น');
    expect(loser).toContain('2568');
  });

  it('pages on with "show more"', async () => {
    const second = { ...CONFLICT, id: '01930000-0000-7000-8000-0000000000c0' };
    stubApi({
      'GET /api/admin/conflicts?status=open&limit=100': [
        200,
        { conflicts: [CONFLICT], nextBefore: CONFLICT.id },
      ],
      [`GET /api/admin/conflicts?status=open&limit=100&before=${CONFLICT.id}`]: [
        200,
        { conflicts: [second], nextBefore: null },
      ],
      'GET /api/admin/villages': [200, { villages: VILLAGES }],
      'GET /api/admin/users': [200, { users: [] }],
    });
    render(<ConflictsPanel />);
    await screen.findByTestId(`conflict-row-${CONFLICT.id}`);
    fireEvent.click(screen.getByText('แสดงรายการเพิ่ม'));
    await screen.findByTestId(`conflict-row-${second.id}`);
    expect(screen.queryByText('แสดงรายการเพิ่ม')).toBeNull();
  });
});

describe('admin page', () => {
  it('has the review tabs, without the read-only banner on them', async () => {
    stubQuarantine();
    render(<AdminPage section="quarantine" />);
    expect(screen.getByTestId('admin-quarantine').textContent).toBe('ข้อมูลถูกกัก');
    expect(screen.getByTestId('admin-conflicts').textContent).toBe('ข้อมูลขัดแย้ง');
    expect(screen.getByTestId('admin-quarantine').getAttribute('aria-current')).toBe('page');
    expect(screen.queryByText('คุณดูข้อมูลได้อย่างเดียว เฉพาะผู้ดูแลระบบแก้ไขได้')).toBeNull();
    await screen.findByTestId(`quarantine-${ENTRY_ID}`);
  });
});
