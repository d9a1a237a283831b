/**
 * The user's data key at rest: a random 256-bit key, kept only wrapped. Always under a key
 * derived from the password (recovery, offline too), and for daily unlock either under the
 * phone's own authenticator (WebAuthn PRF, through HKDF: a copied profile cannot produce it) or,
 * where the browser has no PRF, under the PIN. PBKDF2-SHA256 with OWASP's 600,000 iterations
 * for the secrets a person types.
 */
export const KDF_ITERATIONS = 600_000;

export interface WrappedKey {
  salt: Uint8Array;
  iterations: number;
  iv: Uint8Array;
  wrapped: Uint8Array;
}

export function newDataKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

export async function wrapDataKey(
  dataKey: Uint8Array,
  secret: string,
  iterations = KDF_ITERATIONS,
): Promise<WrappedKey> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveWrappingKey(secret, salt, iterations);
  const wrapped = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv as BufferSource },
      key,
      dataKey as BufferSource,
    ),
  );
  return { salt, iterations, iv, wrapped };
}

/** The data key, or null when the secret is wrong (the GCM tag does not verify). */
export async function unwrapDataKey(
  wrappedKey: WrappedKey,
  secret: string,
): Promise<Uint8Array | null> {
  const key = await deriveWrappingKey(secret, wrappedKey.salt, wrappedKey.iterations);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: wrappedKey.iv as BufferSource },
        key,
        wrappedKey.wrapped as BufferSource,
      ),
    );
  } catch {
    return null;
  }
}

async function deriveWrappingKey(
  secret: string,
  salt: Uint8Array,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
