import { z } from 'zod';
import { AttachmentRef, HouseholdFields } from '../model/household';
import { ParcelFields } from '../model/parcel';
import { PersonFields } from '../model/person';
import {
  AssistanceFields,
  CaseStatusChangeFields,
  ProgramEnrollmentFields,
  VisitFields,
  WelfareCaseFields,
} from '../model/welfare';
import {
  MAX_FIELD_BYTES,
  MAX_FIELD_DEPTH,
  MAX_RECORD_BYTES,
  MAX_UNKNOWN_FIELD_BYTES,
  MAX_UNKNOWN_FIELDS,
} from './limits';
import { DELETED_FIELD } from './merge';
import type { FieldValues, RecordType } from './protocol';

/** The field schema of each record type. */
export const FIELD_SCHEMAS: Record<RecordType, z.ZodObject> = {
  household: HouseholdFields,
  person: PersonFields,
  case: WelfareCaseFields,
  caseStatusChange: CaseStatusChangeFields,
  visit: VisitFields,
  assistance: AssistanceFields,
  programEnrollment: ProgramEnrollmentFields,
  parcel: ParcelFields,
};

export interface PatchIssue {
  /** Dotted, starting with the field name (`gps.lat`). */
  path: string;
  message: string;
}

/**
 * Checks the fields a mutation carries against its type's schema, as `.partial()` would, field
 * by field: absent fields are not required (a patch carries changed fields only), unknown
 * fields pass untouched (a newer app may know them), and `null` clears an optional field.
 * The server quarantines a mutation with issues; the app can run the same check before saving.
 */
export function validatePatch(type: RecordType, patch: FieldValues): PatchIssue[] {
  const issues: PatchIssue[] = [];
  if (Object.hasOwn(patch, DELETED_FIELD) && typeof patch[DELETED_FIELD] !== 'boolean') {
    issues.push({ path: DELETED_FIELD, message: 'expected_boolean' });
  }
  const schema = FIELD_SCHEMAS[type];
  if (!schema) return issues;
  const shape = schema.shape as Record<string, z.ZodType>;
  for (const [field, value] of Object.entries(patch)) {
    if (!Object.hasOwn(shape, field)) continue;
    const fieldSchema = shape[field] as z.ZodType;
    if (value === null && fieldSchema.safeParse(undefined).success) continue;
    const result = fieldSchema.safeParse(value);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      issues.push({ path: [field, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  }
  return issues;
}

/** A reference to a stored file, wherever it sits in a field value: `{sha256, size, mime}`. */
export interface BlobRef {
  sha256: string;
  size: number;
  mime: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_DEPTH = 8;

/** Every attachment ref inside `value` (objects and arrays, a few levels deep), deduplicated. */
export function findBlobRefs(value: unknown): BlobRef[] {
  if (value === null || typeof value !== 'object') return [];
  const found = new Map<string, BlobRef>();
  collectBlobRefs(value, 0, found);
  return [...found.values()];
}

function collectBlobRefs(node: unknown, depth: number, found: Map<string, BlobRef>): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectBlobRefs(item, depth + 1, found);
    return;
  }
  const candidate = node as Record<string, unknown>;
  if (
    typeof candidate.sha256 === 'string' &&
    SHA256_HEX.test(candidate.sha256) &&
    typeof candidate.size === 'number' &&
    typeof candidate.mime === 'string'
  ) {
    found.set(candidate.sha256, {
      sha256: candidate.sha256,
      size: candidate.size,
      mime: candidate.mime,
    });
    return;
  }
  for (const child of Object.values(candidate)) collectBlobRefs(child, depth + 1, found);
}

/**
 * The fields of each type that hold photos (a list of `AttachmentRef`): the only places a
 * record may reference a stored file, so the only ones that grant a village the right to
 * download it.
 */
export const PHOTO_FIELDS: Record<RecordType, readonly string[]> = Object.fromEntries(
  Object.entries(FIELD_SCHEMAS).map(([type, schema]) => [
    type,
    Object.entries(schema.shape as Record<string, z.ZodType>)
      .filter(([, field]) => isPhotoList(field))
      .map(([name]) => name),
  ]),
) as unknown as Record<RecordType, readonly string[]>;

function isPhotoList(field: z.ZodType): boolean {
  const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  return inner instanceof z.ZodArray && inner.element === AttachmentRef;
}

export function isPhotoField(type: RecordType, field: string): boolean {
  return PHOTO_FIELDS[type]?.includes(field) ?? false;
}

/** The files a record's field references, if it is a photo field of the type; else none. */
export function photoRefs(type: RecordType, field: string, value: unknown): BlobRef[] {
  return isPhotoField(type, field) ? findBlobRefs(value) : [];
}

/** True when `value` nests deeper than `limit`. Walked without recursion: any depth is safe. */
export function deeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as object;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (child === null || typeof child !== 'object') continue;
      nodes.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}

/** UTF-8 bytes of a value's JSON (call after `deeperThan`: JSON.stringify recurses). */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  if (!NON_ASCII.test(json)) return json.length;
  let bytes = json.length;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code >= 0x800 && (code < 0xd800 || code > 0xdfff)) bytes += 2;
    else if (code >= 0x80 && code < 0x800) bytes += 1;
  }
  return bytes;
}

const NON_ASCII = /[\u0080-\uffff]/;

export interface BoundsIssue {
  reason: 'too_large' | 'too_deep';
  /** The field past its bound, or none for the record's totals. */
  field?: string;
  limit: number;
  /** What the field or record would have: bytes, depth or a count of unknown fields. */
  measured?: number;
}

/**
 * Each field value a mutation writes, against the depth and size bounds: the issue, or the
 * size of each value (for `recordBounds`).
 */
export function measurePatch(patch: FieldValues): BoundsIssue | Map<string, number> {
  const sizes = new Map<string, number>();
  for (const [field, value] of Object.entries(patch)) {
    if (field === DELETED_FIELD) continue;
    if (deeperThan(value, MAX_FIELD_DEPTH)) {
      return { reason: 'too_deep', field, limit: MAX_FIELD_DEPTH };
    }
    const bytes = jsonBytes(value);
    if (bytes > MAX_FIELD_BYTES) {
      return { reason: 'too_large', field, limit: MAX_FIELD_BYTES, measured: bytes };
    }
    sizes.set(field, bytes);
  }
  return sizes;
}

/** The size of each field value of a stored record (depth and size were checked on the way in). */
export function fieldSizes(fields: FieldValues): Map<string, number> {
  return new Map(Object.entries(fields).map(([field, value]) => [field, jsonBytes(value)]));
}

/**
 * The record as a mutation would leave it, against the bounds of the whole record: the fields
 * this server does not know (count and bytes) and all fields together. A bound already passed
 * before the mutation (a record stored before the bounds) only refuses a mutation that grows it.
 */
export function recordBounds(
  type: RecordType,
  before: ReadonlyMap<string, number>,
  patch: ReadonlyMap<string, number>,
): BoundsIssue | null {
  const after = new Map([...before, ...patch]);
  const shape = FIELD_SCHEMAS[type]?.shape ?? {};
  const totals = (sizes: ReadonlyMap<string, number>) => {
    let bytes = 0;
    let unknownCount = 0;
    let unknownBytes = 0;
    for (const [field, size] of sizes) {
      bytes += size;
      if (Object.hasOwn(shape, field)) continue;
      unknownCount++;
      unknownBytes += size;
    }
    return { bytes, unknownCount, unknownBytes };
  };
  const then = totals(before);
  const now = totals(after);
  const past = (key: keyof typeof now, limit: number) => now[key] > limit && now[key] > then[key];
  if (past('unknownCount', MAX_UNKNOWN_FIELDS)) {
    return { reason: 'too_large', limit: MAX_UNKNOWN_FIELDS, measured: now.unknownCount };
  }
  if (past('unknownBytes', MAX_UNKNOWN_FIELD_BYTES)) {
    return { reason: 'too_large', limit: MAX_UNKNOWN_FIELD_BYTES, measured: now.unknownBytes };
  }
  if (past('bytes', MAX_RECORD_BYTES)) {
    return { reason: 'too_large', limit: MAX_RECORD_BYTES, measured: now.bytes };
  }
  return null;
}
