import { neutralizeCsvCell } from '../../../shared/csv';
import { type CsvValue, csvAmount, csvDate, toCsv } from './csv';

/**
 * Office lists as tables that become either a CSV file or a real `.xlsx` workbook (issue 15):
 * the same rows, so the two files say the same. In the workbook a พ.ศ. date is a date cell shown
 * in Thai format, an amount a number with 2 decimals, the organisation and quarter a title row,
 * and text cells get the CSV's formula-injection rule (a leading `'` before `= + - @`).
 */

/** A calendar day `YYYY-MM-DD`, or an amount in baht. Plain text and counts as they are. */
export type ReportCell =
  | string
  | number
  | null
  | undefined
  | { readonly date: string | undefined }
  | { readonly amount: number | undefined };

export interface ReportTable {
  /** Lines above the header: the organisation, the list and its quarter. */
  title: readonly string[];
  header: readonly string[];
  rows: ReadonlyArray<readonly ReportCell[]>;
}

/** The date cells' number format: day/month/Buddhist year (Excel's Thai Buddhist calendar). */
export const THAI_DATE_FORMAT = '[$-1070000]d/m/yyyy';
/** Amounts: thousands grouped, 2 decimals. */
export const AMOUNT_FORMAT = '#,##0.00';

const isDate = (cell: ReportCell): cell is { date: string | undefined } =>
  typeof cell === 'object' && cell !== null && 'date' in cell;
const isAmount = (cell: ReportCell): cell is { amount: number | undefined } =>
  typeof cell === 'object' && cell !== null && 'amount' in cell;

/** The CSV of a table: header and rows only (the CSV lists never had a title line). */
export function tableCsv(table: ReportTable): string {
  return toCsv([
    table.header,
    ...table.rows.map((row) =>
      row.map(
        (cell): CsvValue =>
          isDate(cell)
            ? csvDate(cell.date)
            : isAmount(cell)
              ? csvAmount(cell.amount)
              : (cell as CsvValue),
      ),
    ),
  ]);
}

/** A workbook cell as write-excel-file takes it. */
export type XlsxCell = {
  value?: string | number | Date;
  type?: StringConstructor | NumberConstructor | DateConstructor;
  format?: string;
  fontWeight?: 'bold';
  columnSpan?: number;
  wrap?: boolean;
} | null;

export interface XlsxSheet {
  data: XlsxCell[][];
  columns: { width: number }[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** A calendar day as the workbook's date: midnight UTC of that day, never shifted by a zone. */
export function dayAsDate(day: string | undefined): Date | null {
  const match = day ? DAY.exec(day) : null;
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function xlsxCell(cell: ReportCell): XlsxCell {
  if (cell === null || cell === undefined || cell === '') return null;
  if (isDate(cell)) {
    const value = dayAsDate(cell.date);
    return value ? { value, type: Date, format: THAI_DATE_FORMAT } : null;
  }
  if (isAmount(cell))
    return cell.amount === undefined
      ? null
      : { value: cell.amount, type: Number, format: AMOUNT_FORMAT };
  if (typeof cell === 'number') return { value: cell, type: Number };
  return { value: neutralizeCsvCell(cell as string), type: String };
}

/**
 * How wide a text shows, in characters: Thai vowels and tone marks above and below a letter
 * take no width of their own.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) if (!/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(char)) width++;
  return width;
}

const widthOf = (cell: XlsxCell): number => {
  if (!cell || cell.value === undefined) return 0;
  if (cell.value instanceof Date) return 10;
  if (typeof cell.value === 'number')
    return cell.format === AMOUNT_FORMAT
      ? cell.value.toFixed(2).length + 3
      : String(cell.value).length;
  return displayWidth(cell.value);
};

/** The workbook sheet of a table: title rows across the columns, a bold header, fitted widths. */
export function xlsxSheet(table: ReportTable): XlsxSheet {
  const span = Math.max(1, table.header.length);
  const title: XlsxCell[][] = table.title.map((line) => [
    { value: neutralizeCsvCell(line), type: String, fontWeight: 'bold', columnSpan: span },
    ...Array.from({ length: span - 1 }, () => null),
  ]);
  const header: XlsxCell[] = table.header.map((text) => ({
    value: neutralizeCsvCell(text),
    type: String,
    fontWeight: 'bold',
  }));
  const rows = table.rows.map((row) => row.map(xlsxCell));
  const columns = table.header.map((_, column) => {
    const widest = Math.max(...[header, ...rows].map((row) => widthOf(row[column] ?? null)));
    return { width: Math.min(60, Math.max(8, widest + 2)) };
  });
  return { data: [...title, header, ...rows], columns };
}

/** The workbook's bytes (write-excel-file, loaded only when a list is exported). */
export async function xlsxBlob(table: ReportTable, sheetName: string): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const { data, columns } = xlsxSheet(table);
  return writeXlsxFile(data as never, { columns, sheet: sheetName.slice(0, 31) }).toBlob();
}

/** Saves a blob as a file through a temporary `<a download>`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Writes and downloads a table as `.xlsx`. */
export async function downloadXlsx(fileName: string, table: ReportTable, sheetName: string) {
  downloadBlob(fileName, await xlsxBlob(table, sheetName));
}
