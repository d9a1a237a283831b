import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/shared/csv';
import { KIND_FIELDS, TEMPLATE_HEADERS, templateHeaders } from '../../../src/shared/import/fields';
import {
  findHeaderRow,
  guessColumns,
  guessMapping,
  missingFields,
  rememberMapping,
} from '../../../src/shared/import/headers';
import { templateCsv } from '../../../src/shared/import/template';

describe('guessColumns', () => {
  it('knows Thai and English headers, whatever their spaces, case and punctuation', () => {
    expect(
      guessColumns(
        [
          'ลำดับที่',
          'คำนำหน้า',
          'ชื่อ',
          'นามสกุล',
          'เลขประจำตัวประชาชน (13 หลัก)',
          'ว/ด/ป เกิด',
          'บ้านเลขที่',
          'หมู่ที่',
          'ประเภทเบี้ย',
          'จำนวนเงิน (บาท)',
          'หมายเหตุ',
        ],
        'allowances',
      ),
    ).toEqual([
      null,
      'title',
      'firstName',
      'lastName',
      'nationalId',
      'birthDate',
      'houseNo',
      'mooNo',
      'programCode',
      'monthlyAmountTHB',
      null,
    ]);
    expect(
      guessColumns(
        ['First Name', 'LAST_NAME', 'Citizen ID', 'Date of Birth', 'House No.', 'Moo'],
        'people',
      ),
    ).toEqual(['firstName', 'lastName', 'nationalId', 'birthDate', 'houseNo', 'mooNo']);
  });

  it('reads ชื่อ-สกุล as one name column, not as ชื่อ', () => {
    expect(guessColumns(['ชื่อ-สกุล', 'ชื่อ - นามสกุล '], 'people')).toEqual(['fullName', null]);
  });

  it('gives a field to one column only: the surer guess, then the first', () => {
    expect(guessColumns(['เลขที่', 'บ้านเลขที่', 'ชื่อ', 'ชื่อ'], 'people')).toEqual([
      null,
      'houseNo',
      'firstName',
      null,
    ]);
  });

  it('guesses only the fields of the kind', () => {
    expect(guessColumns(['ชื่อ', 'บ้านเลขที่', 'ประเภทเบี้ย'], 'households')).toEqual([
      null,
      'houseNo',
      null,
    ]);
  });

  it('a CSV template opens in Excel as UTF-8 and reads back as its fields', () => {
    const text = templateCsv('allowances');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [headers] = parseCsv(text);
    expect(guessColumns(headers ?? [], 'allowances')).toEqual(
      KIND_FIELDS.allowances.filter((f) => f !== 'fullName'),
    );
  });

  it('every template header is recognised as its field', () => {
    for (const kind of ['people', 'allowances', 'households'] as const) {
      const headers = templateHeaders(kind);
      const fields = KIND_FIELDS[kind].filter((f) => f !== 'fullName');
      expect(guessColumns(headers, kind)).toEqual(fields);
      expect(headers).toEqual(fields.map((f) => TEMPLATE_HEADERS[f]));
    }
  });
});

describe('the header row', () => {
  const sheet = [
    ['ทะเบียนผู้รับเบี้ยยังชีพผู้สูงอายุ ปีงบประมาณ 2569', null, null, null],
    ['องค์การบริหารส่วนตำบลโนนสูง', null, null, null],
    [],
    ['ที่', 'ชื่อ-สกุล', 'เลขบัตรประชาชน', 'หมู่'],
    ['1', 'นายสมชาย ใจดี', '1101700213451', '3'],
  ];

  it('is found below merged title rows', () => {
    expect(findHeaderRow(sheet, 'allowances')).toBe(3);
    expect(guessMapping(sheet, 'allowances')).toEqual({
      kind: 'allowances',
      headerRow: 3,
      columns: [null, 'fullName', 'nationalId', 'mooNo'],
    });
  });

  it('is not found in a sheet of data only', () => {
    expect(
      findHeaderRow(
        [
          ['x', 'y'],
          ['1', '2'],
        ],
        'people',
      ),
    ).toBeNull();
  });

  it('a mapping the user corrected is remembered by header and applied to the next file', () => {
    const corrected = { ...guessMapping(sheet, 'allowances') };
    corrected.columns = ['nationalId', null, null, 'mooNo'];
    const remembered = rememberMapping(sheet, corrected);
    expect(remembered).toEqual({
      ที่: 'nationalId',
      ชื่อสกุล: null,
      เลขบัตรประชาชน: null,
      หมู่: 'mooNo',
    });
    const nextFile = [['หมู่', 'ที่', 'ชื่อ-สกุล']];
    expect(guessColumns(nextFile[0] ?? [], 'allowances', remembered)).toEqual([
      'mooNo',
      'nationalId',
      null,
    ]);
    expect(JSON.parse(JSON.stringify(remembered))).toEqual(remembered);
  });

  it('says which needed fields no column holds', () => {
    expect(
      missingFields({ kind: 'allowances', headerRow: 0, columns: ['fullName', 'mooNo'] }),
    ).toEqual(['houseNo', 'programCode']);
    expect(missingFields({ kind: 'people', headerRow: 0, columns: ['firstName'] })).toEqual([
      'houseNo',
      'mooNo',
      'lastName',
    ]);
  });
});
