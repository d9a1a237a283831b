import { cellText, type SheetRow } from './cells';
import {
  HEADER_ALIASES,
  type ImportField,
  type ImportKind,
  KIND_FIELDS,
  KIND_REQUIRED,
  TEMPLATE_HEADERS,
} from './fields';

/**
 * Which field each column of a sheet holds. Plain data: the screen shows it for the user to
 * correct, and keeps it per kind (see `rememberMapping`) for the next file.
 */
export interface ColumnMapping {
  kind: ImportKind;
  /** Index in the sheet's rows of the header row; the data starts on the row below. */
  headerRow: number;
  /** Per column, the field it holds, or null when the column is left out. */
  columns: (ImportField | null)[];
}

/** Headers compared without spaces, case and punctuation: `จำนวนเงิน (บาท)` = `จำนวนเงินบาท`. */
export function normalizeHeader(header: string): string {
  return cellText(header)
    .toLowerCase()
    .replace(/[\s._\-/\\()[\]*:'"#,]/g, '');
}

/** Columns lists carry that are no field: read as left out, never guessed by a part. */
const IGNORED_HEADERS = new Set(
  ['ลำดับ', 'ลำดับที่', 'ที่', 'no', 'หมายเหตุ', 'note', 'remark', 'อายุ', 'age', 'ชื่อหมู่บ้าน', 'หมู่บ้าน'].map(
    normalizeHeader,
  ),
);

/** Each known header, its field, and how sure an exact match is: a template's own header most. */
const ALIASES: ReadonlyArray<readonly [string, ImportField, number]> = (
  Object.entries(HEADER_ALIASES) as [ImportField, readonly string[]][]
).flatMap(([field, aliases]) => [
  [normalizeHeader(TEMPLATE_HEADERS[field]), field, 3] as const,
  ...aliases.map((alias) => [normalizeHeader(alias), field, 2] as const),
]);

/** A header's field, and how sure: 3 or 2 for a known header, 1 for one containing a known one. */
function guessField(
  header: string,
  kind: ImportKind,
): { field: ImportField; score: number } | null {
  const key = normalizeHeader(header);
  if (key === '' || IGNORED_HEADERS.has(key)) return null;
  const fields = KIND_FIELDS[kind];
  let best: { field: ImportField; score: number; length: number } | null = null;
  for (const [alias, field, exact] of ALIASES) {
    if (!fields.includes(field)) continue;
    if (alias === key) return { field, score: exact };
    if (alias.length >= 3 && key.includes(alias) && alias.length > (best?.length ?? 0))
      best = { field, score: 1, length: alias.length };
  }
  return best && { field: best.field, score: best.score };
}

/**
 * Each header's field, for one kind. When two columns look like the same field (a list with
 * `ชื่อ` twice, or `เลขที่` and `บ้านเลขที่`), the surer guess keeps it, then the first.
 * A remembered mapping (headers as `rememberMapping` keeps them) wins over guessing.
 */
export function guessColumns(
  headers: SheetRow,
  kind: ImportKind,
  remembered: Readonly<Record<string, ImportField | null>> = {},
): (ImportField | null)[] {
  const guesses = headers.map((cell) => {
    const key = normalizeHeader(cellText(cell));
    if (Object.hasOwn(remembered, key)) {
      const field = remembered[key] ?? null;
      return field && KIND_FIELDS[kind].includes(field) ? { field, score: 4 } : null;
    }
    return guessField(cellText(cell), kind);
  });
  const owner = new Map<ImportField, number>();
  guesses.forEach((guess, column) => {
    if (!guess) return;
    const held = owner.get(guess.field);
    if (held === undefined || (guesses[held]?.score ?? 0) < guess.score)
      owner.set(guess.field, column);
  });
  return guesses.map((guess, column) =>
    guess && owner.get(guess.field) === column ? guess.field : null,
  );
}

/** How many rows from the top may be titles, notes and merged cells before the header. */
const HEADER_SEARCH_ROWS = 30;

/**
 * The header row: the first of the top rows whose cells name the most fields. Merged title
 * rows above it (`ทะเบียนผู้รับเบี้ยยังชีพผู้สูงอายุ ปีงบประมาณ 2568`) name one at most.
 * Null when no row names two fields.
 */
export function findHeaderRow(rows: readonly SheetRow[], kind: ImportKind): number | null {
  let best: { row: number; score: number } | null = null;
  const last = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < last; row++) {
    const columns = guessColumns(rows[row] ?? [], kind);
    const score = columns.filter((field) => field !== null).length;
    if (score >= 2 && score > (best?.score ?? 0)) best = { row, score };
  }
  return best?.row ?? null;
}

/** The header row found and its columns' fields; with no header found, row 0 and no fields. */
export function guessMapping(
  rows: readonly SheetRow[],
  kind: ImportKind,
  remembered: Readonly<Record<string, ImportField | null>> = {},
): ColumnMapping {
  const headerRow = findHeaderRow(rows, kind) ?? 0;
  const headers = rows[headerRow] ?? [];
  return { kind, headerRow, columns: guessColumns(headers, kind, remembered) };
}

/** What to keep of a mapping the user confirmed: each header's field, by its compared form. */
export function rememberMapping(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
): Record<string, ImportField | null> {
  const remembered: Record<string, ImportField | null> = {};
  (rows[mapping.headerRow] ?? []).forEach((cell, column) => {
    const key = normalizeHeader(cellText(cell));
    if (key !== '') remembered[key] = mapping.columns[column] ?? null;
  });
  return remembered;
}

/** Fields the kind needs that no column holds; a name needs ชื่อ-สกุล, or ชื่อ and นามสกุล. */
export function missingFields(mapping: ColumnMapping): ImportField[] {
  const mapped = new Set(mapping.columns.filter((f): f is ImportField => f !== null));
  const missing = KIND_REQUIRED[mapping.kind].filter((field) => !mapped.has(field));
  if (mapping.kind !== 'households' && !mapped.has('fullName')) {
    if (!mapped.has('firstName')) missing.push('firstName');
    if (!mapped.has('lastName')) missing.push('lastName');
  }
  return missing;
}
