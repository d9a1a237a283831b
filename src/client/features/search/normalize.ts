import { normalizeThaiDigits } from '../../../shared/rules/thaiDate';

/** Spaces, dashes (as typed in a national ID) and the zero-width characters Thai text may carry. */
const IGNORED = /[\s\-\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]/g;
const DIGITS = /^\d+$/;

/** The form both the index and the query are compared in: NFC, lowercase, ASCII digits, no gaps. */
export function normalizeSearchText(text: string): string {
  if (isDigits(text)) return text; // national IDs as stored: the common case, kept cheap
  return normalizeThaiDigits(text.normalize('NFC').toLowerCase()).replace(IGNORED, '');
}

export function isDigits(text: string): boolean {
  return DIGITS.test(text);
}

/**
 * The terms of a query, each of which must match (AND). A query of digit groups only
 * ("1 2345 67890 12 1") is one national ID typed with spaces, so its groups are joined.
 */
export function queryTerms(query: string): string[] {
  const terms = query
    .split(/\s+/)
    .map(normalizeSearchText)
    .filter((term) => term !== '');
  if (terms.length > 1 && terms.every(isDigits)) return [terms.join('')];
  return terms;
}

let segmenter: Intl.Segmenter | null | undefined;

/** A name as the index compares it. */
export interface NameForm {
  /** Normalized (`normalizeSearchText`). */
  text: string;
  /** Its dictionary words after the first (the first starts the name itself). */
  innerWords: string[];
  /** The same words, each preceded by `separator`, as one string. */
  innerKey: string;
}

/** Names repeat a lot: a rebuild only normalizes and segments the names it has not seen. */
const nameForms = new Map<string, NameForm>();
const NAME_CACHE_LIMIT = 100_000;

/** Precedes each inner word in `innerKey`: a character no name has. */
export const WORD_SEPARATOR = '\u0001';

export function nameForm(name: string): NameForm {
  const cached = nameForms.get(name);
  if (cached) return cached;
  const text = normalizeSearchText(name);
  const innerWords = nameWords(text).slice(1);
  const innerKey = innerWords.map((word) => WORD_SEPARATOR + word).join('');
  const form = { text, innerWords, innerKey };
  if (nameForms.size >= NAME_CACHE_LIMIT) nameForms.clear();
  nameForms.set(name, form);
  return form;
}

/**
 * The dictionary words of a normalized name: Thai writes no spaces, so "บุญมี" is "บุญ" +
 * "มี". Empty where the browser has no `Intl.Segmenter` (search then falls back to substrings).
 */
export function nameWords(name: string): string[] {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter('th', { granularity: 'word' })
        : null;
  }
  const words: string[] = [];
  if (segmenter) {
    for (const { segment, isWordLike } of segmenter.segment(name)) {
      if (isWordLike !== false && segment !== '') words.push(segment);
    }
  }
  return words;
}
