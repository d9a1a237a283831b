import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../../../src/client/db/database';
import { loadPeopleEntries } from '../../../../src/client/features/search/loadPeopleEntries';
import { buildPeopleIndex } from '../../../../src/client/features/search/peopleIndex';
import { type Device, edit } from '../../../../src/client/sync/edit';
import { uuidv7 } from '../../../../src/shared/ids';
import { createClock } from '../../../../src/shared/sync/hlc';
import type { FieldValues, RecordType } from '../../../../src/shared/sync/protocol';
import { SURVEYOR, TODAY, VILLAGE_1, VILLAGE_2 } from './fixtures';

const VILLAGE_3 = '01930000-0000-7000-8000-0000000000a3';
const CLIENT = 'searchTestDevice';
let device: Device;

beforeEach(async () => {
  const database = new TambonDatabase(`search-test-${uuidv7()}`);
  await database.open();
  device = { database, clientId: CLIENT, clock: createClock(CLIENT) };
});

afterEach(async () => {
  await device.database.delete();
});

/** A record as a pull stores it: synced, acknowledged by the server. */
function synced(
  type: RecordType,
  id: string,
  villageId: string,
  fields: FieldValues,
  deleted = false,
) {
  return device.database.records.put({
    id,
    type,
    villageId,
    schemaVersion: 1,
    fields,
    deleted,
    fieldSeq: {}, // every field last set at the record's seq
    seq: 1,
  });
}

const householdFields = (houseNo: string) => ({
  houseNo,
  mooNo: 1,
  surveyDate: '2026-05-01',
  surveyorId: SURVEYOR,
  privacyNoticeGiven: true,
});

describe('loadPeopleEntries', () => {
  it('reads the synced people of the villages with their households and local edits on top', async () => {
    const home = uuidv7();
    const somphong = uuidv7();
    await synced('household', home, VILLAGE_1, householdFields('7'));
    await synced('person', somphong, VILLAGE_1, {
      householdId: home,
      firstName: 'สมปอง',
      lastName: 'ทองดี',
      birthDate: '1950-01-01',
    });
    // Elsewhere: a village not asked for, and a deleted person.
    await synced('person', uuidv7(), VILLAGE_3, {
      householdId: home,
      firstName: 'ไม่',
      lastName: 'ใช่',
    });
    await synced(
      'person',
      uuidv7(),
      VILLAGE_1,
      { householdId: home, firstName: 'ลบ', lastName: 'แล้ว' },
      true,
    );

    // Not synced yet: a patch of สมปอง and a new household with a member in หมู่ 2.
    await edit(device, [
      {
        op: 'patch',
        type: 'person',
        id: somphong,
        villageId: VILLAGE_1,
        patch: { lastName: 'ทองมา' },
      },
    ]);
    const newHome = uuidv7();
    const boonruean = uuidv7();
    await edit(device, [
      {
        op: 'create',
        type: 'household',
        id: newHome,
        villageId: VILLAGE_2,
        patch: householdFields('88/1'),
      },
      {
        op: 'create',
        type: 'person',
        id: boonruean,
        villageId: VILLAGE_2,
        patch: {
          householdId: newHome,
          firstName: 'บุญเรือน',
          lastName: 'ใหม่',
          nationalId: '1234567890121',
        },
      },
    ]);

    const entries = await loadPeopleEntries(device.database, [VILLAGE_1, VILLAGE_2], TODAY);

    expect(entries.map((e) => e.person.id).sort()).toEqual([somphong, boonruean].sort());
    const patched = entries.find((e) => e.person.id === somphong);
    expect(patched?.person.fields.lastName).toBe('ทองมา');
    expect(patched?.person.unsyncedFields).toEqual(['lastName']);
    expect(patched?.household?.fields.houseNo).toBe('7');
    expect(patched?.profile).toMatchObject({ age: 76, elderly: true, active: true });
    const created = entries.find((e) => e.person.id === boonruean);
    expect(created?.household?.id).toBe(newHome);
    expect(created?.household?.fields.houseNo).toBe('88/1');

    const index = buildPeopleIndex(entries);
    expect(index.search('ทองมา').map((e) => e.person.id)).toEqual([somphong]);
    expect(index.search('ทองดี')).toEqual([]);
    expect(index.search('88/1').map((e) => e.person.id)).toEqual([boonruean]);
    expect(index.findByNationalId('1234567890121').map((e) => e.person.id)).toEqual([boonruean]);
  });

  it('finds the household in another of the villages, and none when it is not on the device', async () => {
    const home = uuidv7();
    await synced('household', home, VILLAGE_1, householdFields('3'));
    await synced('person', 'moved', VILLAGE_2, {
      householdId: home,
      firstName: 'ย้าย',
      lastName: 'มา',
    });
    await synced('person', 'alone', VILLAGE_2, {
      householdId: uuidv7(),
      firstName: 'ไร้',
      lastName: 'บ้าน',
    });

    const entries = await loadPeopleEntries(device.database, [VILLAGE_1, VILLAGE_2], TODAY);

    const byId = new Map(entries.map((e) => [e.person.id, e]));
    expect(byId.get('moved')?.household?.id).toBe(home);
    expect(byId.get('alone')?.household).toBeNull();
  });
});
