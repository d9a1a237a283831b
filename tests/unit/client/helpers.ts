import Dexie from 'dexie';
import { vi } from 'vitest';
import type { OutboxRow } from '../../../src/client/db/database';
import { closeDb, DB_NAME } from '../../../src/client/db/database';
import { closeAccountsDb } from '../../../src/client/security/accounts';
import { signOutLocally } from '../../../src/client/security/deviceLock';

export type Reply = [status: number, body?: unknown, headers?: Record<string, string>];

/**
 * Stubs the global fetch with answers per `"METHOD /path"`; an unlisted request fails the
 * test loudly. Returns the mock so tests can read the requests.
 */
export function stubApi(routes: Record<string, Reply | ((body: unknown) => Reply)>) {
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const key = `${method} ${String(input)}`;
    const route = routes[key];
    if (!route) throw new Error(`unexpected request ${key}`);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const [status, payload, headers] = typeof route === 'function' ? route(body) : route;
    return new Response(payload === undefined ? null : JSON.stringify(payload), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  });
  vi.stubGlobal('fetch', mock);
  return mock;
}

export function apiError(code: string, message = code, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/**
 * A fresh, empty browser for the next test: no unlocked user, and no database of this origin
 * left — the plain one, the accounts registry (`tambon-field-accounts`) and every user's
 * `tambon-field-<userId>`.
 */
export async function resetDatabase(): Promise<void> {
  signOutLocally();
  closeDb();
  closeAccountsDb();
  const names = (await indexedDB.databases())
    .map((database) => database.name ?? '')
    .filter((name) => name === DB_NAME || name.startsWith(`${DB_NAME}-`));
  await Promise.all([...new Set([DB_NAME, ...names])].map((name) => Dexie.delete(name)));
}

/** The names of the databases this origin holds now (a wipe leaves none of a user's). */
export async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((database) => database.name ?? '');
}

/** A PIN the PIN setup accepts (not all one digit, not a run). */
export const PIN = '482916';
export const PASSWORD = 'demo1234';

export const ORGANIZATION = {
  id: '01930000-0000-7000-8000-000000000001',
  name: 'องค์การบริหารส่วนตำบลพระเจ้า',
  subdistrictCode: '451104',
  districtCode: '4511',
  provinceCode: '45',
  subdistrictNameTh: 'พระเจ้า',
  districtNameTh: 'เชียงขวัญ',
  provinceNameTh: 'ร้อยเอ็ด',
  postalCode: '45000',
};

export const VILLAGES = [
  { id: '01930000-0000-7000-8000-0000000000a1', mooNo: 1, name: 'บ้านพระเจ้า', code: '45110401' },
  { id: '01930000-0000-7000-8000-0000000000a2', mooNo: 2, name: 'บ้านหนองแวง', code: '45110402' },
];

export const SURVEYOR = {
  id: '01930000-0000-7000-8000-0000000000b1',
  username: 'surveyor1',
  name: 'สมชาย ใจดี',
  role: 'surveyor' as const,
  villageIds: VILLAGES.map((v) => v.id),
};

export const LOGIN_OK = {
  token: 'token-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: SURVEYOR,
};

export const ME_OK = {
  user: { ...SURVEYOR, disabled: false },
  organization: ORGANIZATION,
  villages: VILLAGES,
  serverTime: '2025-10-01T03:00:00.000Z',
};

/** One edit waiting in the outbox: what an unsynced device holds. */
export const QUEUED_CREATE: OutboxRow = {
  n: 1,
  bytes: 10,
  mutationId: 'c:1',
  clientId: 'c',
  txId: 't1',
  schemaVersion: 1,
  hlc: '2026-11-21T05:19:00.000Z-0000-clientAAAA',
  op: 'create',
  type: 'household',
  id: 'r1',
  villageId: 'v1',
  patch: {},
  base: {},
};
