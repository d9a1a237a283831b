import type { ComponentChildren, Ref } from 'preact';
import { DEPENDENCY_GROUPS, type DependencyGroup } from '../../../shared/rules/adl';
import { receivesSensitiveValues } from '../../session/roles';
import { t } from '../../ui/i18n';

/**
 * Filters folded behind one line on a phone: the list stays on the first screen. The summary
 * says how many filters are on, so a filtered list is never mistaken for the whole village.
 */
export function FilterPanel({
  active,
  children,
  summary,
}: {
  active: number;
  children: ComponentChildren;
  /** The panel's title when it is not the lists' "filters and sort" (a screen without sorting). */
  summary?: string;
}) {
  return (
    <details class="hh-filter-panel" data-testid="filter-panel">
      <summary>
        {summary ?? (active > 0 ? t('hh.list.filtersOn', { count: active }) : t('hh.list.filters'))}
      </summary>
      <div class="hh-filters">{children}</div>
    </details>
  );
}

const FLAG_LABELS = {
  elderly: 'hh.flag.elderly',
  disabled: 'hh.flag.disabled',
  bedridden: 'hh.flag.bedridden',
  missingData: 'hh.flag.missing',
  eligibleNotReceiving: 'hh.search.eligibleNotReceiving',
} as const;
export type FlagFilter = keyof typeof FLAG_LABELS;

/**
 * Flags worked out from health and disability answers (disability, bedridden, which answers
 * are missing, allowances a disability entitles to): a device that never receives those
 * answers (an admin's) would count them wrong, so it does not offer them.
 */
const FROM_SENSITIVE_ANSWERS: ReadonlySet<FlagFilter> = new Set([
  'disabled',
  'bedridden',
  'missingData',
  'eligibleNotReceiving',
]);

/** The flags of `flags` this device can work out. */
export function flagsWithAnswers<F extends FlagFilter>(
  flags: readonly F[],
  receivesSensitive: boolean,
): F[] {
  return receivesSensitive ? [...flags] : flags.filter((flag) => !FROM_SENSITIVE_ANSWERS.has(flag));
}

/** Said where vulnerable-group filters are left out: their absence is not "nobody". */
function SensitiveFiltersWithheld() {
  return (
    <p class="muted small" data-testid="filters-withheld">
      {t('hh.list.sensitiveWithheld')}
    </p>
  );
}

export function flagLabel(flag: FlagFilter): string {
  return t(FLAG_LABELS[flag]);
}

/**
 * Yes/no filters as chips (`<testPrefix><flag>`): a ticked one keeps only what it names. Only
 * the flags this device can work out (`flagsWithAnswers`), with a word where some are withheld.
 */
export function FlagChips<F extends FlagFilter>({
  flags,
  isOn,
  onToggle,
  testPrefix,
}: {
  flags: readonly F[];
  isOn: (flag: F) => boolean;
  onToggle: (flag: F, on: boolean) => void;
  testPrefix: string;
}) {
  const receivesSensitive = receivesSensitiveValues.value;
  return (
    <>
      <fieldset class="hh-chips">
        <legend class="hh-visually-hidden">{t('hh.list.filters')}</legend>
        {flagsWithAnswers(flags, receivesSensitive).map((flag) => (
          <label key={flag} class="hh-chip">
            <input
              type="checkbox"
              checked={isOn(flag)}
              data-testid={`${testPrefix}${flag}`}
              onChange={(event) => onToggle(flag, event.currentTarget.checked)}
            />
            {flagLabel(flag)}
          </label>
        ))}
      </fieldset>
      {!receivesSensitive && <SensitiveFiltersWithheld />}
    </>
  );
}

/** The ADL dependency group to keep, or any; none on a device without the ADL answers. */
export function AdlGroupSelect({
  value,
  onChange,
  testId,
}: {
  value: DependencyGroup | '';
  onChange: (group: DependencyGroup | '') => void;
  testId: string;
}) {
  if (!receivesSensitiveValues.value) return null;
  return (
    <label class="field">
      <span>{t('hh.list.adlGroup')}</span>
      <select
        value={value}
        data-testid={testId}
        onChange={(event) => onChange(event.currentTarget.value as DependencyGroup | '')}
      >
        <option value="">{t('hh.list.adlAny')}</option>
        {DEPENDENCY_GROUPS.map((group) => (
          <option key={group} value={group}>
            {t(`hh.adl.${group}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The search box above a list; its id is its test id. */
export function SearchField({
  id,
  label,
  value,
  onInput,
  inputRef,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (query: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div class="field hh-search">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="search"
        inputMode="text"
        autoComplete="off"
        ref={inputRef}
        value={value}
        data-testid={id}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </div>
  );
}
