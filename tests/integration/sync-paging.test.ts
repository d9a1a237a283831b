// Property: whatever writers do (create, edit with fresh or stale bases, delete, move records
// between villages, some of them out of the puller's sight) and however the puller pages
// (random small limits, interleaved with the writes), the puller ends with exactly the records
// of its villages, each at its latest version; every village's deliveries come in increasing
// seq order and no change comes twice.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import type { PullResponse } from '../../src/shared/sync/protocol';
import { testDatabases } from './databases';
import { createUser, testApp } from './helpers';
import { household, replay, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();

type Command =
  | { kind: 'create'; writer: number; village: number }
  | { kind: 'edit'; writer: number; pick: number; stale: boolean; value: number }
  | { kind: 'delete'; writer: number; pick: number }
  | { kind: 'move'; writer: number; pick: number; village: number }
  | { kind: 'pull'; limit: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), writer: fc.nat(1), village: fc.nat(2) }),
  fc.record({
    kind: fc.constant('edit' as const),
    writer: fc.nat(1),
    pick: fc.nat(),
    stale: fc.boolean(),
    value: fc.nat(99),
  }),
  fc.record({ kind: fc.constant('delete' as const), writer: fc.nat(1), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('move' as const),
    writer: fc.nat(1),
    pick: fc.nat(),
    village: fc.nat(2),
  }),
  fc.record({ kind: fc.constant('pull' as const), limit: fc.integer({ min: 1, max: 6 }) }),
);

describe.each(databases)('pull paging property on $name', (database) => {
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

  it('delivers every change once, in order, and ends at the latest state', async () => {
    const villages = data.villages.slice(0, 3).map((v) => v.id);
    // The puller sees หมู่ 1–2; writers also move records to and from หมู่ 3.
    const reader = await createUser(store, {
      username: 'reader12',
      role: 'surveyor',
      villageIds: villages.slice(0, 2),
    });
    let run = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
        run++;
        const writers = [
          await TestDevice.open(app, store, data.users.welfare),
          await TestDevice.open(app, store, data.users.supervisor),
        ];
        const puller = await TestDevice.open(app, store, reader);
        const ids: string[] = [];
        const pages: PullResponse[] = [];
        for (const c of commands) {
          if (c.kind === 'pull') {
            pages.push(await puller.pull(c.limit));
            continue;
          }
          const writer = writers[c.writer] as TestDevice;
          if (c.kind === 'create' || ids.length === 0) {
            const id = uuidv7();
            ids.push(id);
            const village = villages[c.kind === 'create' ? c.village : 0] as string;
            await writer.push([
              writer.mutation({ op: 'create', id, villageId: village, patch: household({ run }) }),
            ]);
            continue;
          }
          const id = ids[c.pick % ids.length] as string;
          const current = await store.getRecord(id);
          if (!current) throw new Error('created records exist');
          const at = current.villageId;
          if (c.kind === 'edit') {
            const base = c.stale ? 0 : (current.fieldMeta.houseNo?.seq ?? 0);
            await writer.push([
              writer.mutation({
                id,
                villageId: at,
                patch: { houseNo: `v${c.value}` },
                base: { houseNo: base },
              }),
            ]);
          } else if (c.kind === 'delete') {
            const base = current.fieldMeta.deleted?.seq ?? 0;
            await writer.push([
              writer.mutation({ op: 'delete', id, villageId: at, base: { deleted: base } }),
            ]);
          } else {
            const to = villages[c.village] as string;
            await writer.push([
              writer.mutation({ id, villageId: to, patch: { note: `moved ${run}` }, base: {} }),
            ]);
          }
        }
        pages.push(...(await puller.pullAll(3)));

        const lastSeq = new Map<string, number>();
        const delivered = new Set<string>();
        for (const page of pages) {
          const items = [
            ...page.changes.map((r) => ({
              key: `r${r.id}@${r.villageId}:${r.seq}`,
              villageId: r.villageId,
              seq: r.seq,
            })),
            ...page.departures.map((d) => ({
              key: `d${d.id}@${d.villageId}:${d.seq}`,
              villageId: d.villageId,
              seq: d.seq,
            })),
          ];
          const byVillage = new Map<string, number[]>();
          for (const item of items) {
            expect(delivered.has(item.key), item.key).toBe(false);
            delivered.add(item.key);
            byVillage.set(item.villageId, [...(byVillage.get(item.villageId) ?? []), item.seq]);
          }
          for (const [villageId, seqs] of byVillage) {
            const sorted = [...seqs].sort((a, b) => a - b);
            expect(sorted[0]).toBeGreaterThan(lastSeq.get(villageId) ?? 0);
            expect(new Set(sorted).size).toBe(sorted.length);
            lastSeq.set(villageId, sorted.at(-1) as number);
          }
        }

        const truth = new Map(
          [...replay(await (await TestDevice.open(app, store, reader)).pullAll(5000))].filter(
            ([id]) => ids.includes(id),
          ),
        );
        const seen = new Map([...replay(pages)].filter(([id]) => ids.includes(id)));
        expect(seen).toEqual(truth);
        for (const id of ids) {
          const stored = await store.getRecord(id);
          const visible = stored && villages.slice(0, 2).includes(stored.villageId);
          expect(truth.has(id), id).toBe(Boolean(visible));
        }
      }),
      { numRuns: 25 },
    );
  });
});
