import { normalizeThaiDigits } from '../../../shared/rules/thaiDate';

/**
 * Form values are what the controls hold (text as typed, checkboxes, lists of choices); these
 * turn them into field values for the schema and back. An empty control is an absent field.
 * Values no control types (a GPS fix, photo refs) are kept as JSON text, so a form's values
 * stay plain and a draft of them is stored as it is.
 */

export function optionalText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `1,250.50` or `๑๒๕๐` → 1250.5; NaN (a message from the schema) when it is not a number. */
export function optionalNumber(text: string): number | undefined {
  const cleaned = normalizeThaiDigits(text).replace(/[,\s]/g, '');
  if (cleaned === '') return undefined;
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

export function optionalChoice<T extends string>(value: string): T | undefined {
  return value === '' ? undefined : (value as T);
}

export function textOf(value: string | number | undefined): string {
  return value === undefined ? '' : String(value);
}

export function jsonText(value: unknown): string {
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/** The value of a JSON text; empty (or unreadable, e.g. a damaged draft) is absent. */
export function fromJsonText<T>(text: string): T | undefined {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export function jsonList<T>(values: readonly T[] | undefined): readonly string[] {
  return (values ?? []).map((value) => JSON.stringify(value));
}

/** A list of JSON texts back as values; an empty list is an absent field. */
export function fromJsonList<T>(texts: readonly string[]): T[] | undefined {
  const values = texts.flatMap((text) => {
    const value = fromJsonText<T>(text);
    return value === undefined ? [] : [value];
  });
  return values.length === 0 ? undefined : values;
}

/**
 * The fields among `names` whose value differs between two readings of a form: what the user
 * changed, so an edit patches only those (an untouched checkbox never turns "unanswered" into
 * "no").
 */
export function editedFields<F extends string>(
  names: readonly F[],
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): F[] {
  return names.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
}

/** The object without its undefined entries: a field the form leaves empty is not sent. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
