import { type CsvValue, csvCell } from '../../../shared/csv';
import { BE_OFFSET } from '../../../shared/rules/thaiDate';

/** RFC 4180 CSV for the office lists, written so Excel on a Thai office PC opens it intact. */

export type { CsvValue };

/** The BOM tells Excel the file is UTF-8; without it Thai text opens as mojibake. */
const BOM = '\uFEFF';

/** One cell, a formula start neutralized (`src/shared/csv.ts`). */
export function csvField(value: CsvValue): string {
  return csvCell(value);
}

/** A whole file: BOM first, CRLF after every line (RFC 4180). */
export function toCsv(rows: ReadonlyArray<readonly CsvValue[]>): string {
  return BOM + rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** An amount as a plain number with 2 decimals (`1234.50`): no grouping, no currency sign. */
export function csvAmount(amountTHB: number | undefined): string {
  return amountTHB === undefined ? '' : amountTHB.toFixed(2);
}

/**
 * A calendar day (`YYYY-MM-DD`) as `dd/mm/yyyy` in พ.ศ.: officers paste the lists into Thai
 * spreadsheets and official forms, where dates are written in the Buddhist era (docs/domain.md §6).
 */
export function csvDate(day: string | undefined): string {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})/.exec(day) : null;
  if (!match) return '';
  const [, year, month, date] = match;
  return `${date}/${month}/${Number(year) + BE_OFFSET}`;
}

/** Saves `content` as a file through a temporary `<a download>`. */
export function downloadCsv(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has started the download, not before.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
