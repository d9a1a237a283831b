import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { villagePeopleTable } from '../../../../src/client/features/reports/villageLists';
import {
  AMOUNT_FORMAT,
  displayWidth,
  type ReportTable,
  THAI_DATE_FORMAT,
  tableCsv,
  xlsxSheet,
} from '../../../../src/client/features/reports/xlsx';
import {
  cellDateToIsoDate,
  guessMapping,
  planImport,
  type SheetRow,
} from '../../../../src/shared/import';
import type { Village } from '../../../../src/shared/model/organization';
import { nationalIdCheckDigit } from '../../../../src/shared/rules/nationalId';

const TABLE: ReportTable = {
  title: ['อบต.ทดสอบ', 'ความช่วยเหลือ ไตรมาส 1 ปีงบประมาณ 2569'],
  header: ['วันที่', 'ชื่อ', 'จำนวนเงิน (บาท)', 'จำนวน'],
  rows: [
    [{ date: '2025-10-15' }, 'สมศรี ใจดี', { amount: 1500 }, 3],
    [{ date: '2025-11-02' }, '=HYPERLINK("http://x","คลิก")', { amount: -500 }, 1],
    [{ date: undefined }, '@SUM(A1)', { amount: undefined }, null],
  ],
};

describe('the .xlsx writer of the office lists', () => {
  const sheet = xlsxSheet(TABLE);

  it('puts the organisation and the quarter in bold title rows across the columns, then the Thai header', () => {
    expect(sheet.data[0]?.[0]).toMatchObject({
      value: 'อบต.ทดสอบ',
      fontWeight: 'bold',
      columnSpan: 4,
    });
    expect(sheet.data[1]?.[0]).toMatchObject({ value: TABLE.title[1], columnSpan: 4 });
    expect(sheet.data[0]).toHaveLength(4);
    expect(sheet.data[2]?.map((cell) => cell?.value)).toEqual(TABLE.header);
    expect(sheet.data[2]?.every((cell) => cell?.fontWeight === 'bold')).toBe(true);
  });

  it('writes a day as a real date cell (midnight UTC of that day) in the Thai Buddhist-era format', () => {
    const cell = sheet.data[3]?.[0];
    expect(cell?.type).toBe(Date);
    expect(cell?.format).toBe(THAI_DATE_FORMAT);
    expect((cell?.value as Date | undefined)?.toISOString()).toBe('2025-10-15T00:00:00.000Z');
    expect(sheet.data[5]?.[0]).toBeNull();
  });

  it('writes amounts as numbers with 2 decimals, a reversal as a negative number, counts as numbers', () => {
    expect(sheet.data[3]?.[2]).toEqual({ value: 1500, type: Number, format: AMOUNT_FORMAT });
    expect(sheet.data[4]?.[2]).toEqual({ value: -500, type: Number, format: AMOUNT_FORMAT });
    expect(sheet.data[3]?.[3]).toEqual({ value: 3, type: Number });
    expect(sheet.data[5]?.[2]).toBeNull();
  });

  it('neutralizes a formula start in text as the CSV does', () => {
    expect(sheet.data[4]?.[1]?.value).toBe(`'=HYPERLINK("http://x","คลิก")`);
    expect(sheet.data[5]?.[1]?.value).toBe("'@SUM(A1)");
    expect(tableCsv(TABLE)).toContain(`"'=HYPERLINK(""http://x"",""คลิก"")"`);
  });

  it('fits column widths to Thai text, marks above and below letters taking no width', () => {
    expect(displayWidth('สมศรี ใจดี')).toBe(8);
    expect(displayWidth('ที่')).toBe(1);
    const [date, name, amount] = sheet.columns;
    expect(date?.width).toBeGreaterThanOrEqual(10);
    expect(name?.width).toBe(displayWidth(`'=HYPERLINK("http://x","คลิก")`) + 2);
    expect(amount?.width).toBeGreaterThanOrEqual(displayWidth('จำนวนเงิน (บาท)') + 2);
  });

  it('keeps the CSV of a table as before: dd/mm/yyyy in พ.ศ., amounts with 2 decimals, no title line', () => {
    const csv = tableCsv(TABLE);
    expect(csv.startsWith('\uFEFFวันที่,ชื่อ,')).toBe(true);
    expect(csv).toContain('15/10/2568,สมศรี ใจดี,1500.00,3\r\n');
    expect(csv).toContain('-500.00');
  });

  it('makes a workbook that reads back with its date cells as dates and its numbers as numbers', async () => {
    const { data, columns } = sheet;
    const bytes = await writeXlsxFile(data as never, { columns }).toBuffer();
    const [read] = await readXlsxFile(bytes);
    const rows = read?.data ?? [];
    expect(rows[0]?.[0]).toBe('อบต.ทดสอบ');
    expect(rows[2]).toEqual(TABLE.header);
    const day = rows[3]?.[0];
    expect(day instanceof Date ? cellDateToIsoDate(day) : day).toBe('2025-10-15');
    expect(rows[3]?.[2]).toBe(1500);
    expect(rows[4]?.[2]).toBe(-500);
  });
});

describe("a village's people exported as .xlsx", () => {
  const village: Village = {
    id: '01930000-0000-7000-8000-0000000000a1',
    mooNo: 3,
    name: 'บ้านทดสอบ',
  } as Village;
  const household = {
    id: '01930000-0000-7000-8000-0000000000c1',
    villageId: village.id,
    fields: { houseNo: '12/3', mooNo: 3, surveyDate: '2025-01-01', postalCode: '45000' },
  };
  const people = [
    {
      id: '01930000-0000-7000-8000-0000000000d1',
      villageId: village.id,
      fields: {
        householdId: household.id,
        titlePrefix: 'mrs' as const,
        firstName: 'บุญเรือน',
        lastName: 'ทดสอบส่งออก',
        nationalId: `110170020345${nationalIdCheckDigit('110170020345')}`,
        birthDate: '1950-03-09',
        birthDatePrecision: 'day' as const,
        sex: 'F' as const,
        relationToHead: 'head' as const,
      },
    },
    {
      id: '01930000-0000-7000-8000-0000000000d2',
      villageId: village.id,
      fields: {
        householdId: household.id,
        titlePrefix: 'mr' as const,
        firstName: 'สมบัติ',
        lastName: 'ทดสอบส่งออก',
        birthDate: '1948-01-01',
        birthDatePrecision: 'year' as const,
        sex: 'M' as const,
        relationToHead: 'spouse' as const,
      },
    },
  ];

  it('leaves out a national ID the device holds masked (a supervisor sees 1-xxxx-xxxxx-xx-1)', () => {
    const masked = {
      ...people[0],
      fields: { ...people[0]?.fields, nationalId: '1-xxxx-xxxxx-45-1' },
    };
    const table = villagePeopleTable(village, [household], [masked as never], []);
    expect(table.rows[0]?.[6]).toBe('');
    expect(table.rows[0]?.[4]).toBe('บุญเรือน');
  });

  it('re-imports with nothing to create or change', async () => {
    const table = villagePeopleTable(village, [household], people, ['อบต.ทดสอบ', 'รายชื่อ']);
    const { data, columns } = xlsxSheet(table);
    const bytes = await writeXlsxFile(data as never, { columns }).toBuffer();
    const [read] = await readXlsxFile(bytes);
    const rows = (read?.data ?? []) as SheetRow[];
    const mapping = guessMapping(rows, 'people');
    expect(mapping.headerRow).toBe(2);
    const plan = planImport(rows, mapping, {
      today: '2026-12-05',
      importedBy: '01930000-0000-7000-8000-0000000000b1',
      villages: [{ id: village.id, mooNo: 3 }],
      people,
      households: [household],
    });
    expect(plan.rows.flatMap((row) => row.errors)).toEqual([]);
    expect(plan.counts).toMatchObject({ rows: 2, create: 0, update: 0 });
    // The one without a national ID is found by name and birth year: a likely match to confirm.
    expect(plan.counts.unchanged + plan.counts['likely-match']).toBe(2);
  });
});
