import { gcm } from '@noble/ciphers/aes.js';

/**
 * AES-256-GCM under the user's data key, synchronous so it runs inside a Dexie transaction
 * (WebCrypto's promises would let IndexedDB commit the transaction halfway). Sealed bytes are
 * `iv (12 bytes) || ciphertext || tag`. Opening throws when the bytes were sealed under another
 * key or altered.
 */
export interface FieldCipher {
  seal(value: unknown): Uint8Array;
  open(sealed: Uint8Array): unknown;
  /** The same for raw bytes (a photo), without the JSON step. */
  sealBytes(bytes: Uint8Array): Uint8Array;
  openBytes(sealed: Uint8Array): Uint8Array;
}

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createFieldCipher(dataKey: Uint8Array): FieldCipher {
  if (dataKey.length !== 32) throw new Error('The data key must be 32 bytes');
  const key = dataKey.slice();
  const sealBytes = (bytes: Uint8Array): Uint8Array => {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ciphertext = gcm(key, iv).encrypt(bytes);
    const sealed = new Uint8Array(IV_BYTES + ciphertext.length);
    sealed.set(iv);
    sealed.set(ciphertext, IV_BYTES);
    return sealed;
  };
  const openBytes = (sealed: Uint8Array): Uint8Array =>
    gcm(key, sealed.subarray(0, IV_BYTES)).decrypt(sealed.subarray(IV_BYTES));
  return {
    seal: (value) => sealBytes(encoder.encode(JSON.stringify(value))),
    open: (sealed) => JSON.parse(decoder.decode(openBytes(sealed))),
    sealBytes,
    openBytes,
  };
}
