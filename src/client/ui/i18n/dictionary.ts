import type { th } from './th';

export type MessageKey = keyof typeof th;

/** A translation: every key of the Thai source, each a string with the same `{params}`. */
export type Dictionary = { readonly [K in MessageKey]: string };

/** The `{param}` names in a message template, e.g. `'สวัสดี {name}'` -> `'name'`. */
export type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;

export type MessageParams<K extends MessageKey> = Record<
  ParamNames<(typeof th)[K]>,
  string | number
>;

/** The keys whose message takes no parameters. */
export type PlainMessageKey = {
  [K in MessageKey]: [ParamNames<(typeof th)[K]>] extends [never] ? K : never;
}[MessageKey];
