import { describe, expect, it } from 'vitest';
import {
  changedFields,
  createHouseholdChanges,
  patchChange,
} from '../../../../src/client/features/households/householdRecords';

describe('changedFields', () => {
  it('keeps only the edited fields that changed, and clears an emptied one with null', () => {
    const current = { houseNo: '12', soi: 'ซอย 1', gps: { lat: 16, lng: 103 }, newerField: 'x' };
    const next = { houseNo: '12/1', gps: { lat: 16, lng: 103 } };
    expect(changedFields(current, next, ['houseNo', 'soi', 'gps', 'road'])).toEqual({
      houseNo: '12/1',
      soi: null,
    });
  });

  it('never touches a field the form does not edit', () => {
    expect(changedFields({ photos: [1], houseNo: '1' }, { houseNo: '1' }, ['houseNo'])).toEqual({});
  });
});

describe('household changes', () => {
  it('creates the household and its members with one household id', () => {
    const changes = createHouseholdChanges(
      'village-1',
      {
        houseNo: '5',
        mooNo: 1,
        surveyDate: '2026-11-21',
        surveyorId: '0190f000-0000-7000-8000-000000000001',
        privacyNoticeGiven: true,
      },
      [{ fields: { householdId: '', firstName: 'บุญมี', lastName: 'ดีใจ', memberStatus: 'active' } }],
    );
    const [household, head] = changes;
    expect(household).toMatchObject({ op: 'create', type: 'household', villageId: 'village-1' });
    expect(head).toMatchObject({ op: 'create', type: 'person', villageId: 'village-1' });
    expect(head?.patch?.householdId).toBe(household?.id);
  });

  it('patches nothing when nothing changed', () => {
    const record = {
      id: 'h1',
      villageId: 'v1',
      fields: { houseNo: '5' },
      deleted: false,
      unsyncedFields: [],
    };
    expect(patchChange(record, 'household', { houseNo: '5' }, ['houseNo'])).toBeNull();
    expect(patchChange(record, 'household', { houseNo: '6' }, ['houseNo'])).toEqual({
      op: 'patch',
      type: 'household',
      id: 'h1',
      villageId: 'v1',
      patch: { houseNo: '6' },
    });
  });
});
