import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../../../src/client/db/database';
import { createFieldCipher } from '../../../../src/client/security/fieldCipher';
import { newDataKey } from '../../../../src/client/security/keyring';
import { edit, type RecordChange } from '../../../../src/client/sync/edit';
import { SyncEngine } from '../../../../src/client/sync/engine';
import {
  CounterGapError,
  RefusedMutationsError,
  type SyncTransport,
} from '../../../../src/client/sync/transport';
import { uuidv7 } from '../../../../src/shared/ids';
import { mutationCounter, type PushRequest } from '../../../../src/shared/sync/protocol';
import { openSealedDatabase } from '../sealedDatabase';

const CLIENT = 'unitTestDevice01';
const VILLAGE = uuidv7();

/** A server that applies pushes in counter order, as the real one does. */
function fakeServer(
  options: { lastN?: number; gapOnce?: boolean; refuses?: (houseNo: unknown) => boolean } = {},
) {
  let lastN = options.lastN ?? 0;
  let gapOnce = options.gapOnce ?? false;
  const requests: PushRequest[] = [];
  const transport: SyncTransport = {
    async push(request) {
      requests.push(structuredClone(request));
      if (gapOnce) {
        gapOnce = false;
        throw new CounterGapError(lastN + 1);
      }
      const refused = request.mutations.flatMap((m, i) =>
        options.refuses?.(m.patch.houseNo) ? [i] : [],
      );
      // As the real server: a mutation it cannot even quarantine refuses the whole push.
      if (refused.length > 0) throw new RefusedMutationsError(refused);
      const results = request.mutations.map((m) => {
        const n = mutationCounter(m.mutationId);
        if (n <= lastN) return { mutationId: m.mutationId, status: 'duplicate' as const };
        if (n !== lastN + 1) throw new CounterGapError(lastN + 1);
        lastN = n;
        return { mutationId: m.mutationId, status: 'applied' as const };
      });
      return { lastN, results, serverTime: new Date().toISOString() };
    },
    pull: () => Promise.reject(new Error('no pull here')),
  };
  return { transport, requests, lastN: () => lastN };
}

/** `households` transactions of a household and `members` people each. */
async function queue(engine: SyncEngine, households: number, members: number) {
  for (let i = 0; i < households; i++) {
    const householdId = uuidv7();
    const changes: RecordChange[] = [
      {
        op: 'create',
        type: 'household',
        id: householdId,
        villageId: VILLAGE,
        patch: { houseNo: `${i}` },
      },
    ];
    for (let m = 0; m < members; m++) {
      changes.push({ op: 'create', type: 'person', villageId: VILLAGE, patch: { householdId } });
    }
    await edit(engine.device, changes);
  }
}

let database: TambonDatabase;

beforeEach(async () => {
  database = new TambonDatabase(`push-test-${uuidv7()}`);
  await database.open();
});

afterEach(async () => {
  await database.delete();
});

describe('push', () => {
  it('sends the outbox in counter order, 500 at most, never splitting a transaction', async () => {
    const server = fakeServer();
    const engine = await SyncEngine.open(database, CLIENT, server.transport);
    await queue(engine, 300, 3); // 1,200 mutations in transactions of 4
    await engine.push();
    const sent = server.requests.map((r) => r.mutations.map((m) => mutationCounter(m.mutationId)));
    expect(sent.flat()).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    for (const batch of sent) {
      expect(batch.length).toBeLessThanOrEqual(500);
      expect(batch.length % 4).toBe(0);
    }
    expect(server.lastN()).toBe(1200);
    expect(await database.outbox.count()).toBe(0);
  });

  it('skips what the server already acknowledged beyond the batch (an answer was lost)', async () => {
    const server = fakeServer({ lastN: 800 });
    const engine = await SyncEngine.open(database, CLIENT, server.transport);
    await queue(engine, 250, 3); // 1,000 mutations; the server already has 1–800
    await engine.push();
    const firsts = server.requests.map((r) => mutationCounter(r.mutations[0]?.mutationId ?? ':0'));
    expect(firsts).toEqual([1, 801]);
    expect(await database.outbox.count()).toBe(0);
  });

  it('recovers from a counter gap and sends everything once more', async () => {
    const server = fakeServer({ gapOnce: true });
    const engine = await SyncEngine.open(database, CLIENT, server.transport);
    await queue(engine, 200, 3);
    await engine.push();
    expect(server.lastN()).toBe(800);
    expect(await database.outbox.count()).toBe(0);
  });

  it('sets aside a mutation the server refuses whole, and the queue behind it still lands', async () => {
    const server = fakeServer({ refuses: (houseNo) => houseNo === '1' });
    const engine = await SyncEngine.open(database, CLIENT, server.transport);
    await queue(engine, 3, 1); // households 0, 1, 2 with one member each: n 1–6
    await engine.push();
    // The second transaction (n 3–4) is set aside whole; the third is numbered on from 3.
    expect(server.lastN()).toBe(4);
    expect(await database.outbox.count()).toBe(0);
    const kept = await database.quarantined.toArray();
    expect(kept.map((row) => [row.reason, row.mutation.mutationId])).toEqual([
      ['refused', `${CLIENT}:3`],
      ['refused', `${CLIENT}:4`],
    ]);
    expect(kept[0]?.mutation.patch.houseNo).toBe('1');
    const last = server.requests.at(-1)?.mutations ?? [];
    expect(last.map((m) => [m.mutationId, m.patch.houseNo ?? null])).toEqual([
      [`${CLIENT}:1`, '0'],
      [`${CLIENT}:2`, null],
      [`${CLIENT}:3`, '2'],
      [`${CLIENT}:4`, null],
    ]);
  });

  it('sends the outbox of a sealed database opened, as it was queued', async () => {
    const cipher = createFieldCipher(newDataKey());
    const name = `push-sealed-test-${uuidv7()}`;
    const sealed = openSealedDatabase(name, () => cipher);
    const raw = new TambonDatabase(name);
    try {
      const server = fakeServer();
      const engine = await SyncEngine.open(sealed, CLIENT, server.transport);
      await queue(engine, 130, 3); // 520 mutations: two requests
      const queued = await sealed.outbox.orderBy('n').toArray();
      // At rest a person's patch is sealed (a household keeps its house number clear)…
      expect((await raw.outbox.get(2))?.patch).toEqual({ $sealed: expect.any(Uint8Array) });
      await engine.push();
      // …and what went to the server is each mutation as queued.
      expect(server.requests.flatMap((r) => r.mutations)).toEqual(
        queued.map(({ n: _n, bytes: _bytes, ...mutation }) => mutation),
      );
      expect(server.requests).toHaveLength(2);
      expect(await sealed.outbox.count()).toBe(0);
    } finally {
      sealed.close();
      raw.close();
      await TambonDatabase.delete(name);
    }
  });
});
