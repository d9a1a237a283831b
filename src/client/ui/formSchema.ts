import { type core, z } from 'zod';

/** A check of the typed-in values that the record's schema cannot make (e.g. a plausible year). */
export interface FormIssue {
  /** The form value (control) that shows it. */
  control: string;
  /** A `validation.*` message key without the prefix, as shared schemas put it. */
  message: string;
}

export interface FormSchemaOptions<V, S extends z.ZodType> {
  /** The shared model schema the record's fields must pass (e.g. `PersonFields`). */
  fields: S;
  /** The typed-in values as the record's fields (text to numbers, parts to one date…). */
  toFields: (values: V) => unknown;
  /**
   * The controls that show an issue of the fields schema at `path`; by default the control
   * named like the field. A field entered in several controls (a date in day, month and
   * year) lists them all, so the message shows as soon as any of them was touched.
   */
  controlsOf?: (path: readonly PropertyKey[]) => readonly string[];
  /** Checks only the form makes; their messages come before the schema's for a control. */
  checks?: (values: V) => readonly FormIssue[];
}

/**
 * The schema a `useForm` checks: its typed-in values are turned into the record's fields and
 * parsed by the shared model schema (the rules are written once, in `src/shared/model`), and
 * each issue is moved to the control that shows it. Parses to the fields schema's output.
 */
export function formSchema<V, S extends z.ZodType>(
  options: FormSchemaOptions<V, S>,
): z.ZodType<z.output<S>, V> {
  const { fields, toFields, controlsOf = (path) => [String(path[0] ?? '')], checks } = options;
  return z.custom<V>().transform((values, ctx) => {
    const issues: core.$ZodRawIssue[] = (checks?.(values) ?? []).map((issue) => ({
      code: 'custom',
      message: issue.message,
      path: [issue.control],
      input: (values as Record<string, unknown>)[issue.control],
    }));
    const result = fields.safeParse(toFields(values), { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) {
        for (const control of controlsOf(issue.path)) {
          issues.push({ ...issue, path: [control] } as core.$ZodRawIssue);
        }
      }
    }
    for (const issue of issues) ctx.addIssue(issue);
    return issues.length > 0 || !result.success ? z.NEVER : (result.data as z.output<S>);
  });
}
