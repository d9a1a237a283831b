import { controlAria, FieldMessages, fieldClass } from './Field';

interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string | undefined;
  error?: string | undefined;
  testId?: string;
}

/** One yes/no question as a checkbox with its label (the whole row is the touch target). */
export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  hint,
  error,
  testId,
}: CheckboxFieldProps) {
  return (
    <div class={fieldClass(error)}>
      <div class="checkbox">
        <input
          type="checkbox"
          id={id}
          name={id}
          checked={checked}
          {...controlAria(id, error, hint)}
          data-testid={testId}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <label for={id}>{label}</label>
      </div>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}
