// Password hashes with Node's scrypt at OWASP's cost (N=2^17, r=8, p=1), stored as a PHC-style
// string that carries its own parameters and salt: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`
// (base64, no padding). Old hashes keep verifying if the cost is raised later.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

interface ScryptCost {
  logN: number;
  r: number;
  p: number;
}

const COST: ScryptCost = { logN: 17, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST, KEY_BYTES);
  return `$scrypt$ln=${COST.logN},r=${COST.r},p=${COST.p}$${b64(salt)}$${b64(key)}`;
}

/** False for a wrong password and for a hash this code cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made at another cost than today's: rehash at the next login. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return (
    !parsed ||
    parsed.cost.logN !== COST.logN ||
    parsed.cost.r !== COST.r ||
    parsed.cost.p !== COST.p
  );
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of nothing anyone knows, verified when the username is unknown so that answer takes
 * as long as a wrong password for a real user.
 */
export function hashForUnknownUser(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const match = PHC.exec(stored);
  if (!match) return null;
  const [, logN, r, p, salt, key] = match;
  const cost = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (cost.logN < 10 || cost.logN > 20) return null;
  return { cost, salt: Buffer.from(salt ?? '', 'base64'), key: Buffer.from(key ?? '', 'base64') };
}

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  const N = 2 ** cost.logN;
  // scrypt needs 128·N·r bytes; Node refuses above maxmem (32 MiB by default).
  const maxmem = 2 * 128 * N * cost.r;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      length,
      { N, r: cost.r, p: cost.p, maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
