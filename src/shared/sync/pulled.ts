// The record as devices receive and keep it (`PulledRecord`): values, and per field only the
// seq a device needs as the `base` of its next edit. Who wrote a field and when (`fieldMeta`)
// stays on the server: it was six times the size of the values, on the wire and on the device.
import { DELETED_FIELD } from './merge';
import type { PulledRecord, SyncRecord } from './protocol';

/**
 * The seq a field has unless `fieldSeq` says otherwise: a field with a value was last set at
 * the record's seq (all of them, for a record created and never edited), `deleted` and fields
 * never set at 0.
 */
function impliedSeq(record: Pick<PulledRecord, 'fields' | 'seq'>, field: string): number {
  return field !== DELETED_FIELD && Object.hasOwn(record.fields, field) ? record.seq : 0;
}

/** The seq of the last write of `field`, as the server's `fieldMeta[field].seq` (0 if never). */
export function fieldSeqOf(record: PulledRecord, field: string): number {
  return Object.hasOwn(record.fieldSeq, field)
    ? (record.fieldSeq[field] as number)
    : impliedSeq(record, field);
}

/** The server's record as a device gets it: `fieldSeq` lists only the seqs not implied. */
export function toPulledRecord(record: SyncRecord): PulledRecord {
  const fieldSeq: Record<string, number> = {};
  const note = (field: string) => {
    const seq = Object.hasOwn(record.fieldMeta, field) ? (record.fieldMeta[field]?.seq ?? 0) : 0;
    if (seq !== impliedSeq(record, field)) fieldSeq[field] = seq;
  };
  for (const field of Object.keys(record.fieldMeta)) note(field);
  for (const field of Object.keys(record.fields)) {
    if (!Object.hasOwn(record.fieldMeta, field)) note(field);
  }
  return {
    id: record.id,
    type: record.type,
    villageId: record.villageId,
    schemaVersion: record.schemaVersion,
    fields: record.fields,
    deleted: record.deleted,
    seq: record.seq,
    fieldSeq,
  };
}
