import { ApiError } from '../../../../src/client/api/http';
import { db } from '../../../../src/client/db/database';
import {
  assistanceChanges,
  type CaseRef,
  openCaseChanges,
} from '../../../../src/client/features/cases/caseChanges';
import { addDays } from '../../../../src/client/features/cases/caseRecords';
import { profile, session } from '../../../../src/client/session/state';
import { saveChanges, startDeviceSync } from '../../../../src/client/sync/deviceSync';
import { uuidv7 } from '../../../../src/shared/ids';
import type {
  AssistanceFields,
  CaseStatus,
  WelfareCaseFields,
} from '../../../../src/shared/model/welfare';
import { bangkokDate } from '../../../../src/shared/rules/thaiDate';
import { LOGIN_OK, ME_OK, resetDatabase, SURVEYOR } from '../helpers';

export { signOutDevice, VILLAGE_1, VILLAGE_2 } from '../households/fixtures';

export const WELFARE = {
  ...SURVEYOR,
  id: '01930000-0000-7000-8000-0000000000b2',
  username: 'welfare1',
  name: 'สมศรี ช่วยเหลือ',
  role: 'welfare' as const,
};

export const SUPERVISOR = {
  ...SURVEYOR,
  id: '01930000-0000-7000-8000-0000000000b3',
  username: 'supervisor1',
  name: 'ประเสริฐ หัวหน้า',
  role: 'supervisor' as const,
};

type User = typeof SURVEYOR | typeof WELFARE | typeof SUPERVISOR;

/** A device signed in as `user` (welfare officer by default), offline, empty. */
export async function signedInAs(user: User = WELFARE): Promise<void> {
  await resetDatabase();
  history.replaceState(null, '', '/');
  session.value = { ...LOGIN_OK, user };
  profile.value = {
    ...ME_OK,
    user: { ...user, disabled: false },
    fetchedAt: '2025-10-01T03:00:00.000Z',
  };
  await startDeviceSync(() => Promise.reject(new ApiError(0, 'offline', 'offline')), {
    appVersion: 'test',
    buildId: 'test',
  });
}

/** Today in Bangkok plus `days`. */
export function inDays(days: number): string {
  return addDays(bangkokDate(), days);
}

/** A case opened through `openCaseChanges`, then put straight into `status` for the test. */
export async function seedCase(
  villageId: string,
  fields: Partial<WelfareCaseFields> = {},
  status: CaseStatus = 'received',
): Promise<CaseRef> {
  const { status: _ignored, ...rest } = fields;
  const id = uuidv7();
  await saveChanges(
    openCaseChanges(
      villageId,
      {
        category: 'elderly-care',
        channel: 'walk-in',
        description: 'ขอรับความช่วยเหลือ',
        priority: 'normal',
        receivedAt: '2025-11-01T09:00:00+07:00',
        ...rest,
      },
      '2025-11-01T09:00:00+07:00',
      id,
    ),
  );
  if (status !== 'received') {
    await saveChanges([{ op: 'patch', type: 'case', id, villageId, patch: { status } }]);
  }
  return { id, villageId, status };
}

/** One assistance entry on the case; returns its id. */
export async function seedAssistance(
  caseRef: CaseRef,
  entry: Partial<AssistanceFields>,
): Promise<string> {
  const [change] = assistanceChanges(caseRef, {
    programCode: 'disaster-relief',
    category: 'disaster-relief',
    deliveredAt: '2025-11-05',
    ...entry,
  });
  const id = uuidv7();
  await saveChanges([{ ...(change as NonNullable<typeof change>), id }]);
  return id;
}

/** The queued mutations, oldest first. */
export async function queued() {
  return db().outbox.orderBy('n').toArray();
}
