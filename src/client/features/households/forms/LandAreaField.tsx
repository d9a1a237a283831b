import { controlAria, FieldMessages, fieldClass } from '../../../ui/Field';
import { t } from '../../../ui/i18n';
import type { LandParts } from './landArea';

interface LandAreaFieldProps {
  id: string;
  legend: string;
  value: LandParts;
  onChange: (next: LandParts) => void;
  onBlur: () => void;
  error: string | undefined;
  /** `<testId>Rai`, `<testId>Ngan`, `<testId>Wah`. */
  testId: string;
}

const PARTS = [
  { part: 'rai', label: 'survey.land.rai', maxLength: 6 },
  { part: 'ngan', label: 'survey.land.ngan', maxLength: 1 },
  { part: 'wah', label: 'survey.land.wah', maxLength: 2 },
] as const;

/** An area as ไร่, งาน and ตารางวา side by side, as Thai land documents state it. */
export function LandAreaField({
  id,
  legend,
  value,
  onChange,
  onBlur,
  error,
  testId,
}: LandAreaFieldProps) {
  return (
    <fieldset class={fieldClass(error, 'land-area')}>
      <legend>{legend}</legend>
      <div class="land-area-row">
        {PARTS.map(({ part, label, maxLength }) => (
          <div class="land-area-part" key={part}>
            <label for={`${id}-${part}`}>{t(label)}</label>
            <input
              id={`${id}-${part}`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              maxLength={maxLength}
              value={value[part]}
              {...controlAria(id, error)}
              data-testid={`${testId}${part[0]?.toUpperCase()}${part.slice(1)}`}
              onInput={(event) => onChange({ ...value, [part]: event.currentTarget.value })}
              onBlur={onBlur}
            />
          </div>
        ))}
      </div>
      <FieldMessages id={id} error={error} />
    </fieldset>
  );
}
