import type { RecordType } from '../sync/protocol';
import type { PersonFields } from './person';

// Only type imports here: the device's storage layer needs this list on first load, without zod.

/**
 * PDPA s.26 sensitive data of a person (DOMAIN.md §5). The national ID is here too: it
 * identifies a person across every government register.
 */
export const SENSITIVE_PERSON_FIELDS = [
  'nationalId',
  'healthScheme',
  'chronicDiseases',
  'adl',
  'disabilityCard',
  'disabilityTypes',
  'bedridden',
  'idCardPhotos',
] as const satisfies ReadonlyArray<keyof PersonFields>;

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
