import {
  BE_OFFSET,
  normalizeThaiDigits,
  normalizeYearInput,
  toBuddhistYear,
} from '../../shared/rules/thaiDate';

/**
 * A date typed as day, month and year, each possibly unknown (ID-card data has `00` for an
 * unknown day or month, docs/domain.md §3). The year may be typed in พ.ศ. (2400 and above) or ค.ศ.
 */
export interface DateParts {
  day: string;
  /** `1`–`12`, or empty when unknown. */
  month: string;
  year: string;
}

export type DatePrecision = 'day' | 'month' | 'year';

/** The stored date: `YYYY-MM-DD`, with an unknown day or month stored as `01`. */
export interface PartialDate {
  iso: string;
  precision: DatePrecision;
}

/** Before this (ค.ศ.; พ.ศ. 2443) a year is a typing mistake, not a birth or survey year. */
export const MIN_YEAR_CE = 1900;

/** Why typed parts are not a date: a `validation.*` key and the part at fault. */
export interface DatePartsProblem {
  part: keyof DateParts;
  message:
    | 'year_required'
    | 'year_invalid'
    | 'year_too_early'
    | 'year_in_future'
    | 'month_required'
    | 'day_required'
    | 'day_invalid'
    | 'date_in_future';
}

export type DatePartsRead =
  | { date: PartialDate | null; problem: null }
  | { date: null; problem: DatePartsProblem };

const number = (text: string): number | null => {
  const digits = normalizeThaiDigits(text).trim();
  return /^\d+$/.test(digits) ? Number(digits) : null;
};

/** `00` and empty both mean unknown. */
const known = (text: string): boolean => number(text) !== 0 && text.trim() !== '';

/** The year typed, read as ค.ศ. (null when it is not a number). */
export function yearCE(year: string): number | null {
  const typed = number(year);
  return typed === null ? null : normalizeYearInput(typed);
}

/**
 * Reads typed parts against `today` (`YYYY-MM-DD`): all empty is no date (null); otherwise the
 * year is required and must be plausible, the 2025-vs-2568 mix-up included: a date after today
 * or before 1900 is refused. `required` is the least precision accepted: `'day'` needs the
 * whole date, `'month'` a month and year.
 */
export function readDateParts(
  parts: DateParts,
  today: string,
  required: DatePrecision = 'year',
): DatePartsRead {
  const fail = (part: keyof DateParts, message: DatePartsProblem['message']): DatePartsRead => ({
    date: null,
    problem: { part, message },
  });
  const hasDay = known(parts.day);
  const hasMonth = known(parts.month);
  if (!hasDay && !hasMonth && parts.year.trim() === '') return { date: null, problem: null };

  const year = yearCE(parts.year);
  if (parts.year.trim() === '') return fail('year', 'year_required');
  if (year === null) return fail('year', 'year_invalid');
  if (year < MIN_YEAR_CE) return fail('year', 'year_too_early');
  const [todayYear] = today.split('-').map(Number) as [number];
  if (year > todayYear) return fail('year', 'year_in_future');

  if (!hasMonth && (hasDay || required !== 'year')) return fail('month', 'month_required');
  if (!hasDay && required === 'day') return fail('day', 'day_required');
  const month = hasMonth ? number(parts.month) : 1;
  const day = hasDay ? number(parts.day) : 1;
  if (month === null || month < 1 || month > 12) return fail('month', 'month_required');
  if (day === null || !isCalendarDate(year, month, day)) return fail('day', 'day_invalid');

  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  if (iso > today) return fail(hasDay ? 'day' : 'month', 'date_in_future');
  return { date: { iso, precision: hasDay ? 'day' : hasMonth ? 'month' : 'year' }, problem: null };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** The parts of a stored date for editing, the year in พ.ศ.; an unknown day or month is empty. */
export function datePartsOf(iso: string | undefined, precision: DatePrecision = 'day'): DateParts {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) return { day: '', month: '', year: '' };
  const [, year, month, day] = match as unknown as [string, string, string, string];
  return {
    day: precision === 'day' ? String(Number(day)) : '',
    month: precision === 'year' ? '' : String(Number(month)),
    year: String(toBuddhistYear(Number(year))),
  };
}

/** The typed year in the other era, to show beside it: `2525` → `{era: 'ce', year: 1982}`. */
export function otherEra(year: string): { era: 'be' | 'ce'; year: number } | null {
  const typed = number(year);
  if (typed === null || typed < 1000) return null;
  const ce = normalizeYearInput(typed);
  return typed === ce ? { era: 'be', year: ce + BE_OFFSET } : { era: 'ce', year: ce };
}
