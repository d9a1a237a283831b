import { describe, expect, it } from 'vitest';
import {
  type FiscalQuarter,
  fiscalQuarter,
  fiscalQuarterDates,
} from '../../../src/shared/rules/thaiDate';

const DAY_MS = 86_400_000;

/** Noon in Bangkok (05:00 UTC) of each calendar day from `from` to `to`, inclusive. */
function daysOf({ from, to }: { from: string; to: string }): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

describe('fiscal year boundary, Bangkok time (UTC+7)', () => {
  it('30 Sep 23:59:59 is still the old year; 1 Oct 00:00 starts the new one', () => {
    expect(fiscalQuarter('2026-09-30T16:59:59Z')).toEqual({ fiscalYearBE: 2569, quarter: 4 });
    expect(fiscalQuarter('2026-09-30T17:00:00Z')).toEqual({ fiscalYearBE: 2570, quarter: 1 });
  });

  it('31 Dec 23:59:59 is Q1; 1 Jan 00:00 is Q2 of the same fiscal year', () => {
    expect(fiscalQuarter('2026-12-31T16:59:59Z')).toEqual({ fiscalYearBE: 2570, quarter: 1 });
    expect(fiscalQuarter('2026-12-31T17:00:00Z')).toEqual({ fiscalYearBE: 2570, quarter: 2 });
  });

  it('31 Mar / 1 Apr and 30 Jun / 1 Jul turn the quarter', () => {
    expect(fiscalQuarter('2027-03-31T16:59:59Z')).toEqual({ fiscalYearBE: 2570, quarter: 2 });
    expect(fiscalQuarter('2027-03-31T17:00:00Z')).toEqual({ fiscalYearBE: 2570, quarter: 3 });
    expect(fiscalQuarter('2027-06-30T16:59:59Z')).toEqual({ fiscalYearBE: 2570, quarter: 3 });
    expect(fiscalQuarter('2027-06-30T17:00:00Z')).toEqual({ fiscalYearBE: 2570, quarter: 4 });
  });

  it('takes Dates and epoch milliseconds as well as strings', () => {
    const instant = Date.parse('2026-09-30T17:00:00Z');
    expect(fiscalQuarter(instant)).toEqual({ fiscalYearBE: 2570, quarter: 1 });
    expect(fiscalQuarter(new Date(instant - 1000))).toEqual({ fiscalYearBE: 2569, quarter: 4 });
  });
});

describe('fiscalQuarterDates', () => {
  it('gives the first and last day of Q1..Q4 of FY2569', () => {
    expect(fiscalQuarterDates({ fiscalYearBE: 2569, quarter: 1 })).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
    });
    expect(fiscalQuarterDates({ fiscalYearBE: 2569, quarter: 2 })).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(fiscalQuarterDates({ fiscalYearBE: 2569, quarter: 3 })).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
    });
    expect(fiscalQuarterDates({ fiscalYearBE: 2569, quarter: 4 })).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
    });
  });

  it('ends Q2 on 31 Mar also in a leap year (FY2571: Jan–Mar 2028)', () => {
    expect(fiscalQuarterDates({ fiscalYearBE: 2571, quarter: 2 })).toEqual({
      from: '2028-01-01',
      to: '2028-03-31',
    });
  });

  const quarters: FiscalQuarter[] = [2569, 2571].flatMap((fiscalYearBE) =>
    ([1, 2, 3, 4] as const).map((quarter) => ({ fiscalYearBE, quarter })),
  );

  it.each(quarters)('every day of FY$fiscalYearBE Q$quarter maps back to it', (quarter) => {
    const days = daysOf(fiscalQuarterDates(quarter));
    expect(days.length).toBeGreaterThanOrEqual(90);
    expect(days.length).toBeLessThanOrEqual(92);
    for (const day of days) {
      // The first and last instant of the day in Bangkok.
      const start = Date.parse(`${day}T00:00:00+07:00`);
      expect(fiscalQuarter(start)).toEqual(quarter);
      expect(fiscalQuarter(start + DAY_MS - 1)).toEqual(quarter);
    }
  });

  it('the four quarters tile the fiscal year without gaps', () => {
    const days = ([1, 2, 3, 4] as const).flatMap((quarter) =>
      daysOf(fiscalQuarterDates({ fiscalYearBE: 2571, quarter })),
    );
    expect(days[0]).toBe('2027-10-01');
    expect(days.at(-1)).toBe('2028-09-30');
    expect(days).toHaveLength(366);
    expect(new Set(days).size).toBe(366);
  });
});
