/**
 * Why a cell or a row of an imported sheet cannot be taken as it is. The import is pure and runs
 * in a worker, so it returns codes with their parameters; the screens turn each into Thai (or
 * English) from the import feature's messages (`import.error.<code>`).
 */
export const IMPORT_ERROR_CODES = [
  'required',
  'too_long',
  'number_min',
  'number_max',
  'invalid',
  'not_a_choice',
  'date_unreadable',
  'date_invalid',
  'date_too_early',
  'date_in_future',
  'national_id_format',
  'national_id_checksum',
  'national_id_scientific',
  'name_unreadable',
  'amount_unreadable',
  'moo_unreadable',
  'moo_unknown',
  'program_unknown',
  'sex_unknown',
  'relation_unknown',
  'house_code_format',
  'postal_code_format',
  'duplicate_in_file',
  /** The server's push policy refuses the row's writes: a หมู่ the user may not write to. */
  'village_not_allowed',
  /** The server's push policy refuses the row's writes for another reason (`params.reason`). */
  'not_allowed',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export type ImportErrorParams = Readonly<Record<string, string | number>>;

/** A value reader's answer: the value, or why the cell cannot be read. */
export type Read<T> =
  | { ok: true; value: T }
  | { ok: false; code: ImportErrorCode; params?: ImportErrorParams };

export const readOk = <T>(value: T): Read<T> => ({ ok: true, value });
export const readFail = (code: ImportErrorCode, params?: ImportErrorParams): Read<never> =>
  params ? { ok: false, code, params } : { ok: false, code };

/** `0` → `A`, `25` → `Z`, `26` → `AA`: the column as the spreadsheet names it. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
