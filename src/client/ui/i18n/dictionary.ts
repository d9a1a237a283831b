/**
 * The Thai source of every message, declared by the app (`app/messages.ts`) into this interface:
 * the kit types `t()` from it without importing the features that hold the words.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the app adds `th` by declaration merging.
export interface MessageSource {}

export type ThaiSource = MessageSource extends { th: infer T } ? T : Record<never, string>;

export type MessageKey = keyof ThaiSource & string;

/** A translation: every key of the Thai source, each a string with the same `{params}`. */
export type Dictionary = { readonly [K in MessageKey]: string };

/** The `{param}` names in a message template, e.g. `'สวัสดี {name}'` -> `'name'`. */
export type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;

export type MessageParams<K extends MessageKey> = Record<
  ParamNames<ThaiSource[K] & string>,
  string | number
>;

/** The keys whose message takes no parameters. */
export type PlainMessageKey = {
  [K in MessageKey]: [ParamNames<ThaiSource[K] & string>] extends [never] ? K : never;
}[MessageKey];
