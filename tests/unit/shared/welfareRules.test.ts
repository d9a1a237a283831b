import { describe, expect, it } from 'vitest';
import { adlScore, dependencyGroup } from '../../../src/shared/rules/adl';
import {
  ageOn,
  disabilityMonthlyAmount,
  elderlyCutoffDate,
  elderlyMonthlyAmount,
  isElderlyForFiscalYear,
} from '../../../src/shared/rules/allowance';

describe('ADL', () => {
  const full = {
    feeding: 2,
    grooming: 1,
    transfer: 3,
    toilet: 2,
    mobility: 3,
    dressing: 2,
    stairs: 2,
    bathing: 1,
    bowels: 2,
    bladder: 2,
  };

  it('sums the 10 items to at most 20', () => {
    expect(adlScore(full)).toBe(20);
    expect(adlScore({ ...full, transfer: 0, mobility: 0, stairs: 0, bathing: 0, feeding: 0 })).toBe(
      9,
    );
  });

  it('gives no score while an item is missing or out of range', () => {
    const { bladder: _, ...missing } = full;
    expect(adlScore(missing)).toBeNull();
    expect(adlScore({ ...full, grooming: 2 })).toBeNull();
  });

  it('groups 12–20 social, 5–11 homebound, 0–4 bedbound', () => {
    expect([20, 12, 11, 5, 4, 0].map(dependencyGroup)).toEqual([
      'social',
      'social',
      'homebound',
      'homebound',
      'bedbound',
      'bedbound',
    ]);
  });
});

describe('elderly allowance', () => {
  it('counts age on 1 Sep of the fiscal year (FY2565: born on or before 1 Sep 2505 BE)', () => {
    expect(elderlyCutoffDate(2565)).toBe('2022-09-01');
    expect(isElderlyForFiscalYear('1962-09-01', 2565)).toBe(true);
    expect(isElderlyForFiscalYear('1962-09-02', 2565)).toBe(false);
  });

  it('pays by age band: 600, 700, 800, 1,000', () => {
    expect(elderlyMonthlyAmount('1960-01-15', '2025-11-10')).toBe(600);
    expect(elderlyMonthlyAmount('1950-01-15', '2025-11-10')).toBe(700);
    expect(elderlyMonthlyAmount('1944-01-15', '2025-11-10')).toBe(800);
    expect(elderlyMonthlyAmount('1930-01-15', '2025-11-10')).toBe(1000);
    expect(elderlyMonthlyAmount('1970-01-15', '2025-11-10')).toBe(0);
  });

  it('moves up a band the month after the birthday from FY2567, the next fiscal year before', () => {
    // Turns 70 on 15 Mar 2025 (FY2568): from April 2025.
    expect(elderlyMonthlyAmount('1955-03-15', '2025-03-10')).toBe(600);
    expect(elderlyMonthlyAmount('1955-03-15', '2025-04-10')).toBe(700);
    // Turned 70 on 15 Mar 2020 (FY2563, old rule): still 600 until FY2564 starts in Oct 2020.
    expect(elderlyMonthlyAmount('1950-03-15', '2020-04-10')).toBe(600);
    expect(elderlyMonthlyAmount('1950-03-15', '2020-10-10')).toBe(700);
  });

  it('counts whole years', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});

describe('disability allowance', () => {
  it('pays 1,000 under 18 and 800 from 18', () => {
    expect(disabilityMonthlyAmount('2010-05-01', '2026-01-10')).toBe(1000);
    expect(disabilityMonthlyAmount('2000-05-01', '2026-01-10')).toBe(800);
    expect(disabilityMonthlyAmount('2000-05-01', '2019-01-10')).toBe(0);
  });
});
