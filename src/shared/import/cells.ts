import { normalizeThaiDigits } from '../rules/thaiDate';

/**
 * One cell as a sheet reader gives it: text from a CSV file; text, a number, a boolean or a
 * `Date` from an xlsx library; nothing for an empty cell.
 */
export type SheetCell = string | number | boolean | Date | null | undefined;
export type SheetRow = readonly SheetCell[];

/** Zero-width characters Excel and Thai keyboards leave in cells, and the no-break space. */
const INVISIBLE = /[\u200B-\u200D\uFEFF]/g;
const SPACES = /[\s\u00A0]+/g;

/**
 * A cell as trimmed text with Thai digits as ASCII and runs of spaces as one. A leading `'`
 * (Excel's "this is text" mark, and what our own CSV export puts before a formula start) is
 * dropped. A number keeps all its digits (no exponent below 1e21).
 */
export function cellText(cell: SheetCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  const text = normalizeThaiDigits(String(cell).normalize('NFC'))
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .trim();
  return text.startsWith("'") ? text.slice(1).trim() : text;
}

export function isBlankCell(cell: SheetCell): boolean {
  return cellText(cell) === '';
}

export function isBlankRow(row: SheetRow): boolean {
  return row.every(isBlankCell);
}
