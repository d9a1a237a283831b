import type { z } from 'zod';
import { DatePartsField } from '../../../ui/DatePartsField';
import { controlAria, FieldMessages, fieldClass } from '../../../ui/Field';
import type { Form, FormValues } from '../../../ui/form/useForm';
import { dateControls, datePartsIn } from './caseFormKit';

/** Controls the household forms have no need of: a long text, a text with suggestions, a date. */

interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: string | undefined;
  maxLength?: number;
  rows?: number;
  testId?: string;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, error, hint } = props;
  return (
    <div class={fieldClass(error)}>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        name={id}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        value={props.value}
        data-testid={props.testId}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onBlur={props.onBlur}
        {...controlAria(id, error, hint)}
      />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

interface SuggestFieldProps extends Omit<TextAreaFieldProps, 'rows'> {
  /** Offered as the user types; any other text is accepted too. */
  suggestions: readonly string[];
}

/** A one-line text with a list of common answers (a `datalist`). */
export function SuggestField(props: SuggestFieldProps) {
  const { id, label, error, hint } = props;
  return (
    <div class={fieldClass(error)}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        type="text"
        list={`${id}-suggestions`}
        autoComplete="off"
        maxLength={props.maxLength}
        value={props.value}
        data-testid={props.testId}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onBlur={props.onBlur}
        {...controlAria(id, error, hint)}
      />
      <datalist id={`${id}-suggestions`}>
        {props.suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

interface FormDateFieldProps<V extends FormValues> {
  form: Form<V, z.ZodType>;
  /** The date's name in the form values: its controls are `<name>Day`, `<name>Month`, `<name>Year`. */
  name: string;
  legend: string;
  hint?: string;
  /** `<testId>Day`, `<testId>Month`, `<testId>Year`. */
  testId: string;
}

/** A `DatePartsField` bound to the three values of one date in a form. */
export function FormDateField<V extends FormValues>(props: FormDateFieldProps<V>) {
  const { form, name, testId } = props;
  const controls = dateControls(name) as unknown as readonly (keyof V)[];
  const error = controls.map((control) => form.error(control)).find(Boolean);
  return (
    <DatePartsField
      id={testId}
      legend={props.legend}
      hint={props.hint}
      value={datePartsIn(form.values, name)}
      onChange={(parts) => {
        const [day, month, year] = controls as [keyof V, keyof V, keyof V];
        if (parts.day !== form.values[day]) form.set(day, parts.day as V[keyof V]);
        if (parts.month !== form.values[month]) form.set(month, parts.month as V[keyof V]);
        if (parts.year !== form.values[year]) form.set(year, parts.year as V[keyof V]);
      }}
      onBlur={() => form.touch(controls[0] as keyof V)}
      error={error}
      testId={testId}
    />
  );
}
