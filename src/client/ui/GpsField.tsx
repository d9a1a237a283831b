import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { GpsFix } from '../../shared/model/household';
import { Banner } from './Banner';
import { Button } from './Button';
import { describedBy, FieldMessages, fieldClass } from './Field';
import { dateTime } from './format';
import { t } from './i18n';

/** A fix less accurate than this is worth another try outdoors (a house is ~10–20 m wide). */
export const GPS_GOOD_ACCURACY_M = 50;
export const GPS_TIMEOUT_MS = 20_000;

type GpsFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

function failureOf(error: GeolocationPositionError | null): GpsFailure {
  if (!error) return 'unsupported';
  if (error.code === error.PERMISSION_DENIED) return 'denied';
  if (error.code === error.TIMEOUT) return 'timeout';
  return 'unavailable';
}

/** One fresh, high-accuracy reading of the device's position (no cached one). */
export function readGpsFix(geolocation: Geolocation | undefined = navigator.geolocation) {
  return new Promise<GpsFix>((resolve, reject) => {
    if (!geolocation) {
      reject(null);
      return;
    }
    geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracyM: Math.round(position.coords.accuracy),
          capturedAt: new Date(position.timestamp || Date.now()).toISOString(),
        }),
      reject,
      { enableHighAccuracy: true, timeout: GPS_TIMEOUT_MS, maximumAge: 0 },
    );
  });
}

interface GpsFieldProps {
  id: string;
  label: string;
  value: GpsFix | null;
  onChange: (fix: GpsFix | null) => void;
  error?: string | undefined;
  /** The field; inside it `<testId>-button`, `-value`, `-accuracy`, `-poor`, `-failure`, `-clear`. */
  testId: string;
  /** More ways to set the position, beside the GPS button (picking it on the map). */
  children?: ComponentChildren;
}

/**
 * The position of the house from the phone's GPS (WGS84): a button, then the coordinates with
 * their accuracy; a poor fix is kept but the surveyor is asked to try again in the open.
 */
export function GpsField({ id, label, value, onChange, error, testId, children }: GpsFieldProps) {
  const [locating, setLocating] = useState(false);
  const [failure, setFailure] = useState<GpsFailure | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const locate = async () => {
    setLocating(true);
    setFailure(null);
    try {
      const fix = await readGpsFix();
      if (mounted.current) onChange(fix);
    } catch (reason) {
      if (mounted.current) setFailure(failureOf(reason as GeolocationPositionError | null));
    } finally {
      if (mounted.current) setLocating(false);
    }
  };

  const poor = value?.accuracyM !== undefined && value.accuracyM > GPS_GOOD_ACCURACY_M;
  return (
    <fieldset
      class={fieldClass(error, 'gps-field')}
      aria-describedby={describedBy(id, error)}
      data-testid={testId}
    >
      <legend>{label}</legend>
      {value && (
        <p class="gps-value" data-testid={`${testId}-value`}>
          <span class="mono">
            {value.lat.toFixed(6)}, {value.lng.toFixed(6)}
          </span>
          {value.accuracyM !== undefined && (
            <span class="gps-accuracy" data-testid={`${testId}-accuracy`}>
              {t('gps.accuracy', { meters: value.accuracyM })}
            </span>
          )}
          {value.capturedAt && (
            <span class="muted small">
              {t('gps.capturedAt', { time: dateTime(value.capturedAt) })}
            </span>
          )}
        </p>
      )}
      {poor && !locating && (
        <Banner tone="warning" testId={`${testId}-poor`}>
          {t('gps.poorAccuracy', { meters: GPS_GOOD_ACCURACY_M })}
        </Banner>
      )}
      {failure && (
        <Banner tone="error" testId={`${testId}-failure`}>
          {t(`gps.failure.${failure}`)}
        </Banner>
      )}
      <div class="actions">
        <Button
          id={id}
          variant={value ? 'secondary' : 'primary'}
          busy={locating}
          busyLabel={t('gps.locating')}
          testId={`${testId}-button`}
          onClick={() => void locate()}
        >
          {value ? t('gps.retry') : t('gps.locate')}
        </Button>
        {children}
        {value && !locating && (
          <Button variant="quiet" testId={`${testId}-clear`} onClick={() => onChange(null)}>
            {t('gps.clear')}
          </Button>
        )}
      </div>
      <FieldMessages id={id} error={error} />
    </fieldset>
  );
}
