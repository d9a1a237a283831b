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
