import { describe, expect, it } from 'vitest';
import { actionKey } from '../../../../src/client/api/actionKey';

describe('actionKey: one confirmation, one Idempotency-Key', () => {
  it('keeps the key while the same thing is sent again, and changes it once it went through', () => {
    const key = actionKey();
    const file = { name: 'parcels.zip' };
    const first = key.of(file);
    expect(key.of(file)).toBe(first);
    key.done();
    const next = key.of(file);
    expect(next).not.toBe(first);
    expect(key.of({ name: 'parcels.zip' })).not.toBe(next);
    expect(key.of('{"rows":[]}')).toBe(key.of('{"rows":[]}'));
  });
});
