import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type AppOptions, buildApp } from '../../src/server/app';
import { hashPassword } from '../../src/server/auth/passwords';
import { hashToken, newSessionToken } from '../../src/server/auth/tokens';
import type { Store, UserRecord } from '../../src/server/store';
import { ApiErrorBody, type ErrorCode } from '../../src/shared/api/errors';
import { uuidv7 } from '../../src/shared/ids';
import type { Role } from '../../src/shared/model/user';

export const PASSWORD = 'correct horse';

// Full-cost scrypt takes ~0.4 s: hash the shared test password once per file.
let sharedHash: Promise<string> | undefined;
export function passwordHash(): Promise<string> {
  sharedHash ??= hashPassword(PASSWORD);
  return sharedHash;
}

/** A clock tests can move forward. */
export function testClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms: number) => {
      offsetMs += ms;
    },
  };
}

export function testApp(store: Store, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  return buildApp({ store, logger: false, appVersion: 'test', ...options });
}

export interface Seed {
  villages: { id: string; mooNo: number }[];
  users: Record<'admin' | 'supervisor' | 'surveyor' | 'welfare', UserRecord>;
}

/** Three villages and one user per role (the surveyor in หมู่ 1–2), all with `PASSWORD`. */
export async function seed(store: Store): Promise<Seed> {
  const at = new Date().toISOString();
  const villages = [];
  for (const mooNo of [1, 2, 3]) {
    const code = `451804${String(mooNo).padStart(2, '0')}`;
    villages.push(
      await store.createVillage({ id: uuidv7(), mooNo, name: `บ้าน ${mooNo}`, code }, at),
    );
  }
  const all = villages.map((v) => v.id);
  const make = (username: string, role: Role, villageIds: string[]) =>
    createUser(store, { username, role, villageIds });
  return {
    villages,
    users: {
      admin: await make('admin', 'admin', all),
      supervisor: await make('supervisor', 'supervisor', []),
      surveyor: await make('surveyor', 'surveyor', all.slice(0, 2)),
      welfare: await make('welfare', 'welfare', all),
    },
  };
}

export async function createUser(
  store: Store,
  user: { username: string; role: Role; villageIds?: string[]; disabled?: boolean },
): Promise<UserRecord> {
  return store.createUser({
    id: uuidv7(),
    name: `ทดสอบ ${user.username}`,
    villageIds: [],
    ...user,
    passwordHash: await passwordHash(),
    at: new Date().toISOString(),
  });
}

let clientCounter = 0;
export function newClientId(): string {
  clientCounter += 1;
  return `test-client-${process.pid}-${clientCounter}`;
}

export async function login(
  app: FastifyInstance,
  username: string,
  clientId = newClientId(),
): Promise<{ token: string; clientId: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD, clientId },
  });
  expect(response.statusCode, response.body).toBe(200);
  return { token: response.json().token, clientId };
}

/**
 * A session made straight in the store, as a login would make it, without paying for a full
 * scrypt verification: for tests whose subject is not the login itself.
 */
export async function openSession(
  store: Store,
  userId: string,
  at: Date = new Date(),
  clientId = newClientId(),
): Promise<{ token: string; clientId: string }> {
  const token = newSessionToken();
  const now = at.getTime();
  await store.saveDevice({ clientId, userId, name: null, at: new Date(now).toISOString() });
  await store.createSession({
    tokenHash: hashToken(token),
    userId,
    clientId,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 30 * 24 * 60 * 60_000).toISOString(),
    lastUsedAt: new Date(now).toISOString(),
  });
  return { token, clientId };
}

export function call(
  app: FastifyInstance,
  token: string | null,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  const headers = { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return app.inject({ ...options, headers });
}

/** Asserts the status and that the body is the API's error shape with `code`. */
export function expectError(response: LightMyRequestResponse, status: number, code: ErrorCode) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = ApiErrorBody.parse(response.json());
  expect(body.error.code).toBe(code);
  return body.error;
}
