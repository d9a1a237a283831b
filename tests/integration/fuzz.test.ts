// Fuzzing the routes that take untrusted input from devices (issue 6) on every database:
// fast-check sends arbitrary JSON, strings, bytes, headers and Content-Types to login, push,
// pull and the blob routes (>= 1,000 requests each). Properties: never a 5xx; every 4xx (but a
// bodiless HEAD) has the JSON error body; and a refused request leaves the stored data as it
// was, compared through a fingerprint of every table (a push answered 409 for a counter gap
// keeps what came before the gap, by design: there the counter must match its answer). The audit log and the failed-login
// counters are left out: recording a refusal is their job. A failing run prints its seed;
// FUZZ_SEED=<seed> repeats it.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { executorOf } from '../../src/server/store/store';
import { BLOB_HEADERS, BLOB_MIME_TYPES } from '../../src/shared/api/blobs';
import { ApiErrorBody } from '../../src/shared/api/errors';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';
import { call, type Seed, seed, testApp } from './helpers';
import { household, TestDevice } from './syncHelpers';

const databases = await testDatabases();
const RUNS = 1_000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** Tables whose rows a refused request must not touch, without the columns a read may move. */
const FINGERPRINTED: Record<string, string[]> = {
  organization: [],
  villages: [],
  users: [],
  user_villages: [],
  // A request with a live token slides the session and marks the device seen: not data.
  devices: ['last_seen_at'],
  sessions: ['last_used_at', 'expires_at'],
  records: [],
  buckets: [],
  client_counters: [],
  field_history: [],
  conflicts: [],
  quarantine: [],
  departures: [],
  blobs: [],
  blob_chunks: [],
  blob_refs: [],
};

/** Row count and a hash of the rows of every table in `FINGERPRINTED`. */
async function fingerprint(store: Store): Promise<Record<string, string>> {
  // The store keeps its Kysely instance private; a test may read around it.
  const db = executorOf(store) as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const result: Record<string, string> = {};
  for (const [table, ignored] of Object.entries(FINGERPRINTED)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      db,
    );
    const lines = rows
      .map((row) => {
        for (const column of ignored) delete row[column];
        return JSON.stringify(row, (_key, value) =>
          typeof value === 'bigint' ? String(value) : value,
        );
      })
      .sort();
    result[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return result;
}

// --- arbitraries ---------------------------------------------------------------------------

const anyJson = fc.jsonValue({ maxDepth: 4 });
const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'text/plain',
    'application/octet-stream',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
  ),
  anyText,
);
/** A body as the wire carries it: valid JSON of anything, or text that may not parse. */
const rawBody = (structured: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: structured.map((value) => JSON.stringify(value) ?? '') },
    anyText,
    fc.constantFrom('', '{', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'),
  );

const NEXT_ID = '@@next-mutation-id@@';

interface FuzzRequest {
  method: InjectOptions['method'];
  url: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

describe.each(databases)('fuzzing the device-facing routes on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: Seed;
  let device: TestDevice;
  let villageId: string;
  let householdId: string;
  let completeBlob: string;
  let partialBlob: string;

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await seed(store);
    app = await testApp(store, { rateLimit: false });
    villageId = data.villages[0]?.id as string;
    device = await TestDevice.open(app, store, data.users.surveyor);
    householdId = uuidv7();
    await device.push([
      device.mutation({ op: 'create', id: householdId, villageId, patch: household() }),
    ]);
    completeBlob = await upload(Buffer.from('a complete photo'), 'complete');
    partialBlob = await upload(Buffer.from('a photo still on its way'), 'partial');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  async function upload(bytes: Buffer, state: 'complete' | 'partial'): Promise<string> {
    const sha = createHash('sha256').update(bytes).digest('hex');
    const chunk = state === 'complete' ? bytes : bytes.subarray(0, 5);
    const response = await call(app, device.token, {
      method: 'PATCH',
      url: `/api/blobs/${sha}`,
      headers: {
        'content-type': 'application/octet-stream',
        [BLOB_HEADERS.offset]: '0',
        [BLOB_HEADERS.size]: String(bytes.length),
        [BLOB_HEADERS.mime]: 'image/jpeg',
      },
      payload: chunk,
    });
    expect(response.json().status).toBe(state);
    return sha;
  }

  /**
   * `NEXT_ID` placeholders become the device's next mutation ids, in order, so that arbitrary
   * mutations get past the counter check into the sync engine instead of a 409.
   */
  async function withNextMutationIds(body: string | Buffer): Promise<string | Buffer> {
    if (typeof body !== 'string' || !body.includes(NEXT_ID)) return body;
    let n = await store.getClientCounter(device.clientId);
    return body.replaceAll(NEXT_ID, () => {
      n += 1;
      return `${device.clientId}:${n}`;
    });
  }

  /** Sends `request`; checks the status, the error body and, when refused, the stored data. */
  async function probe(request: FuzzRequest): Promise<LightMyRequestResponse> {
    const before = await fingerprint(store);
    const lastNBefore = await store.getClientCounter(device.clientId);
    const response = await app.inject({
      method: request.method,
      url: request.url,
      headers: request.headers,
      payload: await withNextMutationIds(request.body),
    });
    const context = `${request.method} ${request.url} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
    expect(response.statusCode, context).toBeLessThan(500);
    if (response.statusCode < 400) return response;
    if (request.method !== 'HEAD') {
      expect(response.headers['content-type'], context).toMatch(/^application\/json/);
      expect(ApiErrorBody.safeParse(response.json()).success, context).toBe(true);
    }
    if (committedBeforeGap(response, lastNBefore)) {
      // A push 409 keeps whole transactions before the gap (docs/architecture.md §5), and says so.
      expect(await store.getClientCounter(device.clientId), context).toBe(
        response.json().error.details.lastN,
      );
    } else {
      expect(await fingerprint(store), context).toEqual(before);
    }
    return response;
  }

  function committedBeforeGap(response: LightMyRequestResponse, lastNBefore: number): boolean {
    if (response.statusCode !== 409) return false;
    const lastN = response.json().error.details?.lastN;
    return typeof lastN === 'number' && lastN > lastNBefore;
  }

  const authorization = () =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(`Bearer ${device.token}`) },
      fc.constant(''),
      anyText,
      fc
        .string({ unit: fc.constantFrom(...'ABCxyz019-_'), minLength: 20, maxLength: 60 })
        .map((t) => `Bearer ${t}`),
    );

  const withHeaders = (
    headers: fc.Arbitrary<Record<string, string>>,
    auth: fc.Arbitrary<string>,
  ): fc.Arbitrary<Record<string, string>> =>
    fc.tuple(headers, auth, contentType).map(([h, a, type]) => ({
      'content-type': type,
      ...(a ? { authorization: a } : {}),
      ...h,
    }));

  /** Runs the property; returns how many answers had each status, to check the fuzz got deep. */
  async function run(arbitrary: fc.Arbitrary<FuzzRequest>, numRuns = RUNS) {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (request) => {
        const { statusCode } = await probe(request);
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      }),
      { numRuns, seed: SEED },
    );
    if (process.env.FUZZ_VERBOSE) console.info(Object.fromEntries(statuses));
    return statuses;
  }

  it('login: never a 5xx, refusals change nothing', { timeout: 180_000 }, async () => {
    // Valid-shaped bodies run scrypt (~0.1–0.4 s): a bounded number of them, the rest arbitrary.
    const validShape = fc.record({
      username: fc.oneof(fc.constantFrom('surveyor', 'ADMIN ', 'nobody'), anyText),
      password: fc.string({ minLength: 1, maxLength: 128 }),
      clientId: fc.constantFrom(device.clientId, 'a-fuzzed-client', 'x'.repeat(64)),
      deviceName: fc.option(anyText, { nil: undefined }),
    });
    const invalidShape = fc.oneof(
      anyJson,
      fc.record(
        {
          username: fc.oneof(anyJson, anyText),
          password: fc.oneof(anyJson, fc.string({ maxLength: 300 })),
          clientId: fc.oneof(anyJson, anyText),
          deviceName: fc.oneof(anyJson, fc.string({ maxLength: 300 })),
        },
        { requiredKeys: [] },
      ),
    );
    const login = (body: fc.Arbitrary<unknown>) =>
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant('/api/auth/login'),
        headers: withHeaders(fc.constant({}), fc.constant('')),
        body: rawBody(body),
      });
    await run(login(invalidShape), RUNS);
    await run(login(validShape), 40);
  });

  it('push: never a 5xx, refusals change nothing', { timeout: 180_000 }, async () => {
    const mutationId = fc.oneof(
      { weight: 6, arbitrary: fc.constant(NEXT_ID) },
      fc.integer({ min: 1, max: 2 ** 40 }).map((n) => `${device.clientId}:${n}`),
      anyText,
    );
    const mutation = fc.record(
      {
        mutationId,
        clientId: fc.oneof({ weight: 5, arbitrary: fc.constant(device.clientId) }, anyText),
        txId: fc.oneof(fc.uuid(), anyText),
        schemaVersion: fc.oneof(fc.integer({ min: -2, max: 5 }), anyJson),
        hlc: fc.oneof(fc.constant(device.clock.next()), anyText),
        op: fc.oneof(fc.constantFrom('create', 'patch', 'delete', 'restore', 'resolve'), anyText),
        type: fc.oneof(
          fc.constantFrom('household', 'person', 'case', 'visit', 'assistance', 'caseStatusChange'),
          anyText,
        ),
        id: fc.oneof(fc.constant(householdId), fc.uuid(), anyText),
        villageId: fc.oneof(fc.constantFrom(...data.villages.map((v) => v.id)), fc.uuid(), anyText),
        patch: fc.oneof(fc.dictionary(anyText, anyJson, { maxKeys: 6 }), anyJson),
        base: fc.oneof(fc.dictionary(anyText, fc.integer({ min: -1, max: 1000 })), anyJson),
      },
      { requiredKeys: ['mutationId', 'clientId'] },
    );
    const envelope = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          clientId: fc.constant(device.clientId),
          mutations: fc.array(mutation, { maxLength: 4 }),
        }),
      },
      fc.record(
        { clientId: fc.oneof(anyText, anyJson), mutations: fc.oneof(anyJson, fc.array(anyJson)) },
        { requiredKeys: [] },
      ),
      anyJson,
    );
    await run(
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant('/api/sync/push'),
        headers: withHeaders(fc.constant({}), authorization()),
        body: rawBody(envelope),
      }),
    );
  });

  it('pull: never a 5xx, refusals change nothing', { timeout: 180_000 }, async () => {
    const cursors = fc.oneof(
      fc.dictionary(
        fc.oneof(
          fc.constantFrom(...data.villages.map((v) => v.id)),
          anyText,
          fc.constant('__proto__'),
        ),
        fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -5, max: 2 ** 53 }) }, anyJson),
        { maxKeys: 5 },
      ),
      anyJson,
    );
    const body = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record(
          {
            clientId: fc.constant(device.clientId),
            cursors,
            limit: fc.oneof(fc.integer({ min: -10, max: 10_000 }), anyJson),
          },
          { requiredKeys: ['clientId'] },
        ),
      },
      fc.record({ clientId: fc.oneof(anyText, anyJson), cursors }, { requiredKeys: [] }),
      anyJson,
    );
    await run(
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant('/api/sync/pull'),
        headers: withHeaders(fc.constant({}), authorization()),
        body: rawBody(body),
      }),
    );
  });

  it('blobs (HEAD, GET, PATCH): never a 5xx, refusals change nothing', {
    timeout: 180_000,
  }, async () => {
    const sha = fc.oneof(
      fc.constant(completeBlob),
      fc.constant(partialBlob),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
      anyText.map((t) => encodeURIComponent(t)),
      fc.constantFrom('%', '%zz', '..%2F..%2Fetc', 'A'.repeat(64)),
    );
    const number = fc.oneof(
      fc.nat({ max: 40 }).map(String),
      fc.constantFrom('-1', '1e3', '0x10', '9'.repeat(20), ' 5', ''),
      anyText,
    );
    const blobHeaders = fc.record(
      {
        [BLOB_HEADERS.offset]: number,
        [BLOB_HEADERS.size]: number,
        [BLOB_HEADERS.mime]: fc.oneof(fc.constantFrom(...BLOB_MIME_TYPES), anyText),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      rawBody(anyJson),
    );
    await run(
      fc.record({
        method: fc.constantFrom('HEAD' as const, 'GET' as const, 'PATCH' as const),
        url: sha.map((s) => `/api/blobs/${s}`),
        headers: withHeaders(blobHeaders, authorization()),
        body,
      }),
    );
    // The seeded blobs are as they were (a refused PATCH is also checked request by request).
    const head = await call(app, device.token, {
      method: 'HEAD',
      url: `/api/blobs/${partialBlob}`,
    });
    expect(head.headers[BLOB_HEADERS.status]).toBe('partial');
  });
});
