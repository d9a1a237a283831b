import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { readSheetFile, SheetReadError } from '../../../../src/client/features/import/importJob';
import { toWireRows } from '../../../../src/client/features/import/wire';
import { MAX_IMPORT_CELL_CHARS, MAX_IMPORT_ROWS } from '../../../../src/shared/api/imports';
import { encodeTis620 } from '../../import/tis620';

const bytes = (data: Uint8Array | Buffer) => new Blob([new Uint8Array(data)]);

describe("the import worker's file reading", () => {
  it('reads a Thai Excel CSV saved as TIS-620 and says so', async () => {
    const sheet = await readSheetFile(bytes(encodeTis620('ชื่อ,นามสกุล\r\nสมชาย,ใจดี\r\n')));
    expect(sheet).toEqual({
      rows: [
        ['ชื่อ', 'นามสกุล'],
        ['สมชาย', 'ใจดี'],
      ],
      format: 'csv',
      encoding: 'windows-874',
    });
  });

  it('reads a UTF-8 CSV with or without its byte-order mark', async () => {
    const text = 'บ้านเลขที่,หมู่ที่\r\n12/3,1\r\n';
    for (const data of [text, `\uFEFF${text}`]) {
      const sheet = await readSheetFile(bytes(Buffer.from(data, 'utf8')));
      expect(sheet.encoding).toBe('utf-8');
      expect(sheet.rows[0]).toEqual(['บ้านเลขที่', 'หมู่ที่']);
    }
  });

  it('reads the first sheet of an .xlsx, a date cell as its calendar day', async () => {
    const data = await writeXlsxFile([
      [{ value: 'ชื่อ' }, { value: 'วันเกิด' }, { value: 'จำนวนเงิน' }],
      [
        { value: 'สมศรี' },
        { value: new Date(Date.UTC(1950, 2, 9)), type: Date, format: 'd/m/yyyy' },
        { value: 600, type: Number },
      ],
    ] as never).toBuffer();
    const sheet = await readSheetFile(bytes(data));
    expect(sheet.format).toBe('xlsx');
    expect(sheet.rows).toEqual([
      ['ชื่อ', 'วันเกิด', 'จำนวนเงิน'],
      ['สมศรี', '1950-03-09', 600],
    ]);
  });

  it('refuses an empty file, a broken workbook and a list over the limit, with a reason', async () => {
    const reason = (blob: Blob) =>
      readSheetFile(blob).then(
        () => 'read',
        (error: unknown) => (error instanceof SheetReadError ? error.code : 'other'),
      );
    expect(await reason(bytes(Buffer.from('\r\n\r\n')))).toBe('empty');
    expect(await reason(bytes(Buffer.from('PK\x03\x04not a zip')))).toBe('unreadable');
    const many = `a,b\r\n${'1,2\r\n'.repeat(MAX_IMPORT_ROWS + 60)}`;
    expect(await reason(bytes(Buffer.from(many)))).toBe('too_many_rows');
  });

  it('sends cells as the contract takes them: trailing blanks and blank last rows dropped, long text cut', () => {
    const long = 'ก'.repeat(MAX_IMPORT_CELL_CHARS + 10);
    expect(toWireRows([['a', '', null], [], [long], [], ['', null]])).toEqual([
      ['a'],
      [],
      ['ก'.repeat(MAX_IMPORT_CELL_CHARS)],
    ]);
  });
});
