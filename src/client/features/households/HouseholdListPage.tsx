import { useMemo, useState } from 'preact/hooks';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import {
  compareHouseNo,
  HOUSEHOLD_SORTS,
  type HouseholdFilters,
  type HouseholdRow,
  type HouseholdSort,
  matchesFilters,
  NO_FILTERS,
  sortRows,
} from '../../records/householdRows';
import { listParcels, type ParcelView, parcelGaps } from '../../records/parcels';
import { loadVillageRows } from '../../records/villageOverview';
import { profile } from '../../session/state';
import { Banner } from '../../ui/Banner';
import { Button, LinkButton } from '../../ui/Button';
import { date } from '../../ui/format';
import { t } from '../../ui/i18n';
import { Badge } from '../../ui/record/Badges';
import { landText, numberText, personName } from '../../ui/record/labels';
import { useLiveQuery } from '../../ui/useLiveQuery';
import {
  AdlGroupSelect,
  FilterPanel,
  FlagChips,
  type FlagFilter,
  type PeopleIndex,
  SearchField,
  usePeopleIndex,
} from '../search/public';
import { HouseholdFlags } from './HouseholdFlags';

/** Rows rendered at a time: a village has up to ~700 households, a cheap phone draws 100 fast. */
export const PAGE_SIZE = 100;

/** Search hits are households, so the index is asked for every matching person of the village. */
const ALL_MATCHES = 100_000;

/** Digits typed this short are a house number, not the start of a national ID. */
const MIN_ID_DIGITS = 6;

/**
 * The households whose house number starts with `query`, or with a member matching it in the
 * people index (names, inner words, ID digits). Short numbers are house numbers only: almost
 * every national ID starts with 1 or 3. Until the index is built, names are scanned here.
 */
function matchingHouseholds(
  query: string,
  rows: readonly HouseholdRow[],
  villageId: string,
  index: PeopleIndex | null,
): Set<string> {
  const text = query.trim().toLowerCase();
  const ids = new Set<string>();
  for (const row of rows) {
    if ((row.household.fields.houseNo ?? '').toLowerCase().startsWith(text)) {
      ids.add(row.household.id);
    }
  }
  const houseNumber = /^[\d/-]+$/.test(text);
  if (houseNumber && text.replace(/\D/g, '').length < MIN_ID_DIGITS) return ids;
  if (index) {
    for (const entry of index.search(query, { villageId, includeInactive: true }, ALL_MATCHES)) {
      if (entry.person.fields.householdId) ids.add(entry.person.fields.householdId);
    }
    return ids;
  }
  for (const row of rows) {
    if (row.members.some(({ person }) => personName(person).toLowerCase().includes(text))) {
      ids.add(row.household.id);
    }
  }
  return ids;
}

const FLAG_FILTERS = [
  'elderly',
  'disabled',
  'bedridden',
  'missingData',
] as const satisfies ReadonlyArray<keyof HouseholdFilters & FlagFilter>;

function FilterBar({
  filters,
  sort,
  onFilters,
  onSort,
  noParcel,
}: {
  filters: HouseholdFilters;
  sort: HouseholdSort;
  onFilters: (next: HouseholdFilters) => void;
  onSort: (next: HouseholdSort) => void;
  /** Households without a tax-map parcel: offered when the village has a tax map. */
  noParcel: { on: boolean; onToggle: (on: boolean) => void } | null;
}) {
  const active =
    FLAG_FILTERS.filter((flag) => filters[flag]).length +
    (noParcel?.on ? 1 : 0) +
    (filters.adlGroup ? 1 : 0) +
    (sort === 'houseNo' ? 0 : 1);
  return (
    <FilterPanel active={active}>
      <FlagChips
        flags={FLAG_FILTERS}
        isOn={(flag) => filters[flag]}
        onToggle={(flag, on) => onFilters({ ...filters, [flag]: on })}
        testPrefix="filter-"
      />
      {noParcel && (
        <fieldset class="hh-chips">
          <legend class="hh-visually-hidden">{t('hh.list.filters')}</legend>
          <label class="hh-chip">
            <input
              type="checkbox"
              checked={noParcel.on}
              data-testid="filter-noParcel"
              onChange={(event) => noParcel.onToggle(event.currentTarget.checked)}
            />
            {t('survey.parcel.none')}
          </label>
        </fieldset>
      )}
      <div class="hh-selects">
        <AdlGroupSelect
          value={filters.adlGroup}
          onChange={(adlGroup) => onFilters({ ...filters, adlGroup })}
          testId="filter-adl"
        />
        <label class="field">
          <span>{t('hh.list.sort')}</span>
          <select
            value={sort}
            data-testid="household-sort"
            onChange={(event) => onSort(event.currentTarget.value as HouseholdSort)}
          >
            {HOUSEHOLD_SORTS.map((option) => (
              <option key={option} value={option}>
                {t(`hh.list.sort.${option}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </FilterPanel>
  );
}

function HouseholdItem({ row, noParcel }: { row: HouseholdRow; noParcel: boolean }) {
  const { household, head } = row;
  const houseNo = household.fields.houseNo ?? '';
  return (
    <li class="hh-row" data-testid={`household-row-${houseNo}`}>
      <a href={`/households/${household.id}`} class="hh-row-link">
        <span class="hh-row-house">{houseNo}</span>
        <span class="hh-row-body">
          <span class="hh-row-head">{head ? personName(head) : t('hh.list.noHead')}</span>
          <span class="muted small">
            {t('hh.list.members', { count: numberText(row.activeCount) })}
            {household.fields.surveyDate &&
              ` · ${t('hh.list.surveyed', { date: date(household.fields.surveyDate) })}`}
          </span>
          <HouseholdFlags row={row} />
          {noParcel && (
            <span class="hh-badges">
              <Badge tone="warn" flag="no-parcel">
                {t('survey.parcel.none')}
              </Badge>
            </span>
          )}
        </span>
      </a>
    </li>
  );
}

/** `/villages/:villageId`: the village's households, searchable, filtered and sorted. */
export function HouseholdListPage({ villageId }: { villageId: string }) {
  const village = profile.value?.villages.find((v) => v.id === villageId);
  const rows = useLiveQuery(
    async () => loadVillageRows(db(), villageId, bangkokDate()),
    [villageId],
    null as HouseholdRow[] | null,
  );
  const parcels = useLiveQuery(
    async () => listParcels(db(), villageId),
    [villageId],
    [] as ParcelView[],
  );
  const gaps = useMemo(
    () =>
      rows
        ? parcelGaps(
            rows.map((row) => row.household),
            parcels,
          )
        : null,
    [rows, parcels],
  );
  const [noParcel, setNoParcel] = useState(false);
  const index = usePeopleIndex();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<HouseholdFilters>(NO_FILTERS);
  const [sort, setSort] = useState<HouseholdSort>('houseNo');
  const [shown, setShown] = useState(PAGE_SIZE);

  const visible = useMemo(() => {
    if (!rows) return [];
    const found = query.trim() ? matchingHouseholds(query, rows, villageId, index) : null;
    const kept = rows.filter(
      (row) =>
        (!found || found.has(row.household.id)) &&
        matchesFilters(row, filters) &&
        (!noParcel || !gaps || gaps.withoutParcel.has(row.household.id)),
    );
    return sortRows(kept, sort);
  }, [rows, query, filters, sort, index, villageId, noParcel, gaps]);

  const resetPaging =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setShown(PAGE_SIZE);
    };

  return (
    <section class="page-section" data-testid="household-list-page">
      <div class="section-head">
        <h1>
          {village
            ? t('hh.list.title', { mooNo: village.mooNo, name: village.name })
            : t('hh.list.unknownVillage')}
        </h1>
        <LinkButton
          href={`/villages/${villageId}/households/new`}
          variant="primary"
          testId="household-add"
        >
          {t('hh.list.add')}
        </LinkButton>
      </div>
      {profile.value && !village && <Banner tone="warning">{t('hh.list.notAssigned')}</Banner>}

      <SearchField
        id="household-search"
        label={t('hh.list.search')}
        value={query}
        onInput={resetPaging(setQuery)}
      />
      <FilterBar
        filters={filters}
        sort={sort}
        onFilters={resetPaging(setFilters)}
        onSort={resetPaging(setSort)}
        noParcel={gaps ? { on: noParcel, onToggle: resetPaging(setNoParcel) } : null}
      />

      {rows === null ? (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      ) : rows.length === 0 ? (
        <p class="muted" data-testid="household-empty">
          {t('hh.list.empty')}
        </p>
      ) : (
        <>
          <p class="muted small" role="status" data-testid="household-count">
            {visible.length === 0
              ? t('hh.list.noMatch')
              : t('hh.list.count', {
                  shown: numberText(Math.min(shown, visible.length)),
                  total: numberText(visible.length),
                })}
          </p>
          <ul class="hh-list" data-testid="household-list">
            {visible.slice(0, shown).map((row) => (
              <HouseholdItem
                key={row.household.id}
                row={row}
                noParcel={gaps?.withoutParcel.has(row.household.id) ?? false}
              />
            ))}
          </ul>
          {visible.length > shown && (
            <Button testId="household-more" onClick={() => setShown(shown + PAGE_SIZE)}>
              {t('hh.list.more')}
            </Button>
          )}
          {gaps && gaps.parcelsWithoutHousehold.length > 0 && (
            <details class="hh-parcel-gaps" data-testid="parcels-without-household">
              <summary>
                {t('survey.parcel.orphans', {
                  count: numberText(gaps.parcelsWithoutHousehold.length),
                })}
              </summary>
              <ul>
                {[...gaps.parcelsWithoutHousehold]
                  .sort((a, b) => compareHouseNo(a.code, b.code))
                  .map((parcel) => (
                    <li key={parcel.id}>
                      <span class="mono">{parcel.code}</span>{' '}
                      <span class="muted small">{landText(Math.round(parcel.areaM2 / 4))}</span>
                    </li>
                  ))}
              </ul>
              <a href="/map" class="button button-secondary">
                {t('survey.parcel.onMap')}
              </a>
            </details>
          )}
        </>
      )}
    </section>
  );
}

export default HouseholdListPage;
