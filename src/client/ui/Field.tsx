import type { ComponentChildren } from 'preact';

/** `field`, its kind (`date-parts`…) and `field-invalid` while it has a message. */
export function fieldClass(error: string | undefined, kind?: string): string {
  return ['field', kind, error && 'field-invalid'].filter(Boolean).join(' ');
}

/** The ids a control points to with `aria-describedby`: its hint and its error message. */
export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A control's invalid state and what describes it, as ARIA attributes. */
export function controlAria(id: string, error?: string, hint?: string) {
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, error, hint),
  };
}

/** A field's hint, then its error message (announced when it appears). */
export function FieldMessages({
  id,
  error,
  hint,
}: {
  id: string;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

interface FieldFrameProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: ComponentChildren;
}

/** A label above its control, then a hint and the error message. */
function FieldFrame({ id, label, error, hint, children }: FieldFrameProps) {
  return (
    <div class={fieldClass(error)}>
      <label for={id}>{label}</label>
      {children}
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'password';
  inputMode?: 'text' | 'numeric' | 'decimal';
  autoComplete?: string;
  maxLength?: number;
  required?: boolean;
  disabled?: boolean;
  testId?: string;
}

export function TextField(props: TextFieldProps) {
  const { id, label, error, hint } = props;
  const attributes = {
    id,
    name: id,
    value: props.value,
    inputMode: props.inputMode,
    autoComplete: props.autoComplete,
    maxLength: props.maxLength,
    required: props.required,
    disabled: props.disabled,
    ...controlAria(id, error, hint),
    'data-testid': props.testId,
    onInput: (event: { currentTarget: HTMLInputElement }) =>
      props.onInput(event.currentTarget.value),
    onBlur: props.onBlur,
  };
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      {props.type === 'password' ? (
        <input {...attributes} type="password" />
      ) : (
        <input {...attributes} type="text" />
      )}
    </FieldFrame>
  );
}

/** A 6-digit PIN: the numeric keypad, hidden, never autofilled. */
export function PinField(
  props: Pick<TextFieldProps, 'id' | 'label' | 'value' | 'onInput' | 'testId'>,
) {
  return (
    <TextField {...props} type="password" inputMode="numeric" autoComplete="off" maxLength={6} />
  );
}

interface SelectFieldProps<T extends string> {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  error?: string | undefined;
  disabled?: boolean;
  testId?: string;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const { id, label, error } = props;
  return (
    <FieldFrame id={id} label={label} error={error}>
      <select
        id={id}
        name={id}
        value={props.value}
        disabled={props.disabled}
        {...controlAria(id, error)}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.currentTarget.value as T)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface CheckboxGroupProps {
  id: string;
  legend: string;
  options: readonly { value: string; label: string; testId?: string }[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  error?: string | undefined;
  empty?: string;
}

/** A fieldset of checkboxes, each with its own label (large touch targets). */
export function CheckboxGroup(props: CheckboxGroupProps) {
  const { id, legend, options, selected, error } = props;
  const toggle = (value: string, checked: boolean) =>
    props.onChange(
      checked
        ? [...selected.filter((v) => v !== value), value]
        : selected.filter((v) => v !== value),
    );
  return (
    <fieldset class={fieldClass(error, 'checkbox-group')} aria-describedby={describedBy(id, error)}>
      <legend>{legend}</legend>
      {options.length === 0 && props.empty && <p class="field-hint">{props.empty}</p>}
      {options.map((option, index) => {
        const optionId = `${id}-${index}`;
        return (
          <div class="checkbox" key={option.value}>
            <input
              type="checkbox"
              id={optionId}
              value={option.value}
              checked={selected.includes(option.value)}
              data-testid={option.testId}
              onChange={(event) => toggle(option.value, event.currentTarget.checked)}
            />
            <label for={optionId}>{option.label}</label>
          </div>
        );
      })}
      <FieldMessages id={id} error={error} />
    </fieldset>
  );
}
