// Applying mutations: server half of docs/architecture.md §5. Pure decisions (permissions, schema
// checks, the field merge from src/shared/sync/merge.ts) over records locked in one database
// transaction; sequence numbers from the village buckets, taken in that same transaction.
import { ERASED_VALUE } from '../../shared/api/privacy';
import { uuidv7 } from '../../shared/ids';
import { Uuid } from '../../shared/model/organization';
import { clampHlc, formatHlc, parseHlc } from '../../shared/sync/hlc';
import { MAX_FIELD_DEPTH } from '../../shared/sync/limits';
import { mergeMutation, mutationFieldValues } from '../../shared/sync/merge';
import {
  Mutation,
  type MutationResult,
  mutationCounter,
  RecordType,
  type SyncRecord,
} from '../../shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION, upgradeMutation } from '../../shared/sync/upgrade';
import {
  deeperThan,
  fieldSizes,
  findBlobRefs,
  jsonBytes,
  photoRefs,
} from '../../shared/sync/validate';
import type {
  ConflictRecord,
  DepartureRecord,
  HistoryWrite,
  QuarantineRecord,
  Store,
} from '../store';
import {
  type Actor,
  type BlobAccess,
  decideMutation,
  type Rejection,
  referencedPhotos,
  type StoredState,
} from './policy';
import { storedCaseStatus } from './welfareRules';

export type { Actor } from './policy';

/** One pushed mutation, checked as far as it can be without the database. */
export interface Incoming {
  /** As pushed, kept whole if it is quarantined. */
  raw: unknown;
  mutationId: string;
  n: number;
  clientId: string;
  /** Mutations of one run of equal txIds land together or not at all. */
  txId: string;
  /** Parsed, upgraded to the current schema version, HLC clamped. Null when invalid. */
  mutation: Mutation | null;
  clamped: boolean;
  /** Decided before any record is read (invalid, unsupported version, revoked device). */
  rejection: Rejection | null;
}

/**
 * How deep a pushed mutation may nest: its fields sit two levels down (`patch.<field>`). The
 * policy refuses a deeper field before anything is stored; a refused mutation is bounded before
 * it is written to quarantine as JSON (which would recurse through every level).
 */
const MAX_MUTATION_DEPTH = MAX_FIELD_DEPTH + 2;

/**
 * Parses and upgrades one pushed mutation. Anything wrong with it is a quarantine reason, not
 * an error of the whole push: one bad mutation never blocks the queue behind it.
 */
export function prepareIncoming(
  raw: { mutationId: string; clientId: string } & Record<string, unknown>,
  serverNow: number,
): Incoming {
  const base = {
    raw,
    mutationId: raw.mutationId,
    n: mutationCounter(raw.mutationId),
    clientId: raw.clientId,
    txId: typeof raw.txId === 'string' && raw.txId.length > 0 ? raw.txId : raw.mutationId,
    clamped: false,
  };
  const parsed = Mutation.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    return { ...base, mutation: null, rejection: { reason: 'invalid_fields', details } };
  }
  if (parsed.data.schemaVersion > CURRENT_SCHEMA_VERSION) {
    return {
      ...base,
      mutation: null,
      rejection: {
        reason: 'schema_unsupported',
        details: { schemaVersion: parsed.data.schemaVersion, current: CURRENT_SCHEMA_VERSION },
      },
    };
  }
  const upgraded = upgradeMutation(parsed.data);
  const { hlc, clamped } = clampHlc(upgraded.hlc, serverNow);
  return { ...base, mutation: { ...upgraded, hlc }, clamped, rejection: null };
}

/** An accepted mutation and where its record stood just before it. */
interface Planned {
  mutation: Mutation;
  clamped: boolean;
  /** The record's village before this mutation, when it moves to another one. */
  movedFrom: string | null;
}

export interface ApplyOptions {
  /** The time of this write (one clock reading per request). */
  at: string;
}

export interface ApplyOutcome {
  /** One per input, in input order. */
  results: MutationResult[];
  /** The records as they stand after this call, for the ones that changed. */
  records: Map<string, SyncRecord>;
  counts: { applied: number; quarantined: number; conflicts: number; clamped: number };
}

/**
 * Decides, merges and writes `units` (each a run of one txId, all-or-nothing: one refused
 * mutation quarantines the whole run) in the caller's transaction. Refused mutations are stored
 * whole in quarantine.
 */
export async function applyUnits(
  tx: Store,
  actor: Actor,
  units: Incoming[][],
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  const { at } = options;
  const all = units.flat();
  const ids = all.flatMap((incoming) => (incoming.mutation ? [incoming.mutation.id] : []));
  const stored = await tx.lockRecords(ids);
  const erased = await tx.erasedFields(
    all.flatMap((incoming) => (incoming.mutation?.type === 'person' ? [incoming.mutation.id] : [])),
  );

  const blobs = await blobAccess(tx, actor, all);

  // 1. Decide, unit by unit, against the records as earlier accepted units leave them.
  const shadow = new Map<string, StoredState>(
    [...stored.values()].map((r) => [
      r.id,
      {
        type: r.type,
        villageId: r.villageId,
        status: storedCaseStatus(r),
        fieldBytes: fieldSizes(r.fields),
      },
    ]),
  );
  const decisions = new Map<Incoming, Rejection | null>();
  const planned: Planned[] = [];
  const seqsNeeded = new Map<string, number>();
  const need = (villageId: string) =>
    seqsNeeded.set(villageId, (seqsNeeded.get(villageId) ?? 0) + 1);
  for (const unit of units) {
    const overlay = new Map<string, StoredState>();
    const view = (id: string) => overlay.get(id) ?? shadow.get(id);
    const unitPlans: Planned[] = [];
    const unitNeeds: string[] = [];
    let failed = false;
    for (const incoming of unit) {
      if (incoming.rejection) {
        decisions.set(incoming, incoming.rejection);
        failed = true;
        continue;
      }
      const mutation = incoming.mutation as Mutation;
      const before = view(mutation.id);
      const verdict = decideMutation({
        mutation,
        actor,
        stored: before,
        erased: erased.get(mutation.id),
        blobs,
      });
      if (!verdict.apply) {
        decisions.set(incoming, verdict.rejection);
        failed = true;
        continue;
      }
      decisions.set(incoming, null);
      const movedFrom = before && before.villageId !== mutation.villageId ? before.villageId : null;
      overlay.set(mutation.id, verdict.after);
      unitPlans.push({ mutation, clamped: incoming.clamped, movedFrom });
      unitNeeds.push(mutation.villageId);
      if (movedFrom) unitNeeds.push(movedFrom);
    }
    if (failed) {
      for (const incoming of unit) {
        if (!decisions.get(incoming)) decisions.set(incoming, { reason: 'transaction_failed' });
      }
      continue;
    }
    for (const [id, state] of overlay) shadow.set(id, state);
    planned.push(...unitPlans);
    for (const villageId of unitNeeds) need(villageId);
  }

  // 2. Sequence numbers: the buckets of every village written, in one UPDATE … RETURNING.
  const nextSeq = new Map<string, number>();
  for (const [villageId, last] of await tx.takeSeqs(seqsNeeded)) {
    nextSeq.set(villageId, last - (seqsNeeded.get(villageId) as number) + 1);
  }
  const takeSeq = (villageId: string): number => {
    const seq = nextSeq.get(villageId) as number;
    nextSeq.set(villageId, seq + 1);
    return seq;
  };

  // 3. Merge in order and collect every write.
  const records = new Map(stored);
  const dirty = new Set<string>();
  const history: HistoryWrite[] = [];
  const newConflicts: ConflictRecord[] = [];
  const departures: DepartureRecord[] = [];
  const blobRefs: Array<{ sha256: string; villageId: string }> = [];
  const conflictUpdates: Array<() => Promise<unknown>> = [];
  const resultByMutation = new Map<Mutation, MutationResult>();
  let conflictCount = 0;
  let clampedCount = 0;

  for (const plan of planned) {
    const { mutation, movedFrom } = plan;
    const clientId = mutation.clientId;
    const villageId = mutation.villageId;
    const seq = takeSeq(villageId);
    const current = records.get(mutation.id) ?? null;
    const outcome = mergeMutation(current, mutation, { seq, by: actor.userId });
    const record: SyncRecord = { ...outcome.record, villageId };
    // A new record, or one entering this village, is news there even if no field changed.
    if (!current) record.seq = seq;
    if (movedFrom) {
      record.seq = seq;
      departures.push({ recordId: record.id, villageId: movedFrom, seq: takeSeq(movedFrom) });
      conflictUpdates.push(() => tx.moveOpenConflicts(record.id, villageId, seq));
      for (const conflict of newConflicts) {
        if (conflict.recordId === record.id && conflict.resolvedAt === null) {
          conflict.villageId = villageId;
          conflict.seq = seq;
        }
      }
      for (const [field, value] of Object.entries(record.fields)) {
        for (const ref of photoRefs(record.type, field, value)) {
          blobRefs.push({ sha256: ref.sha256, villageId });
        }
      }
    }
    if (outcome.applied.length > 0 || movedFrom || !current) {
      records.set(record.id, record);
      dirty.add(record.id);
    }
    if (plan.clamped) clampedCount++;

    if (outcome.applied.length > 0) {
      const values: Record<string, unknown> = {};
      for (const { field, value } of outcome.applied) {
        values[field] = value;
        for (const ref of photoRefs(record.type, field, value)) {
          blobRefs.push({ sha256: ref.sha256, villageId });
        }
      }
      history.push({
        recordId: record.id,
        villageId,
        values,
        hlc: mutation.hlc,
        byUser: actor.userId,
        clientId,
        mutationId: mutation.mutationId,
        seq,
        outcome: 'applied',
        clamped: plan.clamped,
        at,
      });
    }

    if (mutation.op === 'resolve') {
      const fields = mutationFieldValues(mutation).map(([field]) => field);
      for (const conflict of newConflicts) {
        if (
          conflict.recordId === record.id &&
          fields.includes(conflict.field) &&
          conflict.resolvedAt === null
        ) {
          Object.assign(conflict, { resolvedAt: at, resolvedBy: actor.userId, seq, villageId });
        }
      }
      conflictUpdates.push(() =>
        tx.resolveConflicts({ recordId: record.id, fields, villageId, seq, by: actor.userId, at }),
      );
    }

    const lostFields: string[] = [];
    for (const conflict of outcome.conflicts) {
      conflictCount++;
      if (conflict.incomingLost) lostFields.push(conflict.field);
      newConflicts.push({
        id: uuidv7(Date.parse(at)),
        recordId: record.id,
        type: record.type,
        villageId,
        field: conflict.field,
        winner: conflict.winner,
        loser: conflict.loser,
        seq,
        createdAt: at,
        resolvedAt: null,
        resolvedBy: null,
      });
      history.push({
        recordId: record.id,
        villageId,
        values: { [conflict.field]: conflict.loser.value },
        hlc: conflict.loser.hlc,
        byUser: conflict.loser.by,
        clientId: conflict.incomingLost
          ? clientId
          : (parseHlc(conflict.loser.hlc)?.clientId ?? null),
        mutationId: conflict.incomingLost ? mutation.mutationId : null,
        seq,
        outcome: 'lost',
        clamped: conflict.incomingLost && plan.clamped,
        at,
      });
      for (const version of [conflict.winner, conflict.loser]) {
        for (const ref of photoRefs(record.type, conflict.field, version.value)) {
          blobRefs.push({ sha256: ref.sha256, villageId });
        }
      }
    }
    resultByMutation.set(mutation, {
      mutationId: mutation.mutationId,
      status: 'applied',
      ...(lostFields.length > 0 ? { conflictFields: lostFields } : {}),
    });
  }

  // 4. Write. Conflict updates touch only rows already stored, so they run before the insert.
  const newRecords = [...dirty].filter((id) => !stored.has(id));
  const changedRecords = [...dirty].filter((id) => stored.has(id));
  await tx.insertRecords(
    newRecords.map((id) => records.get(id) as SyncRecord),
    at,
  );
  await tx.updateRecords(
    changedRecords.map((id) => records.get(id) as SyncRecord),
    at,
  );
  await tx.appendHistory(history);
  for (const update of conflictUpdates) await update();
  await tx.insertConflicts(newConflicts);
  await tx.insertDepartures(departures);
  await tx.addBlobRefs(blobRefs);

  const quarantine: QuarantineRecord[] = [];
  const results = all.map((incoming): MutationResult => {
    const rejection = decisions.get(incoming);
    if (!rejection) return resultByMutation.get(incoming.mutation as Mutation) as MutationResult;
    quarantine.push(quarantineRow(incoming, actor.userId, rejection, at));
    return { mutationId: incoming.mutationId, status: 'quarantined', reason: rejection.reason };
  });
  await tx.insertQuarantine(quarantine);

  const changed = new Map([...dirty].map((id) => [id, records.get(id) as SyncRecord]));
  return {
    results,
    records: changed,
    counts: {
      applied: planned.length,
      quarantined: quarantine.length,
      conflicts: conflictCount,
      clamped: clampedCount,
    },
  };
}

/**
 * What the server holds of the photos the mutations reference (in their types' photo fields):
 * one query, and none for a push without photos.
 */
async function blobAccess(
  tx: Store,
  actor: Actor,
  incoming: Incoming[],
): Promise<Map<string, BlobAccess>> {
  const hashes = new Set(
    incoming.flatMap((item) => (item.mutation ? referencedPhotos(item.mutation) : [])),
  );
  if (hashes.size === 0) return new Map();
  return tx.blobAccess([...hashes], actor.userId);
}

function quarantineRow(
  incoming: Incoming,
  userId: string,
  rejection: Rejection,
  at: string,
): QuarantineRecord {
  const raw = (incoming.raw ?? {}) as Record<string, unknown>;
  const uuidOf = (value: unknown) => (Uuid.safeParse(value).success ? (value as string) : null);
  const type = RecordType.safeParse(raw.type);
  const mutation = keptInQuarantine(raw, rejection);
  return {
    id: uuidv7(Date.parse(at)),
    mutationId: incoming.mutationId,
    clientId: incoming.clientId,
    userId,
    villageId: uuidOf(raw.villageId),
    type: type.success ? type.data : null,
    recordId: uuidOf(raw.id),
    txId: typeof raw.txId === 'string' ? raw.txId.slice(0, 100) : null,
    mutation,
    reason: rejection.reason,
    details: rejection.details ?? null,
    createdAt: at,
    status: 'open',
    handledBy: null,
    handledAt: null,
    note: null,
  };
}

/**
 * The mutation as quarantine keeps it: whole, so a reviewer can accept it, except what must not
 * be stored: erased data, and values past the bounds (nothing could accept them; a 200,000-deep
 * array could not even be written as JSON).
 */
function keptInQuarantine(raw: Record<string, unknown>, rejection: Rejection): unknown {
  if (rejection.reason === 'field_erased') return withoutErasedValues(raw, rejection.details);
  if (rejection.reason === 'too_deep' || rejection.reason === 'too_large') {
    return withoutValuesPastBounds(raw, rejection.reason);
  }
  // Refused for another reason (say, not a valid mutation at all) and deep somewhere.
  if (deeperThan(raw, MAX_MUTATION_DEPTH)) return withoutValuesPastBounds(raw, 'too_deep');
  return raw;
}

/** The mutation with each value past a bound (deep, or over a kilobyte) replaced by a note. */
function withoutValuesPastBounds(raw: Record<string, unknown>, reason: string): unknown {
  const small = (value: unknown) =>
    !deeperThan(value, MAX_FIELD_DEPTH) && jsonBytes(value) <= QUARANTINE_VALUE_BYTES;
  const keep = (value: unknown) => (small(value) ? value : { omitted: reason });
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => {
      if (key !== 'patch' || value === null || typeof value !== 'object' || Array.isArray(value)) {
        return [key, keep(value)];
      }
      const patch = Object.entries(value).map(([field, fieldValue]) => [field, keep(fieldValue)]);
      return [key, Object.fromEntries(patch)];
    }),
  );
}

const QUARANTINE_VALUE_BYTES = 1024;

/** The erased data is not kept in quarantine either: the reviewer sees which fields, not values. */
function withoutErasedValues(raw: Record<string, unknown>, details: unknown): unknown {
  const fields = (details as { fields: string[] }).fields;
  const patch = { ...(raw.patch as Record<string, unknown>) };
  for (const field of fields) patch[field] = ERASED_VALUE;
  return { ...raw, patch };
}

/** Splits mutations into runs of equal txId, in order: each run lands whole or not at all. */
export function txRuns(incoming: Incoming[]): Incoming[][] {
  const runs: Incoming[][] = [];
  for (const item of incoming) {
    const last = runs.at(-1);
    if (last && (last[0] as Incoming).txId === item.txId) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

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
  return { record: erased, purged, blobsDeleted };
}
