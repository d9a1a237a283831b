import { type Device, edit } from '../../../../src/client/sync/edit';
import { uuidv7 } from '../../../../src/shared/ids';
import { SURVEYOR } from './fixtures';

/** A household with one member, `<firstName> ดี`, edited on the device as the forms do. */
export async function createHome(
  device: Device,
  villageId: string,
  houseNo: string,
  firstName: string,
) {
  const householdId = uuidv7();
  const personId = uuidv7();
  await edit(device, [
    {
      op: 'create',
      type: 'household',
      id: householdId,
      villageId,
      patch: {
        houseNo,
        mooNo: 1,
        surveyDate: '2026-05-01',
        surveyorId: SURVEYOR,
        privacyNoticeGiven: true,
      },
    },
    {
      op: 'create',
      type: 'person',
      id: personId,
      villageId,
      patch: { householdId, firstName, lastName: 'ดี' },
    },
  ]);
  return { householdId, personId };
}
