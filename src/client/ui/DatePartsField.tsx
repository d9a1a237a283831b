import { BANGKOK_TZ } from '../../shared/rules/thaiDate';
import { type DateParts, otherEra } from './dateParts';
import { controlAria, FieldMessages, fieldClass } from './Field';
import { language, t } from './i18n';

/** January … December in the display language (`มกราคม` …). */
function monthNames(): string[] {
  const tag = language.value === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB';
  const format = new Intl.DateTimeFormat(tag, { month: 'long', timeZone: BANGKOK_TZ });
  return Array.from({ length: 12 }, (_, m) => format.format(Date.UTC(2024, m, 15)));
}

interface DatePartsFieldProps {
  id: string;
  legend: string;
  value: DateParts;
  onChange: (next: DateParts) => void;
  onBlur?: () => void;
  /** Day and month may be left unknown (a birth date); otherwise all three are needed. */
  allowUnknown?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
  /** `<testId>Day`, `<testId>Month`, `<testId>Year`, `<testId>Year-converted`. */
  testId: string;
}

/**
 * A date as day, month and year side by side: the year in พ.ศ. (ค.ศ. is accepted and the
 * other era is shown beside it, so 2025 and 2568 cannot be confused unseen).
 */
export function DatePartsField(props: DatePartsFieldProps) {
  const { id, legend, value, onChange, onBlur, allowUnknown, hint, error, testId } = props;
  const set = (part: keyof DateParts) => (event: { currentTarget: { value: string } }) =>
    onChange({ ...value, [part]: event.currentTarget.value });
  const other = otherEra(value.year);
  const aria = controlAria(id, error, hint);
  return (
    <fieldset class={fieldClass(error, 'date-parts')}>
      <legend>{legend}</legend>
      <div class="date-parts-row">
        <div class="date-part date-part-day">
          <label for={`${id}-day`}>{t('date.day')}</label>
          <input
            id={`${id}-day`}
            type="text"
            inputMode="numeric"
            maxLength={2}
            autoComplete="off"
            placeholder={allowUnknown ? t('date.unknownShort') : undefined}
            value={value.day}
            data-testid={`${testId}Day`}
            onInput={set('day')}
            onBlur={onBlur}
            {...aria}
          />
        </div>
        <div class="date-part date-part-month">
          <label for={`${id}-month`}>{t('date.month')}</label>
          <select
            id={`${id}-month`}
            value={value.month}
            data-testid={`${testId}Month`}
            onChange={set('month')}
            onBlur={onBlur}
            {...aria}
          >
            <option value="">
              {allowUnknown ? t('date.unknownMonth') : t('date.chooseMonth')}
            </option>
            {monthNames().map((name, index) => (
              <option key={name} value={String(index + 1)}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div class="date-part date-part-year">
          <label for={`${id}-year`}>{t('date.year')}</label>
          <input
            id={`${id}-year`}
            type="text"
            inputMode="numeric"
            maxLength={4}
            autoComplete="off"
            value={value.year}
            data-testid={`${testId}Year`}
            onInput={set('year')}
            onBlur={onBlur}
            {...aria}
          />
        </div>
      </div>
      {other && (
        <p class="field-hint" data-testid={`${testId}Year-converted`}>
          {other.era === 'ce'
            ? t('date.yearIsCe', { year: other.year })
            : t('date.yearIsBe', { year: other.year })}
        </p>
      )}
      <FieldMessages id={id} error={error} hint={hint} />
    </fieldset>
  );
}
