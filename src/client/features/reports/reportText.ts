import type { Village } from '../../../shared/model/organization';
import { CASE_STATUSES } from '../../../shared/model/welfare';
import { type FiscalQuarter, formatDate } from '../../../shared/rules/thaiDate';
import { language, t } from '../../ui/i18n';
import { fieldLabel } from '../../ui/i18n/recordText';
import { csvAmount, csvDate, toCsv } from './csv';
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
        csvDate(fields.deliveredAt),
        villageText(village(v.villageId)),
        t(`case.category.${row.category}`),
        fields.programCode ? t(`program.${fields.programCode}`) : '',
        fullName(person(fields.personId)),
        csvAmount(fields.amountTHB),
        fields.inKind,
        fields.legalBasis,
        fields.approvedBy,
      ]),
    ),
  );
  return toCsv([header, ...lines]);
}

export function casesCsv(report: CaseReport): string {
  const statuses = CASE_STATUSES.map((status) => t(`case.status.${status}`));
  return toCsv([
    [t('report.category'), ...statuses, t('report.total')],
    ...report.rows.map((row) => [
      t(`case.category.${row.category}`),
      ...CASE_STATUSES.map((status) => row.byStatus[status]),
      row.total,
    ]),
    [t('report.total'), ...CASE_STATUSES.map((status) => report.byStatus[status]), report.total],
  ]);
}

export function adlCsv(report: AdlReport, village: VillageLookup): string {
  return toCsv([
    [t('report.village'), ...ADL_COLUMNS.map(adlColumnText)],
    ...report.rows.map((row) => [
      villageText(village(row.villageId)),
      ...ADL_COLUMNS.map((c) => row.counts[c]),
    ]),
    [t('report.total'), ...ADL_COLUMNS.map((c) => report.totals[c])],
  ]);
}

/** `assistance-2570-Q1.csv` */
export function csvFileName(list: string, quarter: FiscalQuarter): string {
  return `${list}-${quarterKey(quarter)}.csv`;
}
