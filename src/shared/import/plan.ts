import type { z } from 'zod';
import { uuidv7 } from '../ids';
import { HouseholdFields } from '../model/household';
import { PersonFields } from '../model/person';
import { ProgramEnrollmentFields } from '../model/welfare';
import { isBlankRow, type SheetRow } from './cells';
import type { ImportKind } from './fields';
import { type ColumnMapping, missingFields } from './headers';
import { type ExistingRecord, houseNoKey, PeopleIndex } from './matching';
import {
  type CellError,
  enrollmentFieldsOf,
  householdFieldsOf,
  issueToCellError,
  personFieldsOf,
  type RowReadContext,
  type RowValues,
  readRow,
} from './rowRead';

export type PlannedRecordType = 'household' | 'person' | 'programEnrollment';

/** One record write of the plan, for the sync engine to push as a mutation. */
export interface PlannedWrite {
  op: 'create' | 'patch';
  type: PlannedRecordType;
  id: string;
  villageId: string;
  /** A create's every field; a patch's changed fields only. */
  fields: Record<string, unknown>;
  /** A patch's fields as they were when planned (null: unset), for the undo to put back. */
  previous?: Record<string, unknown>;
  /** The sheet row it comes from (1-based). */
  row: number;
}

/**
 * The writes of one household: the server writes each batch as one transaction, so a
 * household lands with its members or not at all, and an undo can take back a batch.
 */
export interface HouseholdBatch {
  householdId: string;
  villageId: string;
  /** The household is made by this import (its first write creates it). */
  newHousehold: boolean;
  rows: number[];
  writes: PlannedWrite[];
}

/**
 * What the import does with a row: makes new records, changes an existing person (or
 * household), finds nothing to change, waits for the user to say whether it is a likely match,
 * leaves a repeat of an earlier row out, or cannot take a bad row.
 */
export const ROW_ACTIONS = [
  'create',
  'update',
  'unchanged',
  'likely-match',
  'duplicate',
  'bad',
] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

export interface RowOutcome {
  row: number;
  action: RowAction;
  errors: CellError[];
  /** The person (or, for households, the household) the row is or will be. */
  recordId?: string;
  /** With `likely-match`: the existing people it may be, to confirm or refuse. */
  candidates?: string[];
  /** With `duplicate`: the earlier row it repeats. */
  duplicateOf?: number;
}

export interface ImportCounts extends Record<RowAction, number> {
  /** Data rows, blank rows left out. */
  rows: number;
  /** Rows found in the tambon already: `update` + `unchanged`. */
  matched: number;
}

export interface ImportPlan {
  kind: ImportKind;
  rows: RowOutcome[];
  batches: HouseholdBatch[];
  counts: ImportCounts;
  /** Fields the kind needs that no column holds (each row then reports them too). */
  missingFields: ReturnType<typeof missingFields>;
}

export interface ImportContext {
  /** Bangkok's date `YYYY-MM-DD`: no date after it is taken; new households' survey date. */
  today: string;
  /** The importing user's id: new households' `surveyorId`. */
  importedBy: string;
  /** The tambon's villages: a row's หมู่ที่ names its village. */
  villages: readonly { id: string; mooNo: number }[];
  people?: readonly ExistingRecord<PersonFields>[];
  households?: readonly ExistingRecord<HouseholdFields>[];
  enrollments?: readonly ExistingRecord<ProgramEnrollmentFields>[];
  /** The user's answers to likely matches, by row: the person's id it is, or `'new'`. */
  decisions?: Readonly<Record<number, string>>;
  /** Called every few hundred rows and at the end, for a worker to post progress. */
  onProgress?: (done: number, total: number) => void;
  /** Workbooks counting dates from 1904. */
  date1904?: boolean;
  newId?: () => string;
}

/**
 * The dry run of an import: every data row below the mapping's header read, checked with the
 * models the forms use, matched against the tambon's people, and planned as writes grouped by
 * household. Pure: the same rows and context give the same plan (ids aside), and nothing is
 * written; the server writes `batches` once the user confirms.
 */
export function planImport(
  sheetRows: readonly SheetRow[],
  mapping: ColumnMapping,
  context: ImportContext,
): ImportPlan {
  const planner = new Planner(mapping, context);
  const first = mapping.headerRow + 1;
  const total = Math.max(0, sheetRows.length - first);
  for (let index = first; index < sheetRows.length; index++) {
    const cells = sheetRows[index] ?? [];
    if (!isBlankRow(cells)) planner.add(cells, index + 1);
    if ((index - first) % PROGRESS_EVERY === PROGRESS_EVERY - 1)
      context.onProgress?.(index - first + 1, total);
  }
  context.onProgress?.(total, total);
  return planner.finish();
}

type Fields = Record<string, unknown>;

const PROGRESS_EVERY = 250;

class Planner {
  private readonly outcomes: RowOutcome[] = [];
  private readonly batches = new Map<string, HouseholdBatch>();
  private readonly people: PeopleIndex;
  private readonly householdByHouse = new Map<string, ExistingRecord<HouseholdFields>>();
  private readonly householdByCode = new Map<string, ExistingRecord<HouseholdFields>>();
  private readonly enrollmentOf = new Map<string, ExistingRecord<ProgramEnrollmentFields>>();
  /** Keys already met in the file (national ID, with the programme for allowances) → row. */
  private readonly seen = new Map<string, number>();
  /** People this import creates, by national ID: a second programme row joins them. */
  private readonly created = new Map<string, { personId: string; householdId: string }>();
  /** Fields this import patches, by person. */
  private readonly patched = new Map<string, Fields>();
  /** Households this import makes, by village and house number. */
  private readonly newHouseholds = new Map<string, string>();
  private readonly readContext: RowReadContext;
  private readonly newId: () => string;
  private readonly missing: ReturnType<typeof missingFields>;

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly context: ImportContext,
  ) {
    this.people = new PeopleIndex(context.people ?? []);
    for (const household of context.households ?? []) {
      const { houseNo, houseCode } = household.fields;
      if (houseNo) this.householdByHouse.set(houseNoKey(household.villageId, houseNo), household);
      if (houseCode) this.householdByCode.set(houseCode, household);
    }
    for (const enrollment of context.enrollments ?? []) {
      const { personId, programCode, status } = enrollment.fields;
      if (personId && programCode && status !== 'ended')
        this.enrollmentOf.set(`${personId}|${programCode}`, enrollment);
    }
    this.readContext = {
      today: context.today,
      date1904: context.date1904,
      villageOfMoo: new Map(context.villages.map((v) => [v.mooNo, v.id])),
    };
    this.newId = context.newId ?? (() => uuidv7());
    this.missing = missingFields(mapping);
  }

  add(cells: SheetRow, row: number): void {
    const values = readRow(cells, row, this.mapping, this.readContext);
    this.requireFields(values);
    if (this.mapping.kind === 'households') this.addHousehold(values);
    else this.addPerson(values);
  }

  finish(): ImportPlan {
    const counts: ImportCounts = {
      rows: this.outcomes.length,
      matched: 0,
      create: 0,
      update: 0,
      unchanged: 0,
      'likely-match': 0,
      duplicate: 0,
      bad: 0,
    };
    for (const outcome of this.outcomes) counts[outcome.action]++;
    counts.matched = counts.update + counts.unchanged;
    return {
      kind: this.mapping.kind,
      rows: this.outcomes,
      batches: [...this.batches.values()],
      counts,
      missingFields: this.missing,
    };
  }

  /** A needed value missing from the row (or its column missing) is a `required` error. */
  private requireFields(values: RowValues): void {
    const needs: [boolean, CellError['field']][] = [
      [values.houseNo === null, 'houseNo'],
      [values.mooNo === null, 'mooNo'],
    ];
    if (this.mapping.kind !== 'households') {
      const nameField =
        this.mapping.columns.includes('firstName') || !this.mapping.columns.includes('fullName')
          ? 'firstName'
          : 'fullName';
      needs.push([values.name === null, nameField]);
    }
    if (this.mapping.kind === 'allowances')
      needs.push([values.programCode === null, 'programCode']);
    for (const [absent, field] of needs) {
      if (!absent || values.errors.some((e) => e.field === field)) continue;
      const column = field ? this.mapping.columns.indexOf(field) : -1;
      values.errors.push({
        row: values.row,
        column: column < 0 ? null : column,
        field,
        code: 'required',
      });
    }
  }

  /** The row's errors plus the model's for the fields it would write; true when clean. */
  private check(values: RowValues, schema: z.ZodObject, fields: Fields): boolean {
    const result = schema.safeParse(fields, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const error = issueToCellError(issue, values.row, this.mapping);
        const already = values.errors.some((e) => e.field === error.field);
        if (!already) values.errors.push(error);
      }
    }
    return values.errors.length === 0;
  }

  private outcome(
    values: RowValues,
    action: RowAction,
    extra: Partial<RowOutcome> = {},
  ): RowOutcome {
    const outcome: RowOutcome = { row: values.row, action, errors: values.errors, ...extra };
    this.outcomes.push(outcome);
    return outcome;
  }

  private batch(householdId: string, villageId: string, newHousehold: boolean): HouseholdBatch {
    let batch = this.batches.get(householdId);
    if (!batch) {
      batch = { householdId, villageId, newHousehold, rows: [], writes: [] };
      this.batches.set(householdId, batch);
    }
    return batch;
  }

  private write(batch: HouseholdBatch, write: PlannedWrite): void {
    batch.writes.push(write);
    if (batch.rows.at(-1) !== write.row) batch.rows.push(write.row);
  }

  private addPerson(values: RowValues): RowOutcome {
    // The model is checked with a stand-in household: which one is decided by the matching.
    const personFields = personFieldsOf(values, '00000000-0000-7000-8000-000000000000');
    let clean = this.check(values, PersonFields, personFields);
    if (this.mapping.kind === 'allowances')
      clean =
        this.check(
          values,
          ProgramEnrollmentFields,
          enrollmentFieldsOf(values, '00000000-0000-7000-8000-000000000000', this.context.today),
        ) && clean;
    clean = this.check(values, HouseholdFields, householdFieldsOf(values, this.context)) && clean;
    if (!clean || !values.villageId) return this.outcome(values, 'bad');

    const programKey = this.mapping.kind === 'allowances' ? `|${values.programCode}` : '';
    if (values.nationalId) {
      const key = `${values.nationalId}${programKey}`;
      const earlier = this.seen.get(key);
      if (earlier !== undefined) {
        values.errors.push({
          row: values.row,
          column: this.mapping.columns.indexOf('nationalId'),
          field: 'nationalId',
          code: 'duplicate_in_file',
          params: { row: earlier },
        });
        return this.outcome(values, 'duplicate', { duplicateOf: earlier });
      }
      this.seen.set(key, values.row);
      const existing = this.people.withNationalId(values.nationalId);
      if (existing) return this.matchPerson(values, existing);
      const created = this.created.get(values.nationalId);
      if (created) return this.addEnrollmentToNew(values, created);
    } else if (values.name) {
      const decision = this.context.decisions?.[values.row];
      const candidates = this.likelySamePeople(values, values.villageId);
      const chosen = candidates.find((person) => person.id === decision);
      if (chosen) return this.matchPerson(values, chosen);
      if (candidates.length > 0 && decision !== 'new')
        return this.outcome(values, 'likely-match', { candidates: candidates.map((p) => p.id) });
    }
    return this.createPerson(values, values.villageId);
  }

  /**
   * People a row without a national ID may be: of its village, born that day (or year) with a
   * similar name; a row with no birth date either, of the household it names with a similar
   * name (a list that gives no birth dates, or an exported list of people whose birth date is
   * unknown re-imported, must not create them again).
   */
  private likelySamePeople(values: RowValues, villageId: string): ExistingRecord<PersonFields>[] {
    const name = values.name;
    if (!name) return [];
    if (values.birthDate) {
      return this.people.likelyMatches(
        villageId,
        values.birthDate.iso,
        name.firstName,
        name.lastName,
        values.birthDate.precision,
      );
    }
    const household =
      (values.houseCode ? this.householdByCode.get(values.houseCode) : undefined) ??
      this.householdByHouse.get(houseNoKey(villageId, values.houseNo ?? ''));
    return household ? this.people.inHousehold(household.id, name.firstName, name.lastName) : [];
  }

  private createPerson(values: RowValues, villageId: string): RowOutcome {
    const houseKey = houseNoKey(villageId, values.houseNo ?? '');
    const existingHousehold =
      (values.houseCode ? this.householdByCode.get(values.houseCode) : undefined) ??
      this.householdByHouse.get(houseKey);
    let batch: HouseholdBatch;
    if (existingHousehold) {
      batch = this.batch(existingHousehold.id, existingHousehold.villageId, false);
    } else {
      const pending = this.newHouseholds.get(houseKey);
      if (pending) batch = this.batch(pending, villageId, true);
      else {
        const householdId = this.newId();
        this.newHouseholds.set(houseKey, householdId);
        batch = this.batch(householdId, villageId, true);
        this.write(batch, {
          op: 'create',
          type: 'household',
          id: householdId,
          villageId,
          fields: householdFieldsOf(values, this.context),
          row: values.row,
        });
      }
    }
    const personId = this.newId();
    this.write(batch, {
      op: 'create',
      type: 'person',
      id: personId,
      villageId: batch.villageId,
      fields: personFieldsOf(values, batch.householdId),
      row: values.row,
    });
    if (this.mapping.kind === 'allowances') this.writeEnrollment(batch, values, personId);
    if (values.nationalId)
      this.created.set(values.nationalId, { personId, householdId: batch.householdId });
    return this.outcome(values, 'create', { recordId: personId });
  }

  private addEnrollmentToNew(
    values: RowValues,
    created: { personId: string; householdId: string },
  ): RowOutcome {
    const batch = this.batches.get(created.householdId);
    if (batch) this.writeEnrollment(batch, values, created.personId);
    return this.outcome(values, 'create', { recordId: created.personId });
  }

  private writeEnrollment(batch: HouseholdBatch, values: RowValues, personId: string): void {
    this.write(batch, {
      op: 'create',
      type: 'programEnrollment',
      id: this.newId(),
      villageId: batch.villageId,
      fields: enrollmentFieldsOf(values, personId, this.context.today),
      row: values.row,
    });
  }

  /**
   * A row that is a person the tambon has: the fields the row gives that differ are patched
   * (the person stays in their household), and for an allowance list the enrollment is made
   * or its amount corrected. Nothing to change is `unchanged`.
   */
  private matchPerson(values: RowValues, person: ExistingRecord<PersonFields>): RowOutcome {
    const householdId = person.fields.householdId ?? person.id;
    const batch = this.batches.get(householdId) ?? {
      householdId,
      villageId: person.villageId,
      newHousehold: false,
      rows: [],
      writes: [],
    };
    const before = batch.writes.length;
    const { householdId: _stays, ...rowFields } = personFieldsOf(values, householdId);
    // A person on two lists of the file is patched once: the second row sees the first's values.
    // A birth date saved without its precision is a whole date (the forms' and the demo's way).
    const precision = person.fields.birthDate ? { birthDatePrecision: 'day' } : {};
    const current = { ...precision, ...person.fields, ...this.patched.get(person.id) };
    const patch = changedFields(current, rowFields);
    if (sameBirthDate(current, rowFields)) delete patch.birthDate;
    this.patched.set(person.id, { ...this.patched.get(person.id), ...patch });
    if (Object.keys(patch).length > 0)
      this.write(batch, {
        op: 'patch',
        type: 'person',
        id: person.id,
        villageId: person.villageId,
        fields: patch,
        previous: previousOf(current, patch),
        row: values.row,
      });
    if (this.mapping.kind === 'allowances') {
      const enrollment = this.enrollmentOf.get(`${person.id}|${values.programCode}`);
      if (!enrollment) this.writeEnrollment(batch, values, person.id);
      else if (
        values.monthlyAmountTHB !== null &&
        enrollment.fields.monthlyAmountTHB !== values.monthlyAmountTHB
      )
        this.write(batch, {
          op: 'patch',
          type: 'programEnrollment',
          id: enrollment.id,
          villageId: enrollment.villageId,
          fields: { monthlyAmountTHB: values.monthlyAmountTHB },
          previous: { monthlyAmountTHB: enrollment.fields.monthlyAmountTHB ?? null },
          row: values.row,
        });
    }
    const changed = batch.writes.length > before;
    if (changed) this.batches.set(householdId, batch);
    return this.outcome(values, changed ? 'update' : 'unchanged', { recordId: person.id });
  }

  private addHousehold(values: RowValues): RowOutcome {
    const fields = householdFieldsOf(values, this.context);
    if (!this.check(values, HouseholdFields, fields) || !values.villageId)
      return this.outcome(values, 'bad');
    const houseKey = houseNoKey(values.villageId, values.houseNo ?? '');
    const earlier = this.seen.get(houseKey);
    if (earlier !== undefined) {
      values.errors.push({
        row: values.row,
        column: this.mapping.columns.indexOf('houseNo'),
        field: 'houseNo',
        code: 'duplicate_in_file',
        params: { row: earlier },
      });
      return this.outcome(values, 'duplicate', { duplicateOf: earlier });
    }
    this.seen.set(houseKey, values.row);
    const existing =
      (values.houseCode ? this.householdByCode.get(values.houseCode) : undefined) ??
      this.householdByHouse.get(houseKey);
    if (!existing) {
      const id = this.newId();
      this.write(this.batch(id, values.villageId, true), {
        op: 'create',
        type: 'household',
        id,
        villageId: values.villageId,
        fields,
        row: values.row,
      });
      return this.outcome(values, 'create', { recordId: id });
    }
    // An existing household keeps its survey: only the address the row gives can change.
    const { surveyDate: _d, surveyorId: _s, privacyNoticeGiven: _p, ...address } = fields;
    const patch = changedFields(existing.fields, address);
    if (Object.keys(patch).length === 0)
      return this.outcome(values, 'unchanged', { recordId: existing.id });
    this.write(this.batch(existing.id, existing.villageId, false), {
      op: 'patch',
      type: 'household',
      id: existing.id,
      villageId: existing.villageId,
      fields: patch,
      previous: previousOf(existing.fields, patch),
      row: values.row,
    });
    return this.outcome(values, 'update', { recordId: existing.id });
  }
}

/** The row's values that differ from the record's (values here are text and numbers). */
function changedFields(current: Readonly<Record<string, unknown>>, row: Fields): Fields {
  const patch: Fields = {};
  for (const [field, value] of Object.entries(row))
    if (current[field] !== value) patch[field] = value;
  return patch;
}

/**
 * A birth date known to the year (or month) is the same date when the row gives that year (or
 * month) at that precision: the record keeps the day it was saved with (`2493` = `1950-07-14`).
 */
function sameBirthDate(current: Readonly<Record<string, unknown>>, row: Fields): boolean {
  const precision = row.birthDatePrecision;
  if (precision !== current.birthDatePrecision || precision === 'day') return false;
  const length = precision === 'year' ? 4 : 7;
  return (
    typeof row.birthDate === 'string' &&
    typeof current.birthDate === 'string' &&
    row.birthDate.slice(0, length) === current.birthDate.slice(0, length)
  );
}

/** The record's values of the fields a patch changes, null for the unset ones. */
function previousOf(current: Readonly<Record<string, unknown>>, patch: Fields): Fields {
  const previous: Fields = {};
  for (const field of Object.keys(patch)) previous[field] = current[field] ?? null;
  return previous;
}
