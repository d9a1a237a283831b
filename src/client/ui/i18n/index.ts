import { signal } from '@preact/signals';
import type { Dictionary, MessageKey, MessageParams, ParamNames } from './dictionary';
import { loadRecordLabels } from './recordLabelStore';
import { th } from './th';
import type { Language } from './types';

export type { MessageKey, PlainMessageKey } from './dictionary';
export { isLanguage, LANGUAGES, type Language } from './types';

/** Thai is in the first load; English is a separate chunk, fetched when someone picks it. */
const dictionaries: Partial<Record<Language, Dictionary>> = { th };
const loaders: Record<Language, () => Promise<Dictionary>> = {
  th: async () => th,
  en: async () => (await import('./en')).en,
};

/** The display language. Components that call `t()` re-render when it changes. */
export const language = signal<Language>('th');

/** Switches once the language's messages are loaded (the service worker precaches them). */
export async function setLanguage(next: Language): Promise<void> {
  dictionaries[next] ??= await loaders[next]();
  await loadRecordLabels(next);
  language.value = next;
}

type ParamArgs<K extends MessageKey> = [ParamNames<(typeof th)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

/** The message `key` in the current language, with its `{params}` filled in. */
export function t<K extends MessageKey>(key: K, ...args: ParamArgs<K>): string {
  const template = dictionaries[language.value]?.[key] ?? th[key];
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** True when `key` is a message key, e.g. for an error code that came from the server. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(th, key);
}
