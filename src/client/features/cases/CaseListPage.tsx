import { useState } from 'preact/hooks';
import {
  CASE_CATEGORIES,
  CASE_STATUSES,
  type CaseCategory,
  type CaseStatus,
} from '../../../shared/model/welfare';
import { db, type TambonDatabase } from '../../db/database';
import { profile } from '../../session/state';
import { LinkButton } from '../../ui/Button';
import { SelectField } from '../../ui/Field';
import { t } from '../../ui/i18n';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { CaseRow } from './CaseRow';
import {
  type Beneficiary,
  type CaseFilters,
  type CaseView,
  listCases,
  loadBeneficiaries,
} from './caseRecords';

interface CaseList {
  cases: CaseView[];
  beneficiaries: Map<string, Beneficiary>;
}

async function loadCaseList(
  database: TambonDatabase,
  villageIds: readonly string[],
  filters: CaseFilters,
): Promise<CaseList> {
  const cases = await listCases(database, villageIds, filters);
  return { cases, beneficiaries: await loadBeneficiaries(database, cases) };
}

/** '' stands for "all" in a filter select. */
type Choice<T extends string> = T | '';

/** `/cases`: every case of the user's villages, filtered by status, category and village. */
export default function CaseListPage() {
  const villages = [...(profile.value?.villages ?? [])].sort((a, b) => a.mooNo - b.mooNo);
  const villageIds = villages.map((village) => village.id);
  const [status, setStatus] = useState<Choice<CaseStatus>>('');
  const [category, setCategory] = useState<Choice<CaseCategory>>('');
  const [villageId, setVillageId] = useState('');
  const filters: CaseFilters = {
    status: status || undefined,
    category: category || undefined,
    villageId: villageId || undefined,
  };
  const list = useLiveQuery(
    async () => loadCaseList(db(), villageIds, filters),
    [villageIds.join(), status, category, villageId],
    null as CaseList | null,
  );
  const all = { value: '' as const, label: t('cases.filter.all') };
  return (
    <section class="page-section" data-testid="case-list">
      <div class="section-head">
        <h1>{t('cases.list.title')}</h1>
        <LinkButton href="/cases/new" variant="primary" testId="case-new">
          {t('cases.list.new')}
        </LinkButton>
      </div>
      <div class="case-filters">
        <SelectField<Choice<CaseStatus>>
          id="case-filter-status"
          label={t('cases.filter.status')}
          value={status}
          options={[all, ...CASE_STATUSES.map((s) => ({ value: s, label: t(`case.status.${s}`) }))]}
          onChange={setStatus}
          testId="case-filter-status"
        />
        <SelectField<Choice<CaseCategory>>
          id="case-filter-category"
          label={t('cases.filter.category')}
          value={category}
          options={[
            all,
            ...CASE_CATEGORIES.map((c) => ({ value: c, label: t(`case.category.${c}`) })),
          ]}
          onChange={setCategory}
          testId="case-filter-category"
        />
        <SelectField<string>
          id="case-filter-village"
          label={t('cases.filter.village')}
          value={villageId}
          options={[
            all,
            ...villages.map((v) => ({
              value: v.id,
              label: `${t('home.mooNo', { mooNo: v.mooNo })} ${v.name}`,
            })),
          ]}
          onChange={setVillageId}
          testId="case-filter-village"
        />
      </div>
      {list === null ? (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <p class="muted small" data-testid="case-count" data-count={list.cases.length}>
            {t('cases.list.count', { count: list.cases.length })}
          </p>
          {list.cases.length === 0 ? (
            <p class="muted">{t('cases.list.empty')}</p>
          ) : (
            <ul class="case-list">
              {list.cases.map((c) => (
                <CaseRow
                  key={c.id}
                  welfareCase={c}
                  beneficiary={list.beneficiaries.get(c.id)}
                  testId={`case-row-${c.id}`}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
