import type { PersonFields } from '../../../shared/model/person';
import {
  type AssistanceFields,
  CASE_CATEGORIES,
  CASE_STATUSES,
  type CaseCategory,
  type CaseStatus,
  type ProgramCode,
  type ProgramEnrollmentFields,
  type WelfareCaseFields,
} from '../../../shared/model/welfare';
import type { DependencyGroup } from '../../../shared/rules/adl';
import { ledgerTotalTHB } from '../../../shared/rules/ledger';
import { type Allowance, personProfile } from '../../../shared/rules/personProfile';
import {
  bangkokDate,
  type FiscalQuarter,
  fiscalQuarter,
  fiscalQuarterDates,
} from '../../../shared/rules/thaiDate';

/**
 * The office lists (docs/domain.md §3G, §4, §7), computed on the device from the synced records:
 * pure functions over typed record views, no Dexie, no DOM.
 */

/** A record as the reports read it: fields typed, each possibly absent. */
export interface ReportRecord<F> {
  id: string;
  villageId: string;
  fields: Partial<F>;
}

// ---------------------------------------------------------------------------------------------
// Quarters

/** `2570-Q1`: the value of the quarter select and the tail of the CSV file names. */
export function quarterKey({ fiscalYearBE, quarter }: FiscalQuarter): string {
  return `${fiscalYearBE}-Q${quarter}`;
}

export function parseQuarterKey(key: string): FiscalQuarter | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!match) return null;
  return { fiscalYearBE: Number(match[1]), quarter: Number(match[2]) as FiscalQuarter['quarter'] };
}

/** The quarter of a calendar day (`YYYY-MM-DD`, already a Bangkok date). */
export function quarterOfDay(day: string): FiscalQuarter {
  return fiscalQuarter(`${day}T12:00:00+07:00`);
}

/** The quarter of `today` and the `count - 1` before it, newest first. */
export function recentQuarters(today: string, count = 8): FiscalQuarter[] {
  let { fiscalYearBE, quarter } = quarterOfDay(today);
  const quarters: FiscalQuarter[] = [];
  for (let i = 0; i < count; i++) {
    quarters.push({ fiscalYearBE, quarter });
    if (quarter === 1) {
      fiscalYearBE -= 1;
      quarter = 4;
    } else {
      quarter = (quarter - 1) as FiscalQuarter['quarter'];
    }
  }
  return quarters;
}

/** Whether a calendar day (`YYYY-MM-DD`) falls in the quarter; ISO dates compare as strings. */
export function dayInQuarter(day: string, quarter: FiscalQuarter): boolean {
  const { from, to } = fiscalQuarterDates(quarter);
  return day >= from && day <= to;
}

// ---------------------------------------------------------------------------------------------
// Assistance delivered

export type AssistanceRecord = ReportRecord<AssistanceFields>;

export interface AssistanceRow {
  villageId: string;
  category: CaseCategory;
  /** Ledger lines of the quarter, reversing entries included (so `count` is lines, not people). */
  entries: AssistanceRecord[];
  totalTHB: number;
  /** Person ids of the entries, each once, in the order they were helped. */
  personIds: string[];
}

export interface VillageAssistance {
  villageId: string;
  rows: AssistanceRow[];
  count: number;
  totalTHB: number;
}

export interface AssistanceReport {
  villages: VillageAssistance[];
  count: number;
  totalTHB: number;
}

const byDelivery = (a: AssistanceRecord, b: AssistanceRecord) =>
  (a.fields.deliveredAt ?? '').localeCompare(b.fields.deliveredAt ?? '') ||
  a.id.localeCompare(b.id);

/**
 * Assistance delivered in `quarter` by village (in `villageIds` order) and category (in the
 * model's order). Every entry, a reversing one too, counts in the quarter of its own
 * `deliveredAt`: a reversal booked in Q2 for a Q1 payment lowers Q2, as the ledger shows it.
 */
export function assistanceReport(
  assistance: readonly AssistanceRecord[],
  quarter: FiscalQuarter,
  villageIds: readonly string[],
): AssistanceReport {
  const inQuarter = assistance
    .filter((entry) => entry.fields.deliveredAt && dayInQuarter(entry.fields.deliveredAt, quarter))
    .sort(byDelivery);
  const villages = villageIds.flatMap((villageId): VillageAssistance[] => {
    const here = inQuarter.filter((entry) => entry.villageId === villageId);
    if (here.length === 0) return [];
    const rows = CASE_CATEGORIES.flatMap((category): AssistanceRow[] => {
      const entries = here.filter((entry) => entry.fields.category === category);
      if (entries.length === 0) return [];
      return [
        {
          villageId,
          category,
          entries,
          totalTHB: ledgerTotal(entries),
          personIds: people(entries),
        },
      ];
    });
    return [{ villageId, rows, count: here.length, totalTHB: ledgerTotal(here) }];
  });
  const counted = villages.flatMap((village) => village.rows.flatMap((row) => row.entries));
  return { villages, count: counted.length, totalTHB: ledgerTotal(counted) };
}

function ledgerTotal(entries: readonly AssistanceRecord[]): number {
  return ledgerTotalTHB(
    entries.map(({ id, fields }) => ({
      id,
      amountTHB: fields.amountTHB,
      reversesId: fields.reversesId,
    })),
  );
}

function people(entries: readonly AssistanceRecord[]): string[] {
  return [
    ...new Set(entries.flatMap((entry) => (entry.fields.personId ? [entry.fields.personId] : []))),
  ];
}

// ---------------------------------------------------------------------------------------------
// Cases by status and category

export type CaseRecord = ReportRecord<WelfareCaseFields>;

export interface CaseReportRow {
  category: CaseCategory;
  byStatus: Record<CaseStatus, number>;
  total: number;
}

export interface CaseReport {
  /** Only the categories with at least one case, in the model's order. */
  rows: CaseReportRow[];
  byStatus: Record<CaseStatus, number>;
  total: number;
}

function zeroByStatus(): Record<CaseStatus, number> {
  return Object.fromEntries(CASE_STATUSES.map((status) => [status, 0])) as Record<
    CaseStatus,
    number
  >;
}

/** Cases counted by category and status; with a quarter, only those received in it (Bangkok day). */
export function caseReport(
  cases: readonly CaseRecord[],
  quarter: FiscalQuarter | null,
): CaseReport {
  const counted = cases.filter(({ fields }) => {
    if (!fields.category || !fields.status) return false;
    if (!quarter) return true;
    return fields.receivedAt !== undefined && dayInQuarter(bangkokDate(fields.receivedAt), quarter);
  });
  const byStatus = zeroByStatus();
  const rows = CASE_CATEGORIES.flatMap((category): CaseReportRow[] => {
    const here = counted.filter((c) => c.fields.category === category);
    if (here.length === 0) return [];
    const row = { category, byStatus: zeroByStatus(), total: here.length };
    for (const { fields } of here) {
      const status = fields.status as CaseStatus;
      row.byStatus[status] += 1;
      byStatus[status] += 1;
    }
    return [row];
  });
  return { rows, byStatus, total: counted.length };
}

// ---------------------------------------------------------------------------------------------
// People by ADL group

export type PersonRecord = ReportRecord<PersonFields>;
export type AdlColumn = DependencyGroup | 'notAssessed';
export const ADL_COLUMNS: readonly AdlColumn[] = ['social', 'homebound', 'bedbound', 'notAssessed'];

export interface AdlRow {
  villageId: string;
  counts: Record<AdlColumn, number>;
}

export interface AdlReport {
  rows: AdlRow[];
  totals: Record<AdlColumn, number>;
}

function zeroAdl(): Record<AdlColumn, number> {
  return { social: 0, homebound: 0, bedbound: 0, notAssessed: 0 };
}

/**
 * Active members per ADL group and village. "Not assessed" counts those the assessment is due
 * for and missing (the elderly and the disabled, docs/domain.md §4): a child without an ADL score
 * is not a gap in the survey.
 */
export function adlReport(
  people: readonly PersonRecord[],
  today: string,
  villageIds: readonly string[],
): AdlReport {
  const totals = zeroAdl();
  const rows = villageIds.map((villageId) => {
    const counts = zeroAdl();
    for (const person of people) {
      if (person.villageId !== villageId) continue;
      const profile = personProfile(person.fields, today);
      if (!profile.active) continue;
      const column: AdlColumn | null =
        profile.adlGroup ?? (profile.missing.includes('adl') ? 'notAssessed' : null);
      if (!column) continue;
      counts[column] += 1;
      totals[column] += 1;
    }
    return { villageId, counts };
  });
  return { rows, totals };
}

// ---------------------------------------------------------------------------------------------
// Allowance eligibility

export type EnrollmentRecord = ReportRecord<ProgramEnrollmentFields>;

export const ALLOWANCE_PROGRAMS: Record<Allowance, ProgramCode> = {
  elderly: 'elderly-allowance',
  disability: 'disability-allowance',
};

export interface EligibleRow {
  person: PersonRecord;
  age: number | null;
  programCode: ProgramCode;
  monthlyTHB: number;
}

const OPEN_CASE_END: ReadonlySet<CaseStatus | undefined> = new Set(['done', 'rejected']);
const HOLDING_ENROLLMENT = new Set(['applied', 'active']);

/**
 * People eligible for an allowance who get nothing yet (docs/domain.md §4): eligible by
 * `personProfile` and not reported as receiving it, with no enrollment applied or active and no
 * open application case for that programme. One row per person and programme.
 */
export function eligibilityList(
  people: readonly PersonRecord[],
  enrollments: readonly EnrollmentRecord[],
  cases: readonly CaseRecord[],
  today: string,
): EligibleRow[] {
  const taken = new Set<string>();
  for (const { fields } of enrollments) {
    if (fields.personId && fields.status && HOLDING_ENROLLMENT.has(fields.status)) {
      taken.add(`${fields.personId}|${fields.programCode}`);
    }
  }
  for (const { fields } of cases) {
    if (fields.personId && fields.programCode && !OPEN_CASE_END.has(fields.status)) {
      taken.add(`${fields.personId}|${fields.programCode}`);
    }
  }
  return people.flatMap((person) => {
    const profile = personProfile(person.fields, today);
    return profile.eligibleNotReceiving.flatMap((allowance): EligibleRow[] => {
      const programCode = ALLOWANCE_PROGRAMS[allowance];
      if (taken.has(`${person.id}|${programCode}`)) return [];
      const monthlyTHB =
        allowance === 'elderly' ? profile.elderlyAllowanceTHB : profile.disabilityAllowanceTHB;
      return [{ person, age: profile.age, programCode, monthlyTHB }];
    });
  });
}

/** `สมชาย ใจดี` as the office lists print it. */
export function fullName(person: PersonRecord | undefined): string {
  if (!person) return '';
  return [person.fields.firstName, person.fields.lastName].filter(Boolean).join(' ');
}
