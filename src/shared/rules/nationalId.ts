import { normalizeThaiDigits } from './thaiDate';

/**
 * เลขประจำตัวประชาชน: 13 digits, the last a check digit (docs/domain.md §1):
 * sum = Σ d[i]·(13−i) for i = 0..11; check = (11 − sum mod 11) mod 10.
 */

/** Strips spaces and dashes and turns Thai digits into ASCII: what is stored. */
export function normalizeNationalId(input: string): string {
  return normalizeThaiDigits(input).replace(/[\s-]/g, '');
}

export function nationalIdCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

export type NationalIdProblem = 'format' | 'checksum';

export interface NationalIdCheck {
  value: string;
  problem: NationalIdProblem | null;
  /** IDs starting with 0 belong to non-Thai or stateless people: accepted, but no Thai allowances. */
  nonThai: boolean;
}

export function checkNationalId(input: string): NationalIdCheck {
  const value = normalizeNationalId(input);
  if (!/^\d{13}$/.test(value)) return { value, problem: 'format', nonThai: false };
  const valid = nationalIdCheckDigit(value.slice(0, 12)) === Number(value[12]);
  return { value, problem: valid ? null : 'checksum', nonThai: value.startsWith('0') };
}

export function isValidNationalId(input: string): boolean {
  return checkNationalId(input).problem === null;
}

/** `1-2345-67890-12-1` */
export function formatNationalId(id: string): string {
  const d = normalizeNationalId(id);
  if (d.length !== 13) return id;
  return `${d.slice(0, 1)}-${d.slice(1, 5)}-${d.slice(5, 10)}-${d.slice(10, 12)}-${d.slice(12)}`;
}

/** `1-xxxx-xxxxx-xx-1`: for roles that do not need the whole number (PDPA). */
export function maskNationalId(id: string): string {
  const d = normalizeNationalId(id);
  if (d.length !== 13) return 'x-xxxx-xxxxx-xx-x';
  return `${d[0]}-xxxx-xxxxx-xx-${d[12]}`;
}
