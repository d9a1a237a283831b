import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { OTHER_DEVICE } from '../../src/server/sync/pull';
import { uuidv7 } from '../../src/shared/ids';
import { formatHlc, parseHlc } from '../../src/shared/sync/hlc';
import type { Mutation, PullResponse } from '../../src/shared/sync/protocol';
import { fieldSeqOf } from '../../src/shared/sync/pulled';
import { testDatabases } from './databases';
import { call, createUser, expectError, testApp } from './helpers';
import { household, replay, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();
const YEAR_MS = 365 * 24 * 60 * 60_000;

describe.each(databases)('sync push and pull on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  let v1: string;
  let v2: string;
  let v4: string;
  const device = (who: keyof SyncSeed['users']) => TestDevice.open(app, store, data.users[who]);

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    [v1, v2, , v4] = data.villages.map((v) => v.id) as [string, string, string, string];
    app = await testApp(store, { rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('round trip: a created household reaches another device with its field meta', async () => {
    const a = await device('surveyor1');
    const b = await device('welfare');
    const id = uuidv7();
    const create = a.mutation({ op: 'create', id, villageId: v1, patch: household() });
    const pushed = await a.push([create]);
    expect(pushed).toMatchObject({
      lastN: 1,
      results: [{ mutationId: create.mutationId, status: 'applied' }],
    });
    expect(Date.parse(pushed.serverTime)).not.toBeNaN();

    const pages = await b.pullAll();
    const record = replay(pages).get(id);
    expect(record).toMatchObject({
      id,
      type: 'household',
      villageId: v1,
      deleted: false,
      fields: household({ surveyorId: create.patch.surveyorId }),
    });
    // Devices get each field's seq (implied: all were set at the record's seq); who set a
    // field and when stay on the server.
    expect(record?.fieldSeq).toEqual({});
    expect(record && fieldSeqOf(record, 'houseNo')).toBe(record?.seq);
    expect((await store.getRecord(id))?.fieldMeta.houseNo).toEqual({
      seq: record?.seq,
      hlc: create.hlc,
      by: data.users.surveyor1.id,
    });
    expect(pages[0]?.ackedThroughN).toBe(0);
    expect((await a.pull()).ackedThroughN).toBe(1);

    const audit = await store.listAudit({ limit: 20 });
    const pushes = audit.filter((e) => e.action === 'sync.push' && e.target === a.clientId);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]?.details).toMatchObject({ received: 1, applied: 1, quarantined: 0 });
  });

  it('a duplicate push is idempotent: duplicates, same lastN, no new seq', async () => {
    const a = await device('surveyor1');
    const id = uuidv7();
    const batch = [
      a.mutation({ op: 'create', id, villageId: v2, patch: household({ mooNo: 2 }) }),
      a.mutation({ id, villageId: v2, patch: { toilet: true }, base: { toilet: 0 } }),
    ];
    expect((await a.push(batch)).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    await a.pullAll();
    const cursorsBefore = { ...a.cursors };

    const again = await a.push(batch);
    expect(again.lastN).toBe(2);
    expect(again.results).toEqual(
      batch.map((m) => ({ mutationId: m.mutationId, status: 'duplicate' })),
    );
    const page = await a.pull();
    expect(page.changes).toEqual([]);
    expect(page.cursors).toEqual(cursorsBefore);
    expect((await store.fieldHistory(id)).length).toBe(Object.keys(household()).length + 1);
  });

  it('a counter gap answers 409 with expectedN; resending from there recovers', async () => {
    const a = await device('surveyor1');
    const ids = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const [m1, m2, m3, m4] = ids.map((id) =>
      a.mutation({ op: 'create', id, villageId: v1, patch: household() }),
    ) as [Mutation, Mutation, Mutation, Mutation];

    const gap = await a.pushRaw([m2, m3]);
    expect(expectError(gap, 409, 'conflict').details).toMatchObject({ expectedN: 1 });
    // Valid mutations before the gap are committed; nothing from the gap on.
    const partly = await a.pushRaw([m1, m3, m4]);
    expect(expectError(partly, 409, 'conflict').details).toMatchObject({ expectedN: 2, lastN: 1 });
    expect(await store.getRecord(ids[0] as string)).not.toBeNull();
    expect(await store.getRecord(ids[2] as string)).toBeNull();

    const recovered = await a.push([m2, m3, m4]);
    expect(recovered.lastN).toBe(4);
    expect(recovered.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('keeps edit versus delete as a conflict; the record is restorable', async () => {
    const a = await device('surveyor1');
    const b = await device('welfare');
    const id = uuidv7();
    await a.push([a.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    const seen = (await store.getRecord(id)) as NonNullable<
      Awaited<ReturnType<Store['getRecord']>>
    >;

    await a.push([a.mutation({ op: 'delete', id, villageId: v1, base: { deleted: 0 } })]);
    // B edits the record it saw before the delete: the edit is kept, and flagged.
    const edit = b.mutation({
      id,
      villageId: v1,
      patch: { houseNo: '99' },
      base: { houseNo: seen.fieldMeta.houseNo?.seq ?? 0 },
    });
    const pushed = await b.push([edit]);
    expect(pushed.results[0]).toMatchObject({ status: 'applied', conflictFields: ['deleted'] });
    const tombstone = await store.getRecord(id);
    expect(tombstone).toMatchObject({ deleted: true, fields: { houseNo: '99' } });

    const conflict = replayConflicts(await b.pullAll()).find((c) => c.recordId === id);
    expect(conflict).toMatchObject({
      field: 'deleted',
      winner: { value: true, by: data.users.surveyor1.id },
      loser: { value: false, hlc: edit.hlc, by: data.users.welfare.id },
      resolvedAt: null,
    });

    const restore = b.mutation({
      op: 'restore',
      id,
      villageId: v1,
      base: { deleted: tombstone?.fieldMeta.deleted?.seq ?? 0 },
    });
    expect((await b.push([restore])).results[0]?.status).toBe('applied');
    const alive = await store.getRecord(id);
    expect(alive).toMatchObject({ deleted: false, fields: { houseNo: '99' } });

    // Resolving closes the conflict, and every device learns it at its next pull.
    const resolve = b.mutation({
      op: 'resolve',
      id,
      villageId: v1,
      patch: { deleted: false },
      base: { deleted: alive?.fieldMeta.deleted?.seq ?? 0 },
    });
    expect((await b.push([resolve])).results[0]?.status).toBe('applied');
    const closed = (await a.pullAll()).flatMap((p) => p.conflicts).filter((c) => c.recordId === id);
    expect(closed.at(-1)?.resolvedAt).not.toBeNull();
  });

  it('lands a household and its members together or not at all', async () => {
    const a = await device('surveyor1');
    const householdId = uuidv7();
    const txId = uuidv7();
    const member = (firstName: string) =>
      a.mutation({
        op: 'create',
        type: 'person',
        id: uuidv7(),
        villageId: v1,
        txId,
        patch: { householdId, firstName, lastName: 'ใจดี' },
      });
    const bad = [
      a.mutation({ op: 'create', id: householdId, villageId: v1, txId, patch: household() }),
      member('สมชาย'),
      member(''),
      member('สมหญิง'),
    ];
    const bucketBefore = (await store.bucketSeqs([v1])).get(v1);
    const pushed = await a.push(bad);
    expect(pushed.lastN).toBe(4);
    expect(pushed.results.map((r) => [r.status, r.reason])).toEqual([
      ['quarantined', 'transaction_failed'],
      ['quarantined', 'transaction_failed'],
      ['quarantined', 'invalid_fields'],
      ['quarantined', 'transaction_failed'],
    ]);
    for (const m of bad) expect(await store.getRecord(m.id)).toBeNull();
    expect((await store.bucketSeqs([v1])).get(v1)).toBe(bucketBefore);
    const stored = await store.listQuarantine({ status: 'open', villageIds: null, limit: 500 });
    const mine = stored.filter((q) => q.clientId === a.clientId);
    expect(mine).toHaveLength(4);
    expect(mine.find((q) => q.reason === 'invalid_fields')?.mutation).toEqual(bad[2]);

    // The next transaction of the same queue lands whole.
    const txId2 = uuidv7();
    const good = [
      a.mutation({ op: 'create', id: uuidv7(), villageId: v1, txId: txId2, patch: household() }),
      a.mutation({
        op: 'create',
        type: 'person',
        id: uuidv7(),
        villageId: v1,
        txId: txId2,
        patch: { householdId, firstName: 'ก', lastName: 'ข' },
      }),
    ];
    const landed = await a.push(good);
    expect(landed.lastN).toBe(6);
    expect(landed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('quarantines what the user may not write while the rest of the queue lands', async () => {
    const a = await device('surveyor1');
    const queue = [
      a.mutation({ op: 'create', id: uuidv7(), villageId: v1, patch: household() }),
      a.mutation({ op: 'create', id: uuidv7(), villageId: v4, patch: household({ mooNo: 4 }) }),
      a.mutation({
        op: 'create',
        type: 'visit',
        id: uuidv7(),
        villageId: v1,
        patch: { note: 'x' },
      }),
      a.mutation({ id: uuidv7(), villageId: v1, patch: { houseNo: '1' }, base: { houseNo: 1 } }),
      { ...a.mutation({ op: 'create', id: uuidv7(), villageId: v1 }), hlc: 'yesterday' },
      a.mutation({ op: 'create', id: uuidv7(), villageId: v2, patch: household({ mooNo: 2 }) }),
    ];
    const pushed = await a.push(queue as Mutation[]);
    expect(pushed.lastN).toBe(6);
    expect(pushed.results.map((r) => r.reason ?? r.status)).toEqual([
      'applied',
      'village_not_allowed',
      'role_not_allowed',
      'record_missing',
      'invalid_fields',
      'applied',
    ]);
    const entry = (
      await store.listQuarantine({ status: 'open', villageIds: null, limit: 500 })
    ).find((q) => q.mutationId === queue[4]?.mutationId);
    expect(entry?.mutation).toEqual(queue[4]);
  });

  it('quarantines a patch that changes the type of a record, and a schema from the future', async () => {
    const a = await device('welfare');
    const id = uuidv7();
    await a.push([a.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    const pushed = await a.push([
      a.mutation({ type: 'person', id, villageId: v1, patch: { firstName: 'x' } }),
      a.mutation({ id, villageId: v1, patch: { houseNo: '2' } }, { schemaVersion: 99 }),
    ]);
    expect(pushed.results.map((r) => r.reason)).toEqual(['type_mismatch', 'schema_unsupported']);
  });

  it('keeps unknown fields through a round trip', async () => {
    const a = await device('surveyor1');
    const b = await device('surveyor1');
    const id = uuidv7();
    const future = { nested: [1, { deep: 'ค่า' }], at: null };
    await a.push([
      a.mutation({
        op: 'create',
        id,
        villageId: v2,
        patch: { ...household(), futureField: future },
      }),
    ]);
    const record = replay(await b.pullAll()).get(id);
    expect(record?.fields.futureField).toEqual(future);
    expect(record?.fields.houseNo).toBe('12/3');
  });

  it('never conflicts on concurrent edits to different fields', async () => {
    const a = await device('surveyor1');
    const b = await device('welfare');
    const id = uuidv7();
    await a.push([a.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    const seq = (await store.getRecord(id))?.seq ?? 0;
    const fromA = await a.push([
      a.mutation({ id, villageId: v1, patch: { houseNo: 'A' }, base: { houseNo: seq } }),
    ]);
    const fromB = await b.push([
      b.mutation({ id, villageId: v1, patch: { toilet: false }, base: { toilet: 0 } }),
    ]);
    expect(fromA.results[0]).toEqual({ mutationId: expect.any(String), status: 'applied' });
    expect(fromB.results[0]).toEqual({ mutationId: expect.any(String), status: 'applied' });
    expect((await store.getRecord(id))?.fields).toMatchObject({ houseNo: 'A', toilet: false });
    expect(
      await store.listConflicts({ status: 'all', villageIds: [v1], limit: 500 }),
    ).not.toContainEqual(expect.objectContaining({ recordId: id }));
  });

  it('picks one winner for concurrent edits of a field; both devices learn the conflict; resolve closes it', async () => {
    const a = await device('surveyor1');
    const b = await device('welfare');
    const id = uuidv7();
    await a.push([a.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    await a.pullAll();
    await b.pullAll();
    const seq = (await store.getRecord(id))?.fieldMeta.houseNo?.seq ?? 0;
    const early = a.mutation({
      id,
      villageId: v1,
      patch: { houseNo: 'A' },
      base: { houseNo: seq },
    });
    const late = b.mutation({ id, villageId: v1, patch: { houseNo: 'B' }, base: { houseNo: seq } });
    expect(early.hlc < late.hlc).toBe(true);

    // The later edit arrives first; the earlier one then loses and is kept as the loser.
    expect((await b.push([late])).results[0]).toEqual({
      mutationId: late.mutationId,
      status: 'applied',
    });
    expect((await a.push([early])).results[0]).toEqual({
      mutationId: early.mutationId,
      status: 'applied',
      conflictFields: ['houseNo'],
    });
    expect((await store.getRecord(id))?.fields.houseNo).toBe('B');
    const lost = (await store.fieldHistory(id)).filter((h) => h.outcome === 'lost');
    expect(lost).toEqual([
      expect.objectContaining({
        field: 'houseNo',
        value: 'A',
        hlc: early.hlc,
        mutationId: early.mutationId,
      }),
    ]);

    // Each device sees its own clock in the HLCs; the other device is not named.
    const asSeenBy = (d: TestDevice, hlc: string) => {
      const parts = parseHlc(hlc);
      return !parts || parts.clientId === d.clientId
        ? hlc
        : formatHlc({ ...parts, clientId: OTHER_DEVICE });
    };
    for (const d of [a, b]) {
      const pages = await d.pullAll();
      expect(replay(pages).get(id)?.fields.houseNo).toBe('B');
      expect(replayConflicts(pages).find((c) => c.recordId === id)).toMatchObject({
        field: 'houseNo',
        winner: { value: 'B', hlc: asSeenBy(d, late.hlc) },
        loser: { value: 'A', hlc: asSeenBy(d, early.hlc) },
        resolvedAt: null,
      });
    }

    const current = (await store.getRecord(id))?.fieldMeta.houseNo?.seq ?? 0;
    const resolve = a.mutation({
      op: 'resolve',
      id,
      villageId: v1,
      patch: { houseNo: 'A/B' },
      base: { houseNo: current },
    });
    expect((await a.push([resolve])).results[0]?.status).toBe('applied');
    const after = await b.pull();
    expect(after.changes.find((r) => r.id === id)?.fields.houseNo).toBe('A/B');
    expect(after.conflicts.find((c) => c.recordId === id)?.resolvedAt).not.toBeNull();
    const open = await store.listConflicts({ status: 'open', villageIds: [v1], limit: 500 });
    expect(open.filter((c) => c.recordId === id)).toEqual([]);
  });

  it('two queued edits of one field from the same device are sequential, not a conflict', async () => {
    const a = await device('surveyor1');
    const id = uuidv7();
    await a.push([a.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    const seq = (await store.getRecord(id))?.seq ?? 0;
    const pushed = await a.push([
      a.mutation({ id, villageId: v1, patch: { houseNo: '1' }, base: { houseNo: seq } }),
      a.mutation({ id, villageId: v1, patch: { houseNo: '2' }, base: { houseNo: seq } }),
    ]);
    expect(pushed.results.map((r) => r.conflictFields)).toEqual([undefined, undefined]);
    expect((await store.getRecord(id))?.fields.houseNo).toBe('2');
  });

  it('clamps an HLC a year ahead, flags it, and lets a later honest edit win', async () => {
    const skewed = await device('surveyor1');
    const honest = await device('welfare');
    const id = uuidv7();
    await honest.push([honest.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    const seq = (await store.getRecord(id))?.seq ?? 0;
    const ahead = formatHlc({
      millis: Date.now() + YEAR_MS,
      counter: 0,
      clientId: skewed.clientId,
    });
    const bad = skewed.mutation(
      { id, villageId: v1, patch: { houseNo: 'future' }, base: { houseNo: seq } },
      { hlc: ahead },
    );
    expect((await skewed.push([bad])).results[0]?.status).toBe('applied');
    const stored = await store.getRecord(id);
    const storedHlc = stored?.fieldMeta.houseNo?.hlc ?? '';
    expect(Date.parse(storedHlc.slice(0, 24))).toBeLessThan(Date.now() + 60_000);
    const history = await store.fieldHistory(id);
    expect(history.find((h) => h.value === 'future')?.clamped).toBe(true);
    const audit = await store.listAudit({ limit: 5 });
    expect(audit.find((e) => e.target === skewed.clientId)?.details).toMatchObject({ clamped: 1 });

    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = honest.mutation({
      id,
      villageId: v1,
      patch: { houseNo: 'now' },
      base: { houseNo: seq },
    });
    expect((await honest.push([later])).results[0]?.conflictFields).toBeUndefined();
    expect((await store.getRecord(id))?.fields.houseNo).toBe('now');
  });

  it('moves a record between villages: a departure for the old village, the record for the new', async () => {
    const only1 = await TestDevice.open(
      app,
      store,
      await createUser(store, { username: 'only1', role: 'surveyor', villageIds: [v1] }),
    );
    const only2 = await TestDevice.open(
      app,
      store,
      await createUser(store, { username: 'only2', role: 'surveyor', villageIds: [v2] }),
    );
    const mover = await device('welfare');
    const id = uuidv7();
    await mover.push([mover.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    expect(replay(await only1.pullAll()).has(id)).toBe(true);
    await only2.pullAll();

    const move = mover.mutation({ id, villageId: v2, patch: { mooNo: 2 }, base: { mooNo: 1 } });
    expect((await mover.push([move])).results[0]?.status).toBe('applied');

    const old = await only1.pullAll();
    expect(old.flatMap((p) => p.departures)).toEqual([
      { id, villageId: v1, seq: expect.any(Number) },
    ]);
    expect(old.flatMap((p) => p.changes).map((r) => r.id)).not.toContain(id);
    const fresh = await only2.pullAll();
    expect(replay(fresh).get(id)).toMatchObject({
      villageId: v2,
      fields: { mooNo: 2, houseNo: '12/3' },
    });

    // Out of a village the user may not see, or into one: quarantined.
    const s1 = await device('surveyor1');
    const away = await s1.push([
      s1.mutation({ id, villageId: v4, patch: { mooNo: 4 }, base: { mooNo: 0 } }),
    ]);
    expect(away.results[0]?.reason).toBe('village_not_allowed');
  });

  it('shows surveyor2 nothing of villages 1–3, even with cursors for them', async () => {
    const s1 = await device('surveyor1');
    await s1.push([s1.mutation({ op: 'create', id: uuidv7(), villageId: v1, patch: household() })]);
    const s2 = await device('surveyor2');
    const spying = Object.fromEntries(data.villages.map((v) => [v.id, 0]));
    const page = await s2.pull(5000, spying);
    expect(
      page.changes.filter((r) => [v1, v2, data.villages[2]?.id].includes(r.villageId)),
    ).toEqual([]);
    expect(page.departures).toEqual([]);
    expect(page.conflicts).toEqual([]);
    expect(Object.keys(page.cursors).sort()).toEqual(
      data.villages
        .slice(3)
        .map((v) => v.id)
        .sort(),
    );
    expect(page.scope.villages.map((v) => v.mooNo)).toEqual([4, 5, 6]);
  });

  it('pages with a small limit: every change once, in seq order per village', async () => {
    const writer = await device('welfare');
    const ids: Record<string, string[]> = {};
    for (const village of data.villages.slice(0, 3)) {
      ids[village.id] = [];
      const batch: Mutation[] = [];
      for (let i = 0; i < 12; i++) {
        const id = uuidv7();
        ids[village.id]?.push(id);
        batch.push(
          writer.mutation({
            op: 'create',
            id,
            villageId: village.id,
            patch: household({ houseNo: `${i}` }),
          }),
        );
      }
      await writer.push(batch);
    }
    const reader = await device('welfare');
    const pages: PullResponse[] = [];
    let round = 0;
    for (;;) {
      const page = await reader.pull(5);
      expect(page.changes.length + page.departures.length).toBeLessThanOrEqual(5);
      pages.push(page);
      // Writes keep arriving while the reader pages.
      if (round < 4) {
        const village = data.villages[round % 3]?.id as string;
        const target = ids[village]?.[round] as string;
        await writer.push([
          writer.mutation({
            id: target,
            villageId: village,
            patch: { houseNo: `edit${round}` },
            base: { houseNo: 0 },
          }),
        ]);
      }
      round++;
      if (!page.hasMore && round > 4) break;
    }
    const lastSeq = new Map<string, number>();
    const seen = new Set<string>();
    for (const record of pages.flatMap((p) => p.changes)) {
      expect(record.seq).toBeGreaterThan(lastSeq.get(record.villageId) ?? 0);
      lastSeq.set(record.villageId, record.seq);
      const key = `${record.id}@${record.seq}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    const truth = replay(await (await device('welfare')).pullAll(5000));
    const got = replay(pages);
    for (const [id, record] of truth) expect(got.get(id), id).toEqual(record);
  });

  it('refuses a push for another device, a mutation of another device, and too many mutations', async () => {
    const a = await device('surveyor1');
    const b = await device('surveyor1');
    const m = a.mutation({ op: 'create', id: uuidv7(), villageId: v1, patch: household() });
    expectError(await a.pushRaw([m], b.clientId), 403, 'forbidden');
    const foreign = b.mutation({ op: 'create', id: uuidv7(), villageId: v1 });
    const mixed = await a.pushRaw([m, foreign]);
    expect(expectError(mixed, 400, 'validation_failed').details).toEqual([
      { path: 'mutations.1.clientId', message: 'not_this_device' },
    ]);
    const many = Array.from({ length: 501 }, () =>
      a.mutation({ op: 'create', id: uuidv7(), villageId: v1 }),
    );
    expectError(await a.pushRaw(many), 400, 'validation_failed');
    const big = a.mutation({
      op: 'create',
      id: uuidv7(),
      villageId: v1,
      patch: { note: 'ก'.repeat(400_000) },
    });
    expectError(await a.pushRaw([big]), 413, 'payload_too_large');
    expectError(await a.pullRaw({}, 5001), 400, 'validation_failed');
    // A pull names the device too: A's session may not read B's acknowledgements.
    const pullAsB = await call(app, a.token, {
      method: 'POST',
      url: '/api/sync/pull',
      payload: { clientId: b.clientId, cursors: {} },
    });
    expectError(pullAsB, 403, 'forbidden');
    expect(await store.getRecord(m.id)).toBeNull();
    expectError(
      await call(app, null, {
        method: 'POST',
        url: '/api/sync/pull',
        payload: { clientId: a.clientId, cursors: {} },
      }),
      401,
      'unauthenticated',
    );
  });

  it('answers 426 to an app below the minimum schema version, applying nothing', async () => {
    const a = await device('surveyor1');
    const old = a.mutation(
      { op: 'create', id: uuidv7(), villageId: v1, patch: household() },
      { schemaVersion: 0 },
    );
    expectError(await a.pushRaw([old]), 426, 'upgrade_required');
    expect(await store.getRecord(old.id)).toBeNull();
  });

  it('takes a push of a revoked device into quarantine, then refuses it', async () => {
    const a = await device('surveyor1');
    const id = uuidv7();
    await a.push([a.mutation({ op: 'create', id, villageId: v1, patch: household() })]);
    const admin = await TestDevice.open(app, store, data.users.admin);
    const revoke = await call(app, admin.token, {
      method: 'POST',
      url: `/api/admin/devices/${a.clientId}/revoke`,
    });
    expect(revoke.statusCode, revoke.body).toBe(200);

    expectError(await a.pullRaw({}), 401, 'device_revoked');
    const last = a.mutation({
      id,
      villageId: v1,
      patch: { houseNo: 'offline' },
      base: { houseNo: 1 },
    });
    const pushed = await a.push([last]);
    expect(pushed).toMatchObject({
      revoked: true,
      lastN: 2,
      results: [{ mutationId: last.mutationId, status: 'quarantined', reason: 'device_revoked' }],
    });
    expect((await store.getRecord(id))?.fields.houseNo).toBe('12/3');
    const entry = (
      await store.listQuarantine({ status: 'open', villageIds: null, limit: 500 })
    ).find((q) => q.mutationId === last.mutationId);
    expect(entry).toMatchObject({
      reason: 'device_revoked',
      mutation: last,
      userId: data.users.surveyor1.id,
    });
    // A resend is a duplicate, still answered; every other route stays closed.
    expect((await a.push([last])).results[0]?.status).toBe('duplicate');
    expectError(await call(app, a.token, { method: 'GET', url: '/api/me' }), 401, 'device_revoked');
  });
});

function replayConflicts(pages: PullResponse[]) {
  const byId = new Map<string, PullResponse['conflicts'][number]>();
  for (const page of pages) for (const c of page.conflicts) byId.set(c.id, c);
  return [...byId.values()];
}
