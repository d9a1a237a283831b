import { describe, expect, it } from 'vitest';
import { findBlobRefs, validatePatch } from '../../../src/shared/sync/validate';

const SHA = 'a'.repeat(64);

describe('patch validation', () => {
  it('checks only the fields present, as a partial schema', () => {
    expect(validatePatch('household', { houseNo: '12/3' })).toEqual([]);
    expect(validatePatch('household', { mooNo: 'one' })).toEqual([
      { path: 'mooNo', message: expect.any(String) },
    ]);
    expect(validatePatch('person', { adl: { feeding: 99 } })[0]?.path).toMatch(/^adl\./);
  });

  it('lets unknown fields through untouched and null clear an optional field', () => {
    expect(validatePatch('household', { futureField: { any: [1] }, soi: null })).toEqual([]);
    expect(validatePatch('household', { houseNo: null })).toHaveLength(1);
  });

  it('accepts any values for types without a schema yet, but `deleted` is a boolean', () => {
    expect(validatePatch('visit', { anything: { at: 'all' } })).toEqual([]);
    expect(validatePatch('visit', { deleted: 'yes' })).toEqual([
      { path: 'deleted', message: 'expected_boolean' },
    ]);
  });
});

describe('attachment refs', () => {
  it('finds refs in objects and arrays, once each', () => {
    const ref = { sha256: SHA, size: 10, mime: 'image/jpeg' };
    expect(findBlobRefs([ref, { nested: { photo: ref } }])).toEqual([ref]);
    expect(findBlobRefs({ sha256: 'not-a-hash', size: 1, mime: 'x' })).toEqual([]);
    expect(findBlobRefs('text')).toEqual([]);
  });
});
