import { describe, expect, it } from 'vitest';
import { csvCell, neutralizeCsvCell } from '../../../src/shared/csv';

describe('CSV cells (formula injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+66 81 234 5678 ext', `'+66 81 234 5678 ext`],
    ['-2+3+cmd|"/C calc"!A0', `'-2+3+cmd|"/C calc"!A0`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['=สมชาย', `'=สมชาย`],
  ])('neutralizes a text cell starting a formula: %j', (input, expected) => {
    expect(neutralizeCsvCell(input)).toBe(expected);
  });

  it('leaves Thai text, amounts and numbers as they are', () => {
    expect(neutralizeCsvCell('บุญมี ใจดี')).toBe('บุญมี ใจดี');
    expect(neutralizeCsvCell('ข้าวสาร 5 กก.')).toBe('ข้าวสาร 5 กก.');
    expect(neutralizeCsvCell(-500)).toBe('-500');
    expect(neutralizeCsvCell('-500.00')).toBe('-500.00');
    expect(neutralizeCsvCell('+12.5')).toBe('+12.5');
    expect(neutralizeCsvCell(3000)).toBe('3000');
    expect(neutralizeCsvCell('1,000')).toBe('1,000');
    expect(neutralizeCsvCell(null)).toBe('');
    expect(neutralizeCsvCell(undefined)).toBe('');
  });

  it('quotes after neutralizing, when needed or always', () => {
    expect(csvCell('=1+1,2')).toBe(`"'=1+1,2"`);
    expect(csvCell('@x')).toBe(`'@x`);
    expect(csvCell('@x', 'always')).toBe(`"'@x"`);
    expect(csvCell('-500.00', 'always')).toBe('"-500.00"');
    expect(csvCell('ป้าย "ระวัง"')).toBe('"ป้าย ""ระวัง"""');
  });
});
