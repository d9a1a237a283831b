import type { Village } from '../../../shared/model/organization';
import { dateTime } from '../../ui/format';
import { isMessageKey, t } from '../../ui/i18n';

/** `หมู่ที่ 3 บ้านหนองแวง`, or a short id when the village is not in the list. */
export function villageLabel(
  villages: readonly Village[] | null,
  villageId: string | null,
): string {
  if (!villageId) return t('quarantine.unknownVillage');
  const village = villages?.find((v) => v.id === villageId);
  if (!village) return villageId.slice(-6);
  return `${t('home.mooNo', { mooNo: village.mooNo })} ${village.name}`;
}

/** The reason a mutation was quarantined, in the display language (the device's keys). */
export function quarantineReasonText(reason: string): string {
  const key = `sync.quarantine.${reason}`;
  return isMessageKey(key) ? t(key as 'sync.quarantine.unknown') : t('sync.quarantine.unknown');
}

/** A validation message code from the server (`invalid_date`…) as text. */
export function issueText(message: string): string {
  const key = `validation.${message}`;
  return isMessageKey(key) ? t(key as 'validation.invalid') : t('validation.invalid');
}

/** The time part of an HLC (`<ISO ms>-<counter>-<clientId>`), as a Buddhist-era date in Thai. */
export function hlcDateTime(hlc: string): string {
  return dateTime(hlc.slice(0, 24));
}
