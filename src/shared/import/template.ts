import { csvCell } from '../csv';
import { type ImportKind, templateHeaders } from './fields';

/**
 * A kind's template as a CSV file's text: the Thai header row after a byte-order mark, so
 * Excel opens it as UTF-8 (without one, Thai Excel reads the file as Windows-874).
 */
export function templateCsv(kind: ImportKind): string {
  return `\uFEFF${templateHeaders(kind)
    .map((header) => csvCell(header))
    .join(',')}\r\n`;
}
