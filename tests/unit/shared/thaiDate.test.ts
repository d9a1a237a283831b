import { describe, expect, it } from 'vitest';
import {
  bangkokDate,
  fiscalQuarter,
  formatDate,
  normalizeThaiDigits,
  normalizeYearInput,
  toBuddhistYear,
} from '../../../src/shared/rules/thaiDate';

describe('Buddhist era at the edges', () => {
  it('adds 543 for display', () => {
    expect(toBuddhistYear(2025)).toBe(2568);
  });

  it('reads a year of 2400 or more as พ.ศ.', () => {
    expect(normalizeYearInput(2568)).toBe(2025);
    expect(normalizeYearInput(2400)).toBe(1857);
    expect(normalizeYearInput(2025)).toBe(2025);
    expect(normalizeYearInput(2399)).toBe(2399);
  });

  it('formats dates in Thai with the Buddhist calendar (docs/domain.md §6 vectors)', () => {
    const oct1 = '2025-10-01T05:00:00.000Z';
    expect(formatDate(oct1, 'long')).toBe('1 ตุลาคม 2568');
    expect(formatDate(oct1, 'full')).toBe('วันพุธที่ 1 ตุลาคม พ.ศ. 2568');
    expect(formatDate(oct1, 'medium')).toBe('1 ต.ค. 2568');
    expect(formatDate(oct1, 'short')).toBe('1/10/68');
  });

  it('counts the calendar day in Bangkok, not UTC', () => {
    // 30 Sep 2026 20:00 UTC is already 1 Oct 03:00 in Bangkok.
    expect(bangkokDate('2026-09-30T20:00:00.000Z')).toBe('2026-10-01');
    expect(bangkokDate('2026-09-30T16:59:59.999Z')).toBe('2026-09-30');
    // A time already in Bangkok's offset is on its own date; other offsets are converted.
    expect(bangkokDate('2026-09-30T23:30:00+07:00')).toBe('2026-09-30');
    expect(bangkokDate('2026-09-30T23:30:00+05:00')).toBe('2026-10-01');
  });

  it('changes Thai digits to ASCII', () => {
    expect(normalizeThaiDigits('๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑')).toBe('1-2345-67890-12-1');
  });
});

describe('fiscal year and quarter', () => {
  it('FY2569 runs 1 Oct 2025 to 30 Sep 2026, Bangkok time', () => {
    expect(fiscalQuarter('2025-09-30T16:59:59.999Z')).toEqual({ fiscalYearBE: 2568, quarter: 4 });
    expect(fiscalQuarter('2025-09-30T17:00:00.000Z')).toEqual({ fiscalYearBE: 2569, quarter: 1 });
    expect(fiscalQuarter('2026-01-15T00:00:00.000Z')).toEqual({ fiscalYearBE: 2569, quarter: 2 });
    expect(fiscalQuarter('2026-04-01T00:00:00.000Z')).toEqual({ fiscalYearBE: 2569, quarter: 3 });
    expect(fiscalQuarter('2026-09-30T12:00:00.000Z')).toEqual({ fiscalYearBE: 2569, quarter: 4 });
  });
});
