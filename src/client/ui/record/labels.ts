import type { PersonFields } from '../../../shared/model/person';
import type { HouseholdMissing, PersonMissing } from '../../../shared/rules/personProfile';
import { formatDate } from '../../../shared/rules/thaiDate';
import type { PersonView } from '../../records/people';
import { date } from '../format';
import { language, t } from '../i18n';
import { valueText } from '../i18n/recordText';

/**
 * Display text of survey answers on the household pages; field and value words come from the
 * one record label source (`recordText`), Thai number and money formats included.
 */

export { numberText } from '../format';
export { landText } from '../i18n/recordText';

/** `1,200 บาท` */
export function bahtText(amount: number): string {
  return valueText('household', 'householdDebtTHB', amount);
}

/** Yes or no; a question never answered reads as unanswered, not as "no". */
export function yesNo(value: boolean | undefined): string {
  return valueText(null, 'answer', value);
}

/**
 * เลขรหัสประจำบ้าน grouped 4-6-1 for reading aloud (registry office, serial, last digit);
 * the grouping is a display habit, not a verified standard (docs/domain.md §1).
 */
export function houseCodeText(houseCode: string): string {
  if (!/^\d{11}$/.test(houseCode)) return houseCode;
  return `${houseCode.slice(0, 4)}-${houseCode.slice(4, 10)}-${houseCode.slice(10)}`;
}

/** `นาง สมศรี ใจดี`; an unnamed record shows its short id. */
export function personName(person: Pick<PersonView, 'id' | 'fields'>): string {
  const { titlePrefix, firstName, lastName } = person.fields;
  const name = [firstName, lastName].filter(Boolean).join(' ');
  if (!name) return t('record.unnamed', { id: person.id.slice(-6) });
  return titledName(titlePrefix, name);
}

/** `name` after its title label (`นางสมศรี ใจดี`, `Mrs สมศรี ใจดี`). */
export function titledName(titlePrefix: PersonFields['titlePrefix'] | null, name: string): string {
  // "Other" titles (monks, ranks…) are not recorded, so the name stands alone.
  const title =
    titlePrefix && titlePrefix !== 'other' ? valueText('person', 'titlePrefix', titlePrefix) : '';
  return title ? `${title}${language.value === 'th' ? '' : ' '}${name}` : name;
}

/** `เสียชีวิต`, or with the date it happened `เสียชีวิต เมื่อ 3 พ.ย. 2568`. */
export function memberStatusText(
  status: NonNullable<PersonFields['memberStatus']>,
  since: string | undefined,
): string {
  const text = t(`hh.status.${status}`);
  return since ? t('hh.value.statusSince', { status: text, date: date(since) }) : text;
}

export function missingText(missing: ReadonlyArray<PersonMissing | HouseholdMissing>): string {
  return missing.map((field) => t(`hh.missing.${field}`)).join(', ');
}

/**
 * A birth date as precise as it is known: ID cards print `00` for an unknown day or month
 * (docs/domain.md §3), so "year" shows `ปี 2490` and "month" shows `มีนาคม 2490`.
 */
export function birthDateText(
  birthDate: string,
  precision: PersonFields['birthDatePrecision'] = 'day',
): string {
  const [year, month] = birthDate.split('-').map(Number) as [number, number];
  if (precision === 'year') {
    return t('hh.person.birthYearOnly', { year: language.value === 'th' ? year + 543 : year });
  }
  if (precision === 'month') {
    const locale = language.value === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB';
    return new Intl.DateTimeFormat(locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, month - 1, 15)));
  }
  return formatDate(birthDate, 'long', language.value);
}
