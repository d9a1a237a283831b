import { useEffect } from 'preact/hooks';
import {
  type PersonFields,
  PRIVACY_NOTICE_VERSION,
  SENSITIVE_DATA_CONSENTS,
  type SensitiveDataConsent,
} from '../../shared/model/person';
import { seesFullNationalId } from '../../shared/model/roles';
import { formatNationalId, maskNationalId } from '../../shared/rules/nationalId';
import { currentUser, profile } from '../session/state';
import { dateTime } from '../ui/format';
import { t } from '../ui/i18n';
import { logSensitiveView } from './deviceEvents';

/**
 * How the person screens treat PDPA: national IDs masked by role, the notice and consent in
 * words, and the audit of who opened whose sensitive data (docs/domain.md §5).
 */

/** Whether the signed-in user may see (and so type and correct) whole national IDs. */
export function mayRevealNationalId(): boolean {
  const user = currentUser.value;
  return user !== null && seesFullNationalId(user.role);
}

/** `1-2345-67890-12-1` when `revealed`, else `1-xxxx-xxxxx-xx-1`. */
export function nationalIdText(nationalId: string, revealed: boolean): string {
  return revealed ? formatNationalId(nationalId) : maskNationalId(nationalId);
}

/** A user's name when the device knows it (the signed-in user's cached profile), else the id. */
export function userText(userId: string): string {
  const known = [currentUser.value, profile.value?.user].find((user) => user?.id === userId);
  return known?.name ?? userId;
}

type NoticeFields = Partial<
  Record<'privacyNoticeVersion' | 'privacyNoticeAt' | 'privacyNoticeBy', string>
>;

/** `ฉบับ 1 · 3 พ.ย. 2568 10:15 · โดย สมชาย ใจดี`, or why the notice is still to be given. */
export function noticeText(fields: NoticeFields): string {
  const { privacyNoticeVersion: version, privacyNoticeAt: at, privacyNoticeBy: by } = fields;
  if (!version) return t('hh.privacy.noticeNone');
  if (version !== PRIVACY_NOTICE_VERSION) return t('hh.privacy.noticeOld', { version });
  return t('hh.privacy.noticeRecorded', {
    version,
    date: at ? dateTime(at) : t('hh.value.unknown'),
    by: by ? userText(by) : t('hh.value.unknown'),
  });
}

/** `ยินยอม · 3 พ.ย. 2568 10:15`, or "not asked yet". */
export function consentText(fields: Partial<PersonFields>): string {
  const consent = fields.sensitiveDataConsent;
  if (!consent) return t('hh.privacy.consentNone');
  const label = t(`hh.privacy.consent.${consent}`);
  const at = fields.sensitiveDataConsentAt;
  return at ? t('hh.privacy.consentRecorded', { consent: label, date: dateTime(at) }) : label;
}

/**
 * The answers a surveyor may record: "withdrawn" only once consent was given (or already
 * withdrawn), since a person takes back only what they gave.
 */
export function consentOptions(stored: SensitiveDataConsent | undefined): SensitiveDataConsent[] {
  const withdrawable = stored === 'given' || stored === 'withdrawn';
  return SENSITIVE_DATA_CONSENTS.filter((consent) => consent !== 'withdrawn' || withdrawable);
}

/**
 * Logs that this user was shown `person`'s sensitive data, once per opening of the screen:
 * again for another person, not when the same person's record re-renders or changes.
 */
export function useSensitiveViewLog(person: { id: string; villageId: string } | null): void {
  const id = person?.id;
  const villageId = person?.villageId;
  useEffect(() => {
    if (id && villageId) void logSensitiveView({ id, villageId });
  }, [id, villageId]);
}
