import type { z } from 'zod';
import { isQuotaError } from '../../sync/blobs';
import { t } from '../i18n';
import type { Form, FormValues } from './useForm';

type KeysOf<V, T> = { [K in keyof V]: V[K] extends T ? K : never }[keyof V] & string;

/** What every control bound to one form value has: `<prefix>-<name>` ids and its message. */
function bound<V extends FormValues>(
  form: Form<V, z.ZodType>,
  prefix: string,
  name: keyof V & string,
) {
  return { id: `${prefix}-${name}`, testId: `${prefix}-${name}`, error: form.error(name) };
}

/** The props of a text or select control bound to one form value. */
export function bindText<V extends FormValues, K extends KeysOf<V, string>>(
  form: Form<V, z.ZodType>,
  prefix: string,
  name: K,
) {
  return {
    ...bound(form, prefix, name),
    value: form.values[name] as string,
    onBlur: () => form.touch(name),
    onInput: (value: string) => form.set(name, value as V[K]),
    onChange: (value: string) => form.set(name, value as V[K]),
  };
}

/** The props of a checkbox bound to one form value. */
export function bindCheckbox<V extends FormValues, K extends KeysOf<V, boolean>>(
  form: Form<V, z.ZodType>,
  prefix: string,
  name: K,
) {
  return {
    ...bound(form, prefix, name),
    checked: form.values[name] as boolean,
    onChange: (checked: boolean) => form.set(name, checked as V[K]),
  };
}

/** Puts a draft's values back, each value the form still has with the same kind. */
export function restoreValues<V extends FormValues>(
  form: Form<V, z.ZodType>,
  saved: unknown,
): void {
  if (typeof saved !== 'object' || saved === null) return;
  for (const [name, value] of Object.entries(saved)) {
    if (!Object.hasOwn(form.values, name)) continue;
    const current = form.values[name];
    const sameKind = Array.isArray(current)
      ? Array.isArray(value) && value.every((item) => typeof item === 'string')
      : typeof value === typeof current;
    if (sameKind && JSON.stringify(value) !== JSON.stringify(current)) {
      form.set(name as keyof V, value as V[keyof V]);
    }
  }
}

/** Why a save did not reach the device's database, in words. */
export function saveErrorMessage(error: unknown): string {
  return isQuotaError(error) ? t('survey.saveFailed.storageFull') : t('survey.saveFailed');
}
