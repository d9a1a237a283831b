import type { core } from 'zod';
import type { FieldIssue } from '../../shared/api/errors';
import { isMessageKey, type PlainMessageKey, t } from './i18n';

type ValidationKey = Extract<PlainMessageKey, `validation.${string}`>;

/** Per field, the message for a failed format check (a regex says nothing a person can read). */
export type FormatMessages = Partial<Record<string, ValidationKey>>;

/** The Thai (or English) message of one zod issue. Shared schemas put message keys in `message`. */
export function issueMessage(issue: core.$ZodIssue, formatMessages: FormatMessages = {}): string {
  const known = validationKey(issue.message);
  if (known) return t(known);
  const field = String(issue.path[0] ?? '');
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? t('validation.required') : t('validation.tooShort', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.choose');
      return t('validation.numberMin', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.tooLong', { max });
      if (issue.origin === 'array' || issue.origin === 'set')
        return t('validation.tooMany', { max });
      return t('validation.numberMax', { max });
    }
    case 'invalid_type':
      if (issue.input === undefined || issue.input === '') return t('validation.required');
      if (issue.expected === 'int') return t('validation.notInteger');
      if (issue.expected === 'number') return t('validation.notNumber');
      return t('validation.invalid');
    case 'invalid_value':
      return t('validation.choose');
    case 'invalid_format': {
      const key = formatMessages[field];
      return key ? t(key) : t('validation.invalid');
    }
    default:
      return t('validation.invalid');
  }
}

/** The first message per top-level field. */
export function fieldErrors(
  issues: readonly core.$ZodIssue[],
  formatMessages: FormatMessages = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issueMessage(issue, formatMessages);
  }
  return errors;
}

/** The server's validation details (`[{path, message}]`) as messages per top-level field. */
export function serverFieldErrors(issues: readonly FieldIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? '';
    const known = validationKey(issue.message);
    errors[field] ??= known ? t(known) : t('validation.invalid');
  }
  return errors;
}

function validationKey(message: string): ValidationKey | null {
  const key = `validation.${message}`;
  return isMessageKey(key) ? (key as ValidationKey) : null;
}
