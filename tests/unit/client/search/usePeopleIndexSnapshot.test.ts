// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, type TambonDatabase, useUserDatabase } from '../../../../src/client/db/database';
import { sealingWith } from '../../../../src/client/db/sealing';
import { openPeopleIndexSnapshot } from '../../../../src/client/features/search/peopleIndexSnapshot';
import {
  INDEX_SNAPSHOT_DELAY_MS,
  peopleIndex,
  stopPeopleIndex,
  usePeopleIndex,
} from '../../../../src/client/features/search/usePeopleIndex';
import { createFieldCipher } from '../../../../src/client/security/fieldCipher';
import { newDataKey } from '../../../../src/client/security/keyring';
import { profile, session } from '../../../../src/client/session/state';
import type { Device } from '../../../../src/client/sync/edit';
import { bangkokDate } from '../../../../src/shared/rules/thaiDate';
import { createClock } from '../../../../src/shared/sync/hlc';
import { LOGIN_OK, ME_OK, resetDatabase } from '../helpers';
import { VILLAGE_1 } from './fixtures';
import { createHome } from './homes';

const CLIENT = 'searchSnapshotDevice';
const cipher = createFieldCipher(newDataKey());
let database: TambonDatabase;
let device: Device;

const openSealed = () =>
  useUserDatabase(
    LOGIN_OK.user.id,
    sealingWith(() => cipher),
  );

beforeEach(async () => {
  await resetDatabase();
  database = openSealed();
  device = { database, clientId: CLIENT, clock: createClock(CLIENT) };
});

afterEach(async () => {
  stopPeopleIndex();
  session.value = null;
  profile.value = null;
  database.close();
  await database.delete();
  closeDb();
});

function signIn() {
  session.value = LOGIN_OK;
  profile.value = { ...ME_OK, fetchedAt: '2026-06-01T00:00:00.000Z' };
  usePeopleIndex();
}

const villageIds = ME_OK.villages.map((village) => village.id);
const SLOW = { timeout: INDEX_SNAPSHOT_DELAY_MS + 4000 };

describe('usePeopleIndex on a sealed database', () => {
  it(
    'seals the built index, answers from it after a restart, and rebuilds after a change',
    async () => {
      await createHome(device, VILLAGE_1, '7', 'สมปอง');
      signIn();
      await expect.poll(() => peopleIndex.value?.size, SLOW).toBe(1);
      // From the records: the household as read in full (its survey date too).
      expect(usePeopleIndex()?.search('สมปอง')[0]?.household?.fields.surveyDate).toBe('2026-05-01');
      await expect
        .poll(() => database.snapshots.where('key').startsWith('people-index|').count(), SLOW)
        .toBe(1);

      // A new session on the same data: the snapshot answers, holding only what a row shows.
      stopPeopleIndex();
      database = openSealed();
      device = { ...device, database };
      signIn();
      await expect.poll(() => peopleIndex.value?.size, SLOW).toBe(1);
      const [found] = usePeopleIndex()?.search('สมปอง') ?? [];
      expect(found?.household?.fields).toEqual({ houseNo: '7', mooNo: 1 });
      expect(found?.person.fields.firstName).toBe('สมปอง');

      // A save: the records are read again and the new person is found.
      await createHome(device, VILLAGE_1, '8', 'สมหมาย');
      await expect.poll(() => peopleIndex.value?.search('สมหมาย').length, SLOW).toBe(1);
      expect(peopleIndex.value?.search('สมปอง')[0]?.household?.fields.surveyDate).toBe(
        '2026-05-01',
      );

      // Sealed again not after a save (a stall on a slow phone), but when the page is hidden.
      const today = bangkokDate();
      await new Promise((done) => setTimeout(done, INDEX_SNAPSHOT_DELAY_MS + 500));
      expect(await openPeopleIndexSnapshot(database, villageIds, today)).toBeNull();
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      try {
        document.dispatchEvent(new Event('visibilitychange'));
        await expect
          .poll(
            async () => (await openPeopleIndexSnapshot(database, villageIds, today))?.size,
            SLOW,
          )
          .toBe(2);
      } finally {
        Object.defineProperty(document, 'visibilityState', {
          value: 'visible',
          configurable: true,
        });
      }
    },
    4 * SLOW.timeout,
  );
});
