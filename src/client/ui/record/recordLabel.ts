import type { RecordType } from '../../../shared/sync/protocol';
import { db, type TambonDatabase } from '../../db/database';
import { getLocalRecord, type LocalRecord } from '../../sync/localRecords';
import { t } from '../i18n';
import { isRecordType, REF_FIELDS, type RefNames, valueText } from '../i18n/recordText';
import { useLiveQuery } from '../useLiveQuery';
import { personName } from './labels';

/**
 * A record's name as people say it: `บ้านเลขที่ 99/9`, a person's name, a case's category;
 * one this device does not hold says what it is, not its id.
 */
export function recordLabel(
  record: LocalRecord | null,
  recordId: string,
  type?: string | null,
): string {
  const fields = record?.fields ?? {};
  const kind = record?.type ?? type;
  if (kind === 'household' && typeof fields.houseNo === 'string') {
    return t('record.household', { houseNo: fields.houseNo });
  }
  if (
    kind === 'person' &&
    (typeof fields.firstName === 'string' || typeof fields.lastName === 'string')
  ) {
    return personName({ id: recordId, fields } as Parameters<typeof personName>[0]);
  }
  if (record && kind && isRecordType(kind) && kind !== 'household' && kind !== 'person') {
    const category = fields.category ?? fields.programCode;
    const field = fields.category ? 'category' : 'programCode';
    if (typeof category === 'string') return valueText(kind, field, category);
  }
  return kind && isRecordType(kind)
    ? t('value.otherRecord', { type: t(`record.type.${kind}`) })
    : t('record.unnamed', { id: recordId.slice(-6) });
}

/** The ids of other records a set of field values points to (for `loadRecordNames`). */
export function referencedIds(type: string | null, fields: Iterable<[string, unknown]>): string[] {
  if (!type || !isRecordType(type)) return [];
  const refs = REF_FIELDS[type as RecordType];
  const ids: string[] = [];
  for (const [field, value] of fields) {
    if (refs[field] && refs[field] !== 'user' && typeof value === 'string') ids.push(value);
  }
  return ids;
}

/** Names of the records with these ids that this device holds (`บ้านเลขที่ 99/9`, a name…). */
export async function loadRecordNames(
  database: TambonDatabase,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const record = await getLocalRecord(database, id);
      if (record) names.set(id, recordLabel(record, id));
    }),
  );
  return names;
}

/** Record and user names together, for `valueText`. */
export function mergeNames(...maps: Array<RefNames | null | undefined>): Map<string, string> {
  const merged = new Map<string, string>();
  for (const map of maps) for (const [id, name] of map ?? []) merged.set(id, name);
  return merged;
}

/** `loadRecordNames` as a live query, for screens that list records fetched from the server. */
export function useRecordNames(ids: readonly string[]): Map<string, string> {
  const key = [...new Set(ids)].sort().join(',');
  return useLiveQuery(
    () => (key ? loadRecordNames(db(), key.split(',')) : Promise.resolve(new Map())),
    [key],
    EMPTY_NAMES,
  );
}

const EMPTY_NAMES = new Map<string, string>();
