// The bench page: the real client code (Dexie database, SyncEngine, httpTransport over fetch,
// edit()) in a real Chromium with real IndexedDB, driven by tests/bench/browserSync.ts through
// `window.bench`. Each function returns its own timing (performance.now around the measured
// part only) and what it saw, so the driver can check the work was really done.

import { request } from '../../../src/client/api/http';
import { db, TambonDatabase, useUserDatabase } from '../../../src/client/db/database';
import { getClientId } from '../../../src/client/db/meta';
import { sealingWith } from '../../../src/client/db/sealing';
import { createFieldCipher } from '../../../src/client/security/fieldCipher';
import { newDataKey } from '../../../src/client/security/keyring';
import { edit, type RecordChange } from '../../../src/client/sync/edit';
import { SyncEngine } from '../../../src/client/sync/engine';
import { httpTransport } from '../../../src/client/sync/httpTransport';
import { generateTambon } from '../../../src/server/demo/generator';
import type { LoginResponse, VillagesResponse } from '../../../src/shared/api/auth';
import type { Village } from '../../../src/shared/model/organization';
import type { Cursors, PulledRecord, PullResponse } from '../../../src/shared/sync/protocol';
import { fieldSeqOf } from '../../../src/shared/sync/pulled';
import { importApi } from './importBench';
import { mapApi } from './mapBench';
import { searchApi } from './searchBench';

interface Session {
  token: string;
  clientId: string;
  userId: string;
  villages: Village[];
}

let session: Session | null = null;
let engine: SyncEngine | null = null;

function requireSession(): Session {
  if (!session) throw new Error('bench: login first');
  return session;
}

function requireEngine(): SyncEngine {
  if (!engine) throw new Error('bench: firstSync first');
  return engine;
}

/** What the app's session passes to httpTransport: an authenticated JSON request. */
function send<T>(path: string, options: { method: 'POST'; body: unknown }): Promise<T> {
  return request<T>(path, { ...options, token: requireSession().token });
}

/** Every record the user may see, in pages of `limit` (not timed: input of the raw baselines). */
async function fetchAll(limit: number): Promise<PulledRecord[]> {
  const { clientId } = requireSession();
  let cursors: Cursors = {};
  const all: PulledRecord[] = [];
  for (;;) {
    const page = await send<PullResponse>('/api/sync/pull', {
      method: 'POST',
      body: { clientId, cursors, limit },
    });
    all.push(...page.changes);
    cursors = { ...cursors, ...page.cursors };
    if (!page.hasMore) return all;
  }
}

const encoder = new TextEncoder();
const jsonBytes = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

const api = {
  /** Signs in as the app does (this profile's clientId) and reads the user's villages. */
  async login(username: string, password: string) {
    const clientId = await getClientId();
    const response = await request<LoginResponse>('/api/auth/login', {
      method: 'POST',
      body: { username, password, clientId, deviceName: 'bench' },
    });
    const { villages } = await request<VillagesResponse>('/api/villages', {
      token: response.token,
    });
    // From here `db()` is the user's database sealed under a data key, as the app opens it after
    // an unlock: the first sync, pull, edit and push rows write and read sealed records.
    const cipher = createFieldCipher(newDataKey());
    useUserDatabase(
      response.user.id,
      sealingWith(() => cipher),
    );
    await db().meta.put({ key: 'clientId', value: clientId });
    const visible = new Set(response.user.villageIds);
    session = {
      token: response.token,
      clientId,
      userId: response.user.id,
      villages: villages.filter((v) => visible.has(v.id)),
    };
    return { clientId, userId: response.user.id, villages: session.villages.length };
  },

  /** (a) First sync of a fresh device: the real engine pulls every page into IndexedDB. */
  async firstSync() {
    const { clientId } = requireSession();
    let pages = 0;
    const started = performance.now();
    engine = await SyncEngine.open(db(), clientId, httpTransport(send));
    await engine.pull(() => {
      pages += 1;
    });
    const ms = performance.now() - started;
    return { ms, pages, records: await db().records.count() };
  },

  /**
   * Reference: the same records written with ONE Dexie bulkPut (fetched beforehand, untimed);
   * then the plain documents (no fieldMeta) the same way, into another database.
   */
  async rawBulkPut() {
    const all = await fetchAll(5000);
    const raw = new TambonDatabase('bench-raw');
    await raw.open();
    const started = performance.now();
    await raw.records.bulkPut(all);
    const ms = performance.now() - started;
    const records = await raw.records.count();
    raw.close();

    // The same documents without sync metadata (id, type, village and fields: docs/architecture.md §7's data set).
    const plain = all.map(({ id, type, villageId, fields }) => ({
      id,
      type,
      villageId,
      ...fields,
    }));
    const plainDb = new TambonDatabase('bench-plain');
    await plainDb.open();
    const plainStarted = performance.now();
    await plainDb.records.bulkPut(plain as unknown as PulledRecord[]);
    const plainMs = performance.now() - plainStarted;
    plainDb.close();
    return { ms, plainMs, records, recordBytes: jsonBytes(all), plainBytes: jsonBytes(plain) };
  },

  /** Reference (docs/architecture.md §7's ~3.3 s): fetch JSON pages of 1,000 and bulkPut each, nothing else. */
  async rawPages() {
    const { clientId } = requireSession();
    const raw = new TambonDatabase('bench-pages');
    await raw.open();
    let cursors: Cursors = {};
    let pages = 0;
    const started = performance.now();
    for (;;) {
      const page = await send<PullResponse>('/api/sync/pull', {
        method: 'POST',
        body: { clientId, cursors, limit: 1000 },
      });
      await raw.records.bulkPut(page.changes);
      pages += 1;
      cursors = { ...cursors, ...page.cursors };
      if (!page.hasMore) break;
    }
    const ms = performance.now() - started;
    const records = await raw.records.count();
    raw.close();
    return { ms, pages, records };
  },

  /** People on this device to patch from another device: ids and the seqs it last saw. */
  async pickPeople(count: number, offset: number) {
    const people = await db()
      .records.where('[type+villageId]')
      .between(['person', ''], ['person', '\uffff'])
      .offset(offset)
      .limit(count)
      .toArray();
    return people.map((record) => ({
      id: record.id,
      villageId: record.villageId,
      base: {
        occupation: fieldSeqOf(record, 'occupation'),
        incomeMonthlyTHB: fieldSeqOf(record, 'incomeMonthlyTHB'),
      },
    }));
  },

  /** (b) A pull with the device already holding everything: only the new changes come. */
  async pullChanges() {
    const sync = requireEngine();
    let changes = 0;
    const started = performance.now();
    await sync.pull((progress) => {
      changes = progress.done;
    });
    return { ms: performance.now() - started, changes };
  },

  /**
   * New local records through the real edit(): one transaction per household with its
   * members, as the household form saves them. Returns the time of each transaction.
   */
  async createLocal(households: number, people: number, seed: number) {
    const sync = requireEngine();
    const { villages, userId } = requireSession();
    const homes = generateTambon({
      seed,
      households,
      people,
      villages,
      surveyorId: userId,
      idBaseMs: Date.now(),
      firstHouseNumber: 9_000_000 + (seed % 100) * 10_000,
    });
    const perTransaction: number[] = [];
    const started = performance.now();
    for (const { household, members } of homes) {
      const changes: RecordChange[] = [
        {
          op: 'create',
          type: 'household',
          id: household.id,
          villageId: household.villageId,
          patch: household.fields,
        },
        ...members.map(
          (member): RecordChange => ({
            op: 'create',
            type: 'person',
            id: member.id,
            villageId: member.villageId,
            patch: member.fields,
          }),
        ),
      ];
      const t = performance.now();
      await edit(sync.device, changes);
      perTransaction.push(performance.now() - t);
    }
    return {
      ms: performance.now() - started,
      perTransaction,
      outbox: await db().outbox.count(),
    };
  },

  /** (c) Push the outbox through the real engine and transport. */
  async pushOutbox() {
    const sync = requireEngine();
    const before = await db().outbox.count();
    let requests = 0;
    const started = performance.now();
    await sync.push(() => {
      requests += 1;
    });
    const ms = performance.now() - started;
    return {
      ms,
      pushed: before,
      requests,
      left: await db().outbox.count(),
      quarantined: await db().quarantined.count(),
      reason: (await db().quarantined.limit(1).first())?.reason ?? null,
    };
  },

  /** The browser's full version (the user agent string only carries the major version). */
  async browserVersion() {
    const data = (
      navigator as Navigator & {
        userAgentData?: {
          getHighEntropyValues(hints: string[]): Promise<{
            fullVersionList?: { brand: string; version: string }[];
          }>;
        };
      }
    ).userAgentData;
    const values = await data?.getHighEntropyValues(['fullVersionList']);
    const entry = values?.fullVersionList?.find((b) => /Chrom/.test(b.brand));
    return entry?.version ?? /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? '?';
  },

  /** Search and form saves: ./searchBench.ts. */
  ...searchApi,
  /** The import preview of issue 15: ./importBench.ts. */
  ...importApi,
  /** The map of issue 16: ./mapBench.ts. */
  ...mapApi,
};

export type BenchApi = typeof api;

(window as unknown as { bench: BenchApi }).bench = api;
const status = document.getElementById('status');
if (status) status.textContent = 'bench ready';
