// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import MyWorkPage from '../../../../src/client/features/cases/MyWorkPage';
import { formatDate } from '../../../../src/shared/rules/thaiDate';
import { member, seedHousehold } from '../households/fixtures';
import {
  inDays,
  SUPERVISOR,
  seedCase,
  signedInAs,
  signOutDevice,
  VILLAGE_1,
  VILLAGE_2,
  WELFARE,
} from './fixtures';

beforeEach(async () => {
  await signedInAs(WELFARE);
});

afterEach(() => {
  cleanup();
  signOutDevice();
});

function idsIn(section: string): string[] {
  return within(screen.getByTestId(section))
    .queryAllByRole('link')
    .map((link) => link.dataset.testid ?? '');
}

describe('my work', () => {
  it('sorts open follow-ups into overdue, due today and the next 7 days', async () => {
    const home = await seedHousehold(VILLAGE_1, '7', [
      member({ titlePrefix: 'mrs', firstName: 'บุญมี', lastName: 'มีสุข', sex: 'F' }),
    ]);
    const overdue = await seedCase(VILLAGE_1, {
      personId: home.memberIds[0],
      householdId: home.householdId,
      dueDate: inDays(-1),
    });
    const today = await seedCase(
      VILLAGE_2,
      { householdId: home.householdId, dueDate: inDays(0) },
      'approved',
    );
    const soon = await seedCase(VILLAGE_1, {
      category: 'road',
      locationNote: 'ซอย 3',
      dueDate: inDays(7),
    });
    const later = await seedCase(VILLAGE_1, { dueDate: inDays(8) });
    const closed = await seedCase(VILLAGE_1, { dueDate: inDays(-3) }, 'done');
    const rejected = await seedCase(VILLAGE_1, { dueDate: inDays(0) }, 'rejected');
    const noDate = await seedCase(VILLAGE_1, {});

    render(<MyWorkPage />);
    await screen.findByTestId('work-overdue');

    expect(idsIn('work-overdue')).toEqual([`followup-${overdue.id}`]);
    expect(idsIn('work-due-today')).toEqual([`followup-${today.id}`]);
    expect(idsIn('work-upcoming')).toEqual([`followup-${soon.id}`]);
    const all = screen.getByTestId('my-work').textContent ?? '';
    for (const id of [later.id, closed.id, rejected.id, noDate.id]) {
      expect(screen.queryByTestId(`followup-${id}`)).toBeNull();
    }
    expect(all).not.toContain(later.id);

    expect(screen.getByTestId('work-count-overdue').dataset.count).toBe('1');
    expect(screen.getByTestId('work-count-due').dataset.count).toBe('1');
    // Open: every case but the done and the rejected one.
    expect(screen.getByTestId('work-count-open').dataset.count).toBe('5');

    const row = screen.getByTestId(`followup-${overdue.id}`);
    expect(row.getAttribute('href')).toBe(`/cases/${overdue.id}`);
    expect(row.textContent).toContain('นางบุญมี มีสุข');
    expect(row.textContent).toContain('ดูแลผู้สูงอายุ');
    // Due date in the Buddhist era.
    expect(row.textContent).toContain(formatDate(inDays(-1), 'medium', 'th'));
    expect(row.textContent).toContain(String(Number(inDays(-1).slice(0, 4)) + 543));

    expect(screen.getByTestId(`followup-${today.id}`).textContent).toContain('บ้านเลขที่ 7');
    expect(screen.getByTestId(`followup-${soon.id}`).textContent).toContain('ถนน: ซอย 3');
  });

  it('lists the open cases assigned to the signed-in officer only', async () => {
    const mine = await seedCase(VILLAGE_1, { assignedTo: WELFARE.id });
    const mineClosed = await seedCase(VILLAGE_1, { assignedTo: WELFARE.id }, 'done');
    const theirs = await seedCase(VILLAGE_1, { assignedTo: SUPERVISOR.id });

    render(<MyWorkPage />);
    await screen.findByTestId('work-assigned');

    expect(idsIn('work-assigned')).toEqual([`assigned-${mine.id}`]);
    expect(screen.queryByTestId(`assigned-${mineClosed.id}`)).toBeNull();
    expect(screen.queryByTestId(`assigned-${theirs.id}`)).toBeNull();
    expect(screen.getByTestId('work-count-open').dataset.count).toBe('2');
    expect(screen.getByTestId('work-count-overdue').dataset.count).toBe('0');
  });
});
