import { describe, expect, it } from 'vitest';
import { isValidHouseCode, normalizeHouseCode } from '../../../src/shared/rules/houseCode';
import {
  checkNationalId,
  formatNationalId,
  isValidNationalId,
  maskNationalId,
} from '../../../src/shared/rules/nationalId';

describe('national ID checksum (docs/domain.md §1 vectors)', () => {
  it.each([
    ['1-2345-67890-12-1', 'remainder 0 gives check digit 1'],
    ['1-1017-00203-14-0', 'remainder 1 gives check digit 0'],
    ['3-4501-01234-56-3', 'remainder 8 gives check digit 3'],
  ])('accepts %s (%s)', (id) => {
    expect(isValidNationalId(id)).toBe(true);
  });

  it.each([['1-1017-00203-14-5'], ['3-1006-02652-38-5']])('rejects %s', (id) => {
    expect(checkNationalId(id).problem).toBe('checksum');
  });

  it('normalizes Thai digits, spaces and dashes', () => {
    expect(checkNationalId('๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑')).toEqual({
      value: '1234567890121',
      problem: null,
      nonThai: false,
    });
    expect(isValidNationalId('1 2345 67890 12 1')).toBe(true);
  });

  it('reports a wrong length or letters as a format problem', () => {
    expect(checkNationalId('123456789012').problem).toBe('format');
    expect(checkNationalId('12345678901a1').problem).toBe('format');
  });

  it('flags IDs starting with 0 as non-Thai but valid', () => {
    // 0-1234-56789-01-? : sum = 0*13+1*12+2*11+3*10+4*9+5*8+6*7+7*6+8*5+9*4+0*3+1*2 = 302
    // 302 mod 11 = 5, (11-5) mod 10 = 6
    expect(checkNationalId('0123456789016')).toEqual({
      value: '0123456789016',
      problem: null,
      nonThai: true,
    });
  });

  it('formats and masks for display', () => {
    expect(formatNationalId('1234567890121')).toBe('1-2345-67890-12-1');
    expect(maskNationalId('1234567890121')).toBe('1-xxxx-xxxxx-xx-1');
  });
});

describe('house code', () => {
  it('needs exactly 11 digits, Thai digits allowed', () => {
    expect(isValidHouseCode('45180123456')).toBe(true);
    expect(isValidHouseCode('๔๕๑๘๐๑๒๓๔๕๖')).toBe(true);
    expect(normalizeHouseCode('4518-012345-6')).toBe('45180123456');
    expect(isValidHouseCode('4518012345')).toBe(false);
    expect(isValidHouseCode('4518012345a')).toBe(false);
  });
});
