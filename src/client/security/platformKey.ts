/**
 * The phone's own authenticator (fingerprint, face or screen lock) as the daily key, through
 * the WebAuthn PRF extension: a credential made for this user on this device returns, after
 * user verification, the same secret for the same input, and never leaves the hardware. Nothing
 * is sent to the server: the assertion is only used for its PRF output, so the challenge is
 * random and not checked by anyone.
 */

/** Whether this browser has a user-verifying platform authenticator (PRF is known only after `create`). */
export async function platformAuthenticatorAvailable(): Promise<boolean> {
  try {
    if (typeof PublicKeyCredential === 'undefined' || !window.isSecureContext) return false;
    return await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable();
  } catch {
    return false;
  }
}

export class PlatformKeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformKeyUnavailableError';
  }
}

export interface PlatformCredential {
  credentialId: Uint8Array;
  prfOutput: Uint8Array;
}

/**
 * Registers a credential for this user on this device's platform authenticator and returns its
 * PRF output for `prfSalt`. Throws `PlatformKeyUnavailableError` when the authenticator has no
 * PRF, and the browser's `NotAllowedError` when the person cancels.
 */
export async function registerPlatformKey(
  user: { userId: string; username: string; name: string },
  prfSalt: Uint8Array,
): Promise<PlatformCredential> {
  const created = (await navigator.credentials.create({
    publicKey: {
      rp: { name: 'Tambon Field' },
      user: {
        id: new TextEncoder().encode(user.userId) as BufferSource,
        name: user.username,
        displayName: user.name,
      },
      challenge: randomChallenge(),
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: {
        authenticatorAttachment: 'platform',
        residentKey: 'preferred',
        userVerification: 'required',
      },
      extensions: { prf: { eval: { first: prfSalt as BufferSource } } },
    },
  })) as PublicKeyCredential | null;
  if (!created) throw new PlatformKeyUnavailableError('No credential was made');
  const prf = created.getClientExtensionResults().prf;
  if (!prf?.enabled) throw new PlatformKeyUnavailableError('The authenticator has no PRF');
  const credentialId = new Uint8Array(created.rawId);
  // Some authenticators return the PRF output only when asked for it with an assertion.
  const first = prf.results?.first;
  const prfOutput = first ? bytesOf(first) : await evaluatePlatformKey(credentialId, prfSalt);
  return { credentialId, prfOutput };
}

/** The PRF output of this device's credential for `prfSalt`, after the person's screen lock or fingerprint. */
export async function evaluatePlatformKey(
  credentialId: Uint8Array,
  prfSalt: Uint8Array,
): Promise<Uint8Array> {
  const assertion = (await navigator.credentials.get({
    publicKey: {
      challenge: randomChallenge(),
      allowCredentials: [{ type: 'public-key', id: credentialId as BufferSource }],
      userVerification: 'required',
      extensions: { prf: { eval: { first: prfSalt as BufferSource } } },
    },
  })) as PublicKeyCredential | null;
  const first = assertion?.getClientExtensionResults().prf?.results?.first;
  if (!first) throw new PlatformKeyUnavailableError('The authenticator returned no PRF output');
  return bytesOf(first);
}

function randomChallenge(): BufferSource {
  return crypto.getRandomValues(new Uint8Array(32));
}

function bytesOf(source: BufferSource): Uint8Array {
  return ArrayBuffer.isView(source)
    ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice()
    : new Uint8Array(source).slice();
}
