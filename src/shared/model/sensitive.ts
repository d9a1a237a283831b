import type { RecordType } from '../sync/protocol';
import type { PersonFields } from './person';

// Only type imports here: the device's storage layer needs this list on first load, without zod.

/**
 * PDPA s.26 sensitive data of a person (docs/domain.md §5). The national ID is here too: it
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
 * The fields of each record type that are PDPA s.26 sensitive data (docs/domain.md §5) or free text
 * that usually describes someone's health: encrypted on the device, purged by an erasure
 * request, audited when viewed. On the device far more is sealed: see `CLEAR_AT_REST_FIELDS`.
 */
export const SENSITIVE_FIELDS: Record<RecordType, readonly string[]> = {
  household: [],
  person: SENSITIVE_PERSON_FIELDS,
  case: ['description', 'statusReason'],
  caseStatusChange: ['reason'],
  visit: ['notes', 'adl'],
  assistance: ['note'],
  programEnrollment: [],
  parcel: [],
};

/**
 * The only fields a device keeps in the clear at rest, per record type; every other field is
 * sealed under the user's data key, so a field added later is sealed unless someone adds it
 * here. Nothing is read from a user's database while it is locked, so clear fields serve only
 * as what a copied profile may show: how many records of each type a village holds, their ids,
 * and the house numbers of its households. Names, links between records (who a case, visit,
 * enrollment or assistance is about, who lives in which house), amounts, programmes, GPS and
 * every survey answer are sealed.
 */
export const CLEAR_AT_REST_FIELDS: Record<RecordType, readonly string[]> = {
  household: ['houseNo', 'mooNo'],
  person: [],
  case: [],
  caseStatusChange: [],
  visit: [],
  assistance: [],
  programEnrollment: [],
  // A parcel's code is the public tax-map identifier, as a house number is. Its shape and
  // area are public tax-map data too, but they stay sealed all the same: nothing reads them
  // while the database is locked, so clear geometry would serve only a thief, and next to the
  // clear house numbers it would show where the village's households are. Its attributes
  // (owner names in many offices' files) are sealed like any personal data. The link between
  // a household and its parcel is the household's `taxParcelCode` (sealed with the household).
  parcel: ['code'],
};

/** Whether a device may keep this field unsealed; unknown types keep nothing clear. */
export function isClearAtRest(type: string, field: string): boolean {
  return (
    (CLEAR_AT_REST_FIELDS as Record<string, readonly string[] | undefined>)[type]?.includes(
      field,
    ) ?? false
  );
}

export function isSensitiveField(type: RecordType, field: string): boolean {
  return SENSITIVE_FIELDS[type].includes(field);
}
