// PDPA erasure through the sync write path.
import { ERASED_VALUE } from '../../shared/api/privacy';
import { formatHlc } from '../../shared/sync/hlc';
import type { SyncRecord } from '../../shared/sync/protocol';
import { findBlobRefs } from '../../shared/sync/validate';
import type { Store } from '../store';

/** The clock name of server-made erasures in `fieldMeta` and field history. */
const ERASURE_CLOCK_ID = 'server-privacy-erasure';

export interface Erasure {
  recordId: string;
  /** The record type's SENSITIVE_FIELDS. */
  fields: readonly string[];
  requestId: string;
  /** The user who handled the request. */
  by: string;
  at: string;
  /**
   * Applied again after a restore: the seq the erasure had first, which the new one must not
   * fall below (a device's `base` from before the erasure stays below it, so its old value is
   * still quarantined).
   */
  notBeforeSeq?: number;
}

export interface ErasureOutcome {
  record: SyncRecord;
  /** The fields that held a value. */
  purged: string[];
  blobsDeleted: number;
}

/**
 * A PDPA erasure through the sync write path, in the caller's transaction: the fields leave the
 * record at a new seq of its bucket (every device that pulls afterwards gets the record without
 * them; a device replaces its copy whole), their old values in field history, conflicts and
 * quarantine become `ERASED_VALUE`, photos nothing else references are deleted, and
 * `erased_fields` remembers the seq, so a push that had not seen it is quarantined
 * (`checkPrivacyRules`).
 */
export async function eraseFields(tx: Store, erasure: Erasure): Promise<ErasureOutcome> {
  const { recordId, by, at } = erasure;
  const record = (await tx.lockRecords([recordId])).get(recordId);
  if (!record) throw new Error(`record ${recordId} not found`);
  const villageId = record.villageId;
  if (erasure.notBeforeSeq) await tx.raiseBucketSeq(villageId, erasure.notBeforeSeq - 1);
  const seq = (await tx.takeSeqs(new Map([[villageId, 1]]))).get(villageId) as number;
  const hlc = formatHlc({ millis: Date.parse(at), counter: 0, clientId: ERASURE_CLOCK_ID });

  const purged = erasure.fields.filter((field) => Object.hasOwn(record.fields, field));
  const fields = { ...record.fields };
  const fieldMeta = { ...record.fieldMeta };
  for (const field of purged) {
    delete fields[field];
    fieldMeta[field] = { seq, hlc, by };
  }
  const erased: SyncRecord = { ...record, fields, fieldMeta, seq };
  await tx.updateRecords([erased], at);

  const replaced = await tx.redactRecordValues({
    recordId,
    fields: [...erasure.fields],
    marker: ERASED_VALUE,
    villageId,
    seq,
  });
  const photos = new Set(
    findBlobRefs([...purged.map((field) => record.fields[field]), ...replaced]).map(
      (ref) => ref.sha256,
    ),
  );
  if (purged.length > 0) {
    await tx.appendHistory([
      {
        recordId,
        villageId,
        values: Object.fromEntries(purged.map((field) => [field, ERASED_VALUE])),
        hlc,
        byUser: by,
        clientId: null,
        mutationId: null,
        seq,
        outcome: 'applied',
        clamped: false,
        at,
      },
    ]);
    await tx.markErased(
      purged.map((field) => ({ recordId, field, seq, requestId: erasure.requestId, at })),
    );
  }
  let blobsDeleted = 0;
  for (const sha256 of photos) {
    if (await tx.deleteBlobIfUnreferenced(sha256)) blobsDeleted++;
  }
  await tx.forgetRequestAnswers();
  return { record: erased, purged, blobsDeleted };
}
