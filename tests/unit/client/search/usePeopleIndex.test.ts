import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../../src/client/db/database';
import {
  peopleIndex,
  REBUILD_DELAY_MS,
  stopPeopleIndex,
  usePeopleIndex,
} from '../../../../src/client/features/search/usePeopleIndex';
import { profile, session } from '../../../../src/client/session/state';
import { type Device, edit } from '../../../../src/client/sync/edit';
import { createClock } from '../../../../src/shared/sync/hlc';
import { LOGIN_OK, ME_OK, resetDatabase } from '../helpers';
import { VILLAGE_1 } from './fixtures';
import { createHome } from './homes';

const CLIENT = 'searchHookDevice';
let device: Device;

beforeEach(async () => {
  await resetDatabase();
  device = { database: db(), clientId: CLIENT, clock: createClock(CLIENT) };
});

afterEach(() => {
  stopPeopleIndex();
  session.value = null;
  profile.value = null;
});

function signIn() {
  session.value = LOGIN_OK;
  profile.value = { ...ME_OK, fetchedAt: '2026-06-01T00:00:00.000Z' };
}

describe('usePeopleIndex', () => {
  it('is null signed out, then one shared index of the user’s villages', async () => {
    await createHome(device, VILLAGE_1, '1', 'สมปอง');
    expect(usePeopleIndex()).toBeNull();

    signIn();
    await vi.waitFor(() => expect(peopleIndex.value?.size).toBe(1));
    const index = usePeopleIndex();
    expect(index?.search('สมปอง')).toHaveLength(1);
    expect(usePeopleIndex()).toBe(index);

    session.value = null;
    expect(usePeopleIndex()).toBeNull();
  });

  it('shows a save in search shortly after, without being asked', async () => {
    signIn();
    usePeopleIndex();
    await vi.waitFor(() => expect(peopleIndex.value?.size).toBe(0));

    await createHome(device, VILLAGE_1, '1', 'บุญเรือน');

    await vi.waitFor(() => expect(peopleIndex.value?.search('บุญเรือน')).toHaveLength(1));
    expect(peopleIndex.value?.size).toBe(1);
  });

  it('shows an edited house number and a deletion', async () => {
    const { householdId, personId } = await createHome(device, VILLAGE_1, '1', 'สมปอง');
    signIn();
    usePeopleIndex();
    await vi.waitFor(() => expect(peopleIndex.value?.size).toBe(1));

    await edit(device, [
      {
        op: 'patch',
        type: 'household',
        id: householdId,
        villageId: VILLAGE_1,
        patch: { houseNo: '77/7' },
      },
    ]);
    await vi.waitFor(() => expect(peopleIndex.value?.search('77/7')).toHaveLength(1));

    await edit(device, [{ op: 'delete', type: 'person', id: personId, villageId: VILLAGE_1 }]);
    await vi.waitFor(() => expect(peopleIndex.value?.size).toBe(0));
  });

  it('is not rebuilt by searching or by other components asking for it', async () => {
    await createHome(device, VILLAGE_1, '1', 'สมปอง');
    signIn();
    usePeopleIndex();
    await vi.waitFor(() => expect(peopleIndex.value?.size).toBe(1));
    const built = peopleIndex.value;

    for (const query of ['ส', 'สม', 'สมป', 'สมปอ', 'สมปอง']) usePeopleIndex()?.search(query);
    await new Promise((resolve) => setTimeout(resolve, REBUILD_DELAY_MS * 2));

    expect(peopleIndex.value).toBe(built);
  });
});
