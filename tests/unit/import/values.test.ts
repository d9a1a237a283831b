import { describe, expect, it } from 'vitest';
import { cellText } from '../../../src/shared/import/cells';
import {
  readAmount,
  readHouseNo,
  readMooNo,
  readNationalId,
  readPersonName,
  splitTitle,
  titleOfWord,
} from '../../../src/shared/import/values';
import { nationalIdCheckDigit } from '../../../src/shared/rules/nationalId';

const withCheck = (first12: string) => `${first12}${nationalIdCheckDigit(first12)}`;
const ID = withCheck('110170021345');
const ZERO_ID = withCheck('001234567890');

describe('cellText', () => {
  it('trims, turns Thai digits to ASCII, drops zero-width marks and the text apostrophe', () => {
    expect(cellText('  ๑๒๓\u200B ')).toBe('123');
    expect(cellText("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(cellText('นาย\u00A0 สมชาย')).toBe('นาย สมชาย');
    expect(cellText(1234567890123)).toBe('1234567890123');
    expect(cellText(null)).toBe('');
  });
});

describe('readNationalId', () => {
  it('takes dashes, spaces and Thai digits', () => {
    const dashed = `${ID[0]}-${ID.slice(1, 5)}-${ID.slice(5, 10)}-${ID.slice(10, 12)}-${ID[12]}`;
    expect(readNationalId(dashed)).toEqual({ ok: true, value: ID });
    expect(readNationalId(ID.replace(/(\d{4})/g, '$1 '))).toEqual({ ok: true, value: ID });
    const thai = ID.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
    expect(readNationalId(thai)).toEqual({ ok: true, value: ID });
    expect(readNationalId(Number(ID))).toEqual({ ok: true, value: ID });
  });

  it('gives back the leading zeros a number cell lost', () => {
    expect(ZERO_ID.startsWith('00')).toBe(true);
    expect(readNationalId(Number(ZERO_ID))).toEqual({ ok: true, value: ZERO_ID });
    expect(readNationalId(String(Number(ZERO_ID)))).toEqual({ ok: true, value: ZERO_ID });
  });

  it('refuses a bad checksum, a wrong length and an exponent Excel wrote', () => {
    const wrong = `${ID.slice(0, 12)}${(Number(ID[12]) + 1) % 10}`;
    expect(readNationalId(wrong)).toEqual({ ok: false, code: 'national_id_checksum' });
    expect(readNationalId('12345')).toEqual({ ok: false, code: 'national_id_format' });
    expect(readNationalId('1.10170E+12')).toEqual({ ok: false, code: 'national_id_scientific' });
    expect(readNationalId('')).toEqual({ ok: true, value: null });
  });
});

describe('names and titles', () => {
  it.each([
    ['นาย', 'mr'],
    ['นาง', 'mrs'],
    ['นางสาว', 'miss'],
    ['น.ส.', 'miss'],
    ['ด.ช.', 'master'],
    ['ด.ญ.', 'girl'],
    ['เด็กชาย', 'master'],
    ['เด็กหญิง', 'girl'],
    ['Mrs.', 'mrs'],
    ['mr', 'mr'],
  ])('%s is %s', (word, prefix) => {
    expect(titleOfWord(word)).toBe(prefix);
  });

  it('splits a title glued or spaced, longest title first', () => {
    expect(splitTitle('นางสาวสมหญิง')).toEqual({ titlePrefix: 'miss', rest: 'สมหญิง' });
    expect(splitTitle('นาง สมศรี')).toEqual({ titlePrefix: 'mrs', rest: 'สมศรี' });
    expect(splitTitle('น.ส.มาลี')).toEqual({ titlePrefix: 'miss', rest: 'มาลี' });
    expect(splitTitle('ด.ญ.ใบเตย')).toEqual({ titlePrefix: 'girl', rest: 'ใบเตย' });
    expect(splitTitle('สมชาย')).toEqual({ titlePrefix: null, rest: 'สมชาย' });
    expect(splitTitle('Mrsomething')).toEqual({ titlePrefix: null, rest: 'Mrsomething' });
  });

  it('reads one ชื่อ-สกุล cell, keeping a surname of several words', () => {
    expect(readPersonName({ fullName: 'นายสมชาย ใจดี' })).toEqual({
      ok: true,
      value: { titlePrefix: 'mr', firstName: 'สมชาย', lastName: 'ใจดี' },
    });
    expect(readPersonName({ fullName: 'หม่อมหลวงบัว ณ อยุธยา' })).toEqual({
      ok: true,
      value: { titlePrefix: null, firstName: 'หม่อมหลวงบัว', lastName: 'ณ อยุธยา' },
    });
    expect(readPersonName({ fullName: 'สมชาย' })).toEqual({ ok: false, code: 'name_unreadable' });
  });

  it('reads a title cell, or a title before ชื่อ, with นามสกุล apart', () => {
    expect(readPersonName({ title: 'น.ส.', firstName: 'มาลี', lastName: 'ดีใจ' })).toEqual({
      ok: true,
      value: { titlePrefix: 'miss', firstName: 'มาลี', lastName: 'ดีใจ' },
    });
    expect(readPersonName({ firstName: 'ด.ช. ก้อง', lastName: 'ดีใจ' })).toEqual({
      ok: true,
      value: { titlePrefix: 'master', firstName: 'ก้อง', lastName: 'ดีใจ' },
    });
    expect(readPersonName({ title: 'พระ', firstName: 'มหาสมชาย', lastName: 'ใจดี' })).toMatchObject({
      value: { titlePrefix: 'other' },
    });
    expect(readPersonName({})).toEqual({ ok: true, value: null });
  });
});

describe('readAmount', () => {
  it.each([
    ['1,000', 1000],
    ['฿600', 600],
    ['600 บาท', 600],
    ['600.-', 600],
    ['๘๐๐', 800],
    ['1,234.50', 1234.5],
    [700, 700],
    [600.004, 600],
  ])('%s → %s', (cell, amount) => {
    expect(readAmount(cell)).toEqual({ ok: true, value: amount });
  });

  it('refuses words and reads empty as null', () => {
    expect(readAmount('หกร้อย')).toEqual({ ok: false, code: 'amount_unreadable' });
    expect(readAmount('')).toEqual({ ok: true, value: null });
  });
});

describe('readMooNo', () => {
  it.each([['หมู่ 3'], ['หมู่ที่ 3'], ['ม.3'], ['ม. 3'], ['3'], ['๓'], ['Moo 3'], [3], ['หมู่ 3 บ้านโนน']])(
    '%s is หมู่ 3',
    (cell) => {
      expect(readMooNo(cell)).toEqual({ ok: true, value: 3 });
    },
  );

  it('refuses what is no หมู่', () => {
    expect(readMooNo('บ้านโนน')).toEqual({ ok: false, code: 'moo_unreadable' });
    expect(readMooNo(0)).toEqual({ ok: false, code: 'moo_unreadable' });
    expect(readMooNo('100')).toEqual({ ok: false, code: 'moo_unreadable' });
  });
});

describe('readHouseNo', () => {
  it('gives back a house number Excel turned into a date, and keeps text as it is', () => {
    expect(readHouseNo(new Date(2026, 0, 12))).toBe('12/1');
    expect(readHouseNo(new Date(Date.UTC(2026, 0, 12)))).toBe('12/1');
    expect(readHouseNo(' 45/3 ')).toBe('45/3');
    expect(readHouseNo(7)).toBe('7');
    expect(readHouseNo('')).toBeNull();
  });
});
