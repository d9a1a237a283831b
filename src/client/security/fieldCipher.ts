import { GHASH } from '@noble/ciphers/_polyval.js';
import { unsafe } from '@noble/ciphers/aes.js';

/**
 * AES-256-GCM under the user's data key, synchronous so it runs inside a Dexie transaction
 * (WebCrypto's promises would let IndexedDB commit the transaction halfway). Sealed bytes are
 * `iv (12 bytes) || ciphertext || tag`. Opening throws when the bytes were sealed under another
 * key or altered.
 *
 * `sealLarge` / `openLarge` are the same format through WebCrypto (native, off the main thread),
 * for one big value sealed outside any transaction (the device's snapshot of what the first
 * screens show): either side opens what the other sealed. `sealingBatch` seals many small
 * values through WebCrypto too (a pulled page's records, before its transaction).
 */
export interface FieldCipher {
  seal(value: unknown): Uint8Array;
  open(sealed: Uint8Array): unknown;
  /** The same for raw bytes (a photo), without the JSON step. */
  sealBytes(bytes: Uint8Array): Uint8Array;
  openBytes(sealed: Uint8Array): Uint8Array;
  sealLarge(value: unknown): Promise<Uint8Array>;
  openLarge(sealed: Uint8Array): Promise<unknown>;
  /** Many values sealed at once through WebCrypto, outside any transaction: see `SealingBatch`. */
  sealingBatch(): SealingBatch;
  /** Many values opened at once through WebCrypto (what `seal` or a batch sealed), in order. */
  openMany(sealed: readonly Uint8Array[]): Promise<unknown[]>;
}

/**
 * Values sealed through WebCrypto (native AES, mostly off the main thread) in the format of
 * `seal`. `seal` returns at once the array the sealed bytes will fill (their length is known
 * from the value), so it can be placed in a row; the bytes are zero until `sealed()` resolves,
 * and nothing may be stored before it has.
 */
export interface SealingBatch {
  seal(value: unknown): Uint8Array;
  sealed(): Promise<void>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const BLOCK = 16;
/** getRandomValues fills at most 65,536 bytes per call. */
const IVS_PER_CALL = Math.floor(65_536 / IV_BYTES);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createFieldCipher(dataKey: Uint8Array): FieldCipher {
  if (dataKey.length !== 32) throw new Error('The data key must be 32 bytes');
  const gcm = keyedGcm(dataKey);
  let webKey: Promise<CryptoKey> | null = null;
  const subtleKey = () => {
    webKey ??= crypto.subtle.importKey('raw', dataKey.slice(), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    return webKey;
  };
  const sealBytes = (bytes: Uint8Array): Uint8Array => {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ciphertext = gcm.encrypt(iv, bytes);
    const sealed = new Uint8Array(IV_BYTES + ciphertext.length);
    sealed.set(iv);
    sealed.set(ciphertext, IV_BYTES);
    return sealed;
  };
  const openBytes = (sealed: Uint8Array): Uint8Array => {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('aes/gcm: sealed bytes too short');
    return gcm.decrypt(sealed.subarray(0, IV_BYTES), sealed.subarray(IV_BYTES));
  };
  return {
    seal: (value) => sealBytes(encoder.encode(JSON.stringify(value))),
    open: (sealed) => JSON.parse(decoder.decode(openBytes(sealed))),
    sealBytes,
    openBytes,
    async sealLarge(value) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const plain = encoder.encode(JSON.stringify(value));
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv },
        await subtleKey(),
        plain,
      );
      const sealed = new Uint8Array(IV_BYTES + ciphertext.byteLength);
      sealed.set(iv);
      sealed.set(new Uint8Array(ciphertext), IV_BYTES);
      return sealed;
    },
    async openLarge(sealed) {
      const bytes = new Uint8Array(sealed); // an ArrayBuffer-backed view, as WebCrypto wants
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES) },
        await subtleKey(),
        bytes.subarray(IV_BYTES),
      );
      return JSON.parse(decoder.decode(plain));
    },
    async openMany(sealed) {
      const webKey = await subtleKey();
      return Promise.all(
        sealed.map(async (value) => {
          const bytes = new Uint8Array(value); // an ArrayBuffer-backed copy, as WebCrypto wants
          const plain = await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES) },
            webKey,
            bytes.subarray(IV_BYTES),
          );
          return JSON.parse(decoder.decode(plain));
        }),
      );
    },
    sealingBatch() {
      const queued: { plain: Uint8Array<ArrayBuffer>; sealed: Uint8Array }[] = [];
      return {
        seal(value) {
          const plain = encoder.encode(JSON.stringify(value));
          const sealed = new Uint8Array(IV_BYTES + plain.length + TAG_BYTES);
          queued.push({ plain, sealed });
          return sealed;
        },
        async sealed() {
          const items = queued.splice(0);
          const webKey = await subtleKey();
          const writes: Promise<void>[] = [];
          for (let start = 0; start < items.length; start += IVS_PER_CALL) {
            const chunk = items.slice(start, start + IVS_PER_CALL);
            // One call for the IVs of many values: each value still gets 12 fresh random bytes.
            const ivs = crypto.getRandomValues(new Uint8Array(chunk.length * IV_BYTES));
            chunk.forEach(({ plain, sealed }, i) => {
              const iv = ivs.subarray(i * IV_BYTES, (i + 1) * IV_BYTES);
              writes.push(
                crypto.subtle.encrypt({ name: 'AES-GCM', iv }, webKey, plain).then((ciphertext) => {
                  sealed.set(iv);
                  sealed.set(new Uint8Array(ciphertext), IV_BYTES);
                }),
              );
            });
          }
          await Promise.all(writes);
        },
      };
    },
  };
}

/** GHASH whose table (the costly part) serves many values: `reset` starts a new one. */
class ReusableGhash extends GHASH {
  reset(): void {
    this.s0 = 0;
    this.s1 = 0;
    this.s2 = 0;
    this.s3 = 0;
    this.finished = false;
  }
}

interface KeyedGcm {
  /** `ciphertext || tag` of `plain` under the 12-byte `iv`. */
  encrypt(iv: Uint8Array, plain: Uint8Array): Uint8Array;
  decrypt(iv: Uint8Array, sealed: Uint8Array): Uint8Array;
}

/**
 * AES-GCM (NIST SP 800-38D, 96-bit IVs, no AAD) from noble's own AES and GHASH, with the key
 * schedule and the GHASH table computed once per key instead of once per value as noble's `gcm`
 * does: that setup was most of the cost of opening a record (20,000 people are opened to build
 * search). Its output is byte-for-byte noble's `gcm` and WebCrypto's (tests/unit/…/fieldCipher).
 */
function keyedGcm(key: Uint8Array): KeyedGcm {
  const xk = unsafe.expandKeyLE(key.slice());
  const hashKey = new Uint8Array(BLOCK);
  unsafe.ctr32(xk, false, new Uint8Array(BLOCK), new Uint8Array(BLOCK), hashKey);
  // The expected length picks GHASH's table size: 4-bit windows suit values of a few hundred bytes.
  const ghash = new ReusableGhash(hashKey, 2048);
  const lengths = new Uint8Array(BLOCK);
  const lengthsView = new DataView(lengths.buffer);
  const tag = new Uint8Array(BLOCK);

  /** GHASH of the ciphertext and its length block, the running state reset for each value. */
  const authenticate = (ciphertext: Uint8Array): Uint8Array => {
    ghash.reset();
    ghash.update(ciphertext);
    lengthsView.setUint32(0, 0);
    lengthsView.setUint32(4, 0); // no additional data
    lengthsView.setUint32(8, Math.floor((ciphertext.length * 8) / 2 ** 32));
    lengthsView.setUint32(12, (ciphertext.length * 8) >>> 0);
    ghash.update(lengths);
    ghash.digestInto(tag);
    return tag;
  };
  /** J0 = iv || 1: its encryption masks the tag; the payload's counter starts at inc32(J0). */
  const counterAndMask = (iv: Uint8Array) => {
    if (iv.length !== IV_BYTES) throw new Error('aes/gcm: the iv must be 12 bytes');
    const counter = new Uint8Array(BLOCK);
    counter.set(iv);
    counter[BLOCK - 1] = 1;
    const mask = unsafe.ctr32(xk, false, counter, new Uint8Array(BLOCK));
    return { counter, mask };
  };

  return {
    encrypt(iv, plain) {
      const { counter, mask } = counterAndMask(iv);
      const out = new Uint8Array(plain.length + TAG_BYTES);
      const ciphertext = out.subarray(0, plain.length);
      unsafe.ctr32(xk, false, counter, plain.slice(), ciphertext);
      const computed = authenticate(ciphertext);
      for (let i = 0; i < TAG_BYTES; i++)
        out[plain.length + i] = (computed[i] ?? 0) ^ (mask[i] ?? 0);
      return out;
    },
    decrypt(iv, sealed) {
      if (sealed.length < TAG_BYTES) throw new Error('aes/gcm: sealed bytes too short');
      const { counter, mask } = counterAndMask(iv);
      const ciphertext = sealed.slice(0, sealed.length - TAG_BYTES);
      const computed = authenticate(ciphertext);
      let difference = 0;
      for (let i = 0; i < TAG_BYTES; i++) {
        difference |= (computed[i] ?? 0) ^ (mask[i] ?? 0) ^ (sealed[ciphertext.length + i] ?? 0);
      }
      if (difference !== 0) throw new Error('aes/gcm: invalid ghash tag');
      return unsafe.ctr32(xk, false, counter, ciphertext);
    },
  };
}
