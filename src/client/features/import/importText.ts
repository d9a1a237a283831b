import {
  cellText,
  columnLetter,
  type ImportErrorCode,
  type ImportField,
  type SheetRow,
} from '../../../shared/import';
import { isMessageKey, t } from '../../ui/i18n';

/** A cell error (the worker's or the server's) in the display language. */
interface CellErrorLike {
  row: number;
  column: number | null;
  field: ImportField | null;
  code: string;
  params?: Readonly<Record<string, string | number>>;
}

export function fieldText(field: ImportField): string {
  return t(`import.field.${field}`);
}

/** Why a cell is wrong, with its parameters; an unknown code reads as "invalid". */
export function problemText(code: string, params: Readonly<Record<string, string | number>> = {}) {
  const key = `import.error.${code}`;
  const known = isMessageKey(key) ? (code as ImportErrorCode) : 'invalid';
  // The dictionary's parameters differ by code; each message uses only its own.
  return (t as (key: string, params: Record<string, string | number>) => string)(
    `import.error.${known}`,
    { max: '', min: '', moo: '', row: '', ...params },
  );
}

/**
 * `แถวที่ 12 คอลัมน์ F (วันเดือนปีเกิด): ไม่มีวันที่นี้ในปฏิทิน`: the sheet's row and column letter,
 * the file's own header for the column (the field's name when the column has none).
 */
export function cellErrorText(error: CellErrorLike, header: SheetRow): string {
  const message = problemText(error.code, error.params);
  if (error.column !== null && error.column >= 0) {
    const headerText =
      cellText(header[error.column]) || (error.field ? fieldText(error.field) : '');
    return t('import.cell', {
      row: error.row,
      column: columnLetter(error.column),
      header: headerText,
      message,
    });
  }
  return t('import.row', {
    row: error.row,
    message: error.field ? `${fieldText(error.field)}: ${message}` : message,
  });
}
