import './map.css';
import { useMemo, useState } from 'preact/hooks';
import { type Bbox, extendBbox } from '../../../shared/geo/geometry';
import type { Position } from '../../../shared/geo/projection';
import type { GpsFix } from '../../../shared/model/household';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import { profile } from '../../session/state';
import { Button } from '../../ui/Button';
import { t } from '../../ui/i18n';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { MapCanvas } from './MapCanvas';
import { type MapHousehold, mapData } from './mapModel';
import { loadMapRecords, type MapRecords } from './mapQueries';

const NOTHING: ReadonlySet<string> = new Set();

export interface LocationPickerProps {
  value: GpsFix | null;
  onPick: (fix: GpsFix) => void;
  onClose: () => void;
  /** What to tap, in the words of the use (the house; the place of a problem). */
  prompt: string;
  /** The map's accessible name for this use. */
  label: string;
  /** The village already chosen in the form: the map opens on its households. */
  villageId?: string | undefined;
  testId: string;
}

/** Degrees (about 100 m) kept around a village's households, so a one-house village has a street. */
const VILLAGE_MARGIN = 0.001;

/** Where `villageId`'s households are, with a margin; null when none of them has a point. */
export function villageExtent(points: readonly MapHousehold[], villageId: string): Bbox | null {
  const positions = points
    .filter((point) => point.row.household.villageId === villageId)
    .map((point) => point.position);
  const [first, ...rest] = positions;
  if (!first) return null;
  const [west, south, east, north] = extendBbox([...first, ...first], rest);
  return [
    west - VILLAGE_MARGIN,
    south - VILLAGE_MARGIN,
    east + VILLAGE_MARGIN,
    north + VILLAGE_MARGIN,
  ];
}

/**
 * A location picked on the map, besides GPS (a house's, a reported problem's): the device's
 * households and parcels drawn as on the map screen, opened on the pin, else on the form's
 * village, else on everything; a tap places the pin, "use" keeps it (no accuracy: a place
 * chosen by eye, not a fix).
 */
export function LocationPicker({
  value,
  onPick,
  onClose,
  prompt,
  label,
  villageId,
  testId,
}: LocationPickerProps) {
  const villageIds = useMemo(() => (profile.value?.villages ?? []).map((v) => v.id), []);
  const records = useLiveQuery(
    async () => loadMapRecords(db(), villageIds, bangkokDate()),
    [villageIds.join(',')],
    null as MapRecords | null,
  );
  const data = useMemo(() => (records ? mapData(records.rows, records.parcels) : null), [records]);
  const start: Position | null = value ? [value.lng, value.lat] : null;
  const bounds = useMemo(
    () =>
      (data && villageId ? villageExtent(data.points, villageId) : null) ?? data?.bounds ?? null,
    [data, villageId],
  );
  const [pin, setPin] = useState<Position | null>(start);
  return (
    <div class="map-picker" data-testid={testId}>
      <p class="small" data-testid={`${testId}-prompt`}>
        {prompt}
      </p>
      <div class="map-frame">
        {data ? (
          <MapCanvas
            label={label}
            testId={`${testId}-map`}
            points={data.points}
            parcels={data.parcels}
            orphanParcels={NOTHING}
            index={data.index}
            bounds={bounds}
            selectedParcelId={null}
            focus={start}
            here={null}
            pin={pin}
            onHousehold={() => {}}
            onParcel={() => {}}
            onPlace={setPin}
          />
        ) : (
          <p class="muted" role="status">
            {t('map.loading')}
          </p>
        )}
      </div>
      {pin && (
        <p class="mono small" data-testid={`${testId}-value`}>
          {pin[1].toFixed(6)}, {pin[0].toFixed(6)}
        </p>
      )}
      <div class="map-panel-actions">
        <Button
          variant="primary"
          testId={`${testId}-use`}
          disabled={!pin}
          onClick={() => {
            if (!pin) return;
            onPick({
              lat: Number(pin[1].toFixed(7)),
              lng: Number(pin[0].toFixed(7)),
              capturedAt: new Date().toISOString(),
            });
          }}
        >
          {t('map.pick.use')}
        </Button>
        <Button variant="quiet" testId={`${testId}-cancel`} onClick={onClose}>
          {t('map.pick.cancel')}
        </Button>
      </div>
    </div>
  );
}

export default LocationPicker;
