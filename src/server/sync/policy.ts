// The push policy: one pure decision per incoming mutation, from the record as stored (as the
// mutations before it in the same push leave it), the mutation and the actor. Nothing a device
// claims is taken on trust: a `create` of a stored id, a status the device had not seen, a
// record past its bounds and a photo of another village are all refused here. Merging the
// fields of an accepted mutation (and keeping conflicts) is merge.ts's job, not this one's.
import { seesFullNationalId } from '../../shared/model/roles';
import type { Role } from '../../shared/model/user';
import { mutationFieldValues } from '../../shared/sync/merge';
import { mayWrite, type QuarantineReason } from '../../shared/sync/permissions';
import type { Mutation, RecordType } from '../../shared/sync/protocol';
import {
  type BoundsIssue,
  findBlobRefs,
  isPhotoField,
  measurePatch,
  recordBounds,
  validatePatch,
} from '../../shared/sync/validate';
import { checkWelfareRules, type StoredStatus } from './welfareRules';

/** Who is writing: the pushing user, or a reviewer accepting a quarantined mutation. */
export interface Actor {
  userId: string;
  role: Role;
  /** The villages the actor may see and write (from `Store.visibleVillages`). */
  villageIds: ReadonlySet<string>;
  /**
   * A reviewer accepting a quarantined mutation, who saw the record as stored: a status move
   * counts as made from the stored status.
   */
  reviewing?: boolean;
}

/** The record as stored, as far as the policy needs it. */
export interface StoredState {
  type: RecordType;
  villageId: string;
  /** A case's status, for the transition rules. */
  status?: StoredStatus | undefined;
  /** UTF-8 bytes of each field's JSON, for the bounds of the record. */
  fieldBytes: ReadonlyMap<string, number>;
}

/** What the server holds of a photo a mutation references; absent when it has no such file. */
export type BlobAccess = 'uploaded' | 'visible' | 'foreign';

export interface PolicyInput {
  mutation: Mutation;
  actor: Actor;
  /** Undefined when no record has this id. */
  stored: StoredState | undefined;
  /** The fields of this record an erasure purged, with the seq of the erasure. */
  erased: ReadonlyMap<string, number> | undefined;
  /** For each photo hash the mutation references that the server holds: may this user use it. */
  blobs: ReadonlyMap<string, BlobAccess>;
}

export interface Rejection {
  reason: QuarantineReason;
  details?: unknown;
}

export type Verdict = { apply: true; after: StoredState } | { apply: false; rejection: Rejection };

/** Apply, with the record as it will then stand for the next mutation; or quarantine, and why. */
export function decideMutation(input: PolicyInput): Verdict {
  const sizes = measurePatch(input.mutation.patch);
  const rejection =
    sizes instanceof Map ? rejectionOf(input, sizes) : boundsRejection(sizes as BoundsIssue);
  if (rejection) return { apply: false, rejection };
  return { apply: true, after: stateAfter(input, sizes as Map<string, number>) };
}

function rejectionOf(input: PolicyInput, patchSizes: Map<string, number>): Rejection | null {
  const { mutation, actor, stored } = input;
  if (!actor.villageIds.has(mutation.villageId)) {
    return { reason: 'village_not_allowed', details: { villageId: mutation.villageId } };
  }
  if (!mayWrite(actor.role, mutation.type)) {
    return { reason: 'role_not_allowed', details: { role: actor.role, type: mutation.type } };
  }
  if (stored) {
    if (stored.type !== mutation.type) {
      return { reason: 'type_mismatch', details: { stored: stored.type } };
    }
    if (!actor.villageIds.has(stored.villageId)) {
      return { reason: 'village_not_allowed', details: { villageId: stored.villageId } };
    }
  } else if (mutation.op !== 'create') {
    return { reason: 'record_missing' };
  }
  const issues = validatePatch(mutation.type, mutation.patch);
  if (issues.length > 0) return { reason: 'invalid_fields', details: issues };
  const bounds = recordBounds(mutation.type, stored?.fieldBytes ?? new Map(), patchSizes);
  if (bounds) return boundsRejection(bounds);
  const welfare = checkWelfareRules(
    mutation,
    actor.role,
    { exists: stored !== undefined, status: stored?.status },
    actor.reviewing,
  );
  if (welfare) return welfare;
  // An existing record changes through patches, which carry what the device had seen; a
  // `create` over it would skip that (and the rules judged on it), so it is not applied.
  if (stored && mutation.op === 'create') return { reason: 'record_exists' };
  return (
    checkPrivacyRules(mutation, actor.role, stored !== undefined, input.erased) ??
    checkPhotos(mutation, input.blobs)
  );
}

function boundsRejection(issue: BoundsIssue): Rejection {
  const { reason, ...details } = issue;
  return { reason, details };
}

/**
 * PDPA: a role that sees masked national IDs may not change the one of an existing person (it
 * would overwrite a number it never saw; typing one in for a new person is allowed, the demo
 * loader and a supervisor's own survey do); and a value of an erased field from a device that had
 * not pulled the erasure is the erased data coming back, so it waits in quarantine for a
 * reviewer instead of being applied. A device that had seen the erasure (its `base` is at or
 * past it) writes a new fact, which is accepted as any edit.
 */
function checkPrivacyRules(
  mutation: Mutation,
  role: Role,
  exists: boolean,
  erased: ReadonlyMap<string, number> | undefined,
): Rejection | null {
  if (mutation.type !== 'person') return null;
  const patch = mutation.patch as Record<string, unknown>;
  if (exists && Object.hasOwn(patch, 'nationalId') && !seesFullNationalId(role)) {
    return { reason: 'national_id_not_allowed', details: { role } };
  }
  if (!erased) return null;
  const unseen = Object.keys(patch).filter((field) => {
    const erasedAt = erased.get(field);
    return erasedAt !== undefined && patch[field] != null && (mutation.base[field] ?? 0) < erasedAt;
  });
  return unseen.length > 0 ? { reason: 'field_erased', details: { fields: unseen } } : null;
}

/**
 * A stored file may be downloaded by every village whose records reference it, so a reference
 * is a grant: only in the type's photo fields, and only to a file the user uploaded or may
 * already see. A hash the server does not hold yet is the device's own photo, uploaded after
 * the push (its bytes must hash to it).
 */
function checkPhotos(mutation: Mutation, blobs: ReadonlyMap<string, BlobAccess>): Rejection | null {
  for (const [field, value] of Object.entries(mutation.patch)) {
    const refs = findBlobRefs(value);
    if (refs.length === 0) continue;
    if (!isPhotoField(mutation.type, field)) {
      return { reason: 'blob_not_allowed', details: { field } };
    }
    const foreign = refs.find((ref) => blobs.get(ref.sha256) === 'foreign');
    if (foreign) return { reason: 'blob_not_allowed', details: { field, sha256: foreign.sha256 } };
  }
  return null;
}

/** The photo hashes a mutation references in its type's photo fields. */
export function referencedPhotos(mutation: Mutation): string[] {
  return Object.entries(mutation.patch).flatMap(([field, value]) =>
    isPhotoField(mutation.type, field) ? findBlobRefs(value).map((ref) => ref.sha256) : [],
  );
}

/** The record as an applied mutation leaves it, for the next mutation of the same push. */
function stateAfter(input: PolicyInput, patchSizes: Map<string, number>): StoredState {
  const { mutation, stored } = input;
  const fieldBytes = new Map(stored?.fieldBytes ?? []);
  for (const [field, size] of patchSizes) fieldBytes.set(field, size);
  const written = mutationFieldValues(mutation).find(([field]) => field === 'status');
  const status: StoredStatus | undefined =
    mutation.type === 'case' && typeof written?.[1] === 'string'
      ? {
          value: written[1] as StoredStatus['value'],
          seq: Number.MAX_SAFE_INTEGER,
          clientId: mutation.clientId,
        }
      : stored?.status;
  return { type: mutation.type, villageId: mutation.villageId, status, fieldBytes };
}
