import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../../../src/client/db/database';
import { createFieldCipher } from '../../../../src/client/security/fieldCipher';
import { newDataKey } from '../../../../src/client/security/keyring';
import { SyncEngine } from '../../../../src/client/sync/engine';
import type { SyncTransport } from '../../../../src/client/sync/transport';
import { uuidv7 } from '../../../../src/shared/ids';
import type {
  Cursors,
  PulledRecord,
  PullRequest,
  PullResponse,
} from '../../../../src/shared/sync/protocol';
import { openSealedDatabase } from '../sealedDatabase';

const CLIENT = 'unitTestDevice01';
const V1 = uuidv7();
const V2 = uuidv7();
const village = (id: string, mooNo: number) => ({ id, mooNo, name: `v${mooNo}`, code: '4518040' });

function record(villageId: string, seq: number): PulledRecord {
  return {
    id: uuidv7(),
    type: 'household',
    villageId,
    schemaVersion: 1,
    fields: { houseNo: String(seq) },
    deleted: false,
    seq,
    fieldSeq: {},
  };
}

function page(
  changes: PulledRecord[],
  cursors: Cursors,
  hasMore: boolean,
  villages = [village(V1, 1), village(V2, 2)],
  scopeVersion = 1,
): PullResponse {
  return {
    changes,
    departures: [],
    cursors,
    hasMore,
    ackedThroughN: 0,
    conflicts: [],
    scope: { version: scopeVersion, villages },
    serverTime: new Date().toISOString(),
  };
}

/** Answers pulls from a script keyed by the cursors asked for; records every request. */
function scriptedTransport(answers: Array<[Cursors, PullResponse | Error]>) {
  const requests: PullRequest[] = [];
  const transport: SyncTransport = {
    push: () => Promise.reject(new Error('no push here')),
    async pull(request) {
      requests.push(request);
      const answer = answers.find(([cursors]) => sameJson(cursors, request.cursors))?.[1];
      if (!answer) throw new Error(`unexpected cursors ${JSON.stringify(request.cursors)}`);
      if (answer instanceof Error) throw answer;
      return structuredClone(answer);
    },
  };
  return { transport, requests };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

let database: TambonDatabase;

beforeEach(async () => {
  database = new TambonDatabase(`pull-test-${uuidv7()}`);
  await database.open();
});

afterEach(async () => {
  await database.delete();
});

describe('pull', () => {
  it('asks for the next page with the cursors this page leaves, while writing this one', async () => {
    const first = [record(V1, 1), record(V1, 2)];
    const second = [record(V1, 3), record(V2, 1)];
    const { transport, requests } = scriptedTransport([
      [{}, page(first, { [V1]: 2, [V2]: 0 }, true)],
      [{ [V1]: 2, [V2]: 0 }, page(second, { [V1]: 3, [V2]: 1 }, false)],
    ]);
    const engine = await SyncEngine.open(database, CLIENT, transport);
    await engine.pull();
    expect(requests.map((r) => r.cursors)).toEqual([{}, { [V1]: 2, [V2]: 0 }]);
    expect(await database.records.count()).toBe(4);
    const state = (await database.meta.get('sync'))?.value as { cursors: Cursors } | undefined;
    expect(state?.cursors).toEqual({ [V1]: 3, [V2]: 1 });
  });

  it('asks again when the stored cursors differ from the guess (a village left the scope)', async () => {
    await database.meta.put({
      key: 'sync',
      value: {
        cursors: { [V1]: 5, [V2]: 7 },
        scopeVersion: 1,
        lastHlc: null,
        serverOffsetMs: 0,
        lastSyncAt: null,
      },
    });
    const kept = record(V1, 5);
    await database.records.put(kept);
    const onlyV1 = [village(V1, 1)];
    // The page leaves the scope changed, so its changes are checked against stored copies: an
    // older copy of a stored record (which no server sends) is not written.
    const stale = { ...kept, seq: 4, fields: { houseNo: 'stale' } };
    const { transport, requests } = scriptedTransport([
      [{ [V1]: 5, [V2]: 7 }, page([record(V1, 6), stale], { [V1]: 6 }, true, onlyV1, 2)],
      // The guess keeps V2's cursor; the stored state dropped V2 with its village.
      [{ [V1]: 6, [V2]: 7 }, page([], { [V1]: 6 }, false, onlyV1, 2)],
      [{ [V1]: 6 }, page([record(V1, 7)], { [V1]: 7 }, false, onlyV1, 2)],
    ]);
    const engine = await SyncEngine.open(database, CLIENT, transport);
    await engine.pull();
    expect(requests.map((r) => r.cursors)).toEqual([
      { [V1]: 5, [V2]: 7 },
      { [V1]: 6, [V2]: 7 },
      { [V1]: 6 },
    ]);
    expect((await database.records.toArray()).map((r) => r.seq).sort()).toEqual([5, 6, 7]);
    expect(await database.records.get(kept.id)).toEqual(kept);
  });

  it('fails with the page that failed; the next page asked for meanwhile is dropped', async () => {
    const { transport } = scriptedTransport([
      [{}, page([record(V1, 1)], { [V1]: 1, [V2]: 0 }, true)],
      [{ [V1]: 1, [V2]: 0 }, new Error('network down')],
    ]);
    const engine = await SyncEngine.open(database, CLIENT, transport);
    await expect(engine.pull()).rejects.toThrow('network down');
    expect(await database.records.count()).toBe(1);
  });

  it('writes a page with its cursors or not at all: a page that fails leaves the cursors of the one before', async () => {
    const first = [record(V1, 1)];
    const broken = page([record(V1, 2)], { [V1]: 2, [V2]: 0 }, false);
    // A conflict row without its key: IndexedDB refuses it, inside the page's transaction.
    broken.conflicts = [{} as PullResponse['conflicts'][number]];
    const { transport } = scriptedTransport([
      [{}, page(first, { [V1]: 1, [V2]: 0 }, true)],
      [{ [V1]: 1, [V2]: 0 }, broken],
    ]);
    const engine = await SyncEngine.open(database, CLIENT, transport);
    await expect(engine.pull()).rejects.toThrow();
    expect((await database.records.toArray()).map((r) => r.id)).toEqual([first[0]?.id]);
    const state = (await database.meta.get('sync'))?.value as { cursors: Cursors } | undefined;
    expect(state?.cursors).toEqual({ [V1]: 1, [V2]: 0 });
  });

  it('pulls into a sealed database: the records are stored sealed and read back whole', async () => {
    const cipher = createFieldCipher(newDataKey());
    const name = `pull-sealed-test-${uuidv7()}`;
    const sealed = openSealedDatabase(name, () => cipher);
    const raw = new TambonDatabase(name);
    try {
      const person: PulledRecord = {
        ...record(V1, 2),
        type: 'person',
        fields: { firstName: 'สมหญิง', nationalId: '1101700203451' },
      };
      const changes = [record(V1, 1), person];
      const { transport } = scriptedTransport([[{}, page(changes, { [V1]: 2, [V2]: 0 }, false)]]);
      const engine = await SyncEngine.open(sealed, CLIENT, transport);
      await engine.pull();
      expect(await sealed.records.get(person.id)).toEqual(person);
      expect(await sealed.records.get(changes[0]?.id as string)).toEqual(changes[0]);
      const stored = await raw.records.get(person.id);
      expect(Object.keys(stored?.fields ?? {})).toEqual(['$sealed']);
      expect(JSON.stringify(await raw.records.toArray())).not.toContain('1101700203451');
    } finally {
      sealed.close();
      raw.close();
      await TambonDatabase.delete(name);
    }
  });
});
