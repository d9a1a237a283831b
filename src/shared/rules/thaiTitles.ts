import type { TITLE_PREFIXES } from '../model/person';

/**
 * The Thai title words as the office writes them. The app's Thai labels and the server's PDPA
 * file for the person both read them here, so a name is titled the same way on paper and screen.
 */
export const THAI_TITLE_WORDS = {
  mr: 'นาย',
  mrs: 'นาง',
  miss: 'นางสาว',
  master: 'ด.ช.',
  girl: 'ด.ญ.',
  other: 'อื่น ๆ',
} as const satisfies Record<(typeof TITLE_PREFIXES)[number], string>;
