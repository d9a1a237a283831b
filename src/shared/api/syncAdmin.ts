import { z } from 'zod';
import { Uuid } from '../model/organization';
import { QUARANTINE_REASONS } from '../sync/permissions';
import { Conflict, MutationResult, RecordType, SyncRecord } from '../sync/protocol';

/** Supervisor review of what sync could not apply on its own: quarantine and conflicts. */

export const QUARANTINE_STATUSES = ['open', 'accepted', 'rejected'] as const;
export const QuarantineStatus = z.enum(QUARANTINE_STATUSES);
export type QuarantineStatus = z.infer<typeof QuarantineStatus>;

export const QuarantineReason = z.enum(QUARANTINE_REASONS);

/** A pushed mutation the server refused, stored whole as the device sent it. */
export const QuarantineEntry = z.object({
  id: Uuid,
  mutationId: z.string(),
  clientId: z.string(),
  userId: Uuid,
  username: z.string().nullable(),
  /** Null when the stored mutation did not even name a valid village, type or record. */
  villageId: Uuid.nullable(),
  type: RecordType.nullable(),
  recordId: Uuid.nullable(),
  txId: z.string().nullable(),
  /** The mutation exactly as pushed. */
  mutation: z.unknown(),
  reason: QuarantineReason,
  /** For `invalid_fields`: the failing fields `[{path, message}]`. */
  details: z.unknown(),
  createdAt: z.string(),
  status: QuarantineStatus,
  handledBy: Uuid.nullable(),
  handledAt: z.string().nullable(),
  /** The reviewer's reason (reject) or note (accept). */
  note: z.string().nullable(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;

/** Newest first; pass `nextBefore` back as `before` for the next page. */
export const QuarantineQuery = z.object({
  status: z.enum([...QUARANTINE_STATUSES, 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: Uuid.optional(),
});
export type QuarantineQuery = z.infer<typeof QuarantineQuery>;

export const QuarantineResponse = z.object({
  entries: z.array(QuarantineEntry),
  nextBefore: Uuid.nullable(),
});
export type QuarantineResponse = z.infer<typeof QuarantineResponse>;

/**
 * Applies the stored mutation as the reviewer's own decision, through the same merge as a
 * push, into `villageId` (one the reviewer may see) or the mutation's own village.
 */
export const AcceptQuarantineRequest = z.object({
  villageId: Uuid.optional(),
  note: z.string().trim().max(500).optional(),
});
export type AcceptQuarantineRequest = z.infer<typeof AcceptQuarantineRequest>;

export const AcceptQuarantineResponse = z.object({
  entry: QuarantineEntry,
  result: MutationResult,
  /** The record as it now stands. */
  record: SyncRecord.nullable(),
});
export type AcceptQuarantineResponse = z.infer<typeof AcceptQuarantineResponse>;

export const RejectQuarantineRequest = z.object({ reason: z.string().trim().min(1).max(500) });
export type RejectQuarantineRequest = z.infer<typeof RejectQuarantineRequest>;

export const RejectQuarantineResponse = z.object({ entry: QuarantineEntry });
export type RejectQuarantineResponse = z.infer<typeof RejectQuarantineResponse>;

export const ConflictStatus = z.enum(['open', 'resolved', 'all']);

export const ConflictsQuery = z.object({
  status: ConflictStatus.default('open'),
  villageId: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: Uuid.optional(),
});
export type ConflictsQuery = z.infer<typeof ConflictsQuery>;

/** A conflict as the review screen shows it: who resolved it, and its bucket seq. */
export const ConflictEntry = Conflict.extend({
  seq: z.number().int().nonnegative(),
  resolvedBy: Uuid.nullable(),
});
export type ConflictEntry = z.infer<typeof ConflictEntry>;

export const ConflictsResponse = z.object({
  conflicts: z.array(ConflictEntry),
  nextBefore: Uuid.nullable(),
});
export type ConflictsResponse = z.infer<typeof ConflictsResponse>;
