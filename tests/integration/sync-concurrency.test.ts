// PostgreSQL only: several pushers on parallel pool connections write into the same two
// villages while a puller pages through them with a small limit. This is the "commit order is
// not sequence order" test: if a transaction could take seq 5, let another one take seq 6 and
// commit first, the puller would move its cursor past 5 and never see it. The bucket row lock
// (`UPDATE buckets … RETURNING seq`, held to commit) is what makes commit order = seq order.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import type { Mutation, PulledRecord, PullResponse } from '../../src/shared/sync/protocol';
import { testDatabases } from './databases';
import { testApp } from './helpers';
import { household, replay, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const postgres = (await testDatabases()).filter((d) => d.name === 'postgres');

const PUSHERS = 4;
const BATCHES = 16;
const BATCH_SIZE = 10;
const PULL_LIMIT = 7;

describe.each(postgres)('concurrent push and pull on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    app = await testApp(store, { rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('delivers every change once, in seq order per village, while pushes race', async () => {
    const villages = data.villages.slice(0, 2).map((v) => v.id) as [string, string];
    // A few records every pusher edits, so pushes also contend on record locks.
    const shared = [uuidv7(), uuidv7(), uuidv7()];
    const seeder = await TestDevice.open(app, store, data.users.welfare);
    await seeder.push(
      shared.map((id, i) =>
        seeder.mutation({
          op: 'create',
          id,
          villageId: villages[i % 2] as string,
          patch: household(),
        }),
      ),
    );

    const pushers = await Promise.all(
      Array.from({ length: PUSHERS }, () => TestDevice.open(app, store, data.users.welfare)),
    );
    const puller = await TestDevice.open(app, store, data.users.surveyor1);
    let pushing = true;

    async function pusherLoop(device: TestDevice, p: number) {
      const own: Array<{ id: string; villageId: string }> = [];
      for (let b = 0; b < BATCHES; b++) {
        const batch: Mutation[] = [];
        for (let i = 0; i < BATCH_SIZE; i++) {
          const k = b * BATCH_SIZE + i;
          if (k % 5 === 4) {
            const id = shared[k % shared.length] as string;
            const villageId = villages[shared.indexOf(id) % 2] as string;
            batch.push(
              device.mutation({
                id,
                villageId,
                patch: { [`p${p}`]: k, soi: `p${p}-${k}` },
                base: { soi: 0 },
              }),
            );
          } else if (own.length > 0 && k % 3 === 0) {
            const target = own[(k * 7) % own.length] as { id: string; villageId: string };
            batch.push(
              device.mutation({ ...target, patch: { houseNo: `${p}-${k}` }, base: { houseNo: 0 } }),
            );
          } else {
            const target = { id: uuidv7(), villageId: villages[(p + k) % 2] as string };
            own.push(target);
            batch.push(
              device.mutation({
                op: 'create',
                ...target,
                patch: household({ houseNo: `${p}-${k}` }),
              }),
            );
          }
        }
        const pushed = await device.push(batch);
        expect(pushed.results.every((r) => r.status === 'applied')).toBe(true);
      }
    }

    const pages: PullResponse[] = [];
    async function pullerLoop() {
      let quietPages = 0;
      // Keep paging while pushes land, then until two pages in a row bring nothing new.
      while (pushing || quietPages < 2) {
        const page = await puller.pull(PULL_LIMIT);
        pages.push(page);
        quietPages = !pushing && !page.hasMore && page.changes.length === 0 ? quietPages + 1 : 0;
        if (!page.hasMore) await new Promise((resolve) => setImmediate(resolve));
      }
    }

    const pulling = pullerLoop();
    await Promise.all(pushers.map((device, p) => pusherLoop(device, p)));
    pushing = false;
    await pulling;

    const deliveries = pages.flatMap((page) => page.changes);

    // Seqs strictly increase per village in delivery order; no change is delivered twice.
    const lastSeq = new Map<string, number>();
    const delivered = new Set<string>();
    for (const record of deliveries) {
      expect(record.seq, `${record.villageId} went back`).toBeGreaterThan(
        lastSeq.get(record.villageId) ?? 0,
      );
      lastSeq.set(record.villageId, record.seq);
      const key = `${record.id}@${record.seq}`;
      expect(delivered.has(key), key).toBe(false);
      delivered.add(key);
    }

    // The puller ends with every record's latest version: nothing was skipped.
    const truth = replay(
      await (await TestDevice.open(app, store, data.users.welfare)).pullAll(5000),
    );
    const seen = replay(pages);
    const missing: PulledRecord[] = [];
    for (const [id, record] of truth) {
      if (!record || JSON.stringify(seen.get(id)) !== JSON.stringify(record)) missing.push(record);
    }
    expect(missing.map((r) => `${r.id}@${r.seq}`)).toEqual([]);
    expect(seen.size).toBe(truth.size);
    // The race really ran: many pages, most of them while pushes were landing.
    expect(pages.length).toBeGreaterThan(20);
    expect(deliveries.length).toBeGreaterThan(PUSHERS * BATCHES * BATCH_SIZE * 0.5);
    for (const villageId of villages) {
      expect(puller.cursors[villageId]).toBe((await store.bucketSeqs([villageId])).get(villageId));
    }
  });
});

if (postgres.length === 0) {
  describe('concurrent push and pull', () => {
    it('needs PostgreSQL, which is not reachable here (REQUIRE_POSTGRES=1 makes this a failure)', () => {
      expect(process.env.REQUIRE_POSTGRES).not.toBe('1');
    });
  });
}
