import { useMemo, useState } from 'preact/hooks';
import type { z } from 'zod';
import { ApiError } from '../../api/http';
import { errorMessage } from '../errors';
import { useUnsavedInput } from '../unsaved';
import { type FormatMessages, fieldErrors, serverFieldErrors } from '../validation';

/** What a form's controls hold: text, a checkbox, or a list of choices. */
export type FormValues = Record<string, string | boolean | readonly string[]>;

export interface FormOptions<V extends FormValues, S extends z.ZodType> {
  initial: V;
  schema: S;
  /** Turns the typed-in values into the request the schema checks (e.g. text to number). */
  toInput?: (values: V) => unknown;
  formatMessages?: FormatMessages;
  /** The form's message for a failed action; defaults to the message of its error code. */
  describeError?: (error: unknown) => string;
}

export interface Form<V extends FormValues, S extends z.ZodType> {
  values: V;
  set: <K extends keyof V>(field: K, value: V[K]) => void;
  /** Marks a field as visited, so its message shows before the first submit. */
  touch: (field: keyof V) => void;
  /** The message to show now for a field, if any. */
  error: (field: keyof V) => string | undefined;
  /** A message for the whole form (e.g. offline), after a failed submit. */
  formError: string | null;
  isDirty: boolean;
  submitting: boolean;
  /**
   * Validates; when valid, runs `action` with the parsed request. An `ApiError` from it shows
   * at the fields it names, or as the form's message. Returns whether it succeeded.
   */
  submit: (action: (data: z.output<S>) => Promise<void>) => Promise<boolean>;
  /** Back to `initial` (or new values): no messages, nothing unsaved. */
  reset: (next?: V) => void;
}

/**
 * State of one form checked with a shared zod schema: messages as you type (per visited
 * field, all of them after a submit), server errors mapped to fields, and registration in
 * the unsaved-input registry while it differs from its initial values.
 */
export function useForm<V extends FormValues, S extends z.ZodType>(
  options: FormOptions<V, S>,
): Form<V, S> {
  const { schema, toInput, formatMessages, describeError = errorMessage } = options;
  const [initial, setInitial] = useState(options.initial);
  const [values, setValues] = useState(options.initial);
  const [touched, setTouched] = useState<ReadonlySet<keyof V>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const result = useMemo(
    // reportInput: messages tell an empty field from a wrong one.
    () => schema.safeParse(toInput ? toInput(values) : values, { reportInput: true }),
    [schema, toInput, values],
  );
  const clientErrors = useMemo(
    () => (result.success ? {} : fieldErrors(result.error.issues, formatMessages)),
    [result, formatMessages],
  );
  const isDirty = useMemo(() => !sameValues(initial, values), [initial, values]);
  useUnsavedInput(isDirty);

  const set = <K extends keyof V>(field: K, value: V[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));
    setServerErrors((current) => {
      if (!(field in current)) return current;
      const { [field as string]: _removed, ...rest } = current;
      return rest;
    });
    setFormError(null);
  };

  const touch = (field: keyof V) =>
    setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));

  const error = (field: keyof V) => {
    const name = field as string;
    const fromServer = serverErrors[name];
    if (fromServer) return fromServer;
    return submitted || touched.has(field) ? clientErrors[name] : undefined;
  };

  const submit = async (action: (data: z.output<S>) => Promise<void>) => {
    setSubmitted(true);
    setFormError(null);
    if (!result.success) return false;
    setSubmitting(true);
    try {
      await action(result.data);
      return true;
    } catch (failure) {
      const fields = failure instanceof ApiError ? serverFieldErrors(failure.fieldIssues) : {};
      setServerErrors(fields);
      setFormError(describeError(failure));
      return false;
    } finally {
      setSubmitting(false);
    }
  };

  const reset = (next: V = initial) => {
    setInitial(next);
    setValues(next);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
    setFormError(null);
  };

  return { values, set, touch, error, formError, isDirty, submitting, submit, reset };
}

function sameValues(a: FormValues, b: FormValues): boolean {
  return Object.keys(a).every((key) => {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) {
      return x.length === y.length && [...x].sort().join('\n') === [...y].sort().join('\n');
    }
    return x === y;
  });
}
