/** One option of a select: the stored value and the label a person reads. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * A select's options from a schema's values; with `placeholder`, a first option for "nothing
 * chosen" (an empty control).
 */
export function choiceList<T extends string>(
  values: readonly T[],
  label: (value: T) => string,
  placeholder?: string,
): Choice[] {
  const options = values.map((value) => ({ value: value as string, label: label(value) }));
  return placeholder === undefined ? options : [{ value: '', label: placeholder }, ...options];
}
