import type { RecordType } from '../sync/protocol';
import { SENSITIVE_PERSON_FIELDS } from './person';

/**
 * The fields of each record type that are PDPA s.26 sensitive data (DOMAIN.md §5) or free text
 * that usually describes someone's health: encrypted on the device, purged by an erasure
 * request, audited when viewed. Everything else stays clear so lists, filters and Dexie
 * indexes work without a key.
 */
export const SENSITIVE_FIELDS: Record<RecordType, readonly string[]> = {
  household: [],
  person: SENSITIVE_PERSON_FIELDS,
  case: ['description', 'statusReason'],
  caseStatusChange: ['reason'],
  visit: ['notes', 'adl'],
  assistance: ['note'],
  programEnrollment: [],
};

export function isSensitiveField(type: RecordType, field: string): boolean {
  return SENSITIVE_FIELDS[type].includes(field);
}
