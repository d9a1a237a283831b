import { useMemo, useState } from 'preact/hooks';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import { logExport } from '../../privacy/deviceEvents';
import { profile } from '../../session/state';
import { Button } from '../../ui/Button';
import { date } from '../../ui/format';
import { t } from '../../ui/i18n';
import { numberText } from '../../ui/record/labels';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { downloadCsv } from './csv';
import { type EligibleRow, eligibilityList, fullName, type PersonRecord } from './officeLists';
import { type EligibilityData, loadEligibilityData } from './reportQueries';
import { eligibilityTable, villageText } from './reportText';
import { downloadXlsx, tableCsv } from './xlsx';

/**
 * People of the user's villages eligible for the elderly or disability allowances (docs/domain.md §4)
 * who get nothing yet: not receiving, not enrolled, no application open. One tap opens the
 * application case with the person and programme filled in.
 */
export default function EligibilityPage() {
  const villages = [...(profile.value?.villages ?? [])].sort((a, b) => a.mooNo - b.mooNo);
  const [villageId, setVillageId] = useState('');
  const villageIds = villageId ? [villageId] : villages.map((village) => village.id);
  const today = bangkokDate();
  const data = useLiveQuery<EligibilityData | null>(
    async () => loadEligibilityData(db(), villageIds),
    [villageIds.join()],
    null,
  );
  // The village order must exist before the memo sorts by it: the memo runs during this render.
  const villageById = new Map(villages.map((village) => [village.id, village]));
  const villageOrder = (id: string) => villageById.get(id)?.mooNo ?? 0;
  const rows = useMemo(
    () =>
      data
        ? byPerson(eligibilityList(data.people, data.enrollments, data.cases, today)).sort(
            (a, b) =>
              villageOrder(a.person.villageId) - villageOrder(b.person.villageId) ||
              fullName(a.person).localeCompare(fullName(b.person), 'th'),
          )
        : null,
    [data, today],
  );

  /** The list as shown, as CSV or `.xlsx`, logged like every office list that leaves the app. */
  const exportRows = (format: 'csv' | 'xlsx') => {
    if (!rows) return;
    const table = eligibilityTable(rows, (id) => villageById.get(id), [
      profile.value?.organization?.name ?? '',
      t('eligibility.title'),
      t('report.printedOn', { date: date(Date.now()) }),
    ]);
    if (format === 'csv') downloadCsv(`eligibility-${today}.csv`, tableCsv(table));
    else void downloadXlsx(`eligibility-${today}.xlsx`, table, t('report.sheet.eligibility'));
    void logExport(
      format === 'csv' ? 'report:eligibility' : 'report:eligibility:xlsx',
      table.rows.length,
    );
  };

  return (
    <section class="page-section" data-testid="eligibility-page">
      <h1>{t('eligibility.title')}</h1>
      <p class="lead">{t('eligibility.lead')}</p>
      <label class="field">
        <span>{t('eligibility.village')}</span>
        <select
          value={villageId}
          data-testid="eligibility-village"
          onChange={(event) => setVillageId(event.currentTarget.value)}
        >
          <option value="">{t('eligibility.allVillages')}</option>
          {villages.map((village) => (
            <option key={village.id} value={village.id}>
              {villageText(village)}
            </option>
          ))}
        </select>
      </label>
      {!rows ? (
        <p class="muted">{t('report.loading')}</p>
      ) : rows.length === 0 ? (
        <p class="muted" data-testid="eligibility-empty">
          {t('eligibility.empty')}
        </p>
      ) : (
        <>
          <p class="muted small" data-testid="eligibility-count">
            {t('eligibility.count', { count: numberText(rows.length) })}
          </p>
          <div class="report-exports">
            <Button
              variant="quiet"
              testId="report-csv-eligibility"
              onClick={() => exportRows('csv')}
            >
              {t('report.csv')}
            </Button>
            <Button
              variant="quiet"
              testId="report-xlsx-eligibility"
              onClick={() => exportRows('xlsx')}
            >
              {t('report.xlsx')}
            </Button>
          </div>
          <table class="table report-table" data-testid="eligibility-list">
            <thead>
              <tr>
                <th>{t('eligibility.name')}</th>
                <th>{t('eligibility.village')}</th>
                <th class="report-number">{t('eligibility.age')}</th>
                <th>{t('eligibility.program')}</th>
                <th class="report-number">{t('eligibility.amount')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map(({ person, age, allowances }) => (
                <tr key={person.id} data-testid={`eligible-${person.id}`}>
                  <td data-label={t('eligibility.name')}>
                    <a href={`/people/${person.id}`}>{fullName(person)}</a>
                  </td>
                  <td data-label={t('eligibility.village')}>
                    {villageText(villageById.get(person.villageId))}
                  </td>
                  <td class="report-number" data-label={t('eligibility.age')}>
                    {age === null ? '' : t('eligibility.ageYears', { age })}
                  </td>
                  <td data-label={t('eligibility.program')}>
                    {allowances.map(({ programCode }) => (
                      <div key={programCode} data-program={programCode}>
                        {t(`program.${programCode}`)}
                      </div>
                    ))}
                  </td>
                  <td class="report-number" data-label={t('eligibility.amount')}>
                    {allowances.map(({ programCode, monthlyTHB }) => (
                      <div key={programCode}>
                        {t('hh.value.thbMonth', { amount: numberText(monthlyTHB) })}
                      </div>
                    ))}
                  </td>
                  <td>
                    {allowances.map(({ programCode }, i) => (
                      <a
                        key={programCode}
                        class="button button-primary"
                        href={`/cases/new?personId=${person.id}&program=${programCode}`}
                        // The first programme keeps the plain id; a second one (elderly AND
                        // disabled) is told apart by its programme.
                        data-testid={`eligible-open-${person.id}${i === 0 ? '' : `-${programCode}`}`}
                      >
                        {t('eligibility.open')}
                        {allowances.length > 1 && ` (${t(`program.${programCode}`)})`}
                      </a>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

interface EligiblePerson {
  person: PersonRecord;
  age: number | null;
  allowances: Array<Pick<EligibleRow, 'programCode' | 'monthlyTHB'>>;
}

/** One row per person, with each allowance they miss. */
function byPerson(rows: readonly EligibleRow[]): EligiblePerson[] {
  const people = new Map<string, EligiblePerson>();
  for (const { person, age, programCode, monthlyTHB } of rows) {
    const entry = people.get(person.id) ?? { person, age, allowances: [] };
    entry.allowances.push({ programCode, monthlyTHB });
    people.set(person.id, entry);
  }
  return [...people.values()];
}
