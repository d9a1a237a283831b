import { gcm } from '@noble/ciphers/aes.js';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../../../src/client/security/fieldCipher';

const IV_BYTES = 12;
const key = (fill: number) => new Uint8Array(32).map((_, i) => (i * 7 + fill) & 0xff);
const bytes = (length: number, seed: number) =>
  new Uint8Array(length).map((_, i) => (i * 31 + seed * 17) & 0xff);

/** Lengths around the block size and the tag, and record-sized values. */
const LENGTHS = [0, 1, 4, 15, 16, 17, 31, 32, 33, 350, 1000, 4099];

describe('field cipher (AES-256-GCM with the key schedule kept)', () => {
  it('seals exactly as noble gcm does with the same iv, and opens what noble sealed', () => {
    const dataKey = key(3);
    const cipher = createFieldCipher(dataKey);
    for (const length of LENGTHS) {
      const plain = bytes(length, length);
      const sealed = cipher.sealBytes(plain);
      const iv = sealed.subarray(0, IV_BYTES);
      expect(sealed.subarray(IV_BYTES)).toEqual(gcm(dataKey, iv).encrypt(plain));
      expect(gcm(dataKey, iv).decrypt(sealed.subarray(IV_BYTES))).toEqual(plain);

      const otherIv = bytes(IV_BYTES, length + 1);
      const byNoble = gcm(dataKey, otherIv).encrypt(plain);
      const framed = new Uint8Array(IV_BYTES + byNoble.length);
      framed.set(otherIv);
      framed.set(byNoble, IV_BYTES);
      expect(cipher.openBytes(framed)).toEqual(plain);
    }
  });

  it('keeps working value after value (the hash state is reset for each)', () => {
    const cipher = createFieldCipher(key(9));
    const values = Array.from({ length: 50 }, (_, i) => ({ n: i, text: 'ข'.repeat(i * 3) }));
    const sealed = values.map((value) => cipher.seal(value));
    expect(sealed.map((s) => cipher.open(s))).toEqual(values);
  });

  it('refuses altered bytes, another key, and too short input', () => {
    const cipher = createFieldCipher(key(1));
    const sealed = cipher.seal({ nationalId: '1101700203451' });
    for (const at of [0, IV_BYTES, sealed.length - 1]) {
      const altered = sealed.slice();
      altered[at] = (altered[at] ?? 0) ^ 1;
      expect(() => cipher.open(altered)).toThrow();
    }
    expect(() => createFieldCipher(key(2)).open(sealed)).toThrow();
    expect(() => cipher.openBytes(sealed.subarray(0, IV_BYTES + 15))).toThrow();
  });

  it('seals large values through WebCrypto in the same format, both ways', async () => {
    const cipher = createFieldCipher(key(5));
    const value = { people: Array.from({ length: 300 }, (_, i) => ({ id: i, name: 'สมชาย' })) };
    const large = await cipher.sealLarge(value);
    expect(cipher.open(large)).toEqual(value);
    expect(await cipher.openLarge(cipher.seal(value))).toEqual(value);
    const altered = large.slice();
    altered[IV_BYTES + 5] = (altered[IV_BYTES + 5] ?? 0) ^ 1;
    await expect(cipher.openLarge(altered)).rejects.toThrow();
    await expect(createFieldCipher(key(6)).openLarge(large)).rejects.toThrow();
  });

  it('seals and opens many values through WebCrypto in the same format, each with its own iv', async () => {
    const cipher = createFieldCipher(key(7));
    const values = Array.from({ length: 40 }, (_, i) => ({ n: i, name: 'สมหญิง'.repeat(i) }));
    const batch = cipher.sealingBatch();
    const sealed = values.map((value) => batch.seal(value));
    await batch.sealed();
    expect(sealed.map((s) => cipher.open(s))).toEqual(values);
    const ivs = new Set(sealed.map((s) => s.subarray(0, IV_BYTES).join(',')));
    expect(ivs.size).toBe(values.length);
    expect(await cipher.openMany(values.map((value) => cipher.seal(value)))).toEqual(values);
    expect(await cipher.openMany(sealed)).toEqual(values);
    const altered = sealed[3]?.slice() as Uint8Array;
    altered[IV_BYTES] = (altered[IV_BYTES] ?? 0) ^ 1;
    await expect(cipher.openMany([sealed[0] as Uint8Array, altered])).rejects.toThrow();
    await expect(createFieldCipher(key(8)).openMany(sealed)).rejects.toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createFieldCipher(new Uint8Array(16))).toThrow();
  });
});
