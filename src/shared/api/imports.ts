// Importing an office's lists (issue 15) under /api/imports: roles that may write people
// (`mayImport`: supervisors; admins list imports, 403 on the rest), for the villages they may
// see. The browser reads the file and maps its columns (a worker); the
// server plans the rows again against its own records (`planImport`, the same pure core) and
// writes the plan through the sync engine, one batch per household, so devices pull it like
// any edit. The client's preview is advice; the server's plan is what is written.
import { z } from 'zod';
import { IMPORT_FIELDS, IMPORT_KINDS } from '../import/fields';
import { Uuid } from '../model/organization';
import { canReadAdmin, type RoleName } from '../model/roles';
import { mayWrite } from '../sync/permissions';

/** Most rows one import takes: the office's largest lists are a few thousand people. */
export const MAX_IMPORT_ROWS = 10_000;
/** Most columns read of a row. */
export const MAX_IMPORT_COLUMNS = 60;
/** Longest cell text kept. */
export const MAX_IMPORT_CELL_CHARS = 500;
/**
 * Largest request body of the preview and the import: a 10,000-row list of a dozen columns is
 * about 2 MB of JSON; 10,000 rows of 60 short cells fit too. Past it the API answers 413.
 */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

/**
 * Who may preview, write and undo an import: a reader of the admin screens whose role may
 * write people's records (supervisors; admins manage accounts, not people's data, so they
 * may list the imports but not make one, as with accepting quarantined edits).
 */
export function mayImport(role: RoleName): boolean {
  return (
    canReadAdmin(role) &&
    mayWrite(role, 'household') &&
    mayWrite(role, 'person') &&
    mayWrite(role, 'programEnrollment')
  );
}

/**
 * A cell on the wire: a date cell of a workbook goes as its calendar date `YYYY-MM-DD`
 * (`cellDateToIsoDate`, never shifted by a time zone); numbers stay numbers (serials included).
 */
export const WireCell = z.union([
  z.string().max(MAX_IMPORT_CELL_CHARS),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);
export type WireCell = z.infer<typeof WireCell>;

export const ImportKindSchema = z.enum(IMPORT_KINDS);

export const WireMapping = z.object({
  kind: ImportKindSchema,
  headerRow: z.number().int().min(0).max(50),
  columns: z.array(z.enum(IMPORT_FIELDS).nullable()).max(MAX_IMPORT_COLUMNS),
});

export const ImportRequest = z.object({
  /** The sheet's rows as read, title and header rows included (`mapping.headerRow` says). */
  rows: z.array(z.array(WireCell).max(MAX_IMPORT_COLUMNS)).max(MAX_IMPORT_ROWS + 51),
  mapping: WireMapping,
  /** Answers to likely matches, by 1-based sheet row: an existing person's id, or `'new'`. */
  decisions: z.record(z.string().regex(/^\d{1,6}$/), z.union([Uuid, z.literal('new')])).default({}),
  /** The workbook counts dates from 1904 (old Mac Excel). */
  date1904: z.boolean().default(false),
  /** The file's name, for the list of imports and the audit log. */
  fileName: z.string().trim().max(200).default(''),
});
export type ImportRequest = z.input<typeof ImportRequest>;

export const ImportCellError = z.object({
  row: z.number().int(),
  column: z.number().int().nullable(),
  field: z.enum(IMPORT_FIELDS).nullable(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const ImportRowOutcome = z.object({
  row: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged', 'likely-match', 'duplicate', 'bad']),
  errors: z.array(ImportCellError),
  recordId: Uuid.optional(),
  candidates: z.array(Uuid).optional(),
  duplicateOf: z.number().int().optional(),
});

export const ImportCounts = z.object({
  rows: z.number().int(),
  matched: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  'likely-match': z.number().int(),
  duplicate: z.number().int(),
  bad: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

/** `POST /api/imports/preview`: the server's dry run; nothing is written. */
export const ImportPreview = z.object({
  counts: ImportCounts,
  /** Every row that is not a plain create, and every row with an error. */
  rows: z.array(ImportRowOutcome),
  missingFields: z.array(z.enum(IMPORT_FIELDS)),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportSummary = z.object({
  id: Uuid,
  kind: ImportKindSchema,
  fileName: z.string(),
  createdBy: Uuid,
  createdAt: z.string(),
  counts: ImportCounts,
  /** Records the import made or changed. */
  records: z.number().int(),
  undoneAt: z.string().nullable(),
  undoneBy: Uuid.nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** `POST /api/imports` answers 201 with the import written (likely matches left undecided are skipped). */
export const ImportResult = z.object({ import: ImportSummary, preview: ImportPreview });
export type ImportResult = z.infer<typeof ImportResult>;

/** `GET /api/imports`: the newest first. */
export const ImportList = z.object({ imports: z.array(ImportSummary) });

/**
 * `POST /api/imports/:id/undo` answers 200 with the summary, or 409
 * `{ error: 'import_edited_since', records: [...] }` when a record the import wrote has been
 * edited by anyone since: the undo then writes nothing.
 */
export const ImportUndoRefused = z.object({
  error: z.literal('import_edited_since'),
  records: z.array(z.object({ id: Uuid, type: z.string() })),
});
export type ImportUndoRefused = z.infer<typeof ImportUndoRefused>;
