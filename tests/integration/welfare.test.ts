// Welfare records through the real push and pull (docs/domain.md §3G) on every database: who may
// move a case to which status, the append-only assistance ledger, concurrent status changes
// kept as a conflict, and the village scope of welfare officers.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import type { CaseStatus } from '../../src/shared/model/welfare';
import type { Mutation } from '../../src/shared/sync/protocol';
import { testDatabases } from './databases';
import { createUser, testApp } from './helpers';
import {
  household,
  newCase,
  outcome,
  replay,
  type SyncSeed,
  syncSeed,
  TestDevice,
} from './syncHelpers';

const databases = await testDatabases();

describe.each(databases)('welfare cases on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  let v1: string;
  let v2: string;
  const device = (who: keyof SyncSeed['users']) => TestDevice.open(app, store, data.users[who]);

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    [v1, v2] = data.villages.map((v) => v.id) as [string, string];
    app = await testApp(store, { rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  /** Opens a case in `villageId` as `by`, with its first timeline entry; returns its id. */
  async function openCase(by: TestDevice, villageId = v1): Promise<string> {
    const id = uuidv7();
    const txId = uuidv7();
    const pushed = await by.push([
      by.mutation({ op: 'create', type: 'case', id, villageId, txId, patch: newCase() }),
      statusChange(by, id, villageId, undefined, 'received', txId),
    ]);
    expect(outcome(pushed.results)).toEqual(['applied', 'applied']);
    return id;
  }

  function statusChange(
    by: TestDevice,
    caseId: string,
    villageId: string,
    from: CaseStatus | undefined,
    to: CaseStatus,
    txId: string,
  ): Mutation {
    return by.mutation({
      op: 'create',
      type: 'caseStatusChange',
      id: uuidv7(),
      villageId,
      txId,
      patch: {
        caseId,
        ...(from ? { fromStatus: from } : {}),
        toStatus: to,
        at: new Date().toISOString(),
      },
    });
  }

  /** The case's status patch and its timeline entry in one transaction, as the app sends them. */
  async function moveCase(
    by: TestDevice,
    caseId: string,
    to: CaseStatus,
    options: { villageId?: string; blind?: boolean } = {},
  ): Promise<Mutation[]> {
    const villageId = options.villageId ?? v1;
    const stored = await store.getRecord(caseId);
    const from = stored?.fields.status as CaseStatus;
    const seen = options.blind ? 0 : (stored?.fieldMeta.status?.seq ?? 0);
    const txId = uuidv7();
    return [
      by.mutation({
        type: 'case',
        id: caseId,
        villageId,
        txId,
        patch: { status: to },
        base: { status: seen },
      }),
      statusChange(by, caseId, villageId, from, to, txId),
    ];
  }

  async function quarantined(mutationIds: string[]) {
    const rows = await store.listQuarantine({ status: 'open', villageIds: null, limit: 1000 });
    return rows.filter((row) => mutationIds.includes(row.mutationId));
  }

  async function timeline(caseId: string) {
    const records = await store.recordsSince(v1, 0, 10_000);
    return records
      .filter((r) => r.type === 'caseStatusChange' && r.fields.caseId === caseId)
      .map((r) => r.fields.toStatus);
  }

  it('moves a case received -> assessed for a welfare officer', async () => {
    const officer = await device('welfare');
    const caseId = await openCase(officer);
    const pushed = await officer.push(await moveCase(officer, caseId, 'assessed'));
    expect(outcome(pushed.results)).toEqual(['applied', 'applied']);
    expect((await store.getRecord(caseId))?.fields.status).toBe('assessed');
    expect(await timeline(caseId)).toEqual(['received', 'assessed']);
  });

  it("quarantines a welfare officer's approval, lands the rest of the queue; a supervisor's is applied", async () => {
    const officer = await device('welfare');
    const caseId = await openCase(officer);
    await officer.push(await moveCase(officer, caseId, 'assessed'));

    const approve = await moveCase(officer, caseId, 'approved');
    const householdId = uuidv7();
    const rest = officer.mutation({
      op: 'create',
      id: householdId,
      villageId: v1,
      patch: household(),
    });
    const pushed = await officer.push([...approve, rest]);
    // The timeline entry claims the same move: refused for the same reason.
    expect(outcome(pushed.results)).toEqual([
      'status_not_allowed',
      'status_not_allowed',
      'applied',
    ]);
    expect((await store.getRecord(caseId))?.fields.status).toBe('assessed');
    expect(await store.getRecord(householdId)).not.toBeNull();
    const kept = await quarantined(approve.map((m) => m.mutationId));
    expect(kept.map((q) => q.reason)).toEqual(['status_not_allowed', 'status_not_allowed']);
    const refused = kept.find((q) => q.recordId === caseId);
    expect(refused).toMatchObject({
      recordId: caseId,
      userId: data.users.welfare.id,
      mutation: approve[0],
      details: { from: 'assessed', to: 'approved', role: 'welfare' },
    });

    const supervisor = await device('supervisor');
    const approved = await supervisor.push(await moveCase(supervisor, caseId, 'approved'));
    expect(outcome(approved.results)).toEqual(['applied', 'applied']);
    expect((await store.getRecord(caseId))?.fields.status).toBe('approved');
    expect(await timeline(caseId)).toEqual(['received', 'assessed', 'approved']);
  });

  it("quarantines a surveyor's status change and a case created already done", async () => {
    const surveyor = await device('surveyor1');
    // A surveyor opens a case, with its first timeline entry, as the app does.
    const caseId = await openCase(surveyor);
    const byCase = await moveCase(surveyor, caseId, 'assessed');
    const pushed = await surveyor.push([byCase[0] as Mutation]);
    expect(outcome(pushed.results)).toEqual(['status_not_allowed']);
    // Nor a timeline entry claiming that move.
    const entry = await surveyor.push([byCase[1] as Mutation]);
    expect(outcome(entry.results)).toEqual(['status_not_allowed']);
    expect((await store.getRecord(caseId))?.fields.status).toBe('received');

    const officer = await device('welfare');
    const done = officer.mutation({
      op: 'create',
      type: 'case',
      id: uuidv7(),
      villageId: v1,
      patch: newCase({ status: 'done' }),
    });
    expect(outcome((await officer.push([done])).results)).toEqual(['status_not_allowed']);
    expect(await store.getRecord(done.id)).toBeNull();
    expect(await quarantined([done.mutationId])).toEqual([
      expect.objectContaining({ reason: 'status_not_allowed', mutation: done }),
    ]);
  });

  it('refuses a case created without a status, which would skip the steps to done', async () => {
    const officer = await device('welfare');
    const { status: _, ...withoutStatus } = newCase();
    const id = uuidv7();
    const create = officer.mutation({
      op: 'create',
      type: 'case',
      id,
      villageId: v1,
      patch: withoutStatus,
    });
    const finish = officer.mutation({
      type: 'case',
      id,
      villageId: v1,
      patch: { status: 'done' },
      base: { status: 0 },
    });
    const pushed = await officer.push([create, finish]);
    expect(outcome(pushed.results)).toEqual(['status_not_allowed', 'record_missing']);
    expect(await store.getRecord(id)).toBeNull();
  });

  it('keeps assistance append-only: a patch or delete is quarantined, a reversing entry lands', async () => {
    const officer = await device('welfare');
    const caseId = await openCase(officer);
    const entryId = uuidv7();
    const entry = {
      caseId,
      programCode: 'disaster-relief',
      amountTHB: 3000,
      deliveredAt: '2026-11-20',
      category: 'disaster-relief',
    };
    const given = officer.mutation({
      op: 'create',
      type: 'assistance',
      id: entryId,
      villageId: v1,
      patch: entry,
    });
    expect(outcome((await officer.push([given])).results)).toEqual(['applied']);
    const seq = (await store.getRecord(entryId))?.fieldMeta.amountTHB?.seq ?? 0;

    const supervisor = await device('supervisor');
    const edit = supervisor.mutation({
      type: 'assistance',
      id: entryId,
      villageId: v1,
      patch: { amountTHB: 300 },
      base: { amountTHB: seq },
    });
    const removal = supervisor.mutation({
      op: 'delete',
      type: 'assistance',
      id: entryId,
      villageId: v1,
      base: { deleted: 0 },
    });
    const reversalId = uuidv7();
    const reversal = supervisor.mutation({
      op: 'create',
      type: 'assistance',
      id: reversalId,
      villageId: v1,
      patch: { ...entry, amountTHB: -3000, reversesId: entryId, deliveredAt: '2026-11-21' },
    });
    const pushed = await supervisor.push([edit, removal, reversal]);
    expect(outcome(pushed.results)).toEqual(['append_only', 'append_only', 'applied']);
    expect(await store.getRecord(entryId)).toMatchObject({
      deleted: false,
      fields: { amountTHB: 3000 },
    });
    expect((await store.getRecord(reversalId))?.fields).toMatchObject({
      amountTHB: -3000,
      reversesId: entryId,
    });
    const kept = await quarantined([edit.mutationId, removal.mutationId]);
    expect(kept.map((q) => q.details)).toEqual(
      expect.arrayContaining([
        { type: 'assistance', op: 'patch' },
        { type: 'assistance', op: 'delete' },
      ]),
    );
  });

  it("holds a status move made without seeing the other officer's for a supervisor", async () => {
    const first = await device('welfare');
    const second = await TestDevice.open(
      app,
      store,
      await createUser(store, { username: 'welfare2', role: 'welfare', villageIds: [v1, v2] }),
    );
    const caseId = await openCase(first);
    // Both saw the case `received`; neither sees the other's change before pushing.
    const assess = await moveCase(first, caseId, 'assessed');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const reject = await moveCase(second, caseId, 'rejected');
    expect(outcome((await first.push(assess)).results)).toEqual(['applied', 'applied']);
    // Rejecting an assessed case is an officer's move, but this one was decided on a case the
    // officer saw `received`: not applied, with its timeline entry, and kept for a supervisor.
    const late = await second.push(reject);
    expect(outcome(late.results)).toEqual(['status_unseen', 'transaction_failed']);

    expect((await store.getRecord(caseId))?.fields.status).toBe('assessed');
    expect(await timeline(caseId)).toEqual(['received', 'assessed']);
    const kept = await quarantined(reject.map((m) => m.mutationId));
    expect(kept.find((q) => q.recordId === caseId)).toMatchObject({
      reason: 'status_unseen',
      details: { from: 'assessed', to: 'rejected' },
      mutation: reject[0],
    });
    const open = (
      await store.listConflicts({ status: 'open', villageIds: [v1], limit: 1000 })
    ).filter((c) => c.recordId === caseId);
    expect(open).toEqual([]);
  });

  it('shows a village-bound welfare officer the cases of their villages only', async () => {
    const officer = await device('welfare');
    const inA = await openCase(officer, v1);
    const inB = await openCase(officer, v2);
    const local = await TestDevice.open(
      app,
      store,
      await createUser(store, { username: 'welfare-moo1', role: 'welfare', villageIds: [v1] }),
    );
    const seen = replay(await local.pullAll());
    expect(seen.get(inA)?.type).toBe('case');
    expect(seen.has(inB)).toBe(false);
    expect([...seen.values()].every((record) => record.villageId === v1)).toBe(true);

    const intoB = local.mutation({
      op: 'create',
      type: 'case',
      id: uuidv7(),
      villageId: v2,
      patch: newCase(),
    });
    const moveB = await moveCase(local, inB, 'assessed', { villageId: v2 });
    const pushed = await local.push([intoB, ...moveB]);
    expect(outcome(pushed.results)).toEqual([
      'village_not_allowed',
      'village_not_allowed',
      'village_not_allowed',
    ]);
    expect(await store.getRecord(intoB.id)).toBeNull();
    expect((await store.getRecord(inB))?.fields.status).toBe('received');
  });
});
