// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HomePage } from '../../../../src/client/features/home/HomePage';
import { HouseholdListPage } from '../../../../src/client/features/households/HouseholdListPage';
import { compareHouseNo } from '../../../../src/client/records/householdRows';
import { ADL_BEDBOUND } from '../search/fixtures';
import {
  bornYearsAgo,
  member,
  seedHousehold,
  signedInDevice,
  signOutDevice,
  VILLAGE_1,
  VILLAGE_2,
} from './fixtures';

beforeEach(signedInDevice);

afterEach(() => {
  cleanup();
  signOutDevice();
});

function rowOrder(): string[] {
  const list = screen.getByTestId('household-list');
  return [...list.querySelectorAll('[data-testid^="household-row-"]')].map((row) =>
    (row.getAttribute('data-testid') ?? '').replace('household-row-', ''),
  );
}

describe('house numbers', () => {
  it('sort in natural order', () => {
    const sorted = ['12/3', '10', '2', '12', '1', '12/10'].sort(compareHouseNo);
    expect(sorted).toEqual(['1', '2', '10', '12', '12/3', '12/10']);
  });
});

describe('home', () => {
  it('shows each village with what this device holds for it, linking to its households', async () => {
    await seedHousehold(VILLAGE_1, '1', [
      member({ firstName: 'บุญมี', birthDate: bornYearsAgo(82), adl: ADL_BEDBOUND }),
      member({ firstName: 'สมศรี', relationToHead: 'spouse', sex: 'F' }),
    ]);
    // No national ID: missing data.
    await seedHousehold(VILLAGE_1, '2', [member({ nationalId: undefined })]);
    await seedHousehold(VILLAGE_2, '5', [member({})]);
    render(<HomePage />);

    const village1 = screen.getByTestId('village-1');
    await waitFor(() => expect(village1.textContent).toContain('2 ครัวเรือน'));
    expect(village1.textContent).toContain('3 คน');
    expect(village1.textContent).toContain('ผู้สูงอายุ 1');
    expect(village1.textContent).toContain('ติดเตียง 1');
    expect(village1.textContent).toContain('ข้อมูลไม่ครบ 1');
    // Two households and three people created, none synced.
    expect(village1.textContent).toContain('รอซิงก์ 5');
    expect(village1.querySelector('a')?.getAttribute('href')).toBe(`/villages/${VILLAGE_1}`);

    const village2 = screen.getByTestId('village-2');
    expect(village2.textContent).toContain('1 ครัวเรือน');
    expect(village2.textContent).toContain('ผู้สูงอายุ 0');
    expect(village2.textContent).not.toContain('ข้อมูลไม่ครบ');
    expect(screen.getByTestId('home-search').getAttribute('href')).toBe('/search');
  });
});

describe('household list', () => {
  beforeEach(async () => {
    await seedHousehold(VILLAGE_1, '10', [member({ firstName: 'สมชาย' })]);
    await seedHousehold(VILLAGE_1, '2', [
      member({ firstName: 'เอกชัย', birthDate: bornYearsAgo(82), adl: ADL_BEDBOUND }),
    ]);
    await seedHousehold(VILLAGE_1, '12/3', [
      member({ firstName: 'กมล' }),
      member({ firstName: 'ประยูร', relationToHead: 'child', nationalId: undefined }),
    ]);
    await seedHousehold(VILLAGE_1, '1', [
      member({ firstName: 'บุญมี', disabilityCard: true, disabilityTypes: [3], adl: ADL_BEDBOUND }),
    ]);
    await seedHousehold(VILLAGE_2, '3', [member({ firstName: 'ทองดี' })]);
  });

  it('lists the village households in natural house-number order with their flags', async () => {
    render(<HouseholdListPage villageId={VILLAGE_1} />);
    await screen.findByTestId('household-row-12/3');
    expect(rowOrder()).toEqual(['1', '2', '10', '12/3']);
    const elderly = screen.getByTestId('household-row-2');
    expect(elderly.textContent).toContain('นายเอกชัย ใจดี');
    expect(elderly.textContent).toContain('1 คน');
    expect(elderly.textContent).toContain('ผู้สูงอายุ');
    expect(elderly.textContent).toContain('ติดเตียง');
    expect(elderly.textContent).toContain('รอซิงก์');
    expect(screen.getByTestId('household-row-12/3').textContent).toContain('ข้อมูลไม่ครบ');
    expect(screen.getByTestId('household-row-10').textContent).not.toContain('ข้อมูลไม่ครบ');
    expect(screen.getByTestId('household-add').getAttribute('href')).toBe(
      `/villages/${VILLAGE_1}/households/new`,
    );
  });

  it('filters by elderly, disabled, ADL group and missing data', async () => {
    render(<HouseholdListPage villageId={VILLAGE_1} />);
    await screen.findByTestId('household-row-12/3');

    fireEvent.click(screen.getByTestId('filter-elderly'));
    expect(rowOrder()).toEqual(['2']);
    fireEvent.click(screen.getByTestId('filter-elderly'));

    fireEvent.click(screen.getByTestId('filter-disabled'));
    expect(rowOrder()).toEqual(['1']);
    fireEvent.click(screen.getByTestId('filter-disabled'));

    fireEvent.change(screen.getByTestId('filter-adl'), { target: { value: 'bedbound' } });
    expect(rowOrder()).toEqual(['1', '2']);
    fireEvent.change(screen.getByTestId('filter-adl'), { target: { value: '' } });

    fireEvent.click(screen.getByTestId('filter-missingData'));
    expect(rowOrder()).toEqual(['12/3']);
  });

  it('sorts by the head of household in Thai order and finds members by part of a name', async () => {
    render(<HouseholdListPage villageId={VILLAGE_1} />);
    await screen.findByTestId('household-row-12/3');
    fireEvent.change(screen.getByTestId('household-sort'), { target: { value: 'head' } });
    // กมล, บุญมี, สมชาย, เอกชัย: Thai order skips the leading vowel เ.
    expect(rowOrder()).toEqual(['12/3', '1', '10', '2']);

    // A member who is not the head, by the start of her first name.
    fireEvent.input(screen.getByTestId('household-search'), { target: { value: 'ประยู' } });
    await waitFor(() => expect(rowOrder()).toEqual(['12/3']));
    fireEvent.input(screen.getByTestId('household-search'), { target: { value: '1' } });
    await waitFor(() => expect(rowOrder()).toEqual(['12/3', '1', '10']));
    expect(
      within(screen.getByTestId('household-count')).getByText(/แสดง 3 จาก 3 ครัวเรือน/),
    ).toBeTruthy();
  });

  it('draws at most a page of rows and shows more on request', async () => {
    for (let i = 100; i < 205; i++) await seedHousehold(VILLAGE_2, String(i), []);
    render(<HouseholdListPage villageId={VILLAGE_2} />);
    await screen.findByTestId('household-row-100');
    expect(rowOrder()).toHaveLength(100);
    fireEvent.click(screen.getByTestId('household-more'));
    expect(rowOrder()).toHaveLength(106);
    expect(screen.queryByTestId('household-more')).toBeNull();
  });
});
