import { describe, expect, it } from 'vitest';
import { HIDDEN_VALUE } from '../../../src/shared/api/admin';
import { ERASED_VALUE } from '../../../src/shared/api/privacy';
import {
  fieldAccess,
  maskedRecordFields,
  seesIdCardPhotos,
  shownFieldValue,
  shownPayload,
  withMaskedIdsIn,
} from '../../../src/shared/model/masking';
import { ROLES, type RoleName } from '../../../src/shared/model/roles';
import { SENSITIVE_FIELDS } from '../../../src/shared/model/sensitive';
import { nationalIdCheckDigit } from '../../../src/shared/rules/nationalId';
import { RECORD_TYPES } from '../../../src/shared/sync/protocol';

const ID = `310170012345${nationalIdCheckDigit('310170012345')}`;
const MASKED = '3-xxxx-xxxxx-xx-2';
const HEALTH = ['healthScheme', 'chronicDiseases', 'adl', 'disabilityCard', 'disabilityTypes'];

describe('fieldAccess', () => {
  it('gives whole national IDs and ID-card photos to the field roles only', () => {
    const expected: Record<RoleName, [string, string]> = {
      admin: ['masked', 'withheld'],
      supervisor: ['masked', 'withheld'],
      surveyor: ['full', 'full'],
      welfare: ['full', 'full'],
    };
    for (const role of ROLES) {
      expect([
        fieldAccess(role, 'person', 'nationalId'),
        fieldAccess(role, 'person', 'idCardPhotos'),
      ]).toEqual(expected[role]);
      expect(seesIdCardPhotos(role)).toBe(expected[role][1] === 'full');
    }
  });

  it('withholds every sensitive field but the ID from admins, and nothing else', () => {
    for (const type of RECORD_TYPES) {
      for (const field of SENSITIVE_FIELDS[type]) {
        if (field === 'nationalId') continue;
        expect(fieldAccess('admin', type, field), `${type}.${field}`).toBe('withheld');
      }
    }
    for (const field of HEALTH) expect(fieldAccess('supervisor', 'person', field)).toBe('full');
    expect(fieldAccess('admin', 'visit', 'adl')).toBe('withheld');
    expect(fieldAccess('admin', 'visit', 'notes')).toBe('withheld');
    expect(fieldAccess('admin', 'person', 'firstName')).toBe('full');
    expect(fieldAccess('admin', 'household', 'houseNo')).toBe('full');
  });

  it('takes the strictest rule for a type the server could not read', () => {
    expect(fieldAccess('supervisor', null, 'nationalId')).toBe('masked');
    expect(fieldAccess('admin', 'bogus', 'chronicDiseases')).toBe('withheld');
    expect(fieldAccess('admin', null, 'notes')).toBe('withheld');
    expect(fieldAccess('welfare', null, 'nationalId')).toBe('full');
  });
});

describe('values', () => {
  it('masks, hides or passes one value', () => {
    expect(shownFieldValue('supervisor', 'person', 'nationalId', ID)).toBe(MASKED);
    expect(shownFieldValue('welfare', 'person', 'nationalId', ID)).toBe(ID);
    expect(shownFieldValue('admin', 'person', 'adl', { feeding: 2 })).toEqual(HIDDEN_VALUE);
    expect(shownFieldValue('admin', 'person', 'adl', null)).toBeNull();
    expect(shownFieldValue('admin', 'person', 'adl', ERASED_VALUE)).toEqual(ERASED_VALUE);
  });

  it('leaves withheld fields out of a record and masks the ID', () => {
    const fields = {
      firstName: 'สมศรี',
      nationalId: ID,
      chronicDiseases: ['เบาหวาน'],
      idCardPhotos: [{ sha256: 'a'.repeat(64), size: 1, mime: 'image/jpeg' }],
    };
    expect(maskedRecordFields('admin', 'person', fields)).toEqual({
      firstName: 'สมศรี',
      nationalId: MASKED,
    });
    expect(maskedRecordFields('supervisor', 'person', fields)).toEqual({
      firstName: 'สมศรี',
      nationalId: MASKED,
      chronicDiseases: ['เบาหวาน'],
    });
    expect(maskedRecordFields('welfare', 'person', fields)).toBe(fields);
  });

  it('masks whole IDs anywhere in a stored payload, whatever they hide under', () => {
    const mutation = {
      type: 'person',
      patch: {
        nid: ID,
        note: `เลข ${ID.slice(0, 1)}-${ID.slice(1, 5)}-${ID.slice(5, 10)}-${ID.slice(10, 12)}-${ID.slice(12)}`,
        adl: { feeding: 1 },
      },
      base: { nid: 1 },
    };
    const shown = JSON.stringify(shownPayload('admin', 'person', mutation));
    expect(shown).not.toContain(ID);
    expect(shown).not.toContain('feeding');
    expect(shown).toContain(MASKED);
    expect(shownPayload('welfare', 'person', mutation)).toEqual(mutation);
    expect(withMaskedIdsIn('โทร 0812345678 บ้าน 1234567890123')).toBe(
      'โทร 0812345678 บ้าน 1234567890123',
    );
    expect(withMaskedIdsIn(`เลข${ID}.`)).toBe(`เลข${MASKED}.`);
    // Record ids are never taken for an ID, whatever their digits.
    const uuid = `01930000-${ID.slice(0, 4)}-7${ID.slice(4, 7)}-8${ID.slice(7, 10)}-${ID.slice(10)}000000000`;
    expect(withMaskedIdsIn(uuid)).toBe(uuid);
  });
});
