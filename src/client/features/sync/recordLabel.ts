import type { LocalRecord } from '../../sync/localRecords';
import { isMessageKey, t } from '../../ui/i18n';

/** A short human name for a record: house number, person's name, or its id. */
export function recordLabel(record: LocalRecord | null, recordId: string): string {
  const fields = record?.fields ?? {};
  if (record?.type === 'household' && typeof fields.houseNo === 'string') {
    return t('record.household', { houseNo: fields.houseNo });
  }
  const name = [fields.firstName, fields.lastName]
    .filter((part) => typeof part === 'string')
    .join(' ');
  if (name) return name;
  return t('record.unnamed', { id: recordId.slice(-6) });
}

/** The field's label in the display language when the dictionary has one, else its name. */
export function fieldLabel(field: string): string {
  const key = `field.${field}`;
  return isMessageKey(key) ? t(key as 'field.deleted') : field;
}

/** A field value as text: yes/no, lists joined, empty shown as such. */
export function fieldValueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return t('value.empty');
  if (typeof value === 'boolean') return value ? t('value.true') : t('value.false');
  if (Array.isArray(value)) return value.map(fieldValueText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
