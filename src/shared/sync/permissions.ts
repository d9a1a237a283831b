import type { Role } from '../model/user';
import type { RecordType } from './protocol';

/**
 * Which record types each role may create or change, checked by the server on every pushed
 * mutation (a refused one is quarantined) and by the app to offer only what will be accepted.
 * Admins manage accounts and devices, not people's data (PDPA least privilege).
 */
export const WRITABLE_TYPES: Record<Role, readonly RecordType[]> = {
  // Admins import the tax map's parcels (public land records, not people's data); no other
  // role writes them, so a device cannot move or redraw a parcel.
  admin: ['parcel'],
  supervisor: [
    'household',
    'person',
    'case',
    'caseStatusChange',
    'visit',
    'assistance',
    'programEnrollment',
  ],
  surveyor: ['household', 'person', 'case', 'caseStatusChange'],
  welfare: [
    'household',
    'person',
    'case',
    'caseStatusChange',
    'visit',
    'assistance',
    'programEnrollment',
  ],
};

export function mayWrite(role: Role, type: RecordType): boolean {
  return WRITABLE_TYPES[role].includes(type);
}

/** Stable reasons a mutation is quarantined; the app shows each in Thai. */
export const QUARANTINE_REASONS = [
  'village_not_allowed',
  'role_not_allowed',
  'invalid_fields',
  'type_mismatch',
  'record_missing',
  'schema_unsupported',
  'transaction_failed',
  'device_revoked',
  'status_not_allowed',
  'append_only',
  /** The mutation writes a field an erasure purged, without having seen the erasure. */
  'field_erased',
  /** A role that only sees masked national IDs (`seesFullNationalId`) set one. */
  'national_id_not_allowed',
  /** A `create` whose id is already stored (a change to a record must be a patch). */
  'record_exists',
  /** A case status move from a status the device had not seen (stale or missing base). */
  'status_unseen',
  /** Past a bound of `limits.ts`: a field, the unknown fields or the whole record too big. */
  'too_large',
  /** A field value nested deeper than `MAX_FIELD_DEPTH`. */
  'too_deep',
  /**
   * A photo reference outside the type's photo fields, or to a photo on the server that this
   * user neither uploaded nor may see.
   */
  'blob_not_allowed',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];
