// Applying mutations: the server half of docs/architecture.md §5. Pure decisions (permissions, schema
// checks, the field merge from src/shared/sync/merge.ts) over records locked in one database
// transaction; sequence numbers from the village buckets, taken in that same transaction.
// `applyUnits` runs four steps: decide, take sequence numbers, merge, write.
import { uuidv7 } from '../../shared/ids';
import { parseHlc } from '../../shared/sync/hlc';
import { type MergeOutcome, mergeMutation, mutationFieldValues } from '../../shared/sync/merge';
import type { Mutation, MutationResult, SyncRecord } from '../../shared/sync/protocol';
import { fieldSizes, photoRefs } from '../../shared/sync/validate';
import type {
  ConflictRecord,
  ConflictResolution,
  DepartureRecord,
  HistoryWrite,
  QuarantineRecord,
  Store,
} from '../store';
import type { Incoming } from './intake';
import {
  type Actor,
  type BlobAccess,
  decideMutation,
  type Rejection,
  referencedPhotos,
  type StoredState,
} from './policy';
import { quarantineRow } from './quarantineEntry';
import { storedCaseStatus } from './welfareRules';

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
  const stored = await tx.lockRecords(
    all.flatMap((incoming) => (incoming.mutation ? [incoming.mutation.id] : [])),
  );
  const erased = await tx.erasedFields(
    all.flatMap((incoming) => (incoming.mutation?.type === 'person' ? [incoming.mutation.id] : [])),
  );
  const blobs = await blobAccess(tx, actor, all);

  const plan = decideUnits(units, { actor, stored, erased, blobs });
  const seqs = await takeSeqs(tx, plan.seqsNeeded);
  const writes = mergePlanned(plan.planned, { actor, at, stored, seqs });
  await writeMerged(tx, stored, writes, at);

  const quarantine: QuarantineRecord[] = [];
  const results = all.map((incoming): MutationResult => {
    const rejection = plan.decisions.get(incoming);
    if (!rejection) return writes.results.get(incoming.mutation as Mutation) as MutationResult;
    quarantine.push(quarantineRow(incoming, actor.userId, rejection, at));
    return { mutationId: incoming.mutationId, status: 'quarantined', reason: rejection.reason };
  });
  await tx.insertQuarantine(quarantine);

  return {
    results,
    records: new Map([...writes.dirty].map((id) => [id, writes.records.get(id) as SyncRecord])),
    counts: {
      applied: plan.planned.length,
      quarantined: quarantine.length,
      conflicts: writes.conflictCount,
      clamped: writes.clampedCount,
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

// --- 1. decide -------------------------------------------------------------------------------

/** An accepted mutation and where its record stood just before it. */
interface Planned {
  mutation: Mutation;
  clamped: boolean;
  /** The record's village before this mutation, when it moves to another one. */
  movedFrom: string | null;
}

export interface DecideContext {
  actor: Actor;
  stored: ReadonlyMap<string, SyncRecord>;
  erased: ReadonlyMap<string, ReadonlyMap<string, number>>;
  blobs: ReadonlyMap<string, BlobAccess>;
}

export interface Plan {
  /** Null for an accepted mutation. */
  decisions: Map<Incoming, Rejection | null>;
  /** The accepted mutations, in order. */
  planned: Planned[];
  /** Sequence numbers each village's bucket must give. */
  seqsNeeded: Map<string, number>;
}

/**
 * Decides, unit by unit, against the records as earlier accepted units leave them. Writes
 * nothing: an import's dry run asks it the verdicts `applyUnits` would give.
 */
export function decideUnits(units: Incoming[][], context: DecideContext): Plan {
  const shadow = new Map<string, StoredState>(
    [...context.stored.values()].map((r) => [r.id, storedState(r)]),
  );
  const plan: Plan = { decisions: new Map(), planned: [], seqsNeeded: new Map() };
  for (const unit of units) {
    const decided = decideUnit(unit, shadow, context);
    for (const [incoming, rejection] of decided.decisions) plan.decisions.set(incoming, rejection);
    if (!decided.accepted) continue;
    for (const [id, state] of decided.overlay) shadow.set(id, state);
    plan.planned.push(...decided.plans);
    for (const villageId of decided.villages) {
      plan.seqsNeeded.set(villageId, (plan.seqsNeeded.get(villageId) ?? 0) + 1);
    }
  }
  return plan;
}

function storedState(record: SyncRecord): StoredState {
  return {
    type: record.type,
    villageId: record.villageId,
    status: storedCaseStatus(record),
    fieldBytes: fieldSizes(record.fields),
  };
}

/**
 * One unit's decisions, seeing its own earlier mutations (`overlay`) over `shadow`. One
 * refusal fails the whole unit: the others are refused as `transaction_failed`.
 */
function decideUnit(
  unit: Incoming[],
  shadow: ReadonlyMap<string, StoredState>,
  context: DecideContext,
) {
  const decisions = new Map<Incoming, Rejection | null>();
  const overlay = new Map<string, StoredState>();
  const plans: Planned[] = [];
  /** One entry per sequence number the unit needs. */
  const villages: string[] = [];
  let accepted = true;
  for (const incoming of unit) {
    if (incoming.rejection) {
      decisions.set(incoming, incoming.rejection);
      accepted = false;
      continue;
    }
    const mutation = incoming.mutation as Mutation;
    const before = overlay.get(mutation.id) ?? shadow.get(mutation.id);
    const verdict = decideMutation({
      mutation,
      actor: context.actor,
      stored: before,
      erased: context.erased.get(mutation.id),
      blobs: context.blobs,
    });
    if (!verdict.apply) {
      decisions.set(incoming, verdict.rejection);
      accepted = false;
      continue;
    }
    decisions.set(incoming, null);
    const movedFrom = before && before.villageId !== mutation.villageId ? before.villageId : null;
    overlay.set(mutation.id, verdict.after);
    plans.push({ mutation, clamped: incoming.clamped, movedFrom });
    villages.push(mutation.villageId);
    if (movedFrom) villages.push(movedFrom);
  }
  if (!accepted) {
    for (const incoming of unit) {
      if (!decisions.get(incoming)) decisions.set(incoming, { reason: 'transaction_failed' });
    }
  }
  return { decisions, accepted, overlay, plans, villages };
}

// --- 2. sequence numbers ---------------------------------------------------------------------

/**
 * The buckets of every village written, in one UPDATE … RETURNING; returns a function giving
 * each village's numbers in order.
 */
async function takeSeqs(
  tx: Store,
  seqsNeeded: ReadonlyMap<string, number>,
): Promise<(villageId: string) => number> {
  const nextSeq = new Map<string, number>();
  for (const [villageId, last] of await tx.takeSeqs(seqsNeeded)) {
    nextSeq.set(villageId, last - (seqsNeeded.get(villageId) as number) + 1);
  }
  return (villageId) => {
    const seq = nextSeq.get(villageId) as number;
    nextSeq.set(villageId, seq + 1);
    return seq;
  };
}

// --- 3. merge --------------------------------------------------------------------------------

/** A change to conflicts already stored, run in the order the mutations made them. */
type ConflictUpdate =
  | { kind: 'move'; recordId: string; villageId: string; seq: number }
  | ({ kind: 'resolve' } & ConflictResolution);

/** Everything the merge of one push writes. */
interface Writes {
  /** The records as merged (the stored ones included). */
  records: Map<string, SyncRecord>;
  /** The ids of the records to write. */
  dirty: Set<string>;
  history: HistoryWrite[];
  newConflicts: ConflictRecord[];
  conflictUpdates: ConflictUpdate[];
  departures: DepartureRecord[];
  blobRefs: Array<{ sha256: string; villageId: string }>;
  results: Map<Mutation, MutationResult>;
  conflictCount: number;
  clampedCount: number;
}

interface MergeContext {
  actor: Actor;
  at: string;
  stored: ReadonlyMap<string, SyncRecord>;
  seqs: (villageId: string) => number;
}

/** Merges the accepted mutations in order and collects every write. */
function mergePlanned(planned: Planned[], context: MergeContext): Writes {
  const writes: Writes = {
    records: new Map(context.stored),
    dirty: new Set(),
    history: [],
    newConflicts: [],
    conflictUpdates: [],
    departures: [],
    blobRefs: [],
    results: new Map(),
    conflictCount: 0,
    clampedCount: 0,
  };
  for (const plan of planned) mergeOne(plan, writes, context);
  return writes;
}

/** One merged write of a record: its new state, with the seq it was written at. */
interface Merged {
  plan: Planned;
  record: SyncRecord;
  seq: number;
  outcome: MergeOutcome;
}

function mergeOne(plan: Planned, writes: Writes, context: MergeContext): void {
  const { mutation, movedFrom } = plan;
  const villageId = mutation.villageId;
  const seq = context.seqs(villageId);
  const current = writes.records.get(mutation.id) ?? null;
  const outcome = mergeMutation(current, mutation, { seq, by: context.actor.userId });
  const record: SyncRecord = { ...outcome.record, villageId };
  const merged: Merged = { plan, record, seq, outcome };
  // A new record, or one entering this village, is news there even if no field changed.
  if (!current) record.seq = seq;
  if (movedFrom) followMove(merged, movedFrom, writes, context);
  if (outcome.applied.length > 0 || movedFrom || !current) {
    writes.records.set(record.id, record);
    writes.dirty.add(record.id);
  }
  if (plan.clamped) writes.clampedCount++;
  if (outcome.applied.length > 0) keepApplied(merged, writes, context);
  if (mutation.op === 'resolve') resolveConflicts(merged, writes, context);
  const lostFields = keepConflicts(merged, writes, context);
  writes.results.set(mutation, {
    mutationId: mutation.mutationId,
    status: 'applied',
    ...(lostFields.length > 0 ? { conflictFields: lostFields } : {}),
  });
}

/**
 * The record moved village: a departure in the old one, its open conflicts and its photos'
 * references follow it to the new one.
 */
function followMove(merged: Merged, movedFrom: string, writes: Writes, context: MergeContext) {
  const { record, seq } = merged;
  const villageId = record.villageId;
  record.seq = seq;
  writes.departures.push({
    recordId: record.id,
    villageId: movedFrom,
    seq: context.seqs(movedFrom),
  });
  writes.conflictUpdates.push({ kind: 'move', recordId: record.id, villageId, seq });
  for (const conflict of writes.newConflicts) {
    if (conflict.recordId === record.id && conflict.resolvedAt === null) {
      conflict.villageId = villageId;
      conflict.seq = seq;
    }
  }
  for (const [field, value] of Object.entries(record.fields)) {
    for (const ref of photoRefs(record.type, field, value)) {
      writes.blobRefs.push({ sha256: ref.sha256, villageId });
    }
  }
}

/** The values the mutation set: one history write, and references to their photos. */
function keepApplied(merged: Merged, writes: Writes, context: MergeContext) {
  const { plan, record, seq, outcome } = merged;
  const values: Record<string, unknown> = {};
  for (const { field, value } of outcome.applied) {
    values[field] = value;
    for (const ref of photoRefs(record.type, field, value)) {
      writes.blobRefs.push({ sha256: ref.sha256, villageId: record.villageId });
    }
  }
  writes.history.push({
    recordId: record.id,
    villageId: record.villageId,
    values,
    hlc: plan.mutation.hlc,
    byUser: context.actor.userId,
    clientId: plan.mutation.clientId,
    mutationId: plan.mutation.mutationId,
    seq,
    outcome: 'applied',
    clamped: plan.clamped,
    at: context.at,
  });
}

/** A `resolve` settles the open conflicts of its fields, new in this push or stored. */
function resolveConflicts(merged: Merged, writes: Writes, context: MergeContext) {
  const { plan, record, seq } = merged;
  const { at } = context;
  const by = context.actor.userId;
  const villageId = record.villageId;
  const fields = mutationFieldValues(plan.mutation).map(([field]) => field);
  for (const conflict of writes.newConflicts) {
    if (
      conflict.recordId === record.id &&
      fields.includes(conflict.field) &&
      conflict.resolvedAt === null
    ) {
      Object.assign(conflict, { resolvedAt: at, resolvedBy: by, seq, villageId });
    }
  }
  writes.conflictUpdates.push({
    kind: 'resolve',
    recordId: record.id,
    fields,
    villageId,
    seq,
    by,
    at,
  });
}

/**
 * The merge's conflicts: each stored open, its losing value in the history, its photos
 * referenced. Returns the fields where the incoming value lost.
 */
function keepConflicts(merged: Merged, writes: Writes, context: MergeContext): string[] {
  const { plan, record, seq, outcome } = merged;
  const { at } = context;
  const villageId = record.villageId;
  const lostFields: string[] = [];
  for (const conflict of outcome.conflicts) {
    writes.conflictCount++;
    if (conflict.incomingLost) lostFields.push(conflict.field);
    writes.newConflicts.push({
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
    writes.history.push({
      recordId: record.id,
      villageId,
      values: { [conflict.field]: conflict.loser.value },
      hlc: conflict.loser.hlc,
      byUser: conflict.loser.by,
      clientId: conflict.incomingLost
        ? plan.mutation.clientId
        : (parseHlc(conflict.loser.hlc)?.clientId ?? null),
      mutationId: conflict.incomingLost ? plan.mutation.mutationId : null,
      seq,
      outcome: 'lost',
      clamped: conflict.incomingLost && plan.clamped,
      at,
    });
    for (const version of [conflict.winner, conflict.loser]) {
      for (const ref of photoRefs(record.type, conflict.field, version.value)) {
        writes.blobRefs.push({ sha256: ref.sha256, villageId });
      }
    }
  }
  return lostFields;
}

// --- 4. write --------------------------------------------------------------------------------

/** Conflict updates touch only rows already stored, so they run before the insert. */
async function writeMerged(
  tx: Store,
  stored: ReadonlyMap<string, SyncRecord>,
  writes: Writes,
  at: string,
): Promise<void> {
  const dirty = [...writes.dirty];
  const recordsOf = (ids: string[]) => ids.map((id) => writes.records.get(id) as SyncRecord);
  await tx.insertRecords(recordsOf(dirty.filter((id) => !stored.has(id))), at);
  await tx.updateRecords(recordsOf(dirty.filter((id) => stored.has(id))), at);
  await tx.appendHistory(writes.history);
  for (const update of writes.conflictUpdates) {
    if (update.kind === 'move') {
      await tx.moveOpenConflicts(update.recordId, update.villageId, update.seq);
    } else {
      const { kind: _, ...resolution } = update;
      await tx.resolveConflicts(resolution);
    }
  }
  await tx.insertConflicts(writes.newConflicts);
  await tx.insertDepartures(writes.departures);
  await tx.addBlobRefs(writes.blobRefs);
}
