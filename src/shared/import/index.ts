// The pure core of importing an office's lists (issue 15): bytes → rows → mapping → plan.
// Both the browser's worker and the server call it; it reads no files and writes nothing.
export { cellText, isBlankRow, type SheetCell, type SheetRow } from './cells';
export {
  cellDateToIsoDate,
  type DatePrecision,
  excelSerialToIsoDate,
  MIN_YEAR_CE,
  monthOfWord,
  type ReadDate,
  type ReadDateOptions,
  readDate,
} from './dates';
export { decodeCsvBytes, readCsvBytes, type TextEncoding } from './decode';
export {
  columnLetter,
  IMPORT_ERROR_CODES,
  type ImportErrorCode,
  type ImportErrorParams,
  type Read,
} from './errors';
export {
  HEADER_ALIASES,
  IMPORT_FIELDS,
  IMPORT_KINDS,
  type ImportField,
  type ImportKind,
  KIND_FIELDS,
  KIND_REQUIRED,
  TEMPLATE_HEADERS,
  templateHeaders,
} from './fields';
export {
  type ColumnMapping,
  findHeaderRow,
  guessColumns,
  guessMapping,
  missingFields,
  normalizeHeader,
  rememberMapping,
} from './headers';
export { type ExistingRecord, nameKey, similarNames } from './matching';
export {
  type HouseholdBatch,
  type ImportContext,
  type ImportCounts,
  type ImportPlan,
  type PlannedRecordType,
  type PlannedWrite,
  planImport,
  ROW_ACTIONS,
  type RowAction,
  type RowOutcome,
} from './plan';
export type { CellError } from './rowRead';
export { templateCsv } from './template';
export {
  type PersonName,
  readAmount,
  readHouseNo,
  readMooNo,
  readNationalId,
  readPersonName,
  readText,
  splitTitle,
  titleOfWord,
} from './values';
