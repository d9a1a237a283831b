import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import type { GpsFix } from '../../../shared/model/household';
import { Button } from '../../ui/Button';
import { t } from '../../ui/i18n';
import type { LocationPickerProps } from './LocationPicker';

/**
 * "Pick on the map": a button that loads the map (Leaflet and all, its own chunk) only when
 * pressed, then shows the picker under it. `prompt` and `label` say what is picked (a house's
 * location unless told); `villageId`, the form's village, is where the map opens.
 */
export function PickOnMap({
  value,
  onPick,
  prompt,
  label,
  villageId,
  testId,
}: {
  value: GpsFix | null;
  onPick: (fix: GpsFix) => void;
  prompt?: string | undefined;
  label?: string | undefined;
  villageId?: string | undefined;
  testId: string;
}) {
  const [Picker, setPicker] = useState<ComponentType<LocationPickerProps> | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const show = () => {
    setOpen(true);
    setFailed(false);
    if (Picker) return;
    import('./LocationPicker')
      .then((module) => setPicker(() => module.LocationPicker))
      .catch((error: unknown) => {
        console.error(error);
        setFailed(true);
      });
  };
  return (
    <>
      {!open && (
        <Button testId={`${testId}-button`} onClick={show}>
          {t('map.pick.open')}
        </Button>
      )}
      {open && failed && <p class="field-error">{t('map.pick.failed')}</p>}
      {open && Picker && (
        <Picker
          value={value}
          prompt={prompt ?? t('map.pick.prompt')}
          label={label ?? t('map.pick.label')}
          villageId={villageId || undefined}
          testId={testId}
          onPick={(fix) => {
            onPick(fix);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
