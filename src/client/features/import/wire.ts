import {
  MAX_IMPORT_CELL_CHARS,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  type WireCell,
} from '../../../shared/api/imports';
import { cellDateToIsoDate, type SheetCell, type SheetRow } from '../../../shared/import';

/** Rows a sheet may have above the data: titles and the header (the contract's slack). */
const HEADER_SLACK = 51;

/** One cell as the server takes it (`WireCell`): a date cell as its calendar day. */
export function toWireCell(cell: SheetCell): WireCell {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return cellDateToIsoDate(cell);
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'boolean') return cell;
  return cell.length > MAX_IMPORT_CELL_CHARS ? cell.slice(0, MAX_IMPORT_CELL_CHARS) : cell;
}

/**
 * A sheet's rows as the import sends them: cells past the contract's last column dropped,
 * trailing empty cells left out. Null when the file has more rows than one import takes.
 */
export function toWireRows(rows: readonly SheetRow[]): WireCell[][] | null {
  let last = rows.length;
  while (last > 0 && isEmptyRow(rows[last - 1] ?? [])) last--;
  if (last > MAX_IMPORT_ROWS + HEADER_SLACK) return null;
  const wire: WireCell[][] = [];
  for (let index = 0; index < last; index++) {
    const row = rows[index] ?? [];
    const cells = row.slice(0, MAX_IMPORT_COLUMNS).map(toWireCell);
    while (cells.length > 0 && (cells.at(-1) === null || cells.at(-1) === '')) cells.pop();
    wire.push(cells);
  }
  return wire;
}

function isEmptyRow(row: SheetRow): boolean {
  return row.every((cell) => cell === null || cell === undefined || cell === '');
}
