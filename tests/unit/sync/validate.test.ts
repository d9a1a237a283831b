import { describe, expect, it } from 'vitest';
import { HouseholdFields } from '../../../src/shared/model/household';
import {
  MAX_FIELD_BYTES,
  MAX_RECORD_BYTES,
  MAX_UNKNOWN_FIELD_BYTES,
  MAX_UNKNOWN_FIELDS,
} from '../../../src/shared/sync/limits';
import {
  deeperThan,
  findBlobRefs,
  jsonBytes,
  measurePatch,
  PHOTO_FIELDS,
  recordBounds,
  validatePatch,
} from '../../../src/shared/sync/validate';

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

describe('record bounds', () => {
  it('measures nesting without recursion, at any depth', () => {
    expect(deeperThan('text', 0)).toBe(false);
    expect(deeperThan([], 1)).toBe(false);
    expect(deeperThan([[]], 1)).toBe(true);
    expect(deeperThan({ gps: { lat: 1 } }, 2)).toBe(false);
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(deeperThan(deep, 8)).toBe(true);
  });

  it('counts the UTF-8 bytes of a value as JSON (Thai is three bytes a letter)', () => {
    expect(jsonBytes('abc')).toBe(5);
    expect(jsonBytes('สม')).toBe(8);
    expect(jsonBytes({ a: 1 })).toBe(7);
  });

  it('refuses a field too deep or too big, naming it', () => {
    expect(measurePatch({ notes: [[[[[[[[[1]]]]]]]]] })).toEqual({
      reason: 'too_deep',
      field: 'notes',
      limit: 8,
    });
    expect(measurePatch({ notes: 'x'.repeat(MAX_FIELD_BYTES) })).toMatchObject({
      reason: 'too_large',
      field: 'notes',
    });
    expect(measurePatch({ houseNo: '1', deleted: true })).toEqual(new Map([['houseNo', 3]]));
  });

  it('caps unknown fields (count and bytes) and the whole record, only when a change grows them', () => {
    const unknown = (count: number, bytes: number) =>
      new Map(Array.from({ length: count }, (_, i) => [`extra${i}`, bytes]));
    expect(recordBounds('household', new Map(), unknown(MAX_UNKNOWN_FIELDS, 10))).toBeNull();
    expect(recordBounds('household', new Map(), unknown(MAX_UNKNOWN_FIELDS + 1, 10))).toMatchObject(
      { reason: 'too_large', limit: MAX_UNKNOWN_FIELDS },
    );
    expect(
      recordBounds('household', new Map(), unknown(2, MAX_UNKNOWN_FIELD_BYTES / 2 + 1)),
    ).toMatchObject({ reason: 'too_large', limit: MAX_UNKNOWN_FIELD_BYTES });
    const known = Object.keys(HouseholdFields.shape);
    const big = new Map(known.slice(0, 5).map((field) => [field, 60_000]));
    expect(recordBounds('household', big, new Map([[known[5] as string, 1]]))).toMatchObject({
      reason: 'too_large',
      limit: MAX_RECORD_BYTES,
    });
    // A record already past a bound can still be edited without growing.
    expect(recordBounds('household', big, new Map([[known[0] as string, 100]]))).toBeNull();
  });

  it('knows the photo fields of each type from the schemas', () => {
    expect(PHOTO_FIELDS.household).toEqual(['photos']);
    expect(PHOTO_FIELDS.person).toEqual(['idCardPhotos']);
    expect(PHOTO_FIELDS.assistance).toEqual([]);
  });
});
