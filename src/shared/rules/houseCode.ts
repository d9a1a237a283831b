import { normalizeThaiDigits } from './thaiDate';

/**
 * เลขรหัสประจำบ้าน: 11 digits, the first 4 the registry office. No published checksum was found
 * (docs/domain.md §1), so only the format is checked.
 */
export function normalizeHouseCode(input: string): string {
  return normalizeThaiDigits(input).replace(/[\s-]/g, '');
}

export function isValidHouseCode(input: string): boolean {
  return /^\d{11}$/.test(normalizeHouseCode(input));
}

export function houseCodeRegistryOffice(houseCode: string): string {
  return normalizeHouseCode(houseCode).slice(0, 4);
}
