import { fiscalQuarter } from './thaiDate';

/**
 * Allowance rules as dated configuration (docs/domain.md §4): a new Cabinet rate is a new entry
 * with its effective date, never an edit of an old one, so past months keep their amounts.
 */

export interface ElderlyRateSchedule {
  /** ISO date the rates apply from. */
  effectiveFrom: string;
  /** Ascending by minAge; the highest band reached applies. */
  bands: ReadonlyArray<{ minAge: number; monthlyTHB: number }>;
  /** How a person moves into a higher band: the month after the birthday, or next fiscal year. */
  bandChange: 'nextFiscalYear' | 'monthAfterBirthday';
  source: string;
}

export const ELDERLY_MIN_AGE = 60;

/** 600 / 700 / 800 / 1,000 THB a month by age band (Cabinet, effective 1 Oct 2011). */
const ELDERLY_BANDS_2011 = [
  { minAge: 60, monthlyTHB: 600 },
  { minAge: 70, monthlyTHB: 700 },
  { minAge: 80, monthlyTHB: 800 },
  { minAge: 90, monthlyTHB: 1000 },
] as const;

export const ELDERLY_RATE_SCHEDULES: readonly ElderlyRateSchedule[] = [
  {
    effectiveFrom: '2011-10-01',
    bands: ELDERLY_BANDS_2011,
    bandChange: 'nextFiscalYear',
    source: 'มติ ครม. มีผล 1 ต.ค. 2554',
  },
  {
    // Reported, not verified (docs/domain.md §4 ⚠️): from FY2567 a higher band starts the month after the birthday.
    effectiveFrom: '2023-10-01',
    bands: ELDERLY_BANDS_2011,
    bandChange: 'monthAfterBirthday',
    source: 'กรมกิจการผู้สูงอายุ (ปีงบประมาณ 2567) ⚠️',
  },
];

export interface DisabilityRateSchedule {
  effectiveFrom: string;
  adultMonthlyTHB: number;
  under18MonthlyTHB: number;
  source: string;
}

export const DISABILITY_RATE_SCHEDULES: readonly DisabilityRateSchedule[] = [
  {
    effectiveFrom: '2020-10-01',
    adultMonthlyTHB: 800,
    under18MonthlyTHB: 1000,
    source: 'มติ ครม. 28 ม.ค. 2563',
  },
];

/** The schedule in force on an ISO date (schedules sorted by effectiveFrom). */
export function scheduleOn<T extends { effectiveFrom: string }>(
  schedules: readonly T[],
  date: string,
): T | null {
  let found: T | null = null;
  for (const schedule of schedules)
    if (schedule.effectiveFrom <= date.slice(0, 10)) found = schedule;
  return found;
}

/** Whole years between an ISO birth date and an ISO date. */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The elderly allowance counts age on 1 September of the fiscal year: for FY2565 (Oct 2021 –
 * Sep 2022) a person born on or before 1 Sep 2505 BE (1962) qualifies.
 */
export function elderlyCutoffDate(fiscalYearBE: number): string {
  return `${fiscalYearBE - 543}-09-01`;
}

export function isElderlyForFiscalYear(birthDate: string, fiscalYearBE: number): boolean {
  return ageOn(birthDate, elderlyCutoffDate(fiscalYearBE)) >= ELDERLY_MIN_AGE;
}

/** Monthly elderly allowance for a person in the month containing `date`, or 0 when not of age. */
export function elderlyMonthlyAmount(birthDate: string, date: string): number {
  const schedule = scheduleOn(ELDERLY_RATE_SCHEDULES, date);
  if (!schedule) return 0;
  const { fiscalYearBE } = fiscalQuarter(`${date.slice(0, 10)}T12:00:00+07:00`);
  if (!isElderlyForFiscalYear(birthDate, fiscalYearBE)) return 0;
  const age =
    schedule.bandChange === 'nextFiscalYear'
      ? ageOn(birthDate, `${fiscalYearBE - 544}-10-01`)
      : ageOn(birthDate, lastDayOfPreviousMonth(date));
  let amount = schedule.bands[0]?.monthlyTHB ?? 0;
  for (const band of schedule.bands) if (age >= band.minAge) amount = band.monthlyTHB;
  return amount;
}

/** Monthly disability allowance in the month containing `date` (needs a disability card). */
export function disabilityMonthlyAmount(birthDate: string, date: string): number {
  const schedule = scheduleOn(DISABILITY_RATE_SCHEDULES, date);
  if (!schedule) return 0;
  return ageOn(birthDate, date) < 18 ? schedule.under18MonthlyTHB : schedule.adultMonthlyTHB;
}

function lastDayOfPreviousMonth(date: string): string {
  const [y, m] = date.slice(0, 10).split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m - 1, 0));
  return last.toISOString().slice(0, 10);
}
