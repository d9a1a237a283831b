import { z } from 'zod';
import { Uuid, Village } from '../model/organization';
import { ClientId } from '../model/user';
import { isHlc } from './hlc';
import { MAX_PUSH_MUTATIONS } from './limits';

/** The record types that sync. Lists (members, visits, assistance) are records of their own. */
export const RECORD_TYPES = [
  'household',
  'person',
  'case',
  'caseStatusChange',
  'visit',
  'assistance',
  'programEnrollment',
  /** A tax-map parcel (issue 16): written by an admin's import, read by every device of its village. */
  'parcel',
] as const;
export const RecordType = z.enum(RECORD_TYPES);
export type RecordType = z.infer<typeof RecordType>;

/** `__proto__` and friends can never be field names: every key matches this. */
export const FIELD_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
export const FieldName = z.string().regex(FIELD_NAME_PATTERN, { message: 'invalid_field_name' });

export const Hlc = z.string().refine(isHlc, { message: 'invalid_hlc' });

/** Who last set a field and when: `seq` is the bucket sequence of that write. */
export const FieldMeta = z.object({
  seq: z.number().int().nonnegative(),
  hlc: Hlc,
  by: z.string(),
});
export type FieldMeta = z.infer<typeof FieldMeta>;

export const FieldValues = z.record(FieldName, z.unknown());
export type FieldValues = z.infer<typeof FieldValues>;

/** A record as the server keeps it, with who set each field and when. */
export const SyncRecord = z.object({
  id: Uuid,
  type: RecordType,
  villageId: Uuid,
  schemaVersion: z.number().int().min(1),
  fields: FieldValues,
  deleted: z.boolean(),
  fieldMeta: z.record(FieldName, FieldMeta),
  seq: z.number().int().nonnegative(),
});
export type SyncRecord = z.infer<typeof SyncRecord>;

/**
 * A record as devices receive and keep it (pulled.ts): no `fieldMeta`, only the seq of each
 * field whose seq is not implied (implied: the record's `seq` for a field with a value, 0 for
 * `deleted`). Read a field's seq with `fieldSeqOf`.
 */
export const PulledRecord = z.object({
  id: Uuid,
  type: RecordType,
  villageId: Uuid,
  schemaVersion: z.number().int().min(1),
  fields: FieldValues,
  deleted: z.boolean(),
  seq: z.number().int().nonnegative(),
  fieldSeq: z.record(FieldName, z.number().int().nonnegative()),
});
export type PulledRecord = z.infer<typeof PulledRecord>;

export const MUTATION_OPS = ['create', 'patch', 'delete', 'restore', 'resolve'] as const;
export const MutationOp = z.enum(MUTATION_OPS);
export type MutationOp = z.infer<typeof MutationOp>;

export const MutationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}:[1-9]\d{0,15}$/, { message: 'invalid_mutation_id' });

export const Mutation = z.object({
  /** `clientId:n`, n counting 1, 2, 3… per device. */
  mutationId: MutationId,
  clientId: ClientId,
  /** Mutations sharing a txId land together or not at all (a household with its members). */
  txId: z.string().min(1).max(100),
  schemaVersion: z.number().int().min(1),
  hlc: Hlc,
  op: MutationOp,
  type: RecordType,
  id: Uuid,
  villageId: Uuid,
  /** Changed fields only. `deleted` is carried by the delete and restore ops. */
  patch: FieldValues,
  /** For each patched field, the seq of the value this device last saw (0 for a new record). */
  base: z.record(FieldName, z.number().int().nonnegative()),
});
export type Mutation = z.infer<typeof Mutation>;

export function mutationCounter(mutationId: string): number {
  return Number(mutationId.slice(mutationId.lastIndexOf(':') + 1));
}

export { MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS } from './limits';

export const PushRequest = z.object({
  clientId: ClientId,
  mutations: z.array(Mutation).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationStatus = z.enum(['applied', 'duplicate', 'quarantined']);
export type MutationStatus = z.infer<typeof MutationStatus>;

export const MutationResult = z.object({
  mutationId: z.string(),
  status: MutationStatus,
  /** Fields of this mutation that lost to a concurrent edit (kept as conflicts). */
  conflictFields: z.array(z.string()).optional(),
  /** Why it was quarantined: a stable code the device shows in Thai. */
  reason: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  lastN: z.number().int().nonnegative(),
  results: z.array(MutationResult),
  serverTime: z.string(),
  /**
   * Set when this device was revoked: its mutations were stored in quarantine for a supervisor
   * to review (every result is `quarantined`, reason `device_revoked`). The device now deletes
   * its local data; every other request answers 401 `device_revoked`.
   */
  revoked: z.boolean().optional(),
  /** The database's epoch: a new one means it was restored from a backup (see `epoch` below). */
  epoch: z.string().optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const Cursors = z.record(Uuid, z.number().int().nonnegative());
export type Cursors = z.infer<typeof Cursors>;

export const FieldVersion = z.object({ value: z.unknown(), hlc: Hlc, by: z.string() });
export type FieldVersion = z.infer<typeof FieldVersion>;

export const Conflict = z.object({
  id: Uuid,
  recordId: Uuid,
  type: RecordType,
  villageId: Uuid,
  field: FieldName,
  winner: FieldVersion,
  loser: FieldVersion,
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type Conflict = z.infer<typeof Conflict>;

export const PullRequest = z.object({
  clientId: ClientId,
  cursors: Cursors,
  limit: z.number().int().min(1).max(5000).default(1000),
});
export type PullRequest = z.infer<typeof PullRequest>;

/** A record that left a village this device syncs (moved to another village): drop it here. */
export const Departure = z.object({
  id: Uuid,
  villageId: Uuid,
  seq: z.number().int().nonnegative(),
});
export type Departure = z.infer<typeof Departure>;

export const PullResponse = z.object({
  changes: z.array(PulledRecord),
  departures: z.array(Departure),
  cursors: Cursors,
  hasMore: z.boolean(),
  ackedThroughN: z.number().int().nonnegative(),
  conflicts: z.array(Conflict),
  scope: z.object({ version: z.number().int().nonnegative(), villages: z.array(Village) }),
  serverTime: z.string(),
  /**
   * The database's epoch, new after each restore from a backup. A device that sees it change
   * sends again what the server had acknowledged and no longer has, and pulls everything afresh.
   */
  epoch: z.string().optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;
