import type { GpsFix } from '../../../shared/model/household';
import type { HouseholdView } from '../../records/people';
import { dateTime } from '../../ui/format';
import { t } from '../../ui/i18n';
import { Unsynced } from '../../ui/record/Badges';
import { numberText } from '../../ui/record/labels';

const WIDTH = 320;
const HEIGHT = 200;
const PADDING = 14;

interface Point {
  id: string;
  x: number;
  y: number;
}

/**
 * Projects coordinates onto the sketch: equirectangular with the longitude shrunk by cos(latitude),
 * which is exact enough across one village, and one scale for both axes so shapes keep.
 */
export function sketchPoints(points: ReadonlyArray<{ id: string; gps: GpsFix }>): Point[] {
  if (points.length === 0) return [];
  const meanLat = points.reduce((sum, p) => sum + p.gps.lat, 0) / points.length;
  const shrink = Math.cos((meanLat * Math.PI) / 180);
  const xs = points.map((p) => p.gps.lng * shrink);
  const ys = points.map((p) => -p.gps.lat);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const scale =
    spanX === 0 && spanY === 0
      ? 0
      : Math.min(
          spanX === 0 ? Number.POSITIVE_INFINITY : (WIDTH - 2 * PADDING) / spanX,
          spanY === 0 ? Number.POSITIVE_INFINITY : (HEIGHT - 2 * PADDING) / spanY,
        );
  const offsetX = (WIDTH - spanX * scale) / 2;
  const offsetY = (HEIGHT - spanY * scale) / 2;
  return points.map((p, i) => ({
    id: p.id,
    x: offsetX + ((xs[i] as number) - minX) * scale,
    y: offsetY + ((ys[i] as number) - minY) * scale,
  }));
}

function Sketch({
  householdId,
  neighbours,
  mooNo,
}: {
  householdId: string;
  neighbours: ReadonlyArray<{ id: string; gps: GpsFix }>;
  mooNo: number | string;
}) {
  const points = sketchPoints(neighbours);
  const here = points.find((p) => p.id === householdId);
  const label = t('hh.map.sketch', { mooNo, count: numberText(points.length) });
  return (
    <figure class="hh-sketch">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        data-testid="map-sketch"
      >
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} class="hh-sketch-bg" />
        {points
          .filter((p) => p.id !== householdId)
          .map((p) => (
            <circle key={p.id} cx={p.x} cy={p.y} r="3" class="hh-sketch-dot" />
          ))}
        {here && (
          <circle cx={here.x} cy={here.y} r="7" class="hh-sketch-here" data-testid="map-here" />
        )}
      </svg>
      <figcaption class="muted small">{label}</figcaption>
    </figure>
  );
}

/** Where the house is: no map tiles offline, so coordinates, a map link and a sketch of the village. */
export function HouseMap({
  household,
  neighbours,
  mooNo,
}: {
  household: HouseholdView;
  neighbours: ReadonlyArray<{ id: string; gps: GpsFix }>;
  mooNo: number | string;
}) {
  const gps = household.fields.gps;
  return (
    <section class="card" aria-labelledby="hh-map" data-testid="map-pin">
      <h2 id="hh-map">
        {t('hh.map.title')} <Unsynced view={household} field="gps" />
      </h2>
      {gps ? (
        <>
          <p class="mono" data-testid="map-coordinates">
            {t('hh.map.coordinates', { lat: gps.lat.toFixed(6), lng: gps.lng.toFixed(6) })}
          </p>
          <p class="muted small">
            {gps.accuracyM !== undefined &&
              t('hh.map.accuracy', { meters: numberText(Math.round(gps.accuracyM)) })}
            {gps.accuracyM !== undefined && gps.capturedAt && ' · '}
            {gps.capturedAt && t('hh.map.capturedAt', { date: dateTime(gps.capturedAt) })}
          </p>
          <p>
            <a
              href={`https://www.google.com/maps?q=${gps.lat},${gps.lng}`}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="map-link"
            >
              {t('hh.map.open')}
            </a>{' '}
            <span class="muted small">({t('hh.map.openHint')})</span>
          </p>
          <Sketch householdId={household.id} neighbours={neighbours} mooNo={mooNo} />
        </>
      ) : (
        <p class="muted">{t('hh.map.none')}</p>
      )}
    </section>
  );
}
