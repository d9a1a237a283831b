import { ApiError } from '../../../../src/client/api/http';
import type { OutboxRow } from '../../../../src/client/db/database';
import { db } from '../../../../src/client/db/database';
import { createHouseholdChanges } from '../../../../src/client/features/households/householdRecords';
import { stopPeopleIndex } from '../../../../src/client/features/search/usePeopleIndex';
import { profile, session } from '../../../../src/client/session/state';
import {
  saveChanges,
  startDeviceSync,
  stopDeviceSync,
} from '../../../../src/client/sync/deviceSync';
import { uuidv7 } from '../../../../src/shared/ids';
import type { HouseholdFields } from '../../../../src/shared/model/household';
import type { PersonFields } from '../../../../src/shared/model/person';
import { bangkokDate } from '../../../../src/shared/rules/thaiDate';
import { LOGIN_OK, ME_OK, resetDatabase, SURVEYOR, VILLAGES } from '../helpers';

export const [VILLAGE_1, VILLAGE_2] = VILLAGES.map((v) => v.id) as [string, string];

/** A signed-in surveyor of both villages on an empty device that is offline (nothing leaves it). */
export async function signedInDevice(): Promise<void> {
  await resetDatabase();
  history.replaceState(null, '', '/');
  session.value = LOGIN_OK;
  profile.value = { ...ME_OK, fetchedAt: '2025-10-01T03:00:00.000Z' };
  await startDeviceSync(() => Promise.reject(new ApiError(0, 'offline', 'offline')), {
    appVersion: 'test',
    buildId: 'test',
  });
}

export function signOutDevice(): void {
  stopPeopleIndex();
  stopDeviceSync();
  session.value = null;
  profile.value = null;
}

/** An ISO birth date `years` and a half before today: the age is `years` all this month. */
export function bornYearsAgo(years: number): string {
  const [y, m, d] = bangkokDate().split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1 - 6, Math.min(d, 28)));
  return date.toISOString().slice(0, 10);
}

/** A complete adult, so only what a test adds is missing. */
export function member(fields: Partial<PersonFields>): Partial<PersonFields> {
  return {
    titlePrefix: 'mr',
    firstName: 'สมชาย',
    lastName: 'ใจดี',
    nationalId: '1234567890121',
    birthDate: bornYearsAgo(40),
    sex: 'M',
    relationToHead: 'head',
    memberStatus: 'active',
    ...fields,
  };
}

export interface Seeded {
  householdId: string;
  memberIds: string[];
}

/** A household with its members, written through `saveChanges` as the forms do. */
export async function seedHousehold(
  villageId: string,
  houseNo: string,
  members: ReadonlyArray<Partial<PersonFields>>,
  extra: Partial<HouseholdFields> = {},
): Promise<Seeded> {
  const mooNo = VILLAGES.find((v) => v.id === villageId)?.mooNo ?? 1;
  const memberIds = members.map(() => uuidv7());
  const changes = createHouseholdChanges(
    villageId,
    {
      houseNo,
      mooNo,
      houseCode: '45110400001',
      gps: { lat: 15.9 + Number.parseInt(houseNo, 10) / 1000, lng: 103.8, accuracyM: 8 },
      surveyDate: '2025-11-03',
      surveyorId: SURVEYOR.id,
      privacyNoticeGiven: true,
      ...extra,
    },
    members.map((fields, i) => ({
      id: memberIds[i] as string,
      fields: fields as PersonFields,
    })),
  );
  await saveChanges(changes);
  return { householdId: changes[0]?.id as string, memberIds };
}

export async function lastQueued(): Promise<OutboxRow | undefined> {
  return db().outbox.orderBy('n').last();
}
