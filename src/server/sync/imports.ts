// Importing an office's list (issue 15) through the sync engine: the rows planned again against
// the server's own records (`planImport`, the pure core the browser runs too), each household
// batch turned into one txId of mutations, judged by the push policy for the importing user, and
// written by `applyUnits` like a device's push, so devices pull them as any edit (seq, who,
// when). The undo takes the import back the same way: deletes and patches, one unit per batch.
import type { ImportPreview } from '../../shared/api/imports';
import { uuidv7 } from '../../shared/ids';
import type { SheetRow } from '../../shared/import/cells';
import type { ColumnMapping } from '../../shared/import/headers';
import type { ExistingRecord } from '../../shared/import/matching';
import {
  type ImportCounts,
  type ImportPlan,
  type PlannedWrite,
  planImport,
  type RowOutcome,
} from '../../shared/import/plan';
import type { HouseholdFields } from '../../shared/model/household';
import type { PersonFields } from '../../shared/model/person';
import type { ProgramEnrollmentFields } from '../../shared/model/welfare';
import { formatHlc } from '../../shared/sync/hlc';
import type { Mutation, RecordType, SyncRecord } from '../../shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION } from '../../shared/sync/upgrade';
import type { ImportedBatch, ImportedRecord, Store } from '../store';
import { applyUnits, decideUnits } from './apply';
import { type Incoming, prepareIncoming } from './intake';
import type { Actor, Rejection } from './policy';

/** What the user sent, read: the sheet, its mapping, the answers to likely matches. */
export interface ImportInput {
  rows: SheetRow[];
  mapping: ColumnMapping;
  decisions: Record<number, string>;
  date1904: boolean;
}

/** The plan as the policy leaves it: refused batches' rows turned bad, counts recounted. */
export interface CheckedImport {
  plan: ImportPlan;
  /** One unit (txId) per accepted household batch, with the batch it writes. */
  units: { batch: ImportPlan['batches'][number]; incoming: Incoming[] }[];
  clientId: string;
}

/** Mutations of one `applyUnits` call: a few thousand keep each statement's parameters low. */
const MUTATIONS_PER_CALL = 2000;

/** Thailand keeps no daylight saving: its date is UTC+7's. */
export function bangkokDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The record types an import of `kind` reads to match rows against. */
function typesRead(kind: ColumnMapping['kind']): RecordType[] {
  if (kind === 'households') return ['household'];
  if (kind === 'people') return ['household', 'person'];
  return ['household', 'person', 'programEnrollment'];
}

/**
 * The import's dry run, in `tx` (a snapshot for the preview, the writing transaction for the
 * import): the user's villages' records read, the rows planned against them, every batch judged
 * by the push policy. Nothing is written.
 */
export async function checkImport(
  tx: Store,
  actor: Actor,
  input: ImportInput,
  now: Date,
  importId: string,
): Promise<CheckedImport> {
  const villages = await tx.listVillages();
  const live = await tx.liveRecordsOf([...actor.villageIds], typesRead(input.mapping.kind));
  const byId = new Map(live.map((record) => [record.id, record]));
  const existing = <F>(type: RecordType) =>
    live
      .filter((record) => record.type === type)
      .map(
        (record): ExistingRecord<F> => ({
          id: record.id,
          villageId: record.villageId,
          fields: record.fields as Partial<F>,
        }),
      );
  const plan = planImport(input.rows, input.mapping, {
    today: bangkokDate(now),
    importedBy: actor.userId,
    villages: villages.map((village) => ({ id: village.id, mooNo: village.mooNo })),
    people: existing<PersonFields>('person'),
    households: existing<HouseholdFields>('household'),
    enrollments: existing<ProgramEnrollmentFields>('programEnrollment'),
    decisions: input.decisions,
    date1904: input.date1904,
  });

  const clientId = `import-${importId.replace(/-/g, '')}`;
  let n = 0;
  const units = plan.batches.map((batch) => {
    const txId = `${importId}:${batch.householdId}`;
    const incoming = batch.writes.map((write) => {
      n += 1;
      return prepareIncoming(
        mutationOf(write, { clientId, txId, n, now, stored: byId }),
        now.getTime(),
      );
    });
    return { batch, incoming };
  });

  const personIds = units.flatMap((u) =>
    u.incoming.flatMap((i) => (i.mutation?.type === 'person' ? [i.mutation.id] : [])),
  );
  const decided = decideUnits(
    units.map((u) => u.incoming),
    {
      actor,
      stored: new Map(
        units.flatMap((u) =>
          u.incoming.flatMap((i) => {
            const record = i.mutation ? byId.get(i.mutation.id) : undefined;
            return record ? [[record.id, record] as const] : [];
          }),
        ),
      ),
      erased: await tx.erasedFields(personIds),
      blobs: new Map(),
    },
  );
  const accepted = units.filter((unit) => {
    const rejection = unit.incoming
      .map((i) => decided.decisions.get(i))
      .find((r): r is Rejection => r != null && r.reason !== 'transaction_failed');
    if (!rejection) return true;
    refuseRows(plan, unit.batch.rows, rejection, input.mapping);
    return false;
  });
  return { plan: { ...plan, counts: countRows(plan.rows) }, units: accepted, clientId };
}

/** One planned write as the mutation a device would push for it. */
function mutationOf(
  write: PlannedWrite,
  at: { clientId: string; txId: string; n: number; now: Date; stored: Map<string, SyncRecord> },
): Mutation {
  const stored = at.stored.get(write.id);
  const base: Record<string, number> = {};
  if (write.op === 'patch') {
    // The value planned against is the one stored: the patch has seen it.
    for (const field of Object.keys(write.fields)) base[field] = stored?.fieldMeta[field]?.seq ?? 0;
  }
  return {
    mutationId: `${at.clientId}:${at.n}`,
    clientId: at.clientId,
    txId: at.txId,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    hlc: hlcOf(at.now, at.n, at.clientId),
    op: write.op,
    type: write.type,
    id: write.id,
    villageId: write.villageId,
    patch: write.fields,
    base,
  };
}

/** The n-th write's clock: the request's time, counting up (a new millisecond every 65,536). */
function hlcOf(now: Date, n: number, clientId: string): string {
  return formatHlc({
    millis: now.getTime() + Math.floor(n / 0x10000),
    counter: n % 0x10000,
    clientId,
  });
}

/**
 * A batch the policy refuses is no write: its rows are bad rows, `village_not_allowed` on the
 * หมู่ cell for a village the user may not write to, else `not_allowed` with the policy's
 * reason in `params.reason`.
 */
function refuseRows(
  plan: ImportPlan,
  rows: number[],
  rejection: Rejection,
  mapping: ColumnMapping,
): void {
  const refused = new Set(rows);
  const villageWhy = rejection.reason === 'village_not_allowed';
  const mooColumn = mapping.columns.indexOf('mooNo');
  for (const outcome of plan.rows) {
    if (!refused.has(outcome.row)) continue;
    outcome.action = 'bad';
    delete outcome.recordId;
    outcome.errors = [
      ...outcome.errors,
      {
        row: outcome.row,
        column: villageWhy && mooColumn >= 0 ? mooColumn : null,
        field: villageWhy ? 'mooNo' : null,
        ...(villageWhy
          ? { code: 'village_not_allowed' as const }
          : { code: 'not_allowed' as const, params: { reason: rejection.reason } }),
      },
    ];
  }
}

function countRows(rows: RowOutcome[]): ImportCounts {
  const counts: ImportCounts = {
    rows: rows.length,
    matched: 0,
    create: 0,
    update: 0,
    unchanged: 0,
    'likely-match': 0,
    duplicate: 0,
    bad: 0,
  };
  for (const outcome of rows) counts[outcome.action]++;
  counts.matched = counts.update + counts.unchanged;
  return counts;
}

/** The preview the API answers: counts, and every row that is not a plain create. */
export function previewOf(plan: ImportPlan): ImportPreview {
  return {
    counts: plan.counts,
    rows: plan.rows
      .filter((outcome) => outcome.action !== 'create' || outcome.errors.length > 0)
      .map((outcome) => ({
        row: outcome.row,
        action: outcome.action,
        errors: outcome.errors.map((e) => ({
          row: e.row,
          column: e.column,
          field: e.field,
          code: e.code,
          ...(e.params ? { params: { ...e.params } } : {}),
        })),
        ...(outcome.recordId ? { recordId: outcome.recordId } : {}),
        ...(outcome.candidates ? { candidates: outcome.candidates } : {}),
        ...(outcome.duplicateOf !== undefined ? { duplicateOf: outcome.duplicateOf } : {}),
      })),
    missingFields: plan.missingFields,
  };
}

/**
 * Writes the checked import's units in `tx` (the transaction `checkImport` read in, so the
 * verdicts stand). Returns what was written, per batch, with the seqs the undo compares.
 */
export async function writeImport(
  tx: Store,
  actor: Actor,
  checked: CheckedImport,
  at: string,
): Promise<ImportedBatch[]> {
  const written: ImportedBatch[] = [];
  for (const part of chunkUnits(checked.units, (unit) => unit.incoming.length)) {
    const outcome = await applyUnits(
      tx,
      actor,
      part.map((u) => u.incoming),
      { at },
    );
    if (outcome.counts.quarantined > 0) {
      // Judged in this same transaction a moment ago: a refusal now is a bug, never a partial import.
      throw new Error(`import: ${outcome.counts.quarantined} mutations refused on write`);
    }
    for (const { batch } of part) {
      written.push({
        householdId: batch.householdId,
        records: importedRecords(batch.writes, outcome.records),
      });
    }
  }
  return written;
}

/** Whole units in parts of about `MUTATIONS_PER_CALL` mutations, for one `applyUnits` each. */
function chunkUnits<T>(units: T[], size: (unit: T) => number): T[][] {
  const parts: T[][] = [];
  let current: T[] = [];
  let count = 0;
  for (const unit of units) {
    if (count + size(unit) > MUTATIONS_PER_CALL && current.length > 0) {
      parts.push(current);
      current = [];
      count = 0;
    }
    current.push(unit);
    count += size(unit);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** The undo's units applied in parts; returns how many mutations the policy refused. */
export async function applyUndo(
  tx: Store,
  actor: Actor,
  units: Incoming[][],
  at: string,
): Promise<number> {
  let refused = 0;
  for (const part of chunkUnits(units, (unit) => unit.length)) {
    refused += (await applyUnits(tx, actor, part, { at })).counts.quarantined;
  }
  return refused;
}

/** A batch's records as written: a create's record seq, a patch's field seqs and old values. */
function importedRecords(
  writes: PlannedWrite[],
  records: ReadonlyMap<string, SyncRecord>,
): ImportedRecord[] {
  const byId = new Map<string, ImportedRecord>();
  for (const write of writes) {
    const record = records.get(write.id);
    if (!record) continue;
    const known = byId.get(write.id);
    if (write.op === 'create') {
      byId.set(write.id, {
        id: write.id,
        type: write.type,
        villageId: record.villageId,
        op: 'create',
        seq: record.seq,
      });
      continue;
    }
    const entry: ImportedRecord = known ?? {
      id: write.id,
      type: write.type,
      villageId: record.villageId,
      op: 'patch',
      fieldSeqs: {},
      previous: {},
    };
    if (entry.op === 'patch') {
      for (const field of Object.keys(write.fields)) {
        const meta = record.fieldMeta[field];
        if (!meta) continue;
        (entry.fieldSeqs as Record<string, number>)[field] = meta.seq;
        const previous = entry.previous as Record<string, unknown>;
        // The first patch of a field holds the value from before the import.
        if (!Object.hasOwn(previous, field)) previous[field] = write.previous?.[field] ?? null;
      }
    }
    byId.set(write.id, entry);
  }
  return [...byId.values()];
}

/** Per village, the last seq the import wrote there: what was written after it is newer. */
export function lastSeqs(written: ImportedBatch[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const entry of written.flatMap((batch) => batch.records)) {
    const seqs = entry.op === 'create' ? [entry.seq ?? 0] : Object.values(entry.fieldSeqs ?? {});
    last.set(entry.villageId, Math.max(last.get(entry.villageId) ?? 0, ...seqs));
  }
  return last;
}

/** Fields by which a record names another: a member's household, an enrollment's person. */
const REFERENCE_FIELDS = ['householdId', 'personId', 'caseId'] as const;

/**
 * The records of an import someone wrote since (the undo then writes nothing): a created record
 * written again or deleted, a patched field written again, and a created record that a record
 * written since names (a member added to an imported household, a case about an imported
 * person), which deleting it would leave pointing at nothing.
 */
export function editedSince(
  written: ImportedBatch[],
  current: ReadonlyMap<string, SyncRecord>,
  writtenSince: readonly SyncRecord[] = [],
): { id: string; type: string }[] {
  const entries = written.flatMap((batch) => batch.records);
  const created = new Map(entries.filter((e) => e.op === 'create').map((e) => [e.id, e]));
  const edited = new Map<string, { id: string; type: string }>();
  for (const entry of entries) {
    const record = current.get(entry.id);
    const changed =
      !record ||
      (entry.op === 'create'
        ? record.deleted || record.seq !== entry.seq
        : Object.entries(entry.fieldSeqs ?? {}).some(
            ([field, seq]) => record.fieldMeta[field]?.seq !== seq,
          ));
    if (changed) edited.set(entry.id, { id: entry.id, type: entry.type });
  }
  for (const record of writtenSince) {
    if (created.has(record.id) || record.deleted) continue;
    for (const field of REFERENCE_FIELDS) {
      const named = created.get(String(record.fields[field] ?? ''));
      if (named) edited.set(named.id, { id: named.id, type: named.type });
    }
  }
  return [...edited.values()];
}

/**
 * The undo's units, one per batch: the patched fields put back, then the created records
 * deleted (enrollments and people before their household), as a device deletes them.
 */
export function undoUnits(
  written: ImportedBatch[],
  current: ReadonlyMap<string, SyncRecord>,
  undoId: string,
  now: Date,
): Incoming[][] {
  const clientId = `undo-${undoId.replace(/-/g, '')}`;
  const order: Record<string, number> = { programEnrollment: 0, person: 1, household: 2 };
  let n = 0;
  return written.flatMap((batch) => {
    const txId = `${undoId}:${batch.householdId}`;
    const patches = batch.records.filter((r) => r.op === 'patch');
    const creates = batch.records
      .filter((r) => r.op === 'create')
      .sort((a, b) => (order[a.type] ?? 0) - (order[b.type] ?? 0));
    const incoming = [...patches, ...creates].map((entry) => {
      n += 1;
      const record = current.get(entry.id) as SyncRecord;
      const patch = entry.op === 'patch' ? { ...entry.previous } : {};
      const base: Record<string, number> = {};
      for (const field of entry.op === 'patch' ? Object.keys(patch) : ['deleted'])
        base[field] = record.fieldMeta[field]?.seq ?? 0;
      const mutation: Mutation = {
        mutationId: `${clientId}:${n}`,
        clientId,
        txId,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        hlc: hlcOf(now, n, clientId),
        op: entry.op === 'patch' ? 'patch' : 'delete',
        type: entry.type,
        id: entry.id,
        villageId: record.villageId,
        patch,
        base,
      };
      return prepareIncoming(mutation, now.getTime());
    });
    return incoming.length > 0 ? [incoming] : [];
  });
}

/** A new import's id. */
export const newImportId = (now: Date): string => uuidv7(now.getTime());
