// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import CaseListPage from '../../../../src/client/features/cases/CaseListPage';
import { seedCase, signedInAs, signOutDevice, VILLAGE_1, VILLAGE_2 } from './fixtures';

beforeEach(async () => {
  await signedInAs();
});

afterEach(() => {
  cleanup();
  signOutDevice();
});

function rows(): string[] {
  return screen.queryAllByTestId(/^case-row-/).map((row) => row.dataset.testid ?? '');
}

describe('case list', () => {
  it('lists the cases of the villages, newest first, and filters them', async () => {
    const old = await seedCase(VILLAGE_1, { receivedAt: '2025-10-01T09:00:00+07:00' });
    const road = await seedCase(
      VILLAGE_2,
      { category: 'road', receivedAt: '2025-11-02T09:00:00+07:00' },
      'approved',
    );
    const latest = await seedCase(VILLAGE_1, { receivedAt: '2025-11-03T09:00:00+07:00' }, 'done');

    render(<CaseListPage />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()).toEqual([`case-row-${latest.id}`, `case-row-${road.id}`, `case-row-${old.id}`]);
    expect(screen.getByTestId(`case-row-${road.id}`).getAttribute('href')).toBe(
      `/cases/${road.id}`,
    );
    expect(screen.getByTestId(`case-row-${road.id}`).textContent).toContain('หมู่ที่ 2');
    expect(screen.getByTestId('case-new').getAttribute('href')).toBe('/cases/new');

    fireEvent.change(screen.getByTestId('case-filter-status'), { target: { value: 'approved' } });
    await waitFor(() => expect(rows()).toEqual([`case-row-${road.id}`]));

    fireEvent.change(screen.getByTestId('case-filter-status'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('case-filter-category'), {
      target: { value: 'elderly-care' },
    });
    await waitFor(() => expect(rows()).toEqual([`case-row-${latest.id}`, `case-row-${old.id}`]));

    fireEvent.change(screen.getByTestId('case-filter-category'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('case-filter-village'), { target: { value: VILLAGE_2 } });
    await waitFor(() => expect(rows()).toEqual([`case-row-${road.id}`]));
    expect(screen.getByTestId('case-count').dataset.count).toBe('1');
  });
});
