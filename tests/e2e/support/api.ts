import { type APIRequestContext, expect } from '@playwright/test';
import { uuidv7 } from '../../../src/shared/ids';
import { formatHlc } from '../../../src/shared/sync/hlc';
import type { FieldValues, Mutation, RecordType } from '../../../src/shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION } from '../../../src/shared/sync/upgrade';
import { DEMO_PASSWORD } from './app';

/** A demo user signed in through the API, as another device would be. */
export interface ApiDevice {
  request: APIRequestContext;
  clientId: string;
  headers: Record<string, string>;
  userId: string;
  villageIdByMoo: Map<number, string>;
  nextN: number;
}

export async function apiLogin(request: APIRequestContext, username: string): Promise<ApiDevice> {
  const clientId = `e2e-${username}-${Date.now().toString(36)}`;
  const login = await request.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD, clientId },
  });
  expect(login.ok()).toBe(true);
  const { token } = await login.json();
  const headers = { authorization: `Bearer ${token}` };
  const me = await (await request.get('/api/me', { headers })).json();
  const villages = await (await request.get('/api/villages', { headers })).json();
  const list = (villages.villages ?? villages) as Array<{ id: string; mooNo: number }>;
  return {
    request,
    clientId,
    headers,
    userId: (me.user ?? me).id,
    villageIdByMoo: new Map(list.map((village) => [village.mooNo, village.id])),
    nextN: 1,
  };
}

/** Creates records in one transaction, as the app's `edit` would, and checks they all landed. */
export async function pushCreates(
  device: ApiDevice,
  records: Array<{ type: RecordType; id: string; villageId: string; fields: FieldValues }>,
): Promise<void> {
  const txId = uuidv7();
  const mutations: Mutation[] = records.map((record, i) => ({
    mutationId: `${device.clientId}:${device.nextN + i}`,
    clientId: device.clientId,
    txId,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    hlc: formatHlc({ millis: Date.now(), counter: i, clientId: device.clientId }),
    op: 'create',
    type: record.type,
    id: record.id,
    villageId: record.villageId,
    patch: record.fields,
    base: Object.fromEntries(Object.keys(record.fields).map((field) => [field, 0])),
  }));
  device.nextN += mutations.length;
  const push = await device.request.post('/api/sync/push', {
    headers: device.headers,
    data: { clientId: device.clientId, mutations },
  });
  expect(push.ok()).toBe(true);
  const body = (await push.json()) as { results: Array<{ status: string; reason?: string }> };
  expect(body.results.map((result) => result.reason ?? result.status)).toEqual(
    mutations.map(() => 'applied'),
  );
}

/** Pushes one patch of an existing record, as a device that last saw the fields at `base`. */
export async function pushPatch(
  device: ApiDevice,
  record: { type: RecordType; id: string; villageId: string },
  patch: FieldValues,
  base: Record<string, number>,
): Promise<{ status: string; reason?: string; conflictFields?: string[] }> {
  const mutation: Mutation = {
    mutationId: `${device.clientId}:${device.nextN}`,
    clientId: device.clientId,
    txId: uuidv7(),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    hlc: formatHlc({ millis: Date.now(), counter: 0, clientId: device.clientId }),
    op: 'patch',
    ...record,
    patch,
    base,
  };
  device.nextN += 1;
  const push = await device.request.post('/api/sync/push', {
    headers: device.headers,
    data: { clientId: device.clientId, mutations: [mutation] },
  });
  expect(push.ok()).toBe(true);
  const body = (await push.json()) as {
    results: Array<{ status: string; reason?: string; conflictFields?: string[] }>;
  };
  return body.results[0] as { status: string; reason?: string; conflictFields?: string[] };
}

/**
 * The review queue's raw material, made through the API: a household of หมู่ 1 whose road two
 * surveyors changed from the same base (one conflict), and a patch of it with a value no form
 * offers (one quarantined mutation).
 */
export async function makeConflictAndQuarantine(
  request: APIRequestContext,
  houseNo: string,
): Promise<{ householdId: string }> {
  const first = await apiLogin(request, 'surveyor1');
  const second = await apiLogin(request, 'surveyor3');
  const villageId = first.villageIdByMoo.get(1) as string;
  const householdId = uuidv7();
  await pushCreates(first, [
    {
      type: 'household',
      id: householdId,
      villageId,
      fields: {
        houseNo,
        mooNo: 1,
        surveyDate: new Date().toISOString().slice(0, 10),
        surveyorId: first.userId,
        privacyNoticeGiven: true,
      },
    },
  ]);
  const record = { type: 'household' as const, id: householdId, villageId };
  expect((await pushPatch(first, record, { road: 'ถนนเครื่องหนึ่ง' }, { road: 0 })).status).toBe(
    'applied',
  );
  // The later write wins; the earlier value is kept as the conflict's loser.
  expect((await pushPatch(second, record, { road: 'ถนนเครื่องสอง' }, { road: 0 })).status).toBe(
    'applied',
  );
  const refused = await pushPatch(
    second,
    record,
    { houseCondition: 'castle' },
    { houseCondition: 0 },
  );
  expect(refused).toMatchObject({ status: 'quarantined', reason: 'invalid_fields' });
  return { householdId };
}
