// What a role receives of each field of each record type, decided here once and applied by
// every server path that hands people's data out: pull (records and conflicts), quarantine and
// conflict review, field history, exports and photo downloads.
import { HIDDEN_VALUE } from '../api/admin';
import { isErasedValue } from '../api/privacy';
import { isValidNationalId, maskNationalId } from '../rules/nationalId';
import type { RecordType } from '../sync/protocol';
import { type RoleName, seesFullNationalId, seesSensitiveValues } from './roles';
import { isSensitiveField, SENSITIVE_FIELDS } from './sensitive';

/**
 * `full`: the value as stored. `masked`: a national ID as `1-xxxx-xxxxx-xx-1`. `withheld`: not
 * sent at all (left out of a record; `HIDDEN_VALUE` where a review screen must show a slot).
 */
export type FieldAccess = 'full' | 'masked' | 'withheld';

/**
 * Photos of ID and disability cards show the whole national ID, so they go only to the roles
 * that see whole IDs (the field roles, who check people against their cards).
 */
export function seesIdCardPhotos(role: RoleName): boolean {
  return seesFullNationalId(role);
}

function accessOfKnownType(role: RoleName, type: RecordType, field: string): FieldAccess {
  if (type === 'person' && field === 'nationalId') {
    return seesFullNationalId(role) ? 'full' : 'masked';
  }
  if (type === 'person' && field === 'idCardPhotos') {
    return seesIdCardPhotos(role) ? 'full' : 'withheld';
  }
  // Health, disability and the free text that usually describes them: not for admins, who
  // manage accounts, not people.
  if (isSensitiveField(type, field) && !seesSensitiveValues(role)) return 'withheld';
  return 'full';
}

const STRICTNESS: Record<FieldAccess, number> = { full: 0, masked: 1, withheld: 2 };

/**
 * How `role` receives `field` of a record of `type`. A type the server could not read (a
 * quarantined mutation naming none, or a wrong one) gets the strictest rule any type has for
 * that field name.
 */
export function fieldAccess(role: RoleName, type: string | null, field: string): FieldAccess {
  if (type !== null && Object.hasOwn(SENSITIVE_FIELDS, type)) {
    return accessOfKnownType(role, type as RecordType, field);
  }
  let strictest: FieldAccess = 'full';
  for (const known of Object.keys(SENSITIVE_FIELDS) as RecordType[]) {
    const access = accessOfKnownType(role, known, field);
    if (STRICTNESS[access] > STRICTNESS[strictest]) strictest = access;
  }
  return strictest;
}

/**
 * One value as `role` may see it where a slot is shown (conflicts, quarantine, history):
 * masked, `HIDDEN_VALUE`, or as stored. Empty values and erasure markers carry nothing.
 */
export function shownFieldValue(
  role: RoleName,
  type: string | null,
  field: string,
  value: unknown,
): unknown {
  if (value === null || value === undefined || isErasedValue(value)) return value;
  const access = fieldAccess(role, type, field);
  if (access === 'full') return value;
  if (access === 'masked' && typeof value === 'string') return maskNationalId(value);
  return HIDDEN_VALUE;
}

/**
 * A record's field values as `role` may receive them on its device: masked national IDs,
 * withheld fields left out (the device keeps and validates only real values).
 */
export function maskedRecordFields<T extends Record<string, unknown>>(
  role: RoleName,
  type: string | null,
  fields: T,
): T {
  let out: Record<string, unknown> | null = null;
  for (const [field, value] of Object.entries(fields)) {
    const access = fieldAccess(role, type, field);
    if (access === 'full' || value === null || isErasedValue(value)) continue;
    out ??= { ...fields };
    if (access === 'masked' && typeof value === 'string') out[field] = maskNationalId(value);
    else delete out[field];
  }
  return (out ?? fields) as T;
}

/**
 * 13 digits in a row or grouped 1-4-5-2-1, standing alone: where a whole national ID may sit in
 * text (a UUID's groups are 8-4-4-4-12, so record ids are left alone).
 */
const ID_LIKE = /(?<![\dA-Za-z])(?:\d{13}|\d[\s-]\d{4}[\s-]\d{5}[\s-]\d{2}[\s-]\d)(?![\dA-Za-z])/g;

/** `text` with every whole national ID in it masked. */
export function withMaskedIdsIn(text: string): string {
  return text.replace(ID_LIKE, (found) =>
    isValidNationalId(found) ? maskNationalId(found) : found,
  );
}

/** Deeper than this, a stored payload is not shown: no review screen could, and it costs. */
const MAX_SHOWN_DEPTH = 16;

/**
 * Anything kept as a device sent it (a quarantined mutation, its rejection details) as `role`
 * may see it: every property named like a field of `type` follows `fieldAccess`, and any
 * string that is a whole national ID is masked for a role that does not see them, whatever
 * the property it hides under.
 */
export function shownPayload(role: RoleName, type: string | null, payload: unknown): unknown {
  const seesIds = seesFullNationalId(role);
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return seesIds ? node : withMaskedIdsIn(node);
    if (node === null || typeof node !== 'object') return node;
    if (depth >= MAX_SHOWN_DEPTH) return HIDDEN_VALUE;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const shown =
        fieldAccess(role, type, key) === 'full' ? value : shownFieldValue(role, type, key, value);
      out[key] = walk(shown, depth + 1);
    }
    return out;
  };
  return walk(payload, 0);
}
