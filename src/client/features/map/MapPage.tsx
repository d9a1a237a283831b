import './map.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/model/welfare';
import { isClosedStatus } from '../../../shared/rules/caseStatus';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import { receivesSensitiveValues } from '../../session/roles';
import { profile } from '../../session/state';
import { saveChanges } from '../../sync/deviceSync';
import { Banner } from '../../ui/Banner';
import { Button, LinkButton } from '../../ui/Button';
import { date, numberText } from '../../ui/format';
import { t } from '../../ui/i18n';
import { enumLabel } from '../../ui/i18n/recordText';
import { personName } from '../../ui/record/labels';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { AdlGroupSelect, FilterPanel, FlagChips, flagLabel } from '../search/public';
import { BasemapPanel } from './BasemapPanel';
import { MapCanvas } from './MapCanvas';
import {
  CASE_COLOURS,
  type MapFilters,
  type MapHousehold,
  type MapParcel,
  mapData,
  matchesMapFilters,
  NO_MAP_FILTERS,
  nearestHouseholds,
  ORPHAN_COLOUR,
  PARCEL_COLOUR,
  parcelLinkChange,
  raiNganWah,
  TONE_COLOURS,
  tonesShown,
  villageOutlines,
} from './mapModel';
import { loadMapRecords, type MapRecords } from './mapQueries';
import { ParcelImportPanel } from './ParcelImportPanel';

const LIST_FLAGS = [
  'elderly',
  'disabled',
  'bedridden',
  'missingData',
  'eligibleNotReceiving',
] as const;
const MAP_FLAGS = ['unsynced', 'noParcel'] as const;
const NEAREST_COUNT = 5;
const NOTHING: ReadonlySet<string> = new Set();
/** Which service requests the map shows: all, the open ones, one status, or none. */
type CaseShown = 'all' | 'open' | 'none' | CaseStatus;

function FilterBar({
  filters,
  onFilters,
  children,
}: {
  filters: MapFilters;
  onFilters: (next: MapFilters) => void;
  /** More controls in the same panel (the requests' status). */
  children?: ComponentChildren;
}) {
  const active =
    [...LIST_FLAGS, ...MAP_FLAGS].filter((flag) => filters[flag]).length +
    (filters.adlGroup ? 1 : 0);
  return (
    <FilterPanel
      active={active}
      summary={active > 0 ? t('map.filtersOn', { count: active }) : t('map.filters')}
    >
      <FlagChips
        flags={LIST_FLAGS}
        isOn={(flag) => filters[flag]}
        onToggle={(flag, on) => onFilters({ ...filters, [flag]: on })}
        testPrefix="map-filter-"
      />
      <fieldset class="hh-chips">
        <legend class="hh-visually-hidden">{t('hh.list.filters')}</legend>
        {MAP_FLAGS.map((flag) => (
          <label key={flag} class="hh-chip">
            <input
              type="checkbox"
              checked={filters[flag]}
              data-testid={`map-filter-${flag}`}
              onChange={(event) => onFilters({ ...filters, [flag]: event.currentTarget.checked })}
            />
            {t(`map.filter.${flag}`)}
          </label>
        ))}
      </fieldset>
      <div class="hh-selects">
        <AdlGroupSelect
          value={filters.adlGroup}
          onChange={(adlGroup) => onFilters({ ...filters, adlGroup })}
          testId="map-filter-adl"
        />
      </div>
      {children}
    </FilterPanel>
  );
}

function Legend({
  caseStatuses,
  answersWithheld,
  here,
}: {
  /** The statuses of the requests drawn, in their order. */
  caseStatuses: readonly CaseStatus[];
  answersWithheld: boolean;
  here: boolean;
}) {
  return (
    <section class="map-legend" data-testid="map-legend" aria-labelledby="map-legend-title">
      <h2 id="map-legend-title">{t('map.legend')}</h2>
      <ul>
        {tonesShown(answersWithheld).map((tone) => (
          <li key={tone}>
            <span class="map-swatch map-swatch-point" style={{ background: TONE_COLOURS[tone] }} />
            {t(`map.legend.${tone}`)}
          </li>
        ))}
        <li>
          <span
            class="map-swatch"
            style={{ background: PARCEL_COLOUR.fill, borderColor: PARCEL_COLOUR.line }}
          />
          {t('map.legend.parcel')}
        </li>
        <li>
          <span
            class="map-swatch map-swatch-dashed"
            style={{ background: ORPHAN_COLOUR.fill, borderColor: ORPHAN_COLOUR.line }}
          />
          {t('map.legend.orphanParcel')}
        </li>
        {caseStatuses.map((status) => (
          <li key={status}>
            <span class="map-swatch map-swatch-case" style={{ background: CASE_COLOURS[status] }} />
            {t('map.legend.case', { status: enumLabel('case', 'status', status) ?? '' })}
          </li>
        ))}
        <li>
          <span class="map-swatch map-swatch-village" />
          {t('map.legend.village')}
        </li>
        {here && (
          <li>
            <span class="map-swatch map-swatch-here" />
            {t('map.legend.here')}
          </li>
        )}
      </ul>
      <p class="muted small">{t('map.legend.note')}</p>
    </section>
  );
}

function distanceText(meters: number): string {
  return meters < 1000
    ? t('map.nearMe.distance', { meters: numberText(Math.round(meters)) })
    : t('map.nearMe.distanceKm', { km: numberText(Math.round(meters / 100) / 10) });
}

type Here = { position: [number, number]; accuracyM: number };
type Locating = 'idle' | 'locating' | 'denied' | 'unavailable';

function NearMe({
  points,
  here,
  locating,
  onLocate,
}: {
  points: readonly MapHousehold[];
  here: Here | null;
  locating: Locating;
  onLocate: () => void;
}) {
  const nearest = here ? nearestHouseholds(points, here.position, NEAREST_COUNT) : [];
  return (
    <section class="map-near" data-testid="map-near">
      <Button
        testId="map-near-me"
        onClick={onLocate}
        busy={locating === 'locating'}
        busyLabel={t('map.nearMe.locating')}
      >
        {t('map.nearMe')}
      </Button>
      {locating === 'denied' && <Banner tone="warning">{t('map.nearMe.denied')}</Banner>}
      {locating === 'unavailable' && <Banner tone="warning">{t('map.nearMe.unavailable')}</Banner>}
      {here && (
        <>
          <h2>{t('map.nearMe.title')}</h2>
          <p class="muted small">
            {t('map.nearMe.accuracy', { meters: numberText(Math.round(here.accuracyM)) })}
          </p>
          <ol class="map-near-list" data-testid="map-near-list">
            {nearest.map(({ point, distanceM }) => (
              <li key={point.row.household.id}>
                <a href={`/households/${point.row.household.id}?from=map`} class="map-near-link">
                  <span>
                    {t('map.house', { houseNo: point.row.household.fields.houseNo ?? '' })}
                  </span>
                  <span class="muted small">
                    {point.row.head ? personName(point.row.head) : t('hh.list.noHead')}
                  </span>
                  <span class="map-near-distance">{distanceText(distanceM)}</span>
                </a>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

type LinkStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; code: string }
  | { state: 'error'; message: string };

function ParcelPanel({
  parcel,
  points,
  linking,
  status,
  onLink,
  onClose,
}: {
  parcel: MapParcel;
  points: readonly MapHousehold[];
  /** The house number of the household being linked, if one is. */
  linking: string | null;
  status: LinkStatus;
  onLink: () => void;
  onClose: () => void;
}) {
  const area = raiNganWah(parcel.areaM2);
  const onParcel = points.filter((point) => point.link.parcel?.id === parcel.id);
  const panel = useRef<HTMLElement>(null);
  // On a phone the panel opens below the map, off the screen: bring it into view.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [parcel.id]);
  return (
    <section ref={panel} class="map-panel" data-testid="map-parcel-panel" aria-live="polite">
      <h2 data-testid="map-parcel-code">{t('map.parcel.title', { code: parcel.code })}</h2>
      <p class="muted small">
        {t('map.parcel.area', {
          area: t('map.parcel.areaText', {
            rai: numberText(area.rai),
            ngan: numberText(area.ngan),
            wah: numberText(area.wah),
          }),
        })}
      </p>
      {onParcel.length === 0 ? (
        <p class="small">{t('map.parcel.noHousehold')}</p>
      ) : (
        <>
          <h3 class="small">{t('map.parcel.households')}</h3>
          <ul class="map-parcel-households">
            {onParcel.map((point) => (
              <li key={point.row.household.id}>
                <a href={`/households/${point.row.household.id}?from=map`}>
                  {t('map.house', { houseNo: point.row.household.fields.houseNo ?? '' })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="map-panel-actions">
        {linking !== null && (
          <Button
            variant="primary"
            testId="map-link-confirm"
            onClick={onLink}
            busy={status.state === 'saving'}
            busyLabel={t('map.link.saving')}
          >
            {t('map.link.confirm', { houseNo: linking })}
          </Button>
        )}
        <Button variant="quiet" testId="map-parcel-close" onClick={onClose}>
          {t('map.parcel.close')}
        </Button>
      </div>
    </section>
  );
}

/** `/map`: the device's households and tax-map parcels; `?household=<id>` links one to a parcel. */
export function MapPage() {
  const { query, route } = useLocation();
  const villages = profile.value?.villages ?? [];
  const [villageId, setVillageId] = useState('');
  const villageIds = useMemo(
    () => (villageId ? [villageId] : villages.map((village) => village.id)),
    [villageId, villages],
  );
  const key = villageIds.join(',');
  const loaded = useLiveQuery(
    async () => loadMapRecords(db(), villageIds, bangkokDate()),
    [key],
    null as MapRecords | null,
  );
  // Until the chosen villages are read, the previous ones are not shown (nor fitted to).
  const records = loaded?.key === key ? loaded : null;
  const answersWithheld = !receivesSensitiveValues.value;
  const data = useMemo(
    () => (records ? mapData(records.rows, records.parcels, { answersWithheld }) : null),
    [records, answersWithheld],
  );
  const [filters, setFilters] = useState<MapFilters>(NO_MAP_FILTERS);
  const visible = useMemo(
    () => (data ? data.points.filter((point) => matchesMapFilters(point, filters)) : []),
    [data, filters],
  );
  const [caseStatus, setCaseStatus] = useState<CaseShown>('all');
  const cases = useMemo(
    () =>
      (records?.cases ?? []).filter(
        (request) =>
          caseStatus === 'all' ||
          (caseStatus === 'open'
            ? !isClosedStatus(request.status)
            : caseStatus !== 'none' && request.status === caseStatus),
      ),
    [records, caseStatus],
  );
  const outlines = useMemo(
    () =>
      data
        ? villageOutlines(data).map(({ villageId: id, ring }) => {
            const village = villages.find((v) => v.id === id);
            return {
              ring,
              label: village
                ? t('map.villageOption', { mooNo: village.mooNo, name: village.name })
                : '',
            };
          })
        : [],
    [data, villages],
  );
  const [selectedParcelId, setSelectedParcelId] = useState<string | null>(null);
  const selectedParcel = data?.parcels.find((parcel) => parcel.id === selectedParcelId) ?? null;
  const linkingId = query.household ?? null;
  const linking = linkingId
    ? (data?.points.find((point) => point.row.household.id === linkingId) ?? null)
    : null;
  const linkingUnplaced = linkingId
    ? (data?.unplaced.find((row) => row.household.id === linkingId) ?? null)
    : null;
  const linkingRow = linking?.row ?? linkingUnplaced;
  const [status, setStatus] = useState<LinkStatus>({ state: 'idle' });
  const [here, setHere] = useState<Here | null>(null);
  const [locating, setLocating] = useState<Locating>('idle');

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating('unavailable');
      return;
    }
    setLocating('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setHere({
          position: [position.coords.longitude, position.coords.latitude],
          accuracyM: position.coords.accuracy,
        });
        setLocating('idle');
      },
      (error) => setLocating(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  };

  const link = async () => {
    if (!linkingRow || !selectedParcel) return;
    const result = parcelLinkChange(linkingRow.household, selectedParcel);
    if (!result.ok) {
      setStatus({
        state: 'error',
        message: t(
          result.reason === 'invalid_code' ? 'map.link.invalidCode' : 'map.link.sameParcel',
        ),
      });
      return;
    }
    setStatus({ state: 'saving' });
    try {
      await saveChanges([result.change]);
      setStatus({ state: 'saved', code: selectedParcel.code });
    } catch (error) {
      console.error(error);
      setStatus({ state: 'error', message: t('map.link.failed') });
    }
  };

  const place = villageId
    ? (() => {
        const village = villages.find((v) => v.id === villageId);
        return village ? t('map.villageOption', { mooNo: village.mooNo, name: village.name }) : '';
      })()
    : (profile.value?.organization?.name ?? '');

  const casesShown = records !== null && records.cases.length > 0;
  const caseSelect = casesShown && (
    <label class="field">
      <span>{t('map.cases')}</span>
      <select
        value={caseStatus}
        data-testid="map-case-status"
        onChange={(event) => setCaseStatus(event.currentTarget.value as CaseShown)}
      >
        <option value="all">{t('map.cases.all')}</option>
        <option value="open">{t('map.cases.open')}</option>
        {CASE_STATUSES.map((status) => (
          <option key={status} value={status}>
            {enumLabel('case', 'status', status) ?? ''}
          </option>
        ))}
        <option value="none">{t('map.cases.none')}</option>
      </select>
    </label>
  );
  const shownFilters = filtersText(filters, caseStatus, casesShown);

  // Phone first: only what changes the map stands above it (or, while linking, the household
  // being linked), so the map is on the first screen; counts, near me and the legend follow.
  return (
    <section class="page-section page-wide map-page" data-testid="map-page">
      <div class="section-head">
        <h1>{t('map.title')}</h1>
        <Button testId="map-print" onClick={() => window.print()}>
          {t('map.print')}
        </Button>
      </div>
      <p class="map-print-title">{t('map.printTitle', { place, date: date(new Date()) })}</p>
      {shownFilters && (
        <p class="map-print-filters" data-testid="map-print-filters">
          {t('map.printFilters', { filters: shownFilters })}
        </p>
      )}

      {linkingId ? (
        <div class="map-link-bar" data-testid="map-link-bar">
          {linkingRow ? (
            <>
              <p>{t('map.link.prompt', { houseNo: linkingRow.household.fields.houseNo ?? '' })}</p>
              <p class="muted small" data-testid="map-link-current">
                {linkingRow.household.fields.taxParcelCode
                  ? t('map.link.current', { code: linkingRow.household.fields.taxParcelCode })
                  : t('map.link.none')}
              </p>
            </>
          ) : (
            records && <p>{t('map.link.unknownHousehold')}</p>
          )}
        </div>
      ) : (
        <div class="map-controls">
          {villages.length > 1 && (
            <label class="field">
              <span>{t('map.village')}</span>
              <select
                value={villageId}
                data-testid="map-village"
                onChange={(event) => {
                  setVillageId(event.currentTarget.value);
                  setSelectedParcelId(null);
                }}
              >
                <option value="">{t('map.allVillages')}</option>
                {villages.map((village) => (
                  <option key={village.id} value={village.id}>
                    {t('map.villageOption', { mooNo: village.mooNo, name: village.name })}
                  </option>
                ))}
              </select>
            </label>
          )}
          <FilterBar filters={filters} onFilters={setFilters}>
            {caseSelect}
          </FilterBar>
        </div>
      )}

      <div class="map-frame">
        <MapCanvas
          key={villageId}
          label={t('map.label')}
          points={visible}
          cases={cases}
          outlines={outlines}
          onCase={(request) => route(`/cases/${request.id}`)}
          parcels={data?.parcels ?? []}
          orphanParcels={data?.parcelsWithoutHousehold ?? NOTHING}
          index={data?.index}
          bounds={data?.bounds ?? null}
          selectedParcelId={selectedParcelId}
          focus={linking?.position ?? null}
          here={here}
          onHousehold={(point) => route(`/households/${point.row.household.id}?from=map`)}
          onParcel={(parcel) => {
            setSelectedParcelId(parcel.id);
            setStatus({ state: 'idle' });
          }}
        />
      </div>

      {selectedParcel && data && (
        <ParcelPanel
          parcel={selectedParcel}
          points={data.points}
          linking={linkingRow ? (linkingRow.household.fields.houseNo ?? '') : null}
          status={status}
          onLink={() => void link()}
          onClose={() => setSelectedParcelId(null)}
        />
      )}

      {linkingId && (
        <div class="map-link-status">
          {status.state === 'saved' && linkingRow && (
            <Banner tone="success" testId="map-link-saved">
              {t('map.link.saved', {
                houseNo: linkingRow.household.fields.houseNo ?? '',
                code: status.code,
              })}
            </Banner>
          )}
          {status.state === 'error' && (
            <Banner tone="error" testId="map-link-error">
              {status.message}
            </Banner>
          )}
          <div class="map-panel-actions">
            <LinkButton href={`/households/${linkingId}`} testId="map-link-back">
              {t('map.link.back')}
            </LinkButton>
            <Button variant="quiet" testId="map-link-cancel" onClick={() => route('/map')}>
              {t('map.link.cancel')}
            </Button>
          </div>
        </div>
      )}

      {data === null ? (
        <p class="muted" role="status">
          {t('map.loading')}
        </p>
      ) : (
        <ul class="map-counts small" role="status" data-testid="map-counts">
          <li data-testid="map-count">
            {t('map.count', {
              shown: numberText(visible.length),
              total: numberText(data.points.length),
            })}
          </li>
          {data.unplaced.length > 0 && (
            <li data-testid="map-unplaced">
              {t('map.unplaced', { count: numberText(data.unplaced.length) })}
            </li>
          )}
          {casesShown && (
            <li data-testid="map-case-count">
              {t('map.cases.count', { count: numberText(cases.length) })}
            </li>
          )}
          <li data-testid="map-parcel-count">
            {t('map.parcels', { count: numberText(data.parcels.length) })}
          </li>
          <li data-testid="map-without-parcel">
            {t('map.withoutParcel', { count: numberText(data.householdsWithoutParcel) })}
          </li>
          <li data-testid="map-orphan-parcels">
            {t('map.parcelsWithoutHousehold', {
              count: numberText(data.parcelsWithoutHousehold.size),
            })}
          </li>
        </ul>
      )}
      {data && data.points.length === 0 && data.parcels.length === 0 && (
        <p class="muted" data-testid="map-empty">
          {t('map.empty')}
        </p>
      )}

      <NearMe points={data?.points ?? []} here={here} locating={locating} onLocate={locate} />
      <Legend
        caseStatuses={CASE_STATUSES.filter((status) => cases.some((c) => c.status === status))}
        answersWithheld={answersWithheld}
        here={here !== null}
      />
      <BasemapPanel />
      <ParcelImportPanel />
    </section>
  );
}

/** What the filters leave out, in words, for the printed map ("" when nothing is filtered). */
function filtersText(filters: MapFilters, caseStatus: CaseShown, casesShown: boolean): string {
  const parts: string[] = [
    ...LIST_FLAGS.filter((flag) => filters[flag]).map(flagLabel),
    ...MAP_FLAGS.filter((flag) => filters[flag]).map((flag) => t(`map.filter.${flag}`)),
  ];
  if (filters.adlGroup) parts.push(t(`hh.adl.${filters.adlGroup}`));
  if (casesShown && caseStatus !== 'all') {
    const status =
      caseStatus === 'open' || caseStatus === 'none'
        ? t(`map.cases.${caseStatus}`)
        : (enumLabel('case', 'status', caseStatus) ?? '');
    parts.push(t('map.printCases', { status }));
  }
  return parts.join(' · ');
}

export default MapPage;
