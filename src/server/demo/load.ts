// `--demo`: the demo tambon of the seeds, loaded idempotently (only what is missing is added).
// Demo accounts exist only in demo mode. Households come from demoHouseholds.ts, then the
// welfare cases, visits, assistance and enrollments from demoWelfare.ts, then the tax map's
// parcels from demo/parcels.ts.
import { uuidv7 } from '../../shared/ids';
import { villageCode } from '../../shared/model/organization';
import type { Role } from '../../shared/model/user';
import { hashPassword } from '../auth/passwords';
import { ensureOrganization } from '../setup';
import type { Store } from '../store';
import { loadDemoBasemap } from './basemap';
import { loadDemoHouseholds } from './households';
import { loadDemoParcels } from './parcels';
import { loadDemoWelfare } from './welfare';

export const DEMO_SUBDISTRICT = '451804';
export const DEMO_ORGANIZATION_NAME = 'อบต.พระเจ้า';
export const DEMO_PASSWORD = 'demo1234';

export const DEMO_VILLAGES: ReadonlyArray<{ mooNo: number; name: string }> = [
  { mooNo: 1, name: 'บ้านพระเจ้า' },
  { mooNo: 2, name: 'บ้านหนองแวง' },
  { mooNo: 3, name: 'บ้านโนนสว่าง' },
  { mooNo: 4, name: 'บ้านดอนแดง' },
  { mooNo: 5, name: 'บ้านหนองบัว' },
  { mooNo: 6, name: 'บ้านโคกกลาง' },
  { mooNo: 7, name: 'บ้านสระแก้ว' },
  { mooNo: 8, name: 'บ้านนาเจริญ' },
  { mooNo: 9, name: 'บ้านหัวขัว' },
  { mooNo: 10, name: 'บ้านพระเจ้าพัฒนา' },
];

interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  /** หมู่ numbers; 'all' for every village. */
  villages: number[] | 'all';
  note: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', name: 'สมชาย ใจดี', role: 'admin', villages: 'all', note: 'admin' },
  {
    username: 'supervisor',
    name: 'สุนีย์ ตรวจดี',
    role: 'supervisor',
    villages: [],
    note: 'supervisor, all villages',
  },
  {
    username: 'surveyor1',
    name: 'บุญมี สำรวจ',
    role: 'surveyor',
    villages: [1, 2, 3],
    note: 'surveyor, หมู่ 1–3',
  },
  {
    username: 'surveyor3',
    name: 'สมพร เดินสำรวจ',
    role: 'surveyor',
    villages: [1, 2, 3],
    note: 'surveyor, หมู่ 1–3 (a second device in the same villages)',
  },
  {
    username: 'surveyor2',
    name: 'มาลี ลงพื้นที่',
    role: 'surveyor',
    villages: [4, 5, 6],
    note: 'surveyor, หมู่ 4–6',
  },
  {
    username: 'welfare1',
    name: 'อรุณี สวัสดิการ',
    role: 'welfare',
    villages: 'all',
    note: 'welfare, all villages',
  },
];

export interface DemoResult {
  villagesCreated: number;
  usersCreated: string[];
  householdsCreated: number;
  casesCreated: number;
  parcelsCreated: number;
  basemapCreated: boolean;
}

export async function loadDemo(store: Store, at = new Date().toISOString()): Promise<DemoResult> {
  const { organization } = await ensureOrganization(
    store,
    DEMO_SUBDISTRICT,
    DEMO_ORGANIZATION_NAME,
    at,
  );
  const missing: DemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (!(await store.getCredentials({ username: account.username }))) missing.push(account);
  }
  // Hashing is the slow part: in parallel, before the transaction.
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));

  const accounts = await store.transaction(async (tx) => {
    const villageIdByMoo = new Map((await tx.listVillages()).map((v) => [v.mooNo, v.id]));
    let villagesCreated = 0;
    for (const { mooNo, name } of DEMO_VILLAGES) {
      if (villageIdByMoo.has(mooNo)) continue;
      const code = villageCode(organization.subdistrictCode, mooNo);
      const village = await tx.createVillage({ id: uuidv7(), mooNo, name, code }, at);
      villageIdByMoo.set(mooNo, village.id);
      villagesCreated++;
    }
    for (const [index, account] of missing.entries()) {
      const mooNos = account.villages === 'all' ? [...villageIdByMoo.keys()] : account.villages;
      await tx.createUser({
        id: uuidv7(),
        username: account.username,
        name: account.name,
        role: account.role,
        villageIds: mooNos.flatMap((moo) => villageIdByMoo.get(moo) ?? []),
        passwordHash: hashes[index] as string,
        at,
      });
    }
    const usersCreated = missing.map((a) => a.username);
    if (villagesCreated > 0 || usersCreated.length > 0) {
      await tx.appendAudit({
        at,
        userId: null,
        action: 'demo.load',
        target: organization.id,
        details: { villagesCreated, usersCreated },
      });
    }
    return { villagesCreated, usersCreated };
  });
  const supervisor = await store.getCredentials({ username: 'supervisor' });
  const householdsCreated = supervisor
    ? await loadDemoHouseholds(store, {
        villages: await store.listVillages(),
        surveyor: { id: supervisor.id, role: 'supervisor' },
        at,
      })
    : 0;
  const officer = await store.getCredentials({ username: 'welfare1' });
  const casesCreated =
    supervisor && officer
      ? await loadDemoWelfare(store, {
          villages: await store.listVillages(),
          supervisor: { id: supervisor.id, role: 'supervisor' },
          officerId: officer.id,
          at,
        })
      : 0;
  // The tax map's parcels around the houses, imported as the admin would (issue 16).
  const admin = await store.getCredentials({ username: 'admin' });
  const parcelsCreated =
    admin?.role === 'admin'
      ? await loadDemoParcels(store, { admin: { id: admin.id, role: 'admin' }, at })
      : 0;
  // A tiny generated basemap (demo/basemap.ts), so the map has tiles to download.
  const basemapCreated =
    admin?.role === 'admin' ? await loadDemoBasemap(store, { admin, at }) : false;
  return { ...accounts, householdsCreated, casesCreated, parcelsCreated, basemapCreated };
}
