import { afterEach, describe, expect, it } from 'vitest';
import { th } from '../../../../src/client/app/messages.th';
import { bytes } from '../../../../src/client/ui/format';
import { setLanguage } from '../../../../src/client/ui/i18n';

describe('one wording across the Thai screens', () => {
  afterEach(() => setLanguage('th'));

  it('spells sync one way, ซิงก์ (the Royal Institute spelling)', () => {
    const other = Object.entries(th).filter(([, text]) => text.includes('ซิงค์'));
    expect(other).toEqual([]);
  });

  it('names a village หมู่ที่ n everywhere', () => {
    const short = Object.entries(th).filter(([, text]) => /หมู่ (?!ที่)[{\d]/.test(text));
    expect(short).toEqual([]);
  });

  it('says no English words in brackets such as (build)', () => {
    const english = Object.entries(th).filter(([, text]) => /\((build|debug)\)/i.test(text));
    expect(english).toEqual([]);
  });

  it('writes sizes with Thai unit words only, from bytes to megabytes', () => {
    expect(bytes(498)).toBe('498 ไบต์');
    expect(bytes(1700)).toBe('1.7 กิโลไบต์');
    expect(bytes(12_300_000)).toBe('12 เมกะไบต์');
    for (const size of [498, 1700, 12_300_000]) expect(bytes(size)).not.toMatch(/[kKMG]B/);
  });

  it('writes sizes as KB/MB in English', async () => {
    await setLanguage('en');
    expect(bytes(1700)).toBe('1.7 KB');
  });
});
