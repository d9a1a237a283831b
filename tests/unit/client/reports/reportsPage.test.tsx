// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import EligibilityPage from '../../../../src/client/features/reports/EligibilityPage';
import { quarterKey, recentQuarters } from '../../../../src/client/features/reports/officeLists';
import ReportsPage from '../../../../src/client/features/reports/ReportsPage';
import { setDeviceEventSink } from '../../../../src/client/privacy/deviceEvents';
import type { DeviceEvent } from '../../../../src/shared/api/deviceEvents';
import { uuidv7 } from '../../../../src/shared/ids';
import { cellDateToIsoDate } from '../../../../src/shared/import';
import { bangkokDate, fiscalQuarterDates } from '../../../../src/shared/rules/thaiDate';
import {
  bornYearsAgo,
  member,
  seedHousehold,
  signOutDevice,
  VILLAGE_1,
  VILLAGE_2,
} from '../households/fixtures';
import { seedRecord, supervisorDevice } from './fixtures';

beforeEach(supervisorDevice);

afterEach(() => {
  setDeviceEventSink(null);
  cleanup();
  signOutDevice();
  vi.restoreAllMocks();
});

function assistance(personId: string | undefined, deliveredAt: string, amountTHB: number) {
  return {
    caseId: uuidv7(),
    ...(personId ? { personId } : {}),
    programCode: 'disaster-relief',
    category: 'disaster-relief',
    amountTHB,
    inKind: 'ข้าวสาร 5 กก.',
    deliveredAt,
  };
}

describe('reports page', () => {
  it('totals the assistance of the chosen quarter over all villages and names who got it', async () => {
    const today = bangkokDate();
    const [current, previous] = recentQuarters(today);
    const previousDay = fiscalQuarterDates(previous as NonNullable<typeof previous>).to;
    const { memberIds } = await seedHousehold(VILLAGE_1, '1', [
      member({ firstName: 'บุญมี', lastName: 'ศรีสุข' }),
    ]);
    const personId = memberIds[0] as string;
    await seedRecord('assistance', VILLAGE_1, assistance(personId, today, 1000));
    await seedRecord('assistance', VILLAGE_2, assistance(undefined, today, 2000));
    await seedRecord('assistance', VILLAGE_1, assistance(personId, previousDay, 500));

    render(<ReportsPage />);
    const select = screen.getByTestId('report-quarter') as HTMLSelectElement;
    expect(select.value).toBe(quarterKey(current as NonNullable<typeof current>));
    expect(select.options).toHaveLength(8);

    const total = await screen.findByTestId('report-assistance-total');
    await waitFor(() => expect(total.getAttribute('data-amount')).toBe('3000'));
    expect(total.textContent).toBe('3,000.00 บาท');
    const section = screen.getByTestId('report-assistance');
    expect(section.textContent).toContain('บุญมี ศรีสุข');
    expect(section.textContent).toContain('หมู่ที่ 1 บ้านพระเจ้า');
    expect(section.textContent).toContain('หมู่ที่ 2 บ้านหนองแวง');
    expect(within(section).getAllByTestId('report-assistance-row')).toHaveLength(2);

    fireEvent.change(select, {
      target: { value: quarterKey(previous as NonNullable<typeof previous>) },
    });
    await waitFor(() => expect(total.getAttribute('data-amount')).toBe('500'));
    expect(total.textContent).toBe('500.00 บาท');
  });

  it('exports the entries as a real .xlsx: title rows, date cells, amounts as numbers; audited', async () => {
    const today = bangkokDate();
    await seedRecord('assistance', VILLAGE_1, assistance(undefined, today, 1234.5));
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
      blob = object as Blob;
      return 'blob:report';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    const events: DeviceEvent[] = [];
    setDeviceEventSink(async (event) => {
      events.push(event);
    });

    render(<ReportsPage />);
    const total = await screen.findByTestId('report-assistance-total');
    await waitFor(() => expect(total.getAttribute('data-amount')).toBe('1234.5'));
    fireEvent.click(screen.getByTestId('report-xlsx-assistance'));
    const [current] = recentQuarters(today);
    await waitFor(() =>
      expect(downloads).toEqual([
        `assistance-${quarterKey(current as NonNullable<typeof current>)}.xlsx`,
      ]),
    );
    const [sheet] = await readXlsxFile(Buffer.from(await (blob as Blob).arrayBuffer()));
    const rows = sheet?.data ?? [];
    expect(rows[1]?.[0]).toBe('ความช่วยเหลือที่ส่งมอบในไตรมาส');
    expect(String(rows[2]?.[0])).toContain(`ไตรมาส ${current?.quarter}`);
    const line = rows[4] ?? [];
    expect(line[0] instanceof Date ? cellDateToIsoDate(line[0]) : line[0]).toBe(today);
    expect(line[5]).toBe(1234.5);
    await waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({
      kind: 'export',
      details: { what: 'report:assistance:xlsx', rows: 1 },
    });
  });

  it('exports the entries as CSV, prints, and links to the eligibility list', async () => {
    const today = bangkokDate();
    await seedRecord('assistance', VILLAGE_1, assistance(undefined, today, 1234.5));
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
      blob = object as Blob;
      return 'blob:report';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const events: DeviceEvent[] = [];
    setDeviceEventSink(async (event) => {
      events.push(event);
    });

    render(<ReportsPage />);
    const total = await screen.findByTestId('report-assistance-total');
    await waitFor(() => expect(total.getAttribute('data-amount')).toBe('1234.5'));

    fireEvent.click(screen.getByTestId('report-csv-assistance'));
    const [current] = recentQuarters(today);
    expect(downloads).toEqual([
      `assistance-${quarterKey(current as NonNullable<typeof current>)}.csv`,
    ]);
    const text = await (blob as Blob).text();
    expect(text).toContain('1234.50');
    expect(text).toContain('ข้าวสาร 5 กก.');
    // The file left the app: the PDPA audit learns which list and how many entries.
    await waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({
      kind: 'export',
      villageId: null,
      recordId: null,
      details: { what: 'report:assistance', rows: 1 },
    });

    fireEvent.click(screen.getByTestId('report-print'));
    expect(print).toHaveBeenCalledOnce();
    await waitFor(() => expect(events).toHaveLength(2));
    expect(events[1]).toMatchObject({ kind: 'export', details: { what: 'report:print' } });
    expect(screen.getByTestId('report-eligibility').getAttribute('href')).toBe('/eligibility');
    vi.unstubAllGlobals();
  });

  it('counts cases by category and status, and people by ADL group', async () => {
    await seedHousehold(VILLAGE_1, '1', [
      member({ birthDate: bornYearsAgo(82) }), // elderly, not assessed
    ]);
    await seedRecord('case', VILLAGE_2, {
      category: 'road',
      channel: 'phone',
      description: 'ถนนขาด',
      status: 'received',
      receivedAt: new Date().toISOString(),
    });
    render(<ReportsPage />);
    const road = await screen.findByTestId('report-cases-road');
    expect(road.querySelector('[data-status="received"]')?.textContent).toBe('1');
    const adl = screen.getByTestId(`report-adl-${VILLAGE_1}`);
    await waitFor(() =>
      expect(adl.querySelector('[data-group="notAssessed"]')?.textContent).toBe('1'),
    );
  });

  it('logs each CSV download of the case and ADL lists as an export with its rows', async () => {
    await seedRecord('case', VILLAGE_2, {
      category: 'road',
      channel: 'phone',
      description: 'ถนนขาด',
      status: 'received',
      receivedAt: new Date().toISOString(),
    });
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const events: DeviceEvent[] = [];
    setDeviceEventSink(async (event) => {
      events.push(event);
    });
    render(<ReportsPage />);
    await screen.findByTestId('report-cases-road');
    expect(events).toEqual([]);

    fireEvent.click(screen.getByTestId('report-csv-cases'));
    fireEvent.click(screen.getByTestId('report-csv-adl'));
    await waitFor(() => expect(events).toHaveLength(2));
    expect(events.map((event) => event.details)).toEqual([
      { what: 'report:cases', rows: 1 }, // one category
      { what: 'report:adl', rows: 2 }, // one row per village
    ]);
  });
});

describe('eligibility list', () => {
  it('shows an 82-year-old without the allowance, and hides them once enrolled', async () => {
    const { memberIds } = await seedHousehold(VILLAGE_2, '7', [
      member({ firstName: 'ทองดี', birthDate: bornYearsAgo(82) }),
      member({ firstName: 'สมศรี', relationToHead: 'spouse', birthDate: bornYearsAgo(40) }),
    ]);
    const personId = memberIds[0] as string;
    render(<EligibilityPage />);

    const row = await screen.findByTestId(`eligible-${personId}`);
    expect(row.textContent).toContain('ทองดี ใจดี');
    expect(row.textContent).toContain('หมู่ที่ 2 บ้านหนองแวง');
    expect(row.textContent).toContain('82 ปี');
    expect(row.textContent).toContain('เบี้ยยังชีพผู้สูงอายุ');
    expect(row.textContent).toContain('800 บาท/เดือน');
    expect(screen.getByTestId(`eligible-open-${personId}`).getAttribute('href')).toBe(
      `/cases/new?personId=${personId}&program=elderly-allowance`,
    );
    expect(screen.queryByTestId(`eligible-${memberIds[1]}`)).toBeNull();

    // Another village chosen: not listed there.
    fireEvent.change(screen.getByTestId('eligibility-village'), { target: { value: VILLAGE_1 } });
    await screen.findByTestId('eligibility-empty');
    fireEvent.change(screen.getByTestId('eligibility-village'), { target: { value: '' } });
    await screen.findByTestId(`eligible-${personId}`);

    await seedRecord('programEnrollment', VILLAGE_2, {
      personId,
      programCode: 'elderly-allowance',
      since: bangkokDate(),
      status: 'active',
    });
    await waitFor(() => expect(screen.queryByTestId(`eligible-${personId}`)).toBeNull());
    expect(screen.getByTestId('eligibility-empty')).toBeTruthy();
  });
});
