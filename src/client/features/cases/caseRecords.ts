import type {
  AssistanceFields,
  CaseCategory,
  CaseStatus,
  CaseStatusChangeFields,
  ProgramEnrollmentFields,
  VisitFields,
  WelfareCaseFields,
} from '../../../shared/model/welfare';
import { isClosedStatus } from '../../../shared/rules/caseStatus';
import { ledgerTotalTHB } from '../../../shared/rules/ledger';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import type { RecordType } from '../../../shared/sync/protocol';
import type { TambonDatabase } from '../../db/database';
import { getHousehold, getPerson, type HouseholdView, type PersonView } from '../../records/people';
import { getLocalRecord, listLocalRecords } from '../../sync/localRecords';
import { type RecordView, view } from '../../sync/recordView';
import type { CaseRef } from './caseChanges';

/**
 * The welfare officer's reads: cases of the user's villages, a case's timeline, the follow-ups
 * due and the assistance ledger, as typed views over local records (pending edits included).
 */

export type CaseView = RecordView<WelfareCaseFields>;
export type StatusChangeView = RecordView<CaseStatusChangeFields>;
export type VisitView = RecordView<VisitFields>;
export type AssistanceView = RecordView<AssistanceFields>;
export type EnrollmentView = RecordView<ProgramEnrollmentFields>;

export interface CaseFilters {
  status?: CaseStatus | undefined;
  category?: CaseCategory | undefined;
  villageId?: string | undefined;
}

async function listViews<F>(
  database: TambonDatabase,
  type: RecordType,
  villageIds: readonly string[],
): Promise<RecordView<F>[]> {
  const lists = await Promise.all(villageIds.map((id) => listLocalRecords(database, type, id)));
  return lists
    .flat()
    .filter((record) => !record.deleted)
    .map(view<F>);
}

/** A case that is still being worked on (not done, not rejected). */
export function isOpenCase(welfareCase: CaseView): boolean {
  const status = welfareCase.fields.status;
  return status !== undefined && !isClosedStatus(status);
}

/** The cases of `villageIds` matching `filters`, the newest request first. */
export async function listCases(
  database: TambonDatabase,
  villageIds: readonly string[],
  filters: CaseFilters = {},
): Promise<CaseView[]> {
  const villages = filters.villageId
    ? villageIds.filter((id) => id === filters.villageId)
    : villageIds;
  const cases = await listViews<WelfareCaseFields>(database, 'case', villages);
  return cases
    .filter(
      (c) =>
        (!filters.status || c.fields.status === filters.status) &&
        (!filters.category || c.fields.category === filters.category),
    )
    .sort((a, b) => (b.fields.receivedAt ?? '').localeCompare(a.fields.receivedAt ?? ''));
}

export async function getCase(database: TambonDatabase, id: string): Promise<CaseView | null> {
  const record = await getLocalRecord(database, id);
  return record?.type === 'case' && !record.deleted ? view<WelfareCaseFields>(record) : null;
}

/** What a welfare screen writes against (see caseChanges.ts). */
export function caseRef(welfareCase: CaseView): CaseRef {
  return {
    id: welfareCase.id,
    villageId: welfareCase.villageId,
    status: welfareCase.fields.status ?? 'received',
  };
}

export type TimelineItem =
  | { kind: 'status'; id: string; day: string; record: StatusChangeView }
  | { kind: 'visit'; id: string; day: string; record: VisitView }
  | {
      kind: 'assistance';
      id: string;
      day: string;
      record: AssistanceView;
      /** The entry that cancels this one, when it was reversed. */
      reversedBy: AssistanceView | null;
    };

/** Newest first; within a day, the later-created record (uuidv7 ids sort by creation time). */
function newestFirst(a: TimelineItem, b: TimelineItem): number {
  return b.day.localeCompare(a.day) || b.id.localeCompare(a.id);
}

/**
 * Everything that happened to a case, newest first: the officer opens a case to see where it
 * stands and what was last done at the door (the latest visit and its next date), and a
 * long-running care case gathers dozens of visits that would push that to the bottom.
 */
export async function caseTimeline(
  database: TambonDatabase,
  welfareCase: CaseView,
): Promise<TimelineItem[]> {
  const villages = [welfareCase.villageId];
  const ofCase = <F extends { caseId: string }>(records: RecordView<F>[]) =>
    records.filter((record) => record.fields.caseId === welfareCase.id);
  const [changes, visits, entries] = await Promise.all([
    listViews<CaseStatusChangeFields>(database, 'caseStatusChange', villages).then(ofCase),
    listViews<VisitFields>(database, 'visit', villages).then(ofCase),
    listViews<AssistanceFields>(database, 'assistance', villages).then(ofCase),
  ]);
  const reversals = new Map(
    entries.flatMap((entry) => (entry.fields.reversesId ? [[entry.fields.reversesId, entry]] : [])),
  );
  const items: TimelineItem[] = [
    ...changes.map(
      (record): TimelineItem => ({
        kind: 'status',
        id: record.id,
        day: record.fields.at ? bangkokDate(record.fields.at) : '',
        record,
      }),
    ),
    ...visits.map(
      (record): TimelineItem => ({
        kind: 'visit',
        id: record.id,
        day: record.fields.visitedOn ?? '',
        record,
      }),
    ),
    ...entries.map(
      (record): TimelineItem => ({
        kind: 'assistance',
        id: record.id,
        day: record.fields.deliveredAt ?? '',
        record,
        reversedBy: reversals.get(record.id) ?? null,
      }),
    ),
  ];
  return items.sort(newestFirst);
}

/** The assistance entries of a timeline (reversing entries included). */
export function assistanceEntries(timeline: readonly TimelineItem[]): AssistanceView[] {
  return timeline.flatMap((item) => (item.kind === 'assistance' ? [item.record] : []));
}

/** The net cash given on a case: reversed entries and their reversals cancel out. */
export function assistanceTotalTHB(entries: readonly AssistanceView[]): number {
  return ledgerTotalTHB(
    entries.map((entry) => ({
      id: entry.id,
      amountTHB: entry.fields.amountTHB,
      reversesId: entry.fields.reversesId,
    })),
  );
}

export interface FollowUps {
  overdue: CaseView[];
  dueToday: CaseView[];
  /** Due within the next 7 days. */
  upcoming: CaseView[];
}

export const UPCOMING_DAYS = 7;

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Open cases with a due date, by when they are due relative to `today` (Bangkok), soonest first. */
export function followUps(cases: readonly CaseView[], today: string): FollowUps {
  const horizon = addDays(today, UPCOMING_DAYS);
  const due = cases
    .filter((c) => isOpenCase(c) && c.fields.dueDate !== undefined)
    .sort((a, b) => (a.fields.dueDate ?? '').localeCompare(b.fields.dueDate ?? ''));
  const on = (c: CaseView) => c.fields.dueDate ?? '';
  return {
    overdue: due.filter((c) => on(c) < today),
    dueToday: due.filter((c) => on(c) === today),
    upcoming: due.filter((c) => on(c) > today && on(c) <= horizon),
  };
}

/** The person and/or household a case is about. */
export interface Beneficiary {
  person: PersonView | null;
  household: HouseholdView | null;
}

export async function loadBeneficiary(
  database: TambonDatabase,
  welfareCase: CaseView,
): Promise<Beneficiary> {
  const { personId, householdId } = welfareCase.fields;
  const [person, household] = await Promise.all([
    personId ? getPerson(database, personId) : null,
    householdId ? getHousehold(database, householdId) : null,
  ]);
  return { person, household };
}

/** Each case's beneficiary, by case id. */
export async function loadBeneficiaries(
  database: TambonDatabase,
  cases: readonly CaseView[],
): Promise<Map<string, Beneficiary>> {
  const pairs = await Promise.all(
    cases.map(async (c) => [c.id, await loadBeneficiary(database, c)] as const),
  );
  return new Map(pairs);
}

/** Whether any field of `recordIds` holds a conflict nobody has resolved yet. */
export async function hasOpenConflict(
  database: TambonDatabase,
  recordIds: readonly string[],
): Promise<boolean> {
  if (recordIds.length === 0) return false;
  const conflicts = await database.conflicts.where('recordId').anyOf(recordIds).toArray();
  return conflicts.some((conflict) => conflict.resolvedAt === null);
}
