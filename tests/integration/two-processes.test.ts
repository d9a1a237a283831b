// PostgreSQL only (issue 17): two real server processes on one database behind the test's own
// round-robin. Devices push concurrently while another device pulls; one process is killed
// mid-push and the devices carry on with the other. Every mutation must be applied exactly
// once, no seq skipped, nothing lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store';
import { executorOf } from '../../src/server/store/store';
import { uuidv7 } from '../../src/shared/ids';
import {
  type Mutation,
  type PulledRecord,
  PullResponse,
  PushResponse,
} from '../../src/shared/sync/protocol';
import { freePort, type RunningServer, startServer } from '../e2e/support/server';
import { testDatabases } from './databases';
import { openSession } from './helpers';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const postgres = (await testDatabases()).filter((d) => d.name === 'postgres');

const DEVICES = 6;
const RECORDS_PER_DEVICE = 120;
const BATCH = 40;

/** The test's load balancer: each request to the next live process, counting what is in flight. */
class RoundRobin {
  private next = 0;
  readonly inFlight = new Map<string, number>();
  interrupted = 0;

  constructor(readonly live: RunningServer[]) {}

  async post(path: string, token: string, body: unknown): Promise<Response | null> {
    const server = this.live[this.next++ % this.live.length] as RunningServer;
    this.inFlight.set(server.url, (this.inFlight.get(server.url) ?? 0) + 1);
    try {
      return await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      // The process died under this request: the device will send it again.
      this.interrupted += 1;
      return null;
    } finally {
      this.inFlight.set(server.url, (this.inFlight.get(server.url) ?? 1) - 1);
    }
  }

  drop(server: RunningServer): void {
    this.live.splice(this.live.indexOf(server), 1);
  }
}

describe.each(postgres)('two server processes on one $name', (database) => {
  let store: Store;
  let data: SyncSeed;
  let servers: RunningServer[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'tf-two-processes-'));

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    if (database.config.kind !== 'postgres') throw new Error('PostgreSQL only');
    const env = {
      DATABASE_URL: database.config.url,
      DATABASE_SCHEMA: database.config.schema ?? '',
    };
    servers = await Promise.all(
      [0, 1].map(async () =>
        startServer({ port: await freePort(), staticDir: dataDir, dataDir, env }),
      ),
    );
  }, 90_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop().catch(() => undefined)));
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every mutation once, skips no seq and loses nothing when a process dies mid-push', async () => {
    const balancer = new RoundRobin([...servers]);
    const villages = data.villages.slice(0, 2).map((v) => v.id);
    const devices = await Promise.all(
      Array.from({ length: DEVICES }, async () => {
        const { token, clientId } = await openSession(store, data.users.welfare.id);
        return new TestDevice(null as never, token, clientId, data.users.welfare.id);
      }),
    );

    /** Pushes one batch until the live processes answer 200 for all of it. */
    async function pushUntilSettled(device: TestDevice, batch: Mutation[]): Promise<void> {
      for (let attempt = 0; attempt < 20; attempt++) {
        const response = await balancer.post('/api/sync/push', device.token, {
          clientId: device.clientId,
          mutations: batch,
        });
        if (response?.ok) {
          const answer = PushResponse.parse(await response.json());
          expect(answer.results.map((r) => r.status).every((s) => s !== 'quarantined')).toBe(true);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('a batch was never settled');
    }

    const created: string[] = [];
    async function pusher(device: TestDevice): Promise<void> {
      for (let sent = 0; sent < RECORDS_PER_DEVICE; sent += BATCH) {
        const batch = Array.from({ length: BATCH }, (_, i) => {
          const id = uuidv7();
          created.push(id);
          return device.mutation({
            op: 'create',
            id,
            villageId: villages[(sent + i) % 2] as string,
            patch: household(),
          });
        });
        await pushUntilSettled(device, batch);
      }
    }

    const pulled = new Map<string, PulledRecord>();
    const puller = await openSession(store, data.users.welfare.id);
    let cursors: Record<string, number> = {};
    async function pullOnce(): Promise<boolean> {
      const response = await balancer.post('/api/sync/pull', puller.token, {
        clientId: puller.clientId,
        cursors,
        limit: 50,
      });
      if (!response?.ok) return true;
      const page = PullResponse.parse(await response.json());
      for (const change of page.changes) pulled.set(change.id, change);
      cursors = { ...cursors, ...page.cursors };
      return page.hasMore;
    }
    let pushing = true;
    const pulling = (async () => {
      while (pushing) await pullOnce();
    })();

    const victim = servers[0] as RunningServer;
    const killer = (async () => {
      // Once the victim has at least two pushes in flight, it dies.
      while ((balancer.inFlight.get(victim.url) ?? 0) < 2) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      balancer.drop(victim);
      await victim.kill();
    })();

    await Promise.all(devices.map(pusher));
    await killer;
    pushing = false;
    await pulling;
    while (await pullOnce()) {}

    expect(balancer.interrupted, 'requests cut off by the kill').toBeGreaterThan(0);
    // Exactly once: every record there, once, with one write each.
    const rows = await executorOf(store)
      .selectFrom('records')
      .select(['id', 'village_id', 'seq'])
      .execute();
    expect(rows).toHaveLength(DEVICES * RECORDS_PER_DEVICE);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(created));
    for (const device of devices) {
      const counter = await executorOf(store)
        .selectFrom('client_counters')
        .selectAll()
        .where('client_id', '=', device.clientId)
        .executeTakeFirst();
      expect(Number(counter?.last_n)).toBe(RECORDS_PER_DEVICE);
    }
    // No seq skipped: each village's records hold seqs 1..n, each once.
    for (const villageId of villages) {
      const seqs = rows
        .filter((r) => r.village_id === villageId)
        .map((r) => Number(r.seq))
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
    // Nothing lost to the puller that paged through while the processes wrote and one died.
    expect(new Set(pulled.keys())).toEqual(new Set(created));
  }, 120_000);
});
