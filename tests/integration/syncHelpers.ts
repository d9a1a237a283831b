// A device as the sync tests drive it: numbers its mutations, stamps them with its own HLC
// clock, pushes and pulls through app.inject. Villages and users for the sync tests.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Store, UserRecord } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import type { Village } from '../../src/shared/model/organization';
import type { Role } from '../../src/shared/model/user';
import { type Clock, createClock } from '../../src/shared/sync/hlc';
import {
  type Cursors,
  type Mutation,
  type MutationOp,
  type MutationResult,
  type PulledRecord,
  PullResponse,
  PushResponse,
  type RecordType,
} from '../../src/shared/sync/protocol';
import { call, createUser, openSession } from './helpers';

export interface SyncSeed {
  villages: Village[];
  users: Record<'admin' | 'supervisor' | 'surveyor1' | 'surveyor2' | 'welfare', UserRecord>;
}

/** Six villages; surveyor1 in หมู่ 1–3, surveyor2 in หมู่ 4–6, as in the demo tambon. */
export async function syncSeed(store: Store): Promise<SyncSeed> {
  const at = new Date().toISOString();
  const villages: Village[] = [];
  for (const mooNo of [1, 2, 3, 4, 5, 6]) {
    const code = `451804${String(mooNo).padStart(2, '0')}`;
    villages.push(
      await store.createVillage({ id: uuidv7(), mooNo, name: `บ้าน ${mooNo}`, code }, at),
    );
  }
  const ids = villages.map((v) => v.id);
  const make = (username: string, role: Role, villageIds: string[]) =>
    createUser(store, { username, role, villageIds });
  return {
    villages,
    users: {
      admin: await make('admin', 'admin', ids.slice(0, 3)),
      supervisor: await make('supervisor', 'supervisor', []),
      surveyor1: await make('surveyor1', 'surveyor', ids.slice(0, 3)),
      surveyor2: await make('surveyor2', 'surveyor', ids.slice(3, 6)),
      welfare: await make('welfare', 'welfare', ids),
    },
  };
}

export interface MutationInput {
  op?: MutationOp;
  type?: RecordType;
  id: string;
  villageId: string;
  patch?: Record<string, unknown>;
  base?: Record<string, number>;
  txId?: string;
}

export class TestDevice {
  n = 0;
  readonly clock: Clock;
  cursors: Cursors = {};

  constructor(
    readonly app: FastifyInstance,
    readonly token: string,
    readonly clientId: string,
    readonly userId: string,
    now: () => number = Date.now,
  ) {
    this.clock = createClock(clientId, { now });
  }

  static async open(
    app: FastifyInstance,
    store: Store,
    user: UserRecord,
    now?: () => number,
  ): Promise<TestDevice> {
    const { token, clientId } = await openSession(store, user.id);
    return new TestDevice(app, token, clientId, user.id, now);
  }

  /** The next mutation of this device (the counter and the clock move on). */
  mutation(input: MutationInput, overrides: Partial<Mutation> = {}): Mutation {
    this.n += 1;
    const mutationId = `${this.clientId}:${this.n}`;
    return {
      mutationId,
      clientId: this.clientId,
      txId: input.txId ?? mutationId,
      schemaVersion: 1,
      hlc: this.clock.next(),
      op: input.op ?? 'patch',
      type: input.type ?? 'household',
      id: input.id,
      villageId: input.villageId,
      patch: input.patch ?? {},
      base: input.base ?? {},
      ...overrides,
    };
  }

  pushRaw(mutations: unknown[], clientId = this.clientId): Promise<LightMyRequestResponse> {
    return call(this.app, this.token, {
      method: 'POST',
      url: '/api/sync/push',
      payload: { clientId, mutations },
    });
  }

  /** Pushes and expects 200. */
  async push(mutations: Mutation[]): Promise<PushResponse> {
    const response = await this.pushRaw(mutations);
    expect(response.statusCode, response.body).toBe(200);
    return PushResponse.parse(response.json());
  }

  pullRaw(cursors: Cursors, limit?: number): Promise<LightMyRequestResponse> {
    return call(this.app, this.token, {
      method: 'POST',
      url: '/api/sync/pull',
      payload: { clientId: this.clientId, cursors, ...(limit ? { limit } : {}) },
    });
  }

  /** One page from the given cursors (default: this device's), moving this device's cursors. */
  async pull(limit?: number, cursors: Cursors = this.cursors): Promise<PullResponse> {
    const response = await this.pullRaw(cursors, limit);
    expect(response.statusCode, response.body).toBe(200);
    const page = PullResponse.parse(response.json());
    this.cursors = { ...cursors, ...page.cursors };
    return page;
  }

  /** Every page until hasMore is false; the pages in order. */
  async pullAll(limit?: number): Promise<PullResponse[]> {
    const pages: PullResponse[] = [];
    for (let i = 0; i < 10_000; i++) {
      const page = await this.pull(limit);
      pages.push(page);
      if (!page.hasMore) return pages;
    }
    throw new Error('pull never finished');
  }
}

/** The latest version of each record over a sequence of pages (departures remove). */
export function replay(pages: PullResponse[]): Map<string, PulledRecord> {
  const state = new Map<string, PulledRecord>();
  for (const page of pages) {
    for (const gone of page.departures) {
      if (state.get(gone.id)?.villageId === gone.villageId) state.delete(gone.id);
    }
    for (const record of page.changes) state.set(record.id, record);
  }
  return state;
}

export const household = (overrides: Record<string, unknown> = {}) => ({
  houseNo: '12/3',
  mooNo: 1,
  surveyDate: '2026-01-15',
  surveyorId: uuidv7(),
  privacyNoticeGiven: true,
  ...overrides,
});

/** A new welfare case's fields, as an officer's intake form sends them. */
export const newCase = (overrides: Record<string, unknown> = {}) => ({
  category: 'elderly-care',
  channel: 'field-visit',
  description: 'ผู้สูงอายุติดเตียง ขอแพมเพิสและเตียงลม',
  priority: 'normal',
  status: 'received',
  receivedAt: '2026-11-20T09:00:00+07:00',
  ...overrides,
});

/** Each result as its quarantine reason, or its status when it has none. */
export const outcome = (results: MutationResult[]) => results.map((r) => r.reason ?? r.status);
