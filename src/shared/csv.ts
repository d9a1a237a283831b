// CSV cells for every file the app or the server writes (RFC 4180), safe to open in a
// spreadsheet: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would
// run as a formula in Excel or LibreOffice (`=HYPERLINK(...)` in a name becomes a live link),
// so it is written with a leading `'`, which the spreadsheet shows as text (OWASP CSV
// injection). Numbers stay numbers: a negative amount (`-500.00`, a reversing entry) is a
// plain number, not a formula, and is written as it is.

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
/** A whole cell that is a plain decimal number: a spreadsheet reads it as a number. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The cell's text with a formula start neutralized; Thai and numbers as they are. */
export function neutralizeCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (typeof value === 'number' || PLAIN_NUMBER.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell: neutralized, then quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: CsvValue, quote: 'when-needed' | 'always' = 'when-needed'): string {
  const text = neutralizeCsvCell(value);
  return quote === 'always' || NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Reads CSV text (RFC 4180, as Excel, LibreOffice and Google Sheets write it) into rows of
 * cells: quoted fields with commas, doubled quotes and line breaks; CRLF, LF or CR line ends;
 * a leading byte-order mark dropped. Cells stay text (no number or date guessing: that is the
 * importer's job, per column). A last empty line makes no row.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char !== '"') cell += char;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === delimiter) {
      row.push(cell);
      cell = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += char;
  }
  if (cell !== '' || row.length > 0 || quoted) endRow();
  return rows;
}
