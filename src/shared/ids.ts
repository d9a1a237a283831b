/**
 * The one Web Crypto call this module makes. Browsers, the service worker and Node ≥ 19 all
 * have `globalThis.crypto`; declaring it here keeps src/shared free of the DOM and Node typings
 * (docs/architecture.md#layers).
 */
declare const crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Random bytes are drawn 4 KiB at a time: one `getRandomValues` call per id made a server push
 * (one id per history row) spend more time in the system call than in the database.
 */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomByte(): number {
  if (poolOffset === POOL_BYTES) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++] as number;
}

/** UUID version 7 (RFC 9562): 48-bit Unix ms timestamp, then random bits. Sorts by creation time. */
export function uuidv7(now: number = Date.now()): string {
  let hex = '';
  for (let shift = 40; shift >= 0; shift -= 8) hex += HEX[Math.floor(now / 2 ** shift) % 256];
  hex += HEX[(randomByte() & 0x0f) | 0x70];
  hex += HEX[randomByte()];
  hex += HEX[(randomByte() & 0x3f) | 0x80];
  for (let i = 0; i < 7; i++) hex += HEX[randomByte()];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
