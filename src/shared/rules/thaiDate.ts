/**
 * Dates are stored as ISO-8601 Gregorian and converted to the Buddhist era (พ.ศ. = ค.ศ. + 543)
 * only at the edges: display and data entry. docs/domain.md §6.
 */

export const BE_OFFSET = 543;
/** A year at or above this is read as พ.ศ. */
export const BE_THRESHOLD = 2400;
/** Business time zone of the organization: fiscal quarters and "today" are counted in it. */
export const BANGKOK_TZ = 'Asia/Bangkok';

export type DateStyle = 'full' | 'long' | 'medium' | 'short';
export type DisplayLocale = 'th' | 'en';

export function toBuddhistYear(gregorianYear: number): number {
  return gregorianYear + BE_OFFSET;
}

/** Reads a year typed by a person: 2400 and above is พ.ศ., below is ค.ศ. Returns ค.ศ. */
export function normalizeYearInput(year: number): number {
  return year >= BE_THRESHOLD ? year - BE_OFFSET : year;
}

/** Thai digits ๐–๙ become ASCII 0–9; everything else is left as it is. */
export function normalizeThaiDigits(text: string): string {
  return text.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  locale: DisplayLocale,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    const tag = locale === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB';
    f = new Intl.DateTimeFormat(tag, { timeZone: BANGKOK_TZ, ...options });
    formatters.set(key, f);
  }
  return f;
}

function asDate(value: string | Date | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** `1 ตุลาคม 2568` (long), `1 ต.ค. 2568` (medium)… in Thai; day-month-year in English. */
export function formatDate(
  value: string | Date | number,
  style: DateStyle = 'medium',
  locale: DisplayLocale = 'th',
): string {
  return formatter(locale, { dateStyle: style }).format(asDate(value));
}

/** Date and time, e.g. `1 ต.ค. 2568 14:05`. */
export function formatDateTime(
  value: string | Date | number,
  locale: DisplayLocale = 'th',
): string {
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(asDate(value));
}

let isoDateFormat: Intl.DateTimeFormat | undefined;
const BANGKOK_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?\+07:00$/;

/** The calendar date in Bangkok as `YYYY-MM-DD` (Gregorian), e.g. for "today" in a form. */
export function bangkokDate(value: string | Date | number = Date.now()): string {
  // Bangkok keeps +07:00 all year: a time written with that offset is already on its date.
  if (typeof value === 'string' && BANGKOK_TIME.test(value)) return value.slice(0, 10);
  // One formatter for every call: making one costs more than the profile of a person it serves.
  isoDateFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: BANGKOK_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = isoDateFormat.formatToParts(asDate(value));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export interface FiscalQuarter {
  /** ปีงบประมาณ in พ.ศ., named after the later year: FY2569 = 1 Oct 2025 – 30 Sep 2026. */
  fiscalYearBE: number;
  /** Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep. */
  quarter: 1 | 2 | 3 | 4;
}

/** The Thai fiscal year and quarter of an instant, counted in Bangkok time. docs/domain.md §7. */
export function fiscalQuarter(value: string | Date | number): FiscalQuarter {
  const [y, m] = bangkokDate(value).split('-').map(Number) as [number, number];
  const fiscalYearBE = (m >= 10 ? y + 1 : y) + BE_OFFSET;
  const quarter = (Math.floor(((m + 2) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
  return { fiscalYearBE, quarter };
}

/** The first and last calendar day (inclusive, `YYYY-MM-DD`) of a fiscal quarter. */
export function fiscalQuarterDates({ fiscalYearBE, quarter }: FiscalQuarter): {
  from: string;
  to: string;
} {
  const ceYear = fiscalYearBE - BE_OFFSET;
  const [year, firstMonth] = quarter === 1 ? [ceYear - 1, 10] : [ceYear, (quarter - 2) * 3 + 1];
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}
