// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PeopleSearchPage } from '../../../../src/client/features/search/PeopleSearchPage';
import {
  bornYearsAgo,
  member,
  type Seeded,
  seedHousehold,
  signedInDevice,
  signOutDevice,
  VILLAGE_1,
  VILLAGE_2,
} from '../households/fixtures';
import { ADL_BEDBOUND } from './fixtures';

let first: Seeded;
let second: Seeded;

beforeEach(async () => {
  await signedInDevice();
  first = await seedHousehold(VILLAGE_1, '12/3', [
    member({ firstName: 'สมศักดิ์', lastName: 'ศรีสุข' }),
    member({
      titlePrefix: 'mrs',
      firstName: 'บุญเรือน',
      lastName: 'ศรีสุข',
      relationToHead: 'parent',
      birthDate: bornYearsAgo(82),
      adl: ADL_BEDBOUND,
      nationalId: '3450101234563',
    }),
  ]);
  second = await seedHousehold(VILLAGE_2, '4', [
    member({ firstName: 'บุญมี', lastName: 'ทองดี', birthDate: bornYearsAgo(70) }),
  ]);
});

afterEach(() => {
  cleanup();
  signOutDevice();
});

function resultIds(): string[] {
  const list = screen.getByTestId('people-search-results');
  return [...list.querySelectorAll('[data-testid^="search-result-"]')].map((row) =>
    (row.getAttribute('data-testid') ?? '').replace('search-result-', ''),
  );
}

async function search(text: string): Promise<void> {
  await waitFor(() => expect(screen.queryByText('กำลังเตรียมข้อมูลสำหรับค้นหา…')).toBeNull());
  fireEvent.input(screen.getByTestId('people-search-input'), { target: { value: text } });
}

describe('people search', () => {
  it('finds people by part of a Thai name, with age, village, house and ID', async () => {
    render(<PeopleSearchPage />);
    expect(document.activeElement).toBe(screen.getByTestId('people-search-input'));
    expect(await screen.findByText('พิมพ์ชื่อ เลขบัตร หรือบ้านเลขที่ หรือเลือกตัวกรอง')).toBeTruthy();

    await search('บุญ');
    await waitFor(() => expect(resultIds()).toHaveLength(2));
    const elder = first.memberIds[1] as string;
    const row = screen.getByTestId(`search-result-${elder}`);
    expect(row.textContent).toContain('นางบุญเรือน ศรีสุข');
    expect(row.textContent).toContain('82 ปี');
    expect(row.textContent).toContain('หมู่ที่ 1 บ้านเลขที่ 12/3');
    expect(row.textContent).toContain('3-xxxx-xxxxx-xx-3'); // masked in results, for every role
    expect(row.textContent).toContain('ADL 3 · ติดเตียง');
    expect(row.querySelector('a')?.getAttribute('href')).toBe(`/households/${first.householdId}`);

    // Inside a name: "เรือน" is not at the start of it.
    await search('เรือน');
    await waitFor(() => expect(resultIds()).toEqual([elder]));
  });

  it('narrows by village and by welfare filters, with a Thai empty state', async () => {
    render(<PeopleSearchPage />);
    await search('บุญ');
    await waitFor(() => expect(resultIds()).toHaveLength(2));

    fireEvent.change(screen.getByTestId('search-filter-village'), {
      target: { value: VILLAGE_2 },
    });
    expect(resultIds()).toEqual(second.memberIds);

    fireEvent.click(screen.getByTestId('search-filter-bedridden'));
    expect(resultIds()).toEqual([]);
    expect(screen.getByTestId('people-search-empty').textContent).toBe('ไม่พบบุคคลที่ตรงกับการค้นหา');

    fireEvent.change(screen.getByTestId('search-filter-village'), { target: { value: '' } });
    expect(resultIds()).toEqual([first.memberIds[1]]);

    // Filters alone list people too (eligible for the elderly allowance, not receiving it).
    fireEvent.input(screen.getByTestId('people-search-input'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('search-filter-bedridden'));
    fireEvent.click(screen.getByTestId('search-filter-eligibleNotReceiving'));
    expect(resultIds().sort()).toEqual([first.memberIds[1], second.memberIds[0]].sort());
  });
});
