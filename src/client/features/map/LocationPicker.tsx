import './map.css';
import { useMemo, useState } from 'preact/hooks';
import type { Position } from '../../../shared/geo/projection';
import type { GpsFix } from '../../../shared/model/household';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import { profile } from '../../session/state';
import { Button } from '../../ui/Button';
import { t } from '../../ui/i18n';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { MapCanvas } from './MapCanvas';
import { mapData } from './mapModel';
import { loadMapRecords, type MapRecords } from './mapQueries';

const NOTHING: ReadonlySet<string> = new Set();

export interface LocationPickerProps {
  value: GpsFix | null;
  onPick: (fix: GpsFix) => void;
  onClose: () => void;
  testId: string;
}

/**
 * The house's location picked on the map, besides GPS: the device's households and parcels
 * drawn as on the map screen, a tap places the pin, "use" keeps it (no accuracy: a place
 * chosen by eye, not a fix).
 */
export function LocationPicker({ value, onPick, onClose, testId }: LocationPickerProps) {
  const villageIds = useMemo(() => (profile.value?.villages ?? []).map((v) => v.id), []);
  const records = useLiveQuery(
    async () => loadMapRecords(db(), villageIds, bangkokDate()),
    [villageIds.join(',')],
    null as MapRecords | null,
  );
  const data = useMemo(() => (records ? mapData(records.rows, records.parcels) : null), [records]);
  const start: Position | null = value ? [value.lng, value.lat] : null;
  const [pin, setPin] = useState<Position | null>(start);
  return (
    <div class="map-picker" data-testid={testId}>
      <p class="small">{t('map.pick.prompt')}</p>
      <div class="map-frame">
        {data ? (
          <MapCanvas
            label={t('map.pick.label')}
            testId={`${testId}-map`}
            points={data.points}
            parcels={data.parcels}
            orphanParcels={NOTHING}
            index={data.index}
            bounds={data.bounds}
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
