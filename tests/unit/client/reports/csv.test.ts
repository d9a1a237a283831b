// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  csvAmount,
  csvDate,
  csvField,
  downloadCsv,
  toCsv,
} from '../../../../src/client/features/reports/csv';
import { assistanceReport } from '../../../../src/client/features/reports/officeLists';
import { assistanceCsv, csvFileName } from '../../../../src/client/features/reports/reportText';
import type { Village } from '../../../../src/shared/model/organization';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CSV', () => {
  it('starts with the BOM and ends every line with CRLF', () => {
    const csv = toCsv([
      ['a', 'b'],
      [1, 2],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFFa,b\r\n1,2\r\n');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps Thai as it is', () => {
    expect(csvField('ข้าวสาร 5 กก., น้ำดื่ม')).toBe('"ข้าวสาร 5 กก., น้ำดื่ม"');
    expect(csvField('ป้าย "ระวัง"')).toBe('"ป้าย ""ระวัง"""');
    expect(csvField('บรรทัด 1\nบรรทัด 2')).toBe('"บรรทัด 1\nบรรทัด 2"');
    expect(csvField('บ้านหนองแวง')).toBe('บ้านหนองแวง');
    expect(csvField(undefined)).toBe('');
  });

  it('neutralizes a cell a spreadsheet would run as a formula; Thai and amounts stay as they are', () => {
    const csv = toCsv([
      ['=HYPERLINK("http://x","y")', '+1 x', '-1+2', '@A1', '\tx', '\rx'],
      ['บุญมี ใจดี', csvAmount(-500), -500, 3000],
    ]);
    expect(csv.slice(1).split('\r\n')).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")",'+1 x,'-1+2,'@A1,'\tx,"'\rx"`,
      'บุญมี ใจดี,-500.00,-500,3000',
      '',
    ]);
  });

  it('writes amounts with 2 decimals and dates as dd/mm/yyyy in the Buddhist era', () => {
    expect(csvAmount(3000)).toBe('3000.00');
    expect(csvAmount(-0.1)).toBe('-0.10');
    expect(csvAmount(undefined)).toBe('');
    expect(csvDate('2026-10-01')).toBe('01/10/2569');
    expect(csvDate(undefined)).toBe('');
  });

  it('lists each entry of the quarter with its village, category, beneficiary and amount', () => {
    const village: Village = {
      id: 'v1',
      mooNo: 3,
      name: 'บ้านโนนสูง',
      code: '45110403',
    };
    const quarter = { fiscalYearBE: 2570, quarter: 1 } as const;
    const report = assistanceReport(
      [
        {
          id: 'a1',
          villageId: 'v1',
          fields: {
            caseId: 'c1',
            personId: 'p1',
            programCode: 'disaster-relief',
            category: 'disaster-relief',
            amountTHB: 3000,
            inKind: 'ข้าวสาร 5 กก., น้ำดื่ม 2 แพ็ค',
            legalBasis: 'ระเบียบ มท. 2560',
            approvedBy: 'นายก อบต.',
            deliveredAt: '2026-10-01',
          },
        },
        {
          id: 'a0',
          villageId: 'v1',
          fields: {
            caseId: 'c0',
            programCode: 'other',
            category: 'other',
            deliveredAt: '2026-09-30',
            amountTHB: 5,
          },
        },
      ],
      quarter,
      ['v1'],
    );
    const csv = assistanceCsv(
      report,
      () => village,
      (id) =>
        id === 'p1'
          ? { id, villageId: 'v1', fields: { firstName: 'บุญมี', lastName: 'ใจดี' } }
          : undefined,
    );
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3); // header, one entry, the empty tail after the last CRLF
    expect(lines[0]).toBe(
      'วันที่มอบ,หมู่บ้าน,ประเภทเรื่อง,โครงการ/ประเภทความช่วยเหลือ,ผู้รับความช่วยเหลือ,จำนวนเงิน (บาท),สิ่งของที่มอบ,ระเบียบ/หลักเกณฑ์ที่ใช้,ผู้อนุมัติ',
    );
    expect(lines[1]).toBe(
      '01/10/2569,หมู่ที่ 3 บ้านโนนสูง,ช่วยเหลือผู้ประสบภัย,ช่วยเหลือผู้ประสบภัย,บุญมี ใจดี,3000.00,"ข้าวสาร 5 กก., น้ำดื่ม 2 แพ็ค",ระเบียบ มท. 2560,นายก อบต.',
    );
    expect(csvFileName('assistance', quarter)).toBe('assistance-2570-Q1.csv');
  });

  it('downloads through an <a download> holding a UTF-8 CSV blob', async () => {
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
      blob = object as Blob;
      return 'blob:report';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download });
    });

    downloadCsv('assistance-2570-Q1.csv', toCsv([['ชื่อ']]));

    expect(clicked).toEqual([{ href: 'blob:report', download: 'assistance-2570-Q1.csv' }]);
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await (blob as Blob).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
