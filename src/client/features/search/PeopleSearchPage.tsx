import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DependencyGroup } from '../../../shared/rules/adl';
import { maskNationalId } from '../../../shared/rules/nationalId';
import { profile } from '../../session/state';
import { Button } from '../../ui/Button';
import { t } from '../../ui/i18n';
import { PersonBadges } from '../../ui/record/Badges';
import { numberText, personName } from '../../ui/record/labels';
import {
  AdlGroupSelect,
  FilterPanel,
  FlagChips,
  type FlagFilter,
  SearchField,
} from './FilterPanel';
import type { PeopleFilters, PersonSearchEntry } from './types';
import { usePeopleIndex } from './usePeopleIndex';

/** Results drawn at a time; more come with "show more" (the index stops at the limit). */
const PAGE_SIZE = 50;

const FLAG_FILTERS = [
  'elderly',
  'disabled',
  'bedridden',
  'missingData',
  'eligibleNotReceiving',
] as const satisfies ReadonlyArray<keyof PeopleFilters & FlagFilter>;
type SearchFlag = (typeof FLAG_FILTERS)[number];

function ResultItem({ entry }: { entry: PersonSearchEntry }) {
  const { person, household, profile: derived } = entry;
  const village = profile.value?.villages.find((v) => v.id === person.villageId);
  const mooNo = household?.fields.mooNo ?? village?.mooNo ?? '';
  const href = household ? `/households/${household.id}` : `/people/${person.id}`;
  return (
    <li class="hh-row" data-testid={`search-result-${person.id}`}>
      <a class="hh-row-link hh-result" href={href}>
        <span class="hh-result-name">{personName(person)}</span>
        <span class="muted small">
          {[
            derived.age === null ? null : t('hh.value.age', { age: derived.age }),
            household
              ? t('hh.search.house', { mooNo, houseNo: household.fields.houseNo ?? '' })
              : t('hh.search.noHouse'),
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
        {person.fields.nationalId && (
          <span class="mono small" data-testid="search-national-id">
            {maskNationalId(person.fields.nationalId)}
          </span>
        )}
        <PersonBadges person={person} profile={derived} />
      </a>
    </li>
  );
}

/** `/search`: people of the user's villages by name, ID digits or house number, as you type. */
export function PeopleSearchPage() {
  const index = usePeopleIndex();
  const villages = [...(profile.value?.villages ?? [])].sort((a, b) => a.mooNo - b.mooNo);
  const [query, setQuery] = useState('');
  const [villageId, setVillageId] = useState('');
  const [flags, setFlags] = useState<ReadonlySet<SearchFlag>>(new Set());
  const [adlGroup, setAdlGroup] = useState<DependencyGroup | ''>('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const input = useRef<HTMLInputElement>(null);
  // The page exists to type a search: focus saves a tap (the autofocus attribute only works on
  // the first page load, not after an in-app navigation).
  useEffect(() => input.current?.focus(), []);

  const filters: PeopleFilters = useMemo(() => {
    const chosen: PeopleFilters = {};
    if (villageId) chosen.villageId = villageId;
    if (adlGroup) chosen.adlGroup = adlGroup;
    for (const flag of flags) chosen[flag] = true;
    return chosen;
  }, [villageId, adlGroup, flags]);
  const asking = query.trim() !== '' || Object.keys(filters).length > 0;
  // One more than shown tells whether "show more" has anything to show.
  const results = useMemo(
    () => (index && asking ? index.search(query, filters, limit + 1) : []),
    [index, asking, query, filters, limit],
  );
  const shown = results.slice(0, limit);

  const toggle = (flag: SearchFlag, on: boolean) => {
    const next = new Set(flags);
    if (on) next.add(flag);
    else next.delete(flag);
    setFlags(next);
    setLimit(PAGE_SIZE);
  };

  return (
    <section class="page-section" data-testid="people-search-page">
      <h1>{t('hh.search.title')}</h1>
      <SearchField
        id="people-search-input"
        label={t('hh.search.input')}
        value={query}
        onInput={(next) => {
          setQuery(next);
          setLimit(PAGE_SIZE);
        }}
        inputRef={input}
      />
      <FilterPanel active={Object.keys(filters).length}>
        <FlagChips
          flags={FLAG_FILTERS}
          isOn={(flag) => flags.has(flag)}
          onToggle={toggle}
          testPrefix="search-filter-"
        />
        <div class="hh-selects">
          <label class="field">
            <span>{t('hh.search.village')}</span>
            <select
              value={villageId}
              data-testid="search-filter-village"
              onChange={(event) => {
                setVillageId(event.currentTarget.value);
                setLimit(PAGE_SIZE);
              }}
            >
              <option value="">{t('hh.search.allVillages')}</option>
              {villages.map((village) => (
                <option key={village.id} value={village.id}>
                  {t('hh.list.title', { mooNo: village.mooNo, name: village.name })}
                </option>
              ))}
            </select>
          </label>
          <AdlGroupSelect
            value={adlGroup}
            onChange={(group) => {
              setAdlGroup(group);
              setLimit(PAGE_SIZE);
            }}
            testId="search-filter-adl"
          />
        </div>
      </FilterPanel>

      {!index ? (
        <p class="muted" role="status">
          {t('hh.search.loading')}
        </p>
      ) : !asking ? (
        <p class="muted">{t('hh.search.prompt')}</p>
      ) : shown.length === 0 ? (
        <p class="muted" role="status" data-testid="people-search-empty">
          {t('hh.search.noResults')}
        </p>
      ) : (
        <p class="muted small" role="status">
          {results.length > limit
            ? t('hh.search.countMore', { count: numberText(limit) })
            : t('hh.search.count', { count: numberText(shown.length) })}
        </p>
      )}
      <ul class="hh-list" data-testid="people-search-results">
        {shown.map((entry) => (
          <ResultItem key={entry.person.id} entry={entry} />
        ))}
      </ul>
      {results.length > limit && (
        <Button testId="people-search-more" onClick={() => setLimit(limit + PAGE_SIZE)}>
          {t('hh.list.more')}
        </Button>
      )}
    </section>
  );
}

export default PeopleSearchPage;
