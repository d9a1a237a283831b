import { ApiError } from '../../../../src/client/api/http';
import { profile, session } from '../../../../src/client/session/state';
import { saveChanges, startDeviceSync } from '../../../../src/client/sync/deviceSync';
import { uuidv7 } from '../../../../src/shared/ids';
import type { FieldValues, RecordType } from '../../../../src/shared/sync/protocol';
import { LOGIN_OK, ME_OK, resetDatabase, VILLAGES } from '../helpers';

export const SUPERVISOR = {
  id: '01930000-0000-7000-8000-0000000000b9',
  username: 'supervisor1',
  name: 'สมหญิง รักงาน',
  role: 'supervisor' as const,
  villageIds: VILLAGES.map((v) => v.id),
};

/** A signed-in supervisor of both villages on an empty device that is offline. */
export async function supervisorDevice(): Promise<void> {
  await resetDatabase();
  history.replaceState(null, '', '/');
  session.value = { ...LOGIN_OK, user: SUPERVISOR };
  profile.value = {
    ...ME_OK,
    user: { ...SUPERVISOR, disabled: false },
    fetchedAt: '2025-10-01T03:00:00.000Z',
  };
  await startDeviceSync(() => Promise.reject(new ApiError(0, 'offline', 'offline')), {
    appVersion: 'test',
    buildId: 'test',
  });
}

/** One record created on this device, as a welfare form would save it. */
export async function seedRecord(
  type: RecordType,
  villageId: string,
  fields: FieldValues,
): Promise<string> {
  const id = uuidv7();
  await saveChanges([{ op: 'create', type, id, villageId, patch: fields }]);
  return id;
}
