import type { Village } from '../../../shared/model/organization';
import { CASE_STATUSES, type ProgramCode } from '../../../shared/model/welfare';
import { type FiscalQuarter, formatDate } from '../../../shared/rules/thaiDate';
import { language, t } from '../../ui/i18n';
import { fieldLabel } from '../../ui/i18n/recordText';
import {
  ADL_COLUMNS,
  type AdlColumn,
  type AdlReport,
  type AssistanceReport,
  type CaseReport,
  fullName,
  type PersonRecord,
  quarterKey,
} from './officeLists';
import { type ReportTable, tableCsv } from './xlsx';

/** Labels and CSV files of the office lists, in the display language. */

export function villageText(village: Village | undefined): string {
  return village ? t('report.villageName', { mooNo: village.mooNo, name: village.name }) : '';
}

/** `ไตรมาส 1 ปีงบประมาณ 2570 (1 ต.ค. 2569 – 31 ธ.ค. 2569)` */
export function quarterName(quarter: FiscalQuarter, from: string, to: string): string {
  const day = (iso: string) => formatDate(`${iso}T12:00:00+07:00`, 'medium', language.value);
  return t('report.quarter.name', {
    quarter: quarter.quarter,
    year: quarter.fiscalYearBE,
    from: day(from),
    to: day(to),
  });
}

export function adlColumnText(column: AdlColumn): string {
  return column === 'notAssessed' ? t('report.adl.notAssessed') : t(`hh.adl.${column}`);
}

export type VillageLookup = (villageId: string) => Village | undefined;
export type PersonLookup = (personId: string | undefined) => PersonRecord | undefined;

/** One line per ledger entry of the quarter, reversals included, so the file sums to the total. */
export function assistanceCsv(
  report: AssistanceReport,
  village: VillageLookup,
  person: PersonLookup,
): string {
  return tableCsv(assistanceTable(report, village, person, []));
}

export function assistanceTable(
  report: AssistanceReport,
  village: VillageLookup,
  person: PersonLookup,
  title: readonly string[],
): ReportTable {
  const header = [
    fieldLabel('assistance', 'deliveredAt'),
    t('report.village'),
    fieldLabel('assistance', 'category'),
    fieldLabel('assistance', 'programCode'),
    fieldLabel('assistance', 'personId'),
    t('report.csv.amount'),
    fieldLabel('assistance', 'inKind'),
    fieldLabel('assistance', 'legalBasis'),
    fieldLabel('assistance', 'approvedBy'),
  ];
  const lines = report.villages.flatMap((v) =>
    v.rows.flatMap((row) =>
      row.entries.map(({ fields }) => [
        { date: fields.deliveredAt },
        villageText(village(v.villageId)),
        t(`case.category.${row.category}`),
        fields.programCode ? t(`program.${fields.programCode}`) : '',
        fullName(person(fields.personId)),
        { amount: fields.amountTHB },
        fields.inKind,
        fields.legalBasis,
        fields.approvedBy,
      ]),
    ),
  );
  return { title, header, rows: lines };
}

export function casesCsv(report: CaseReport): string {
  return tableCsv(casesTable(report, []));
}

export function casesTable(report: CaseReport, title: readonly string[]): ReportTable {
  const statuses = CASE_STATUSES.map((status) => t(`case.status.${status}`));
  return {
    title,
    header: [t('report.category'), ...statuses, t('report.total')],
    rows: [
      ...report.rows.map((row) => [
        t(`case.category.${row.category}`),
        ...CASE_STATUSES.map((status) => row.byStatus[status]),
        row.total,
      ]),
      [t('report.total'), ...CASE_STATUSES.map((status) => report.byStatus[status]), report.total],
    ],
  };
}

export function adlCsv(report: AdlReport, village: VillageLookup): string {
  return tableCsv(adlTable(report, village, []));
}

export function adlTable(
  report: AdlReport,
  village: VillageLookup,
  title: readonly string[],
): ReportTable {
  return {
    title,
    header: [t('report.village'), ...ADL_COLUMNS.map(adlColumnText)],
    rows: [
      ...report.rows.map((row) => [
        villageText(village(row.villageId)),
        ...ADL_COLUMNS.map((c) => row.counts[c]),
      ]),
      [t('report.total'), ...ADL_COLUMNS.map((c) => report.totals[c])],
    ],
  };
}

/** `assistance-2570-Q1.csv` */
export function csvFileName(list: string, quarter: FiscalQuarter): string {
  return `${list}-${quarterKey(quarter)}.csv`;
}

/** People eligible for an allowance who get nothing yet: one line per person and programme. */
export function eligibilityTable(
  rows: ReadonlyArray<{
    person: PersonRecord;
    age: number | null;
    allowances: ReadonlyArray<{ programCode: ProgramCode; monthlyTHB: number }>;
  }>,
  village: VillageLookup,
  title: readonly string[],
): ReportTable {
  return {
    title,
    header: [
      t('eligibility.name'),
      t('report.village'),
      t('eligibility.age'),
      t('eligibility.program'),
      t('eligibility.amount'),
    ],
    rows: rows.flatMap(({ person, age, allowances }) =>
      allowances.map(({ programCode, monthlyTHB }) => [
        fullName(person),
        villageText(village(person.villageId)),
        age,
        t(`program.${programCode}`),
        { amount: monthlyTHB },
      ]),
    ),
  };
}
