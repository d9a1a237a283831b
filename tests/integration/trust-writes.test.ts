// Every write decided from the stored state (issue 11), through the real push on every
// database: a `create` over an existing record, append-only records, a status move made
// without having seen the status, records past their bounds, device clocks out of range, and
// photos referenced by hash from another village.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { BLOB_HEADERS } from '../../src/shared/api/blobs';
import { uuidv7 } from '../../src/shared/ids';
import type { CaseStatus } from '../../src/shared/model/welfare';
import type { Mutation, MutationResult } from '../../src/shared/sync/protocol';
import { testDatabases } from './databases';
import { call, testApp } from './helpers';
import { household, newCase, outcome, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();

describe.each(databases)('trusted writes on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  let v1: string;
  let v4: string;
  const device = (who: keyof SyncSeed['users']) => TestDevice.open(app, store, data.users[who]);

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    v1 = data.villages[0]?.id as string;
    v4 = data.villages[3]?.id as string;
    app = await testApp(store, { rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  async function openCase(by: TestDevice): Promise<string> {
    const id = uuidv7();
    const pushed = await by.push([
      by.mutation({ op: 'create', type: 'case', id, villageId: v1, patch: newCase() }),
    ]);
    expect(outcome(pushed.results)).toEqual(['applied']);
    return id;
  }

  /** A status patch that has seen the stored status, as the app sends it. */
  async function move(by: TestDevice, caseId: string, to: CaseStatus): Promise<MutationResult> {
    const seen = (await store.getRecord(caseId))?.fieldMeta.status?.seq ?? 0;
    const patch = { type: 'case' as const, id: caseId, villageId: v1 };
    const pushed = await by.push([
      by.mutation({ ...patch, patch: { status: to }, base: { status: seen } }),
    ]);
    return pushed.results[0] as MutationResult;
  }

  async function caseAt(steps: CaseStatus[]): Promise<string> {
    const supervisor = await device('supervisor');
    const caseId = await openCase(supervisor);
    for (const step of steps) expect((await move(supervisor, caseId, step)).status).toBe('applied');
    return caseId;
  }

  it('judges a create over an existing done case: a surveyor cannot reopen it', async () => {
    const caseId = await caseAt(['assessed', 'approved', 'in-progress', 'done']);
    const surveyor = await device('surveyor1');
    const pushed = await surveyor.push([
      surveyor.mutation({
        op: 'create',
        type: 'case',
        id: caseId,
        villageId: v1,
        patch: newCase(),
      }),
    ]);
    expect(outcome(pushed.results)).toEqual(['record_exists']);
    expect((await store.getRecord(caseId))?.fields.status).toBe('done');
  });

  it('never changes an assistance entry, even by a create over its id', async () => {
    const officer = await device('welfare');
    const caseId = await openCase(officer);
    const entryId = uuidv7();
    const entry = {
      caseId,
      programCode: 'disaster-relief',
      amountTHB: 16_000,
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
    const again = officer.mutation({
      op: 'create',
      type: 'assistance',
      id: entryId,
      villageId: v1,
      patch: { ...entry, amountTHB: 50_000 },
    });
    expect(outcome((await officer.push([again])).results)).toEqual(['append_only']);
    expect((await store.getRecord(entryId))?.fields.amountTHB).toBe(16_000);
  });

  it('never rewrites a timeline entry by a create over its id', async () => {
    const officer = await device('welfare');
    const caseId = await openCase(officer);
    const entryId = uuidv7();
    const at = new Date().toISOString();
    const first = officer.mutation({
      op: 'create',
      type: 'caseStatusChange',
      id: entryId,
      villageId: v1,
      patch: { caseId, toStatus: 'received', at },
    });
    expect(outcome((await officer.push([first])).results)).toEqual(['applied']);
    const rewrite = officer.mutation({
      op: 'create',
      type: 'caseStatusChange',
      id: entryId,
      villageId: v1,
      patch: { caseId, fromStatus: 'received', toStatus: 'rejected', at },
    });
    expect(outcome((await officer.push([rewrite])).results)).toEqual(['append_only']);
    expect((await store.getRecord(entryId))?.fields.toStatus).toBe('received');
  });

  it('does not apply a status move made without having seen the stored status', async () => {
    const caseId = await caseAt(['assessed']);
    const officer = await device('welfare');
    const blind = officer.mutation({
      type: 'case',
      id: caseId,
      villageId: v1,
      patch: { status: 'in-progress' },
      base: { status: 0 },
    });
    const pushed = await officer.push([blind]);
    expect(pushed.results[0]?.status).toBe('quarantined');
    expect(['status_not_allowed', 'status_unseen']).toContain(pushed.results[0]?.reason);
    expect((await store.getRecord(caseId))?.fields.status).toBe('assessed');
  });

  it('a move quarantined as unseen is settled by the supervisor, who sees the stored status', async () => {
    const caseId = await caseAt(['assessed', 'approved']);
    const officer = await device('welfare');
    const blind = officer.mutation({
      type: 'case',
      id: caseId,
      villageId: v1,
      patch: { status: 'in-progress' },
      base: { status: 0 },
    });
    expect(outcome((await officer.push([blind])).results)).toEqual(['status_unseen']);
    const supervisor = await device('supervisor');
    const list = await call(app, supervisor.token, { method: 'GET', url: '/api/admin/quarantine' });
    const entry = (list.json().entries as Array<{ id: string; mutationId: string }>).find(
      (e) => e.mutationId === blind.mutationId,
    );
    const accepted = await call(app, supervisor.token, {
      method: 'POST',
      url: `/api/admin/quarantine/${entry?.id}/accept`,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await store.getRecord(caseId))?.fields.status).toBe('in-progress');
  });

  it('caps unknown fields: six pushes of 800 kB cannot grow a household to 5 MB', async () => {
    const surveyor = await device('surveyor1');
    const id = uuidv7();
    const created = await surveyor.push([
      surveyor.mutation({ op: 'create', id, villageId: v1, patch: household() }),
    ]);
    expect(outcome(created.results)).toEqual(['applied']);
    const results: MutationResult[] = [];
    for (let i = 0; i < 6; i++) {
      const patch = { [`extra${i}`]: 'x'.repeat(800_000) };
      results.push(
        ...(await surveyor.push([surveyor.mutation({ id, villageId: v1, patch })])).results,
      );
    }
    expect(outcome(results)).toEqual(Array(6).fill('too_large'));
    const stored = await store.getRecord(id);
    expect(JSON.stringify(stored?.fields).length).toBeLessThan(64 * 1024);
  });

  it('caps how many unknown fields a record keeps, and their bytes, across pushes', async () => {
    const surveyor = await device('surveyor1');
    const id = uuidv7();
    const created = await surveyor.push([
      surveyor.mutation({ op: 'create', id, villageId: v1, patch: household() }),
    ]);
    expect(outcome(created.results)).toEqual(['applied']);
    const extras = (from: number, count: number, bytes: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`extra${from + i}`, 'x'.repeat(bytes)]),
      );
    const push = async (patch: Record<string, unknown>) =>
      outcome((await surveyor.push([surveyor.mutation({ id, villageId: v1, patch })])).results);
    // 30 small ones fit; three more would pass the count.
    expect(await push(extras(0, 30, 10))).toEqual(['applied']);
    expect(await push(extras(30, 3, 10))).toEqual(['too_large']);
    // Within the count, 8 kB more twice would pass the bytes (16 kB per record).
    expect(await push({ extra0: 'x'.repeat(8_000) })).toEqual(['applied']);
    expect(await push({ extra1: 'x'.repeat(9_000) })).toEqual(['too_large']);
    // Shrinking what is there is always fine.
    expect(await push({ extra0: null })).toEqual(['applied']);
    const stored = await store.getRecord(id);
    expect(Object.keys(stored?.fields ?? {}).filter((f) => f.startsWith('extra'))).toHaveLength(30);
  });

  it('answers a 200,000-deep array without a 500, and the queue behind it still lands', async () => {
    const surveyor = await device('surveyor1');
    const id = uuidv7();
    const created = surveyor.mutation({ op: 'create', id, villageId: v1, patch: household() });
    const deep = surveyor.mutation({ id, villageId: v1, patch: { notes: 'deep' } });
    const later = surveyor.mutation({ id, villageId: v1, patch: { houseNo: '99/1' } });
    const nested = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const body = JSON.stringify({
      clientId: surveyor.clientId,
      mutations: [created, deep, later],
    }).replace('"notes":"deep"', `"notes":${nested}`);
    const response = await call(app, surveyor.token, {
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    if (response.statusCode === 200) {
      expect(outcome(response.json().results)).toEqual(['applied', 'too_deep', 'applied']);
    } else {
      // Refused whole: the device sets the named mutation aside and sends the rest again.
      expect(JSON.stringify(response.json())).toContain('mutations.1');
      const rest = await surveyor.push([created, later]);
      expect(outcome(rest.results)).toEqual(['applied', 'applied']);
    }
    expect((await store.getRecord(id))?.fields.houseNo).toBe('99/1');
  });

  it('stores a refused mutation nested deep outside its patch without a 500', async () => {
    const surveyor = await device('surveyor1');
    const id = uuidv7();
    // Not a valid mutation (its clock is unreadable): quarantined whole, the deep part bounded.
    const junk = surveyor.mutation(
      { op: 'create', id, villageId: v1, patch: household() },
      { hlc: 'not-a-clock' },
    );
    const nested = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const body = JSON.stringify({ clientId: surveyor.clientId, mutations: [junk] }).replace(
      '"base":{}',
      `"base":{},"extra":${nested}`,
    );
    const response = await call(app, surveyor.token, {
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(outcome(response.json().results)).toEqual(['invalid_fields']);
    const kept = await store.listQuarantine({ status: 'open', villageIds: null, limit: 1000 });
    const row = kept.find((q) => q.mutationId === junk.mutationId);
    expect(row?.mutation).toMatchObject({ extra: { omitted: 'too_deep' } });
  });

  it('keeps an HLC of year 0000 out of the stored clocks', async () => {
    const surveyor = await device('surveyor1');
    const id = uuidv7();
    const ancient = surveyor.mutation(
      { op: 'create', id, villageId: v1, patch: household() },
      { hlc: `0000-01-01T00:00:00.000Z-0000-${surveyor.clientId}` },
    );
    const pushed = await surveyor.push([ancient]);
    const stored = await store.getRecord(id);
    if (pushed.results[0]?.status === 'applied') {
      expect(stored?.fieldMeta.houseNo?.hlc.slice(0, 4)).not.toBe('0000');
    } else {
      expect(outcome(pushed.results)).toEqual(['hlc_out_of_range']);
      expect(stored).toBeNull();
    }
  });

  it("refuses a reference to another village's photo by its hash", async () => {
    const owner = await device('surveyor1');
    const photo = randomBytes(2_000);
    const sha256 = createHash('sha256').update(photo).digest('hex');
    const upload = await call(app, owner.token, {
      method: 'PATCH',
      url: `/api/blobs/${sha256}`,
      headers: {
        'content-type': 'application/octet-stream',
        [BLOB_HEADERS.offset]: '0',
        [BLOB_HEADERS.size]: String(photo.length),
        [BLOB_HEADERS.mime]: 'image/jpeg',
      },
      payload: photo,
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const ref = { sha256, size: photo.length, mime: 'image/jpeg' };
    const mine = owner.mutation({
      op: 'create',
      id: uuidv7(),
      villageId: v1,
      patch: household({ photos: [ref] }),
    });
    expect(outcome((await owner.push([mine])).results)).toEqual(['applied']);

    const thief = await device('surveyor2');
    const inPhotos = thief.mutation({
      op: 'create',
      id: uuidv7(),
      villageId: v4,
      patch: household({ mooNo: 4, photos: [ref] }),
    });
    const inUnknown = thief.mutation({
      op: 'create',
      id: uuidv7(),
      villageId: v4,
      patch: household({ mooNo: 4, attachment: ref }),
    });
    const pushed = await thief.push([inPhotos, inUnknown] as Mutation[]);
    expect(outcome(pushed.results)).toEqual(['blob_not_allowed', 'blob_not_allowed']);
    const download = await call(app, thief.token, { method: 'GET', url: `/api/blobs/${sha256}` });
    expect(download.statusCode).not.toBe(200);
  });
});
