import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cellDateToIsoDate,
  excelSerialToIsoDate,
  monthOfWord,
  readDate,
} from '../../../src/shared/import/dates';

const today = '2026-12-05';
const read = (cell: Parameters<typeof readDate>[0]) => readDate(cell, { today });
const day = (iso: string) => ({ ok: true, value: { iso, precision: 'day' } });

describe('readDate: dates as Thai offices write them', () => {
  it.each([
    ['1/10/2510', '1967-10-01'],
    ['01-10-2510', '1967-10-01'],
    ['1.10.2510', '1967-10-01'],
    ['1 ต.ค. 2510', '1967-10-01'],
    ['1 ต.ค.2510', '1967-10-01'],
    ['1 ตุลาคม 2510', '1967-10-01'],
    ['วันที่ 1 ตุลาคม พ.ศ. 2510', '1967-10-01'],
    ['๑/๑๐/๒๕๑๐', '1967-10-01'],
    ['1/10/1967', '1967-10-01'],
    ['1 Oct 1967', '1967-10-01'],
    ['1967-10-01', '1967-10-01'],
    ['2510-10-01', '1967-10-01'],
  ])('%s → %s', (text, iso) => {
    expect(read(text)).toEqual(day(iso));
  });

  it('a leap day is counted in the Gregorian year: 2511 BE (1968) has one, 2512 BE not', () => {
    expect(read('29/02/2511')).toEqual(day('1968-02-29'));
    expect(read('29/2/2512')).toEqual({ ok: false, code: 'date_invalid' });
  });

  it('years only, month and year, and ID-card 00 parts keep their precision', () => {
    expect(read('2510')).toEqual({ ok: true, value: { iso: '1967-01-01', precision: 'year' } });
    expect(read(2510)).toEqual({ ok: true, value: { iso: '1967-01-01', precision: 'year' } });
    expect(read('พ.ศ. 2510')).toEqual({
      ok: true,
      value: { iso: '1967-01-01', precision: 'year' },
    });
    expect(read('00/00/2510')).toEqual({
      ok: true,
      value: { iso: '1967-01-01', precision: 'year' },
    });
    expect(read('ต.ค. 2510')).toEqual({
      ok: true,
      value: { iso: '1967-10-01', precision: 'month' },
    });
    expect(read('10/2510')).toEqual({ ok: true, value: { iso: '1967-10-01', precision: 'month' } });
    expect(read('00/10/2510')).toEqual({
      ok: true,
      value: { iso: '1967-10-01', precision: 'month' },
    });
  });

  it('a Gregorian year is ค.ศ. when below 2400 or marked so', () => {
    expect(read('1967')).toEqual({ ok: true, value: { iso: '1967-01-01', precision: 'year' } });
    expect(read('ค.ศ. 1967')).toEqual({
      ok: true,
      value: { iso: '1967-01-01', precision: 'year' },
    });
    expect(read('1 ต.ค. ค.ศ. 1967')).toEqual(day('1967-10-01'));
  });

  it('refuses what is no date, no real day, too early or after today', () => {
    expect(read('สิบตุลา')).toMatchObject({ ok: false, code: 'date_unreadable' });
    expect(read('1 ตค 25')).toMatchObject({ ok: false, code: 'date_unreadable' });
    expect(read('32/1/2510')).toMatchObject({ ok: false, code: 'date_invalid' });
    expect(read('1/13/2510')).toMatchObject({ ok: false, code: 'date_invalid' });
    expect(read('1/1/2400')).toMatchObject({ ok: false, code: 'date_too_early' });
    expect(read('1/1/2570')).toMatchObject({ ok: false, code: 'date_in_future' });
    // 2025 typed where 2568 was meant would be read as ค.ศ. 2025 = fine; 2600 BE is the future.
    expect(read('2600')).toMatchObject({ ok: false, code: 'date_in_future' });
  });

  it('an empty cell is no date, not an error', () => {
    expect(read('')).toEqual({ ok: true, value: null });
    expect(read(null)).toEqual({ ok: true, value: null });
    expect(read('  ')).toEqual({ ok: true, value: null });
  });

  it('month words, Thai and English, with or without dots', () => {
    expect(monthOfWord('ม.ค.')).toBe(1);
    expect(monthOfWord('มีนาคม')).toBe(3);
    expect(monthOfWord('ธ.ค')).toBe(12);
    expect(monthOfWord('Sept')).toBe(9);
    expect(monthOfWord('ตุลา')).toBeNull();
  });
});

describe('Excel date serials', () => {
  it('read as calendar dates by arithmetic', () => {
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(24746)).toBe('1967-10-01');
    expect(excelSerialToIsoDate(45658.75)).toBe('2025-01-01');
    expect(excelSerialToIsoDate(23284, true)).toBe('1967-10-01');
    expect(excelSerialToIsoDate(0)).toBeNull();
  });

  it('a serial in a date cell reads as its day; a year-sized number as a year', () => {
    expect(read(24746)).toEqual(day('1967-10-01'));
    expect(read(1967)).toEqual({ ok: true, value: { iso: '1967-01-01', precision: 'year' } });
  });
});

describe('the time zone never shifts a date cell', () => {
  const zoneBefore = process.env.TZ;
  afterEach(() => {
    if (zoneBefore === undefined) delete process.env.TZ;
    else process.env.TZ = zoneBefore;
  });

  it.each([
    ['Asia/Bangkok', -420],
    ['UTC', 0],
    // 1 Oct 1967 is summer time (EDT) there.
    ['America/New_York', 240],
  ])(
    'in %s: a Date at local midnight and one at UTC midnight read as 1 Oct 1967',
    (zone, offset) => {
      process.env.TZ = zone;
      const localMidnight = new Date(1967, 9, 1);
      // Node takes the new zone at once: the offset proves this process now runs in it.
      expect(localMidnight.getTimezoneOffset()).toBe(offset);
      expect(cellDateToIsoDate(localMidnight)).toBe('1967-10-01');
      expect(cellDateToIsoDate(new Date(Date.UTC(1967, 9, 1)))).toBe('1967-10-01');
      expect(excelSerialToIsoDate(24746)).toBe('1967-10-01');
      expect(read(new Date(1967, 9, 1))).toEqual(day('1967-10-01'));
    },
  );

  it('a separate Node process started in Asia/Bangkok and one in UTC read the same dates', () => {
    const child = fileURLToPath(new URL('./tzChild.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const outputs = ['Asia/Bangkok', 'UTC'].map((zone) => {
      const run = spawnSync(tsx, [child], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { offset: number; serial: string; localMidnight: string };
    });
    expect(outputs.map((o) => o.offset)).toEqual([-420, 0]);
    for (const output of outputs) {
      expect(output.serial).toBe('1967-10-01');
      expect(output.localMidnight).toBe('1967-10-01');
    }
  }, 30_000);
});
