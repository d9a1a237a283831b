import { BE_OFFSET, BE_THRESHOLD } from '../rules/thaiDate';
import { cellText, type SheetCell } from './cells';
import { type Read, readFail, readOk } from './errors';

export type DatePrecision = 'day' | 'month' | 'year';

/** A read date: `YYYY-MM-DD` (Gregorian), an unknown day or month stored as `01`, as the forms do. */
export interface ReadDate {
  iso: string;
  precision: DatePrecision;
}

/** Before this (ค.ศ.; พ.ศ. 2443) a year is a typing mistake, as in the forms. */
export const MIN_YEAR_CE = 1900;

const DAY_MS = 86_400_000;
/** Excel's day 0 in its 1900 system, counted so that serials after its phantom 29 Feb 1900 land right. */
const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, the last date Excel has. */
const MAX_EXCEL_SERIAL = 2_958_465;

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/**
 * An Excel date serial as the calendar date it shows, by arithmetic on UTC days only: no time
 * zone takes part, so Bangkok and UTC read the same day. The time of day (the fraction) is
 * dropped. In the 1900 system serial 60 is Excel's 29 Feb 1900, which never was: it reads as
 * 28 Feb, and serials below it count from 31 Dec 1899.
 */
export function excelSerialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_EXCEL_SERIAL) return null;
  const days = Math.floor(serial);
  const epoch = date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900;
  const shift = !date1904 && days <= 60 ? 1 : 0;
  return new Date(epoch + (days + shift) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The calendar date of a `Date` an xlsx library made from a date cell. Libraries make either
 * local midnight (then the UTC parts in Bangkok are the day before, the bug every peer had) or
 * UTC midnight (then the local parts west of Greenwich are the day before). A `Date` exactly
 * at UTC midnight is read by its UTC parts, any other by its local parts: both kinds keep
 * their day in every zone.
 */
export function cellDateToIsoDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  if (date.getTime() % DAY_MS === 0) return date.toISOString().slice(0, 10);
  return isoOf(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

const THAI_MONTHS = [
  ['มค', 'มกราคม'],
  ['กพ', 'กุมภาพันธ์'],
  ['มีค', 'มีนาคม'],
  ['เมย', 'เมษายน'],
  ['พค', 'พฤษภาคม'],
  ['มิย', 'มิถุนายน'],
  ['กค', 'กรกฎาคม'],
  ['สค', 'สิงหาคม'],
  ['กย', 'กันยายน'],
  ['ตค', 'ตุลาคม'],
  ['พย', 'พฤศจิกายน'],
  ['ธค', 'ธันวาคม'],
] as const;
const ENGLISH_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

const MONTH_BY_WORD = new Map<string, number>();
THAI_MONTHS.forEach((words, i) => {
  for (const word of words) MONTH_BY_WORD.set(word, i + 1);
});

/** `ต.ค.`, `ตุลาคม`, `Oct`, `October` → 10; dots and spaces do not matter. */
export function monthOfWord(word: string): number | null {
  const key = word.replace(/[.\s]/g, '').toLowerCase();
  const thai = MONTH_BY_WORD.get(key);
  if (thai) return thai;
  if (key.length < 3) return null;
  const english = ENGLISH_MONTHS.findIndex((month) => month.startsWith(key));
  return english >= 0 ? english + 1 : null;
}

export interface ReadDateOptions {
  /** `YYYY-MM-DD`: a date after it is refused (the 2025-vs-2568 mix-up). */
  today: string;
  /** The workbook counts serials from 1904 (old Mac Excel). */
  date1904?: boolean;
}

const ERA_BE = /^(พ\.?\s?ศ\.?|b\.?e\.?)\s*|\s*(พ\.?\s?ศ\.?|b\.?e\.?)(?=\s*\d{4}$)/i;
const ERA_CE = /(ค\.?\s?ศ\.?|a\.?d\.?|c\.?e\.?)\s*(?=\d{4}$)/i;

const NUMERIC_DATE = /^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?$/;
const MONTH_YEAR = /^(\d{1,2})\s*[/\-.]\s*(\d{4})$/;
const WORD_DATE = /^(?:(\d{1,2})\s*)?([^\d\s][^\d]*?)\s*(\d{4})$/;
const YEAR_ONLY = /^(\d{4})$/;

/**
 * A date cell as a Thai office writes it: `1/10/2510`, `01-10-2510`, `1 ต.ค. 2510`,
 * `1 ตุลาคม พ.ศ. 2510`, `ต.ค. 2510`, `2510`, ID-card style `00/00/2510`, an ISO date, a year
 * that is clearly ค.ศ. (below 2400, or marked ค.ศ.), an Excel serial, or a `Date` from an
 * xlsx library. A whole number 1800–2700 in a date cell is a year, not a serial (serial 2510
 * would be a day in 1906). An empty cell reads as null.
 */
export function readDate(cell: SheetCell, options: ReadDateOptions): Read<ReadDate | null> {
  if (cell instanceof Date) {
    const iso = cellDateToIsoDate(cell);
    return iso
      ? checkPlausible({ iso, precision: 'day' }, options.today)
      : readFail('date_unreadable');
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1800 && cell <= 2700)
      return fromParts(0, 0, cell, 'either', options.today);
    const iso = excelSerialToIsoDate(cell, options.date1904);
    return iso
      ? checkPlausible({ iso, precision: 'day' }, options.today)
      : readFail('date_unreadable');
  }
  let text = cellText(cell);
  if (text === '') return readOk(null);
  text = text.replace(/^วันที่\s*/, '');
  let era: 'either' | 'be' | 'ce' = 'either';
  if (ERA_BE.test(text)) {
    era = 'be';
    text = text.replace(ERA_BE, ' ').trim();
  } else if (ERA_CE.test(text)) {
    era = 'ce';
    text = text.replace(ERA_CE, '').trim();
  }
  let m = NUMERIC_DATE.exec(text);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), era, options.today);
  m = ISO_DATE.exec(text);
  if (m) return fromParts(Number(m[3]), Number(m[2]), Number(m[1]), era, options.today);
  m = MONTH_YEAR.exec(text);
  if (m) return fromParts(0, Number(m[1]), Number(m[2]), era, options.today);
  m = YEAR_ONLY.exec(text);
  if (m) return fromParts(0, 0, Number(m[1]), era, options.today);
  m = WORD_DATE.exec(text);
  if (m) {
    const month = monthOfWord(m[2] ?? '');
    if (month === null) return readFail('date_unreadable');
    return fromParts(Number(m[1] ?? 0), month, Number(m[3]), era, options.today);
  }
  return readFail('date_unreadable');
}

/** Day and month 0 mean unknown (ID cards print `00`). */
function fromParts(
  day: number,
  month: number,
  year: number,
  era: 'either' | 'be' | 'ce',
  today: string,
): Read<ReadDate> {
  const yearCE =
    era === 'be' || (era === 'either' && year >= BE_THRESHOLD) ? year - BE_OFFSET : year;
  if (month > 12 || (month === 0 && day !== 0)) return readFail('date_invalid');
  if (month > 0 && day > daysInMonth(yearCE, month)) return readFail('date_invalid');
  const precision: DatePrecision = month === 0 ? 'year' : day === 0 ? 'month' : 'day';
  return checkPlausible({ iso: isoOf(yearCE, month || 1, day || 1), precision }, today);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkPlausible(date: ReadDate, today: string): Read<ReadDate> {
  if (Number(date.iso.slice(0, 4)) < MIN_YEAR_CE) return readFail('date_too_early');
  if (date.iso > today) return readFail('date_in_future');
  return readOk(date);
}
