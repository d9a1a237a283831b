import { ApiError } from '../api/http';
import { isMessageKey, type PlainMessageKey, t } from './i18n';

type ErrorKey = Extract<PlainMessageKey, `error.${string}`>;

/** The message to show for a failed request (or any other error) in the display language. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  const key = `error.${error.code}`;
  return isMessageKey(key) ? t(key as ErrorKey) : t('error.unknown');
}
