import { signal } from '@preact/signals';
import type { Dictionary, MessageKey, MessageParams, ParamNames, ThaiSource } from './dictionary';
import { loadRecordLabels } from './recordLabelStore';
import type { Language } from './types';

export type { MessageKey, PlainMessageKey } from './dictionary';
export { isLanguage, LANGUAGES, type Language } from './types';

/** What the app hands the kit: the words of the first load and how to fetch the rest. */
export interface MessageSources {
  thaiFirstLoad: Partial<Dictionary>;
  loadThaiScreens: () => Promise<Partial<Dictionary>>;
  loadEnglish: () => Promise<Partial<Dictionary>>;
}

/**
 * Thai's first-load half is here from the start; its screens' half comes with the first screen
 * that needs it (`loadScreenMessages`). English is one separate chunk, fetched when someone
 * picks it. The service worker precaches all of them. The app registers them (`app/messages.ts`).
 */
let sources: MessageSources = {
  thaiFirstLoad: {},
  loadThaiScreens: async () => ({}),
  loadEnglish: async () => ({}),
};
const dictionaries: Partial<Record<Language, Partial<Dictionary>>> = {};
const loaders: Record<Language, () => Promise<Partial<Dictionary>>> = {
  th: async () => ({ ...sources.thaiFirstLoad, ...(await loadThaiScreens()) }),
  en: () => sources.loadEnglish(),
};

/** Called once by the app before its first render. */
export function registerMessages(next: MessageSources): void {
  sources = next;
  dictionaries.th = next.thaiFirstLoad;
}

let thaiScreens: Promise<Partial<Dictionary>> | null = null;
function loadThaiScreens(): Promise<Partial<Dictionary>> {
  thaiScreens ??= sources.loadThaiScreens();
  return thaiScreens;
}

/** The display language. Components that call `t()` re-render when it changes. */
export const language = signal<Language>('th');

/** Bumped when more messages arrive, so a screen that rendered before them renders again. */
const messagesLoaded = signal(0);

/** Every message of the screens; lazy routes wait for it before they render. */
export async function loadScreenMessages(): Promise<void> {
  if (dictionaries.th === sources.thaiFirstLoad) {
    dictionaries.th = { ...sources.thaiFirstLoad, ...(await loadThaiScreens()) };
    messagesLoaded.value++;
  }
}

/** Switches once the language's messages are loaded (the service worker precaches them). */
export async function setLanguage(next: Language): Promise<void> {
  dictionaries[next] ??= await loaders[next]();
  await loadRecordLabels(next);
  language.value = next;
}

type ParamArgs<K extends MessageKey> = [ParamNames<ThaiSource[K] & string>] extends [never]
  ? []
  : [params: MessageParams<K>];

/** The message `key` in the current language, with its `{params}` filled in. */
export function t<K extends MessageKey>(key: K, ...args: ParamArgs<K>): string {
  messagesLoaded.value;
  // A key of a half not loaded yet reads as itself for one render, never as a crash.
  const template = dictionaries[language.value]?.[key] ?? dictionaries.th?.[key] ?? key;
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** True when `key` is a message key, e.g. for an error code that came from the server. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(sources.thaiFirstLoad, key) || Object.hasOwn(dictionaries.th ?? {}, key);
}
