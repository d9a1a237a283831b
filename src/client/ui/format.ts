import { formatDate, formatDateTime } from '../../shared/rules/thaiDate';
import { language, t } from './i18n';

/** Date and time in the display language (Buddhist era in Thai), e.g. `1 ต.ค. 2568 14:05`. */
export function dateTime(value: string | number | Date): string {
  return formatDateTime(value, language.value);
}

/** A number with the display language's grouping, at most 2 decimals: `1,234.5`. */
export function numberText(value: number): string {
  return value.toLocaleString(language.value === 'th' ? 'th-TH' : 'en-GB', {
    maximumFractionDigits: 2,
  });
}

export function date(value: string | number | Date): string {
  return formatDate(value, 'medium', language.value);
}

const UNITS = [
  ['size.gigabyte', 1e9],
  ['size.megabyte', 1e6],
  ['size.kilobyte', 1e3],
] as const;

/**
 * A byte count in the largest unit that gives at least 1, with the same words for every unit
 * (`498 ไบต์`, `1.7 กิโลไบต์`, `12 เมกะไบต์`): Intl mixes `ไบต์` with `kB` in Thai.
 */
export function bytes(count: number): string {
  const [unit, size] = UNITS.find(([, s]) => count >= s) ?? (['size.byte', 1] as const);
  const amount = new Intl.NumberFormat(language.value === 'th' ? 'th-TH' : 'en-GB', {
    maximumFractionDigits: count >= size * 10 ? 0 : 1,
  }).format(count / size);
  return t(unit, { amount });
}

/** A wait such as `45 วินาที` or `3 นาที` (rounded up to whole minutes past one minute). */
export function waitTime(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return new Intl.NumberFormat(language.value, {
    style: 'unit',
    unit: seconds < 60 ? 'second' : 'minute',
    unitDisplay: 'long',
  }).format(seconds < 60 ? Math.max(1, Math.ceil(seconds)) : minutes);
}

/** Money as documents print it, always with satang: `3,000.00 บาท` (docs/domain.md §6). */
export function baht(amountTHB: number): string {
  const amount = new Intl.NumberFormat(language.value === 'th' ? 'th-TH' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(amountTHB);
  return t('hh.value.thb', { amount });
}
