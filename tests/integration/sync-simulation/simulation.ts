// A randomized multi-device world: real client sync code on fake-indexeddb, the real server
// in-process on a real database, and a network that drops, duplicates, delays and replays.
import 'fake-indexeddb/auto';
import type { FastifyInstance } from 'fastify';
import { TambonDatabase } from '../../../src/client/db/database';
import { EditError, edit, type RecordChange } from '../../../src/client/sync/edit';
import { SyncEngine } from '../../../src/client/sync/engine';
import { overlayPending } from '../../../src/client/sync/localRecords';
import { readSyncState } from '../../../src/client/sync/syncState';
import {
  CounterGapError,
  expectedNFrom,
  type SyncTransport,
} from '../../../src/client/sync/transport';
import type { Store } from '../../../src/server/store';
import { uuidv7 } from '../../../src/shared/ids';
import type { Mutation, SyncRecord } from '../../../src/shared/sync/protocol';

export const OP_KINDS = [
  'createHousehold',
  'patch',
  'patch',
  'patch',
  'delete',
  'restore',
  'resolve',
  'sync',
  'sync',
  'crash',
  'replay',
  'forbidden',
] as const;
export type OpKind = (typeof OP_KINDS)[number];

export interface Op {
  device: number;
  kind: OpKind;
  /** Picks a record, a field, a conflict… by index modulo the choices. */
  pick: number;
  value: number;
}

/** What the network does to one request: 0–99, mapped onto faults by `faultOf`. */
export type FaultRoll = number;

type Fault = 'ok' | 'dropRequest' | 'dropResponse' | 'duplicate' | 'delay';

function faultOf(roll: FaultRoll): Fault {
  if (roll < 10) return 'dropRequest';
  if (roll < 20) return 'dropResponse';
  if (roll < 28) return 'duplicate';
  if (roll < 34) return 'delay';
  return 'ok';
}

export class NetworkError extends Error {
  constructor(what: string) {
    super(`network: ${what}`);
    this.name = 'NetworkError';
  }
}

interface DelayedRequest {
  url: string;
  body: unknown;
  token: string;
}

/** The network all devices share: one stream of fault rolls, and requests held back for later. */
export class Network {
  private index = 0;
  perfect = false;
  /** Requests that were dropped, duplicated or delayed. */
  faults = 0;
  readonly delayed: DelayedRequest[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly rolls: FaultRoll[],
  ) {}

  private nextFault(): Fault {
    if (this.perfect || this.rolls.length === 0) return 'ok';
    const roll = this.rolls[this.index % this.rolls.length] ?? 99;
    this.index += 1;
    return faultOf(roll);
  }

  async deliver(url: string, body: unknown, token: string) {
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: body as Record<string, unknown>,
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.statusCode !== 200 && response.statusCode !== 409) {
      throw new Error(`unexpected HTTP ${response.statusCode} on ${url}: ${response.body}`);
    }
    return response;
  }

  async send(url: string, body: unknown, token: string): Promise<unknown> {
    const fault = this.nextFault();
    if (fault !== 'ok') this.faults += 1;
    if (fault === 'dropRequest') throw new NetworkError('request lost');
    if (fault === 'delay') {
      this.delayed.push({ url, body: structuredClone(body), token });
      throw new NetworkError('timed out (request still on its way)');
    }
    let response = await this.deliver(url, body, token);
    if (fault === 'duplicate') response = await this.deliver(url, body, token);
    if (fault === 'dropResponse') throw new NetworkError('response lost');
    if (response.statusCode === 409) {
      const expectedN = expectedNFrom(response.json());
      if (expectedN === null) throw new Error(`409 without expectedN: ${response.body}`);
      throw new CounterGapError(expectedN);
    }
    return response.json();
  }

  /** A request held back arrives now, long after the device gave up on it. */
  async replay(pick: number): Promise<void> {
    if (this.delayed.length === 0) return;
    const [request] = this.delayed.splice(pick % this.delayed.length, 1);
    if (request) await this.deliver(request.url, request.body, request.token);
  }
}

export interface DeviceSpec {
  userId: string;
  token: string;
  clientId: string;
  /** Villages the user may write in; the first is the one it usually works in. */
  villages: string[];
  /** A village outside the user's scope, for edits the server must quarantine. */
  foreignVillage: string;
  skewMs: number;
}

const HOUSEHOLD_FIELDS = ['houseNo', 'toilet', 'householdDebtTHB', 'note'] as const;
const PERSON_FIELDS = ['firstName', 'incomeMonthlyTHB', 'note'] as const;

function fieldValue(field: string, value: number): unknown {
  switch (field) {
    case 'houseNo':
      return value % 17 === 0 ? '' : `${value % 40}/${value % 3}`; // '' is invalid: quarantined
    case 'toilet':
      return value % 2 === 0;
    case 'householdDebtTHB':
    case 'incomeMonthlyTHB':
      return (value % 50) * 100;
    case 'firstName':
      return ['บุญมี', 'สมศรี', 'ประเสริฐ', 'คำปุ่น', 'ทองใบ'][value % 5];
    default:
      return `note ${value % 7}`;
  }
}

/** One phone: its IndexedDB survives crashes; its engine (and clock) is rebuilt on restart. */
export class SimDevice {
  engine!: SyncEngine;
  database!: TambonDatabase;
  readonly made: Mutation[] = [];
  readonly cursorLog: Array<Record<string, number>> = [];
  private readonly dbName = `sim-${uuidv7()}`;

  constructor(
    readonly spec: DeviceSpec,
    private readonly network: Network,
  ) {}

  private transport(): SyncTransport {
    const { token } = this.spec;
    return {
      push: (request) => this.network.send('/api/sync/push', request, token) as never,
      pull: (request) => this.network.send('/api/sync/pull', request, token) as never,
    };
  }

  async start(): Promise<void> {
    this.database = new TambonDatabase(this.dbName);
    await this.database.open();
    this.engine = await SyncEngine.open(
      this.database,
      this.spec.clientId,
      this.transport(),
      () => Date.now() + this.spec.skewMs,
    );
  }

  async crash(): Promise<void> {
    this.database.close();
    await this.start();
  }

  async destroy(): Promise<void> {
    this.database.close();
    await new TambonDatabase(this.dbName).delete();
  }

  /** Syncs; a network failure is normal, anything else fails the test. */
  async sync(): Promise<boolean> {
    try {
      await this.engine.sync();
      return true;
    } catch (error) {
      if (error instanceof NetworkError) return false;
      throw error;
    } finally {
      const state = await this.database.transaction('r', this.database.meta, () =>
        readSyncState(this.database),
      );
      this.cursorLog.push({ ...state.cursors });
    }
  }

  private async localRecords() {
    const [records, pending] = await Promise.all([
      this.database.records.toArray(),
      this.database.pending.toArray(),
    ]);
    const byId = new Map(records.map((r) => [r.id, r]));
    const ids = new Set([...byId.keys(), ...pending.map((p) => p.id)]);
    const pendingById = new Map(pending.map((p) => [p.id, p]));
    return [...ids]
      .sort()
      .map((id) => overlayPending(byId.get(id), pendingById.get(id)))
      .filter((r) => r !== null);
  }

  private async save(changes: RecordChange[]): Promise<void> {
    try {
      this.made.push(...(await edit(this.engine.device, changes)));
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
    }
  }

  async run(op: Op): Promise<void> {
    const home = this.spec.villages[op.pick % this.spec.villages.length] ?? this.spec.villages[0];
    if (!home) return;
    switch (op.kind) {
      case 'createHousehold': {
        const householdId = uuidv7();
        const members = op.value % 3;
        const changes: RecordChange[] = [
          {
            op: 'create',
            type: 'household',
            id: householdId,
            villageId: home,
            patch: { houseNo: fieldValue('houseNo', op.value + 1), toilet: op.value % 2 === 0 },
          },
        ];
        for (let i = 0; i < members; i++) {
          changes.push({
            op: 'create',
            type: 'person',
            villageId: home,
            patch: {
              householdId,
              firstName: fieldValue('firstName', op.value + i),
              lastName: 'ใจดี',
            },
          });
        }
        return this.save(changes);
      }
      case 'patch':
      case 'delete':
      case 'restore': {
        const records = await this.localRecords();
        const record = records[op.pick % Math.max(1, records.length)];
        if (!record) return;
        if (op.kind !== 'patch') {
          return this.save([
            { op: op.kind, type: record.type, id: record.id, villageId: record.villageId },
          ]);
        }
        const fields = record.type === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS;
        const field = fields[op.value % fields.length] ?? 'note';
        return this.save([
          {
            op: 'patch',
            type: record.type,
            id: record.id,
            villageId: record.villageId,
            patch: { [field]: fieldValue(field, op.value) },
          },
        ]);
      }
      case 'resolve': {
        const open = await this.database.conflicts.filter((c) => c.resolvedAt === null).toArray();
        const conflict = open[op.pick % Math.max(1, open.length)];
        if (!conflict) return;
        const chosen = op.value % 2 === 0 ? conflict.winner : conflict.loser;
        return this.save([
          {
            op: 'resolve',
            type: conflict.type,
            id: conflict.recordId,
            villageId: conflict.villageId,
            patch: { [conflict.field]: chosen.value },
          },
        ]);
      }
      case 'forbidden':
        // A village this user has no right to, or a record type its role may not write.
        return this.save([
          op.value % 2 === 0
            ? {
                op: 'create',
                type: 'household',
                villageId: this.spec.foreignVillage,
                patch: { houseNo: '9' },
              }
            : { op: 'create', type: 'visit', villageId: home, patch: { note: 'visit' } },
        ]);
      case 'sync':
        await this.sync();
        return;
      case 'crash':
        return this.crash();
      case 'replay':
        return this.network.replay(op.pick);
    }
  }
}

export interface ServerView {
  records: Map<string, SyncRecord>;
  settledMutationIds: Set<string>;
}

/** What the server holds for the given villages, and every mutation it applied, lost or quarantined. */
export async function serverView(store: Store, villageIds: string[]): Promise<ServerView> {
  const records = new Map<string, SyncRecord>();
  for (const villageId of villageIds) {
    for (const record of await store.recordsSince(villageId, 0, 1_000_000))
      records.set(record.id, record);
  }
  const settledMutationIds = new Set<string>();
  for (const id of records.keys()) {
    for (const entry of await store.fieldHistory(id))
      if (entry.mutationId) settledMutationIds.add(entry.mutationId);
  }
  const quarantined = await store.listQuarantine({
    status: 'all',
    villageIds: null,
    limit: 1_000_000,
  });
  for (const entry of quarantined) settledMutationIds.add(entry.mutationId);
  return { records, settledMutationIds };
}
