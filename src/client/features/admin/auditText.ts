import type { AuditEntry } from '../../../shared/api/admin';
import { ROLES } from '../../../shared/model/roles';
import { bytes, dateTime } from '../../ui/format';
import { isMessageKey, type MessageKey, t } from '../../ui/i18n';
import { fieldLabel } from '../../ui/i18n/recordText';
import { quarantineReasonText, villageLabel } from './reviewText';

/** Every action the server writes to the audit log (a unit test reads the server for them). */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.rotate',
  'user.create',
  'user.update',
  'user.password_reset',
  'user.password_change',
  'village.create',
  'village.update',
  'device.revoke',
  'organization.create',
  'demo.load',
  'parcels.import',
  'basemap.upload',
  'basemap.delete',
  'sync.push',
  'sync.push_revoked',
  'blob.upload',
  'quarantine.accept',
  'quarantine.reject',
  'privacy.request',
  'privacy.close',
  'privacy.approve',
  'privacy.export',
  'privacy.erase',
  'audit.export',
  'audit.event_refused',
  'person.view',
  'import.create',
  'import.undo',
  'export',
] as const;

/** `เข้าสู่ระบบ` for `auth.login`; an action from a newer server says it is another one. */
export function actionText(action: string): string {
  const key = `audit.action.${action}`;
  return isMessageKey(key)
    ? t(key as MessageKey as 'audit.action.unknown')
    : t('audit.action.unknown');
}

type TargetKind = 'device' | 'user' | 'village' | 'record' | 'quarantine' | 'photo' | 'text';

/** What the `target` of each action is. */
const TARGET_KINDS: Record<string, TargetKind> = {
  'auth.login': 'device',
  'auth.logout': 'device',
  'auth.rotate': 'device',
  'sync.push': 'device',
  'sync.push_revoked': 'device',
  'device.revoke': 'device',
  'auth.login_failed': 'text',
  'user.create': 'user',
  'user.update': 'user',
  'user.password_reset': 'user',
  'user.password_change': 'user',
  'village.create': 'village',
  'village.update': 'village',
  'quarantine.accept': 'quarantine',
  'quarantine.reject': 'quarantine',
  'blob.upload': 'photo',
};

/** Users, devices, villages and records by id, as the audit screen could look them up. */
export interface AuditNames {
  users: ReadonlyMap<string, string>;
  devices: ReadonlyMap<string, string>;
  villages: Parameters<typeof villageLabel>[0];
  records: ReadonlyMap<string, string>;
}

function idText(id: string, names: AuditNames, kind: TargetKind): string {
  const named =
    names.users.get(id) ??
    names.devices.get(id) ??
    names.records.get(id) ??
    names.villages?.find((v) => v.id === id);
  if (typeof named === 'string') return named;
  if (named) return villageLabel(names.villages, id);
  if (kind === 'text') return id;
  return t(`audit.target.${kind}`);
}

/** The target in words: a user's or device's name, a village, a record, never a bare id. */
export function targetText(
  entry: Pick<AuditEntry, 'action' | 'target'>,
  names: AuditNames,
): string {
  if (!entry.target) return t('common.none');
  return idText(entry.target, names, TARGET_KINDS[entry.action] ?? 'record');
}

/** Internal ids that mean nothing to a reader (the CSV keeps them). */
const HIDDEN_KEYS = new Set(['mutationId', 'requestId', 'eventId', 'seq']);

function detailValue(key: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (Array.isArray(value)) {
    if (key === 'fields' || key === 'conflictFields') {
      return value.map((field) => fieldLabel(null, String(field))).join(', ');
    }
    return value.map((item) => detailValue(key, item, names)).join(', ');
  }
  if (typeof value === 'boolean') return value ? t('value.true') : t('value.false');
  if (typeof value === 'number')
    return key === 'size' ? bytes(value) : value.toLocaleString('th-TH');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([inner, v]) => `${keyText(inner)} ${detailValue(inner, v, names)}`)
      .join(' · ');
  }
  const text = String(value);
  if (key === 'role' && (ROLES as readonly string[]).includes(text))
    return t(`role.${text}` as 'role.admin');
  if (key === 'reason') return reasonText(text);
  if (key === 'kind' && isMessageKey(`privacy.kind.${text}`))
    return t(`privacy.kind.${text}` as 'privacy.kind');
  if (key === 'outcome' && isMessageKey(`privacy.outcome.${text}`)) {
    return t(`privacy.outcome.${text}` as 'privacy.outcome.done');
  }
  if (key === 'action') return actionText(text);
  if (key === 'timeRefused' && isMessageKey(`audit.timeRefused.${text}`)) {
    return t(`audit.timeRefused.${text}` as 'audit.timeRefused.before_2020');
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return dateTime(text);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(text) || key === 'clientId' || key.endsWith('Id')) {
    return idText(text, names, idKind(key));
  }
  return text;
}

function idKind(key: string): TargetKind {
  if (key === 'clientId') return 'device';
  if (key === 'villageId' || key === 'villageIds') return 'village';
  if (key === 'userId' || key.endsWith('UserId')) return 'user';
  return 'record';
}

function reasonText(reason: string): string {
  if (isMessageKey(`error.${reason}`)) return t(`error.${reason}` as 'error.unknown');
  if (isMessageKey(`sync.quarantine.${reason}`)) return quarantineReasonText(reason);
  return reason;
}

function keyText(key: string): string {
  const name = `audit.key.${key}`;
  if (isMessageKey(name)) return t(name as 'audit.key.other');
  const label = fieldLabel(null, key);
  // A key the server added after this screen was written never shows as code.
  return label === key ? t('audit.key.other') : label;
}

/** `details` as readable lines, `[label, value]`, Thai keys and values, ids as names. */
export function detailLines(details: unknown, names: AuditNames): Array<[string, string]> {
  if (details === null || details === undefined) return [];
  if (typeof details !== 'object' || Array.isArray(details)) {
    return [[t('audit.key.other'), detailValue('', details, names)]];
  }
  const lines: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    if (HIDDEN_KEYS.has(key)) continue;
    if (key === 'details' && value && typeof value === 'object') {
      lines.push(...detailLines(value, names));
      continue;
    }
    lines.push([keyText(key), detailValue(key, value, names)]);
  }
  return lines;
}
