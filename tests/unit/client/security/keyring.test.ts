import { describe, expect, it } from 'vitest';
import {
  KDF_ITERATIONS,
  newDataKey,
  unwrapDataKey,
  wrapDataKey,
} from '../../../../src/client/security/keyring';
import {
  newPrfSalt,
  unwrapDataKeyWithPrf,
  wrapDataKeyWithPrf,
} from '../../../../src/client/security/platformKeyring';

describe('keyring', () => {
  it('wraps the data key under a secret with at least 600,000 PBKDF2 iterations', async () => {
    const dataKey = newDataKey();
    const wrapped = await wrapDataKey(dataKey, '482916');
    expect(KDF_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(wrapped.iterations).toBe(KDF_ITERATIONS);
    expect(wrapped.wrapped).not.toEqual(dataKey);
    expect(await unwrapDataKey(wrapped, '482916')).toEqual(dataKey);
  });

  it('gives nothing for a wrong secret', async () => {
    const wrapped = await wrapDataKey(newDataKey(), 'demo1234', 1000);
    expect(await unwrapDataKey(wrapped, 'demo1235')).toBeNull();
    expect(await unwrapDataKey(wrapped, '')).toBeNull();
  });

  it('keeps the iterations it was wrapped with, so a later default still opens old keys', async () => {
    const dataKey = newDataKey();
    const wrapped = await wrapDataKey(dataKey, 'demo1234', 1000);
    expect(wrapped.iterations).toBe(1000);
    expect(await unwrapDataKey(wrapped, 'demo1234')).toEqual(dataKey);
  });

  it('wraps the data key under a PRF output through HKDF; another output opens nothing', async () => {
    const dataKey = newDataKey();
    const prfOutput = crypto.getRandomValues(new Uint8Array(32));
    const salt = newPrfSalt();
    const wrapped = await wrapDataKeyWithPrf(dataKey, prfOutput, new Uint8Array([9]), salt);
    expect(wrapped.prfSalt).toEqual(salt);
    expect(wrapped.credentialId).toEqual(new Uint8Array([9]));
    expect(wrapped.wrapped).not.toEqual(dataKey);
    expect(await unwrapDataKeyWithPrf(wrapped, prfOutput)).toEqual(dataKey);
    const other = crypto.getRandomValues(new Uint8Array(32));
    expect(await unwrapDataKeyWithPrf(wrapped, other)).toBeNull();
    // The salt is part of the derivation: the same output under another salt opens nothing.
    expect(await unwrapDataKeyWithPrf({ ...wrapped, prfSalt: newPrfSalt() }, prfOutput)).toBeNull();
  });
});
