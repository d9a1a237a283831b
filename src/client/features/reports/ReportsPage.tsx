import { Fragment } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Village } from '../../../shared/model/organization';
import { CASE_STATUSES } from '../../../shared/model/welfare';
import {
  bangkokDate,
  type FiscalQuarter,
  fiscalQuarterDates,
} from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import { logExport } from '../../privacy/deviceEvents';
import { profile } from '../../session/state';
import { Button, LinkButton } from '../../ui/Button';
import { baht, date } from '../../ui/format';
import { t } from '../../ui/i18n';
import { numberText } from '../../ui/record/labels';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { downloadCsv } from './csv';
import {
  ADL_COLUMNS,
  type AdlReport,
  type AssistanceReport,
  adlReport,
  assistanceReport,
  type CaseReport,
  caseReport,
  fullName,
  parseQuarterKey,
  quarterKey,
  recentQuarters,
} from './officeLists';
import { loadReportData, type ReportData } from './reportQueries';
import {
  adlColumnText,
  adlTable,
  assistanceTable,
  casesTable,
  csvFileName,
  type PersonLookup,
  quarterName,
  type VillageLookup,
  villageText,
} from './reportText';
import { downloadXlsx, type ReportTable, tableCsv } from './xlsx';

/**
 * Office lists of a fiscal quarter (docs/domain.md §3G, §7): assistance delivered, cases, people
 * by ADL group. Counted on the device from the synced records of the user's villages, so they
 * work offline; printable on A4 and exportable as CSV.
 */
export default function ReportsPage() {
  const cached = profile.value;
  const villages = [...(cached?.villages ?? [])].sort((a, b) => a.mooNo - b.mooNo);
  const villageIds = villages.map((village) => village.id);
  const today = bangkokDate();
  const quarters = recentQuarters(today);
  const [selected, setSelected] = useState(quarterKey(quarters[0] as FiscalQuarter));
  const [onlyQuarterCases, setOnlyQuarterCases] = useState(true);
  const quarter = parseQuarterKey(selected) ?? (quarters[0] as FiscalQuarter);
  const { from, to } = fiscalQuarterDates(quarter);
  const organization = cached?.organization?.name ?? '';

  const data = useLiveQuery<ReportData | null>(
    async () => loadReportData(db(), villageIds),
    [villageIds.join()],
    null,
  );
  const reports = useMemo(
    () =>
      data && {
        assistance: assistanceReport(data.assistance, quarter, villageIds),
        cases: caseReport(data.cases, onlyQuarterCases ? quarter : null),
        adl: adlReport(data.people, today, villageIds),
        people: new Map(data.people.map((person) => [person.id, person])),
      },
    [data, selected, onlyQuarterCases, villageIds.join(), today],
  );
  const villageById = new Map(villages.map((village) => [village.id, village]));
  const village: VillageLookup = (id) => villageById.get(id);
  const person: PersonLookup = (id) => (id ? reports?.people.get(id) : undefined);
  const print = () => {
    if (reports) void logExport('report:print', printedRows(reports));
    window.print();
  };

  return (
    <section class="page-section report-page" data-testid="reports-page">
      <header class="report-print-header">
        <p class="report-print-organization">{cached?.organization?.name}</p>
        <p class="report-print-quarter">{quarterName(quarter, from, to)}</p>
        <p class="report-print-date">{t('report.printedOn', { date: date(Date.now()) })}</p>
      </header>
      <h1>{t('report.title')}</h1>
      <p class="lead report-screen-only">{t('report.lead')}</p>

      <div class="report-controls report-screen-only">
        <label class="field">
          <span>{t('report.quarter')}</span>
          <select
            value={selected}
            data-testid="report-quarter"
            onChange={(event) => setSelected(event.currentTarget.value)}
          >
            {quarters.map((q) => (
              <option key={quarterKey(q)} value={quarterKey(q)}>
                {t('report.quarter.option', { quarter: q.quarter, year: q.fiscalYearBE })}
              </option>
            ))}
          </select>
        </label>
        <p class="muted small">{quarterName(quarter, from, to)}</p>
        <div class="report-actions">
          <Button testId="report-print" onClick={print}>
            {t('report.print')}
          </Button>
          <LinkButton href="/eligibility" testId="report-eligibility">
            {t('report.eligibilityLink')}
          </LinkButton>
        </div>
      </div>

      {!reports ? (
        <p class="muted">{t('report.loading')}</p>
      ) : (
        <>
          <AssistanceSection
            report={reports.assistance}
            village={village}
            person={person}
            onCsv={(format) =>
              exportList(
                format,
                'assistance',
                reports.assistance.count,
                csvFileName('assistance', quarter),
                assistanceTable(reports.assistance, village, person, [
                  organization,
                  t('report.assistance.title'),
                  quarterName(quarter, from, to),
                ]),
              )
            }
          />
          <CasesSection
            report={reports.cases}
            onlyQuarter={onlyQuarterCases}
            onOnlyQuarter={setOnlyQuarterCases}
            onCsv={(format) =>
              exportList(
                format,
                'cases',
                reports.cases.rows.length,
                onlyQuarterCases ? csvFileName('cases', quarter) : `cases-${today}.csv`,
                casesTable(reports.cases, [
                  organization,
                  t('report.cases.title'),
                  onlyQuarterCases
                    ? quarterName(quarter, from, to)
                    : t('report.printedOn', { date: date(Date.now()) }),
                ]),
              )
            }
          />
          <AdlSection
            report={reports.adl}
            villages={villages}
            onCsv={(format) =>
              exportList(
                format,
                'adl',
                reports.adl.rows.length,
                `adl-${today}.csv`,
                adlTable(reports.adl, village, [
                  organization,
                  t('report.adl.title'),
                  t('report.printedOn', { date: date(Date.now()) }),
                ]),
              )
            }
          />
        </>
      )}
    </section>
  );
}

/**
 * Downloads an office list and logs the export for the PDPA audit (`report:<list>`, its data
 * rows): the file leaves the app, so the office can tell who took which list out.
 */
function exportList(
  format: ExportFormat,
  list: string,
  rows: number,
  csvName: string,
  table: ReportTable,
): void {
  if (format === 'csv') downloadCsv(csvName, tableCsv(table));
  else
    void downloadXlsx(
      csvName.replace(/\.csv$/, '.xlsx'),
      table,
      t(`report.sheet.${list as 'adl'}`),
    );
  void logExport(format === 'csv' ? `report:${list}` : `report:${list}:xlsx`, rows);
}

/** What a printout of the page holds: assistance entries, case categories, ADL villages. */
function printedRows(reports: {
  assistance: AssistanceReport;
  cases: CaseReport;
  adl: AdlReport;
}): number {
  return reports.assistance.count + reports.cases.rows.length + reports.adl.rows.length;
}

type ExportFormat = 'csv' | 'xlsx';

/** CSV and `.xlsx` downloads of a list (`report-csv-<list>`, `report-xlsx-<list>`). */
function CsvButton({
  testId,
  onClick,
}: {
  testId: string;
  onClick: (format: ExportFormat) => void;
}) {
  return (
    <span class="report-screen-only report-exports">
      <Button testId={testId} variant="quiet" onClick={() => onClick('csv')}>
        {t('report.csv')}
      </Button>
      <Button
        testId={testId.replace('report-csv-', 'report-xlsx-')}
        variant="quiet"
        onClick={() => onClick('xlsx')}
      >
        {t('report.xlsx')}
      </Button>
    </span>
  );
}

function AssistanceSection({
  report,
  village,
  person,
  onCsv,
}: {
  report: AssistanceReport;
  village: VillageLookup;
  person: PersonLookup;
  onCsv: (format: ExportFormat) => void;
}) {
  return (
    <section class="card report-section" data-testid="report-assistance">
      <div class="report-section-head">
        <h2>{t('report.assistance.title')}</h2>
        <CsvButton testId="report-csv-assistance" onClick={onCsv} />
      </div>
      {report.count === 0 && <p class="muted">{t('report.assistance.empty')}</p>}
      <table class="table report-table">
        <thead>
          <tr>
            <th>{t('report.village')}</th>
            <th>{t('report.category')}</th>
            <th class="report-number">{t('report.assistance.entries')}</th>
            <th class="report-number">{t('report.assistance.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {report.villages.map((v) => (
            <Fragment key={v.villageId}>
              {v.rows.map((row) => (
                <tr key={`${v.villageId}|${row.category}`} data-testid="report-assistance-row">
                  <td data-label={t('report.village')}>{villageText(village(v.villageId))}</td>
                  <td data-label={t('report.category')}>
                    {t(`case.category.${row.category}`)}
                    {row.personIds.length > 0 && (
                      <span class="report-beneficiaries small">
                        {t('report.assistance.beneficiaries')}:{' '}
                        {row.personIds.map((id) => fullName(person(id))).join(', ')}
                      </span>
                    )}
                  </td>
                  <td class="report-number" data-label={t('report.assistance.entries')}>
                    {numberText(row.entries.length)}
                  </td>
                  <td class="report-number" data-label={t('report.assistance.amount')}>
                    {baht(row.totalTHB)}
                  </td>
                </tr>
              ))}
              <tr key={`${v.villageId}|total`} class="report-subtotal">
                <th colSpan={2}>
                  {t('report.assistance.villageTotal', {
                    village: villageText(village(v.villageId)),
                  })}
                </th>
                <td class="report-number">{numberText(v.count)}</td>
                <td class="report-number" data-amount={v.totalTHB}>
                  {baht(v.totalTHB)}
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
        <tfoot>
          <tr class="report-total">
            <th colSpan={2}>{t('report.grandTotal')}</th>
            <td class="report-number">{numberText(report.count)}</td>
            <td
              class="report-number"
              data-testid="report-assistance-total"
              data-amount={report.totalTHB}
            >
              {baht(report.totalTHB)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function CasesSection({
  report,
  onlyQuarter,
  onOnlyQuarter,
  onCsv,
}: {
  report: CaseReport;
  onlyQuarter: boolean;
  onOnlyQuarter: (value: boolean) => void;
  onCsv: (format: ExportFormat) => void;
}) {
  return (
    <section class="card report-section" data-testid="report-cases">
      <div class="report-section-head">
        <h2>{t('report.cases.title')}</h2>
        <CsvButton testId="report-csv-cases" onClick={onCsv} />
      </div>
      <label class="checkbox report-screen-only">
        <input
          type="checkbox"
          checked={onlyQuarter}
          data-testid="report-cases-quarter"
          onChange={(event) => onOnlyQuarter(event.currentTarget.checked)}
        />{' '}
        {t('report.cases.onlyQuarter')}
      </label>
      {report.total === 0 ? (
        <p class="muted">{t('report.cases.empty')}</p>
      ) : (
        <table class="table report-table">
          <thead>
            <tr>
              <th>{t('report.category')}</th>
              {CASE_STATUSES.map((status) => (
                <th key={status} class="report-number">
                  {t(`case.status.${status}`)}
                </th>
              ))}
              <th class="report-number">{t('report.total')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.category} data-testid={`report-cases-${row.category}`}>
                <td data-label={t('report.category')}>{t(`case.category.${row.category}`)}</td>
                {CASE_STATUSES.map((status) => (
                  <td
                    key={status}
                    class="report-number"
                    data-status={status}
                    data-label={t(`case.status.${status}`)}
                  >
                    {numberText(row.byStatus[status])}
                  </td>
                ))}
                <td class="report-number" data-label={t('report.total')}>
                  {numberText(row.total)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr class="report-total">
              <th>{t('report.total')}</th>
              {CASE_STATUSES.map((status) => (
                <td key={status} class="report-number">
                  {numberText(report.byStatus[status])}
                </td>
              ))}
              <td class="report-number" data-testid="report-cases-total">
                {numberText(report.total)}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

function AdlSection({
  report,
  villages,
  onCsv,
}: {
  report: AdlReport;
  villages: Village[];
  onCsv: (format: ExportFormat) => void;
}) {
  const byId = new Map(villages.map((village) => [village.id, village]));
  return (
    <section class="card report-section" data-testid="report-adl">
      <div class="report-section-head">
        <h2>{t('report.adl.title')}</h2>
        <CsvButton testId="report-csv-adl" onClick={onCsv} />
      </div>
      <p class="muted small">{t('report.adl.note')}</p>
      <table class="table report-table">
        <thead>
          <tr>
            <th>{t('report.village')}</th>
            {ADL_COLUMNS.map((column) => (
              <th key={column} class="report-number">
                {adlColumnText(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.villageId} data-testid={`report-adl-${row.villageId}`}>
              <td data-label={t('report.village')}>{villageText(byId.get(row.villageId))}</td>
              {ADL_COLUMNS.map((column) => (
                <td
                  key={column}
                  class="report-number"
                  data-group={column}
                  data-label={adlColumnText(column)}
                >
                  {numberText(row.counts[column])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="report-total">
            <th>{t('report.total')}</th>
            {ADL_COLUMNS.map((column) => (
              <td key={column} class="report-number" data-group={column}>
                {numberText(report.totals[column])}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
