import { ADL_ITEMS, type AdlItems, adlScore } from '../../../shared/rules/adl';
import type { RecordType } from '../../../shared/sync/protocol';
import { date, dateTime, numberText } from '../format';
import { language, t } from './index';
import { recordLabelTables } from './recordLabelStore';
import { recordLabelsTh } from './recordLabels.th';
import type { RecordLabels } from './recordLabelTypes';

/**
 * The one place that turns a record's field and value into words, for forms, record pages,
 * conflicts, quarantine, history, audit and exports: a review screen never shows a code.
 */

function labels(): RecordLabels {
  return recordLabelTables[language.value] ?? recordLabelsTh;
}

/** What the other record (or user) a field points to is, for `valueText`. */
export type RefKind = 'household' | 'person' | 'case' | 'assistance' | 'user';

/** Fields that hold the id of another record or of a user. */
export const REF_FIELDS: { readonly [T in RecordType]: Readonly<Record<string, RefKind>> } = {
  parcel: {},
  household: { surveyorId: 'user' },
  person: { householdId: 'household', privacyNoticeBy: 'user' },
  case: { personId: 'person', householdId: 'household', assignedTo: 'user' },
  caseStatusChange: { caseId: 'case' },
  visit: { caseId: 'case', personId: 'person', officerId: 'user' },
  assistance: {
    caseId: 'case',
    personId: 'person',
    householdId: 'household',
    reversesId: 'assistance',
  },
  programEnrollment: { personId: 'person', caseId: 'case' },
};

/** Names of records and users the screen has looked up (on the device or from the server). */
export type RefNames = ReadonlyMap<string, string>;

export function isRecordType(type: string): type is RecordType {
  return Object.hasOwn(recordLabelsTh.fields, type);
}

/**
 * `ถนน`; a nested path (`gps.lat`) is named by its field. A field this app version does not
 * know keeps its name (a newer app sent it).
 */
export function fieldLabel(type: RecordType | string | null, field: string): string {
  if (field === 'deleted') return labels().deleted;
  const top = field.split('.')[0] ?? field;
  const tables = type && isRecordType(type) ? [labels().fields[type]] : [];
  // Without a type (an old quarantine entry), the first record type with this field names it.
  tables.push(...Object.values(labels().fields));
  for (const fields of tables as Array<Readonly<Record<string, string>>>) {
    if (fields[top]) return fields[top];
  }
  return field;
}

/** The label of one enum value, or undefined when the field has no enum or the value is new. */
export function enumLabel(
  type: RecordType,
  field: string,
  value: string | number,
): string | undefined {
  return labels().values[type][field]?.[String(value)];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Square wah as `ไร่-งาน-ตร.ว.`: 1 ไร่ = 4 งาน = 400 ตร.ว. */
export function landText(squareWah: number): string {
  const rai = Math.floor(squareWah / 400);
  const ngan = Math.floor((squareWah % 400) / 100);
  const wah = squareWah % 100;
  return t('hh.value.land', { rai: numberText(rai), ngan, wah });
}

function objectText(field: string, value: Record<string, unknown>): string {
  // What the server sends in place of a value this role may not see, or one a PDPA erasure took.
  if (value.hidden === true) return t('value.hidden');
  if (value.erased === true) return t('value.erased');
  if (typeof value.lat === 'number' && typeof value.lng === 'number') {
    return `${value.lat.toFixed(5)}, ${value.lng.toFixed(5)}`;
  }
  if (field === 'adl' || ADL_ITEMS.some((item) => item in value)) {
    const score = adlScore(value as AdlItems);
    return score === null ? t('value.adlPartial') : t('value.adl', { score });
  }
  if (typeof value.sha256 === 'string') return t('value.photos', { count: 1 });
  return Object.entries(value)
    .map(([key, inner]) => `${fieldLabel(null, key)}: ${valueText(null, key, inner)}`)
    .join(', ');
}

function numberValueText(field: string, value: number): string {
  if (field.endsWith('THB')) return t('hh.value.thb', { amount: numberText(value) });
  if (field === 'farmLandSqWah') return landText(value);
  if (field === 'mooNo') return t('home.mooNo', { mooNo: value });
  return numberText(value);
}

function stringValueText(field: string, value: string): string {
  if (ISO_DATE.test(value)) return date(value);
  if (ISO_DATE_TIME.test(value)) return dateTime(value);
  if (field === 'houseCode' && /^\d{11}$/.test(value)) {
    return `${value.slice(0, 4)}-${value.slice(4, 10)}-${value.slice(10)}`;
  }
  return value;
}

/**
 * A field's value in words: enum labels, Thai number grouping with units (บาท, ไร่-งาน-ตร.ว.),
 * yes/no, พ.ศ. dates, another record's name from `names`, and "ยังไม่ได้ตอบ" when nothing was
 * answered (never "no": an unanswered yes/no question is not a no).
 */
export function valueText(
  type: RecordType | string | null,
  field: string,
  value: unknown,
  names?: RefNames,
): string {
  if (value === null || value === undefined || value === '') return t('value.unanswered');
  if (Array.isArray(value)) {
    if (value.length === 0) return t('value.unanswered');
    if (value.every((item) => typeof item === 'object' && item && 'sha256' in item)) {
      return t('value.photos', { count: value.length });
    }
    return value.map((item) => valueText(type, field, item, names)).join(', ');
  }
  const known = type && isRecordType(type) ? type : null;
  if (typeof value === 'boolean') {
    if (field === 'deleted') return value ? t('value.deleted') : t('value.notDeleted');
    return value ? t('value.true') : t('value.false');
  }
  if (known && (typeof value === 'string' || typeof value === 'number')) {
    const label = enumLabel(known, field, value);
    if (label) return label;
    const ref = REF_FIELDS[known][field];
    if (ref && typeof value === 'string') return refText(ref, value, names);
  }
  if (typeof value === 'number') return numberValueText(field, value);
  if (typeof value === 'string') return stringValueText(field, value);
  if (typeof value === 'object') return objectText(field, value as Record<string, unknown>);
  return String(value);
}

/** Another record or a user by name; one not on this device says what it is, not its id. */
export function refText(kind: RefKind, id: string, names?: RefNames): string {
  const name = names?.get(id);
  if (name) return name;
  return kind === 'user'
    ? t('value.otherUser')
    : t('value.otherRecord', { type: t(`record.type.${kind}`) });
}
