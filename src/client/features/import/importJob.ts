import { MAX_IMPORT_ROWS, type WireCell } from '../../../shared/api/imports';
import {
  type ColumnMapping,
  type ImportContext,
  type ImportPlan,
  planImport,
  readCsvBytes,
  type SheetRow,
  type TextEncoding,
} from '../../../shared/import';
import { toWireRows } from './wire';

/**
 * The work of the import's worker, apart from the worker so a bench page and tests can call
 * it: read a chosen file into rows as the server takes them, and dry-run a mapping over them.
 */

export type SheetFormat = 'xlsx' | 'csv';

export interface ReadSheet {
  rows: WireCell[][];
  format: SheetFormat;
  /** For a CSV file, the encoding found (UTF-8 or Thai Windows-874). */
  encoding: TextEncoding | null;
}

export type ReadFailure = 'unreadable' | 'too_many_rows' | 'empty';

export class SheetReadError extends Error {
  constructor(readonly code: ReadFailure) {
    super(code);
  }
}

/** A zip file (every `.xlsx`) starts with `PK\x03\x04`. */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The first sheet of an `.xlsx` file, or a CSV file's rows; the format found from the bytes. */
export async function readSheetFile(file: Blob): Promise<ReadSheet> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let rows: SheetRow[];
  let format: SheetFormat;
  let encoding: TextEncoding | null = null;
  if (isZip(bytes)) {
    format = 'xlsx';
    try {
      // The worker entry of the library: it reads in this thread (already a worker).
      const { readSheet } = await import('read-excel-file/web-worker');
      rows = (await readSheet(bytes.buffer as ArrayBuffer)) as SheetRow[];
    } catch {
      throw new SheetReadError('unreadable');
    }
  } else {
    format = 'csv';
    const read = readCsvBytes(bytes);
    rows = read.rows;
    encoding = read.encoding;
  }
  const wire = toWireRows(rows);
  if (!wire) throw new SheetReadError('too_many_rows');
  if (wire.length === 0) throw new SheetReadError('empty');
  return { rows: wire, format, encoding };
}

/** What the screen needs of a plan: no batches (the server writes its own). */
export type PreviewPlan = Omit<ImportPlan, 'batches'>;

export type PlanContext = Omit<ImportContext, 'onProgress' | 'newId'>;

/** The dry run over rows read, with progress; the plan without its writes. */
export function planRows(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  context: PlanContext,
  onProgress?: (done: number, total: number) => void,
): PreviewPlan {
  const { batches: _writes, ...plan } = planImport(rows, mapping, { ...context, onProgress });
  return plan;
}

export { MAX_IMPORT_ROWS };
