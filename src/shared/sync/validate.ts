import type { z } from 'zod';
import { HouseholdFields } from '../model/household';
import { PersonFields } from '../model/person';
import {
  AssistanceFields,
  CaseStatusChangeFields,
  ProgramEnrollmentFields,
  VisitFields,
  WelfareCaseFields,
} from '../model/welfare';
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
