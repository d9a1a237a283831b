// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../../../src/client/db/database';
import { CasePage } from '../../../../src/client/features/cases/CasePage';
import { logVisitChanges } from '../../../../src/client/features/cases/caseChanges';
import { saveChanges } from '../../../../src/client/sync/deviceSync';
import { getLocalRecord } from '../../../../src/client/sync/localRecords';
import { uuidv7 } from '../../../../src/shared/ids';
import type { CaseStatus } from '../../../../src/shared/model/welfare';
import { bangkokDate } from '../../../../src/shared/rules/thaiDate';
import { SURVEYOR } from '../helpers';
import { member, seedHousehold } from '../households/fixtures';
import {
  queued,
  SUPERVISOR,
  seedAssistance,
  seedCase,
  signedInAs,
  signOutDevice,
  VILLAGE_1,
  WELFARE,
} from './fixtures';

afterEach(() => {
  cleanup();
  signOutDevice();
});

async function openCase(caseId: string): Promise<HTMLElement> {
  render(<CasePage caseId={caseId} />);
  return screen.findByTestId('case-page');
}

function offeredMoves(): string[] {
  return screen
    .queryAllByTestId(/^status-to-/)
    .map((button) => button.dataset.testid?.replace('status-to-', '') ?? '')
    .sort();
}

describe('case page', () => {
  it('shows the case, its beneficiary links and the way to log a visit or assistance', async () => {
    await signedInAs(WELFARE);
    const home = await seedHousehold(VILLAGE_1, '12/3', [member({ firstName: 'สมหวัง' })]);
    const welfareCase = await seedCase(VILLAGE_1, {
      personId: home.memberIds[0],
      householdId: home.householdId,
      priority: 'urgent',
      channel: 'phone',
      description: 'หลังคารั่ว',
      dueDate: '2025-12-01',
      assignedTo: WELFARE.id,
    });
    const page = await openCase(welfareCase.id);

    expect(screen.getByTestId('case-status').dataset.status).toBe('received');
    expect(page.textContent).toContain('นายสมหวัง ใจดี');
    expect(page.textContent).toContain('เร่งด่วน');
    expect(page.textContent).toContain('โทรศัพท์');
    expect(page.textContent).toContain('หลังคารั่ว');
    expect(page.textContent).toContain('1 ธ.ค. 2568');
    expect(page.textContent).toContain('1 พ.ย. 2568');
    expect(page.textContent).toContain('คุณ (สมศรี ช่วยเหลือ)');
    expect(screen.getByTestId('case-person').getAttribute('href')).toBe(
      `/people/${home.memberIds[0]}`,
    );
    expect(screen.getByTestId('case-household').getAttribute('href')).toBe(
      `/households/${home.householdId}`,
    );
    expect(screen.getByTestId('case-add-visit').getAttribute('href')).toBe(
      `/cases/${welfareCase.id}/visits/new`,
    );
    expect(screen.getByTestId('case-add-assistance').getAttribute('href')).toBe(
      `/cases/${welfareCase.id}/assistance/new`,
    );
    // Opened on this device: the first status change is in the timeline.
    const items = within(screen.getByTestId('case-timeline')).getAllByTestId('timeline-status');
    expect(items).toHaveLength(1);
    expect(screen.queryByTestId('case-conflict')).toBeNull();
  });

  it.each<[string, CaseStatus, typeof WELFARE | typeof SUPERVISOR, string[]]>([
    ['welfare', 'received', WELFARE, ['assessed', 'rejected']],
    ['welfare', 'assessed', WELFARE, ['rejected']],
    ['supervisor', 'assessed', SUPERVISOR, ['approved', 'rejected']],
    ['welfare', 'approved', WELFARE, ['in-progress']],
    ['supervisor', 'approved', SUPERVISOR, ['in-progress', 'rejected']],
    ['welfare', 'done', WELFARE, []],
    ['supervisor', 'done', SUPERVISOR, ['in-progress']],
    ['supervisor', 'rejected', SUPERVISOR, ['received']],
  ])('offers a %s at %s exactly the allowed moves', async (_name, status, user, moves) => {
    await signedInAs(user);
    const welfareCase = await seedCase(VILLAGE_1, {}, status);
    await openCase(welfareCase.id);
    expect(screen.getByTestId('case-status').dataset.status).toBe(status);
    expect(offeredMoves()).toEqual(moves);
  });

  it('lets an officer take a case over, then shows it as theirs', async () => {
    await signedInAs(WELFARE);
    const welfareCase = await seedCase(VILLAGE_1, {});
    await openCase(welfareCase.id);
    const before = (await queued()).length;

    fireEvent.click(screen.getByTestId('case-take'));

    await waitFor(() => expect(screen.queryByTestId('case-take')).toBeNull());
    const saved = (await queued()).slice(before);
    expect(saved).toEqual([
      expect.objectContaining({
        op: 'patch',
        type: 'case',
        id: welfareCase.id,
        patch: { assignedTo: WELFARE.id },
      }),
    ]);
  });

  it('a surveyor sees the case but cannot move it or record visits', async () => {
    await signedInAs(SURVEYOR);
    const welfareCase = await seedCase(VILLAGE_1, {});
    await openCase(welfareCase.id);
    expect(offeredMoves()).toEqual([]);
    expect(screen.queryByTestId('case-add-visit')).toBeNull();
    expect(screen.queryByTestId('case-add-assistance')).toBeNull();
  });

  it('moves the status: the case patch and a status change record, saved together', async () => {
    await signedInAs(WELFARE);
    const welfareCase = await seedCase(VILLAGE_1, {});
    await openCase(welfareCase.id);
    const before = (await queued()).length;

    fireEvent.click(screen.getByTestId('status-to-assessed'));

    await waitFor(() => expect(screen.getByTestId('case-status').dataset.status).toBe('assessed'));
    const saved = (await queued()).slice(before);
    expect(saved).toHaveLength(2);
    expect(saved[0]).toMatchObject({
      op: 'patch',
      type: 'case',
      id: welfareCase.id,
      patch: { status: 'assessed', closedAt: null },
    });
    expect(saved[1]).toMatchObject({
      op: 'create',
      type: 'caseStatusChange',
      villageId: VILLAGE_1,
      patch: { caseId: welfareCase.id, fromStatus: 'received', toStatus: 'assessed' },
    });
    expect(saved[0]?.txId).toBe(saved[1]?.txId);
    await waitFor(() =>
      expect(
        within(screen.getByTestId('case-timeline')).getAllByTestId('timeline-status'),
      ).toHaveLength(2),
    );
    // The welfare officer may not approve: only rejecting is offered now.
    expect(offeredMoves()).toEqual(['rejected']);
  });

  it('rejects only with a reason, which is kept on the case and in the timeline', async () => {
    await signedInAs(WELFARE);
    const welfareCase = await seedCase(VILLAGE_1, {}, 'assessed');
    await openCase(welfareCase.id);
    const before = (await queued()).length;

    expect(screen.queryByTestId('status-reason')).toBeNull();
    fireEvent.click(screen.getByTestId('status-to-rejected'));
    fireEvent.click(screen.getByTestId('status-confirm'));
    expect(await screen.findByText('กรุณาระบุเหตุผล')).toBeTruthy();
    expect((await queued()).length).toBe(before);

    fireEvent.input(screen.getByTestId('status-reason'), {
      target: { value: 'รายได้เกินเกณฑ์' },
    });
    fireEvent.click(screen.getByTestId('status-confirm'));

    await waitFor(() => expect(screen.getByTestId('case-status').dataset.status).toBe('rejected'));
    const saved = (await queued()).slice(before);
    expect(saved[0]?.patch).toMatchObject({ status: 'rejected', statusReason: 'รายได้เกินเกณฑ์' });
    expect(typeof saved[0]?.patch.closedAt).toBe('string');
    expect(saved[1]?.patch).toMatchObject({ toStatus: 'rejected', reason: 'รายได้เกินเกณฑ์' });
    await waitFor(() =>
      expect(screen.getByTestId('case-timeline').textContent).toContain('เหตุผล: รายได้เกินเกณฑ์'),
    );
  });

  it('totals the ledger with a reversal and strikes the reversed entry', async () => {
    await signedInAs(WELFARE);
    const welfareCase = await seedCase(VILLAGE_1, { category: 'disaster-relief' }, 'in-progress');
    const cash = await seedAssistance(welfareCase, {
      amountTHB: 3000,
      legalBasis: 'ระเบียบ มท. 2560',
      approvedBy: 'นายก อบต.',
    });
    const mistake = await seedAssistance(welfareCase, { amountTHB: 1500 });
    const reversal = await seedAssistance(welfareCase, {
      amountTHB: -1500,
      reversesId: mistake,
      deliveredAt: '2025-11-06',
    });
    await seedAssistance(welfareCase, { inKind: 'ข้าวสาร 5 กก.', deliveredAt: '2025-11-04' });
    await openCase(welfareCase.id);

    expect(screen.getByTestId('assistance-total').dataset.amount).toBe('3000');
    expect(screen.getByTestId('assistance-total').textContent).toBe('3,000.00 บาท');
    const entries = within(screen.getByTestId('case-timeline')).getAllByTestId(
      'timeline-assistance',
    );
    expect(entries.map((entry) => entry.dataset.recordId)).toHaveLength(4);
    // Newest first: the reversal of 6 Nov heads the ledger.
    expect(entries[0]?.dataset.recordId).toBe(reversal);

    const reversed = entries.find((entry) => entry.dataset.recordId === mistake) as HTMLElement;
    expect(within(reversed).getByTestId('assistance-reversed')).toBeTruthy();
    expect(reversed.querySelector('.case-entry-reversed')).not.toBeNull();
    expect(within(reversed).getByTestId('assistance-reversed-by').getAttribute('href')).toBe(
      `#entry-${reversal}`,
    );
    expect(within(reversed).queryByTestId(`assistance-reverse-${mistake}`)).toBeNull();
    expect(screen.queryByTestId(`assistance-reverse-${reversal}`)).toBeNull();

    const original = entries.find((entry) => entry.dataset.recordId === cash) as HTMLElement;
    expect(original.textContent).toContain('3,000.00 บาท');
    expect(original.textContent).toContain('ระเบียบ มท. 2560');
    expect(original.textContent).toContain('นายก อบต.');
    expect(original.textContent).toContain('5 พ.ย. 2568');
    expect(original.querySelector('.case-entry-reversed')).toBeNull();
    expect(screen.getByTestId(`assistance-reverse-${cash}`)).toBeTruthy();
  });

  it('reverses an entry after confirming: a new negated entry, the original kept', async () => {
    await signedInAs(SUPERVISOR);
    const welfareCase = await seedCase(VILLAGE_1, { category: 'disaster-relief' }, 'in-progress');
    const cash = await seedAssistance(welfareCase, { amountTHB: 3000, note: 'โอนผิดบัญชี?' });
    await openCase(welfareCase.id);
    const before = (await queued()).length;

    fireEvent.click(screen.getByTestId(`assistance-reverse-${cash}`));
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect((await queued()).length).toBe(before);

    fireEvent.click(screen.getByTestId(`assistance-reverse-${cash}`));
    fireEvent.input(screen.getByTestId('assistance-reverse-note'), {
      target: { value: 'จ่ายซ้ำ' },
    });
    fireEvent.click(screen.getByTestId('confirm-accept'));

    await waitFor(() => expect(screen.getByTestId('assistance-total').dataset.amount).toBe('0'));
    const saved = (await queued()).slice(before);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      op: 'create',
      type: 'assistance',
      villageId: VILLAGE_1,
      patch: {
        caseId: welfareCase.id,
        amountTHB: -3000,
        reversesId: cash,
        deliveredAt: bangkokDate(),
        note: 'จ่ายซ้ำ',
      },
    });
    expect((await getLocalRecord(db(), cash))?.fields.amountTHB).toBe(3000);
    await waitFor(() => expect(screen.getByTestId('assistance-reversed')).toBeTruthy());
    expect(screen.queryByTestId(`assistance-reverse-${cash}`)).toBeNull();
  });

  it('shows the timeline newest first: visits with notes and next date, status changes', async () => {
    await signedInAs(WELFARE);
    const welfareCase = await seedCase(VILLAGE_1, {}, 'in-progress');
    await saveChanges(
      logVisitChanges(welfareCase, {
        visitedOn: '2025-11-10',
        officerId: WELFARE.id,
        notes: 'แผลกดทับดีขึ้น',
        nextVisitOn: '2025-11-24',
      }),
    );
    await saveChanges(
      logVisitChanges(welfareCase, { visitedOn: '2025-11-03', officerId: WELFARE.id }),
    );
    await openCase(welfareCase.id);

    const timeline = screen.getByTestId('case-timeline');
    const kinds = Array.from(timeline.children).map((item) => (item as HTMLElement).dataset.testid);
    // Visits of 10 and 3 Nov, then the case opened on 1 Nov.
    expect(kinds).toEqual(['timeline-visit', 'timeline-visit', 'timeline-status']);
    const latest = timeline.children[0] as HTMLElement;
    expect(latest.textContent).toContain('10 พ.ย. 2568');
    expect(latest.textContent).toContain('แผลกดทับดีขึ้น');
    expect(latest.textContent).toContain('นัดเยี่ยมครั้งถัดไป 24 พ.ย. 2568');
    expect(latest.dataset.recordId).toBeTruthy();
    // The visit's next date became the case's follow-up date.
    expect(screen.getByTestId('case-page').textContent).toContain('24 พ.ย. 2568');
  });

  it('warns about an open conflict on the case and links to the sync page', async () => {
    await signedInAs(WELFARE);
    const welfareCase = await seedCase(VILLAGE_1, {});
    await db().conflicts.add({
      id: uuidv7(),
      recordId: welfareCase.id,
      type: 'case',
      villageId: VILLAGE_1,
      field: 'status',
      winner: { value: 'assessed', hlc: '0000000000001:0000:a', by: 'a' },
      loser: { value: 'rejected', hlc: '0000000000000:0000:b', by: 'b' },
      createdAt: '2025-11-02T00:00:00.000Z',
      resolvedAt: null,
    });
    await openCase(welfareCase.id);
    const banner = await screen.findByTestId('case-conflict');
    expect(banner.querySelector('a')?.getAttribute('href')).toBe('/sync');
  });

  it('says so when the case is not on this device', async () => {
    await signedInAs(WELFARE);
    render(<CasePage caseId={uuidv7()} />);
    expect(await screen.findByTestId('case-page-missing')).toBeTruthy();
  });
});
