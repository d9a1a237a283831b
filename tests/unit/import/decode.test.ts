import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/shared/csv';
import { decodeCsvBytes, readCsvBytes } from '../../../src/shared/import/decode';
import { encodeTis620 } from './tis620';

const CSV = 'ชื่อ,นามสกุล,หมู่ที่\r\nสมชาย,ใจดี,3\r\n';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines"\n1,2,3,4')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('takes CRLF, LF and CR line ends, empty cells, and no row for a last empty line', () => {
    expect(parseCsv('a,,c\r\nd,e,\rf\n')).toEqual([['a', '', 'c'], ['d', 'e', ''], ['f']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('drops a byte-order mark and keeps a quoted empty last cell', () => {
    expect(parseCsv('\uFEFFa,""')).toEqual([['a', '']]);
  });

  it('reads back what csvCell writes', async () => {
    const { csvCell } = await import('../../../src/shared/csv');
    const cells = ['=HYPERLINK("x")', 'นาย, ก', 'line\nbreak', '-500.00'];
    const [row] = parseCsv(cells.map((c) => csvCell(c)).join(','));
    expect(row).toEqual(['\'=HYPERLINK("x")', 'นาย, ก', 'line\nbreak', '-500.00']);
  });
});

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const utf8 = new TextEncoder().encode(CSV);
    expect(decodeCsvBytes(utf8)).toEqual({ text: CSV, encoding: 'utf-8' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeCsvBytes(withBom)).toEqual({ text: CSV, encoding: 'utf-8' });
  });

  it('finds TIS-620 / Windows-874 and decodes its Thai', () => {
    const bytes = encodeTis620(CSV);
    expect(decodeCsvBytes(bytes)).toEqual({ text: CSV, encoding: 'windows-874' });
    expect(readCsvBytes(bytes).rows).toEqual([
      ['ชื่อ', 'นามสกุล', 'หมู่ที่'],
      ['สมชาย', 'ใจดี', '3'],
    ]);
  });

  it('reads bytes neither UTF-8 nor Thai as UTF-8 with replacement marks', () => {
    const result = decodeCsvBytes(new Uint8Array([0x61, 0x80, 0x62]));
    expect(result.encoding).toBe('utf-8');
    expect(result.text).toBe('a\uFFFDb');
  });
});

describe('a TIS-620 CSV from Thai Excel, end to end', () => {
  it('decodes, finds its header below the title and plans its rows', async () => {
    const { guessMapping } = await import('../../../src/shared/import/headers');
    const { planImport } = await import('../../../src/shared/import/plan');
    const { IMPORTED_BY, nationalIdOf, TODAY, testUuid } = await import('./allowanceList');
    const id = nationalIdOf('3', 42);
    const csv = [
      'ทะเบียนผู้รับเบี้ยยังชีพคนพิการ,,,,',
      'ชื่อ-สกุล,เลขประจำตัวประชาชน,บ้านเลขที่,หมู่ที่,ประเภทเบี้ย,จำนวนเงิน',
      `"นายสมชาย ใจดี",${id},"12/3",ม.๕,คนพิการ,"๑,๐๐๐"`,
    ].join('\r\n');
    const { rows, encoding } = readCsvBytes(encodeTis620(csv));
    expect(encoding).toBe('windows-874');
    const mapping = guessMapping(rows, 'allowances');
    expect(mapping.headerRow).toBe(1);
    const plan = planImport(rows, mapping, {
      today: TODAY,
      importedBy: IMPORTED_BY,
      villages: [{ id: testUuid(), mooNo: 5 }],
    });
    expect(plan.counts).toMatchObject({ rows: 1, create: 1 });
    const writes = plan.batches[0]?.writes ?? [];
    expect(writes.map((w) => w.fields)).toEqual([
      expect.objectContaining({ houseNo: '12/3', mooNo: 5 }),
      expect.objectContaining({
        nationalId: id,
        titlePrefix: 'mr',
        firstName: 'สมชาย',
        lastName: 'ใจดี',
        sex: 'M',
      }),
      expect.objectContaining({ programCode: 'disability-allowance', monthlyAmountTHB: 1000 }),
    ]);
  });
});
