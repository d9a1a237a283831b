import { compareHlc, parseHlc } from './hlc';
import type { FieldMeta, FieldVersion, Mutation, SyncRecord } from './protocol';

/** `deleted` travels as a field, so edit-vs-delete is an ordinary field conflict, never a loss. */
export const DELETED_FIELD = 'deleted';

export interface FieldConflict {
  field: string;
  winner: FieldVersion;
  loser: FieldVersion;
  /** True when the incoming mutation's value is the one that lost. */
  incomingLost: boolean;
}

export interface MergeOutcome {
  record: SyncRecord;
  /** Fields whose stored value changed, with the value written. */
  applied: Array<{ field: string; value: unknown }>;
  conflicts: FieldConflict[];
}

/** The field values a mutation writes, `deleted` included for delete and restore. */
export function mutationFieldValues(mutation: Mutation): Array<[string, unknown]> {
  const entries = Object.entries(mutation.patch).filter(([field]) => field !== DELETED_FIELD);
  if (mutation.op === 'delete') entries.push([DELETED_FIELD, true]);
  else if (mutation.op === 'restore') entries.push([DELETED_FIELD, false]);
  else if (mutation.op === 'resolve' && DELETED_FIELD in mutation.patch) {
    entries.push([DELETED_FIELD, mutation.patch[DELETED_FIELD] === true]);
  }
  return entries;
}

function emptyRecord(mutation: Mutation): SyncRecord {
  return {
    id: mutation.id,
    type: mutation.type,
    villageId: mutation.villageId,
    schemaVersion: mutation.schemaVersion,
    fields: {},
    deleted: false,
    fieldMeta: {},
    seq: 0,
  };
}

function readField(record: SyncRecord, field: string): unknown {
  if (field === DELETED_FIELD) return record.deleted;
  return Object.hasOwn(record.fields, field) ? record.fields[field] : null;
}

/** Sets a field's value and meta; returns what `applied` lists. */
function writeField(
  record: SyncRecord,
  field: string,
  value: unknown,
  meta: FieldMeta,
): { field: string; value: unknown } {
  if (field === DELETED_FIELD) record.deleted = value === true;
  else record.fields[field] = value;
  record.fieldMeta[field] = meta;
  return { field, value };
}

/**
 * Applies one mutation to the current state of its record, field by field.
 *
 * A field whose `base` equals its current seq was edited by someone who had seen the current
 * value: the edit applies whatever the clocks say. So does a later edit by the device that wrote
 * the stored value (a device's own edits are causally ordered, even when several wait in its
 * outbox with the same base). Otherwise the edit is concurrent with the stored one and the
 * greater HLC (time, counter, clientId) wins; the other value is returned as a conflict so the
 * caller keeps it. `stamp.seq` is the new bucket sequence of this write.
 * A device has always seen its own earlier edits (`sameClockEarlier`), and an edit of a record
 * deleted behind the editor's back is reported as a conflict on `deleted` (`unseenDeletion`).
 */
export function mergeMutation(
  current: SyncRecord | null,
  mutation: Mutation,
  stamp: { seq: number; by: string },
): MergeOutcome {
  const base = current ?? emptyRecord(mutation);
  const record: SyncRecord = {
    ...base,
    schemaVersion: Math.max(base.schemaVersion, mutation.schemaVersion),
    fields: { ...base.fields },
    fieldMeta: { ...base.fieldMeta },
  };
  const incomingMeta: FieldMeta = { seq: stamp.seq, hlc: mutation.hlc, by: stamp.by };
  const applied: MergeOutcome['applied'] = [];
  const conflicts: FieldConflict[] = [];

  const values = mutationFieldValues(mutation);
  for (const [field, value] of values) {
    const stored = Object.hasOwn(record.fieldMeta, field) ? record.fieldMeta[field] : undefined;
    const seenSeq = Object.hasOwn(mutation.base, field) ? mutation.base[field] : 0;
    if (!stored || seenSeq === stored.seq || sameClockEarlier(stored.hlc, mutation.hlc)) {
      applied.push(writeField(record, field, value, incomingMeta));
      continue;
    }
    const storedVersion: FieldVersion = {
      value: readField(record, field),
      hlc: stored.hlc,
      by: stored.by,
    };
    const incomingVersion: FieldVersion = { value, hlc: mutation.hlc, by: stamp.by };
    if (compareHlc(mutation.hlc, stored.hlc) > 0) {
      conflicts.push({ field, winner: incomingVersion, loser: storedVersion, incomingLost: false });
      applied.push(writeField(record, field, value, incomingMeta));
    } else {
      conflicts.push({ field, winner: storedVersion, loser: incomingVersion, incomingLost: true });
    }
  }

  const deletion = unseenDeletion(current, mutation, values);
  if (deletion) {
    conflicts.push({
      field: DELETED_FIELD,
      winner: deletion,
      loser: { value: false, hlc: mutation.hlc, by: stamp.by },
      incomingLost: true,
    });
  }

  if (applied.length > 0) record.seq = stamp.seq;
  return { record, applied, conflicts };
}

/**
 * Both HLCs come from the same device's clock and `stored` is the earlier one: the device made
 * the stored edit itself before this one, so it has seen it. Two edits of one field queued on a
 * device before it syncs carry the same stale `base`; they are sequential, not concurrent.
 */
export function sameClockEarlier(stored: string, incoming: string): boolean {
  const a = parseHlc(stored);
  const b = parseHlc(incoming);
  return a !== null && b !== null && a.clientId === b.clientId && compareHlc(stored, incoming) < 0;
}

/**
 * Edit versus delete: an edit of a record deleted by someone whose delete the editor had not
 * seen. The edited values are kept (applied to the tombstone or merged as usual) and the record
 * stays deleted, but the clash is reported as a conflict on `deleted` (winner: the delete,
 * loser: the editor's implicit "still alive") so someone can restore it. Returns the delete.
 */
function unseenDeletion(
  current: SyncRecord | null,
  mutation: Mutation,
  values: Array<[string, unknown]>,
): FieldVersion | null {
  if (!current?.deleted || values.length === 0) return null;
  if (values.some(([field]) => field === DELETED_FIELD)) return null;
  const meta = Object.hasOwn(current.fieldMeta, DELETED_FIELD)
    ? current.fieldMeta[DELETED_FIELD]
    : undefined;
  if (!meta) return null;
  const seen =
    Object.values(mutation.base).some((seq) => seq >= meta.seq) ||
    sameClockEarlier(meta.hlc, mutation.hlc);
  return seen ? null : { value: true, hlc: meta.hlc, by: meta.by };
}
