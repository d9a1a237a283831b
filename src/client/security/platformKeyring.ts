// The data key under the phone's platform authenticator (WebAuthn PRF): loaded with the
// WebAuthn code, only when a device sets up or uses its screen lock.
import { evaluatePlatformKey, registerPlatformKey } from './platformKey';
/**
 * The data key wrapped under the secret a platform authenticator's PRF returns for `prfSalt`
 * with the credential `credentialId`: only that phone's hardware, after its screen lock or
 * fingerprint, gives it back.
 */
export interface PlatformWrappedKey {
  credentialId: Uint8Array;
  prfSalt: Uint8Array;
  iv: Uint8Array;
  wrapped: Uint8Array;
}

const PRF_INFO = new TextEncoder().encode('tambon-field data key v1');

/** A new PRF input for a credential: random, so each wrap derives its own key. */
export function newPrfSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

export async function wrapDataKeyWithPrf(
  dataKey: Uint8Array,
  prfOutput: Uint8Array,
  credentialId: Uint8Array,
  prfSalt: Uint8Array,
): Promise<PlatformWrappedKey> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await derivePrfWrappingKey(prfOutput, prfSalt);
  const wrapped = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv as BufferSource },
      key,
      dataKey as BufferSource,
    ),
  );
  return { credentialId, prfSalt, iv, wrapped };
}

/** The data key, or null when the PRF output is not the one it was wrapped with. */
export async function unwrapDataKeyWithPrf(
  wrappedKey: PlatformWrappedKey,
  prfOutput: Uint8Array,
): Promise<Uint8Array | null> {
  const key = await derivePrfWrappingKey(prfOutput, wrappedKey.prfSalt);
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

/** HKDF-SHA256: the PRF output is already uniformly random, so no stretching is needed. */
async function derivePrfWrappingKey(prfOutput: Uint8Array, salt: Uint8Array): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', prfOutput as BufferSource, 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: PRF_INFO as BufferSource },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Registers a PRF credential for this user on this device and wraps the data key under it.
 * Throws when the authenticator has no PRF or the person cancels.
 */
export async function wrapUnderNewPlatformKey(
  user: { userId: string; username: string; name: string },
  dataKey: Uint8Array,
): Promise<PlatformWrappedKey> {
  const prfSalt = newPrfSalt();
  const { credentialId, prfOutput } = await registerPlatformKey(user, prfSalt);
  try {
    return await wrapDataKeyWithPrf(dataKey, prfOutput, credentialId, prfSalt);
  } finally {
    prfOutput.fill(0);
  }
}

/** The data key from this phone's authenticator; why not, when the prompt failed or the key differs. */
export async function openWithPlatform(
  platformKey: PlatformWrappedKey,
): Promise<Uint8Array | 'cancelled' | 'wrong-key'> {
  let prfOutput: Uint8Array;
  try {
    prfOutput = await evaluatePlatformKey(platformKey.credentialId, platformKey.prfSalt);
  } catch {
    return 'cancelled';
  }
  const key = await unwrapDataKeyWithPrf(platformKey, prfOutput);
  prfOutput.fill(0);
  return key ?? 'wrong-key';
}
