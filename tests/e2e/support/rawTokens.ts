import type { z } from 'zod';
import * as model from '../../../src/shared/model';

/** What zod keeps about a schema, enough to walk into its parts. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string | number>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
}

function defOf(schema: unknown): SchemaDef | null {
  const def = (schema as { _zod?: { def?: SchemaDef } } | null)?._zod?.def;
  return def && typeof def.type === 'string' ? def : null;
}

/** A field key a person never reads: camelCase (`householdDebtTHB`) or with a separator. */
function isCodeKey(key: string): boolean {
  return /[a-z][A-Z]/.test(key) || /[_-]/.test(key);
}

function collect(schema: unknown, tokens: Set<string>, seen: Set<unknown>): void {
  const def = defOf(schema);
  if (!def || seen.has(schema)) return;
  seen.add(schema);
  if (def.type === 'object' && def.shape) {
    for (const [key, field] of Object.entries(def.shape)) {
      if (isCodeKey(key)) tokens.add(key);
      collect(field, tokens, seen);
    }
  }
  if (def.type === 'enum' && def.entries) {
    for (const value of Object.values(def.entries)) {
      if (typeof value === 'string' && /[A-Za-z]/.test(value)) tokens.add(value);
    }
  }
  for (const part of [
    def.innerType,
    def.element,
    def.valueType,
    def.in,
    def.out,
    ...(def.options ?? []),
  ]) {
    if (part) collect(part, tokens, seen);
  }
}

/**
 * Words a Thai screen must never show: every code-like field key and every ASCII enum value
 * of the shared zod models (record fields, users, villages), plus the byte units the app
 * writes in Thai (ไบต์, กิโลไบต์…).
 */
export function rawTokens(): string[] {
  const tokens = new Set<string>(['kB', 'KB', 'MB', 'GB']);
  const seen = new Set<unknown>();
  for (const exported of Object.values(model)) collect(exported, tokens, seen);
  return [...tokens].sort();
}

/**
 * The raw tokens found in `text` as whole words (case-sensitive: "LINE" the app is fine,
 * the enum value "line" is not). Letters, digits, `-` and `_` continue a word.
 */
export function findRawTokens(text: string, tokens: readonly string[]): string[] {
  const found = new Set<string>();
  for (const word of text.match(/[A-Za-z0-9_-]+/g) ?? []) {
    if (tokens.includes(word)) found.add(word);
  }
  return [...found];
}
