// Server push throughput with several server processes on one PostgreSQL (issue 17), over real
// HTTP: the tambon split between DEVICES devices (a household never split), each device pushing
// its requests in order to its own process (device i → process i mod P), all devices at once.
// The same run with one process is the comparison. Fresh schema per run, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateTambon } from '../../src/server/demo/generator';
import { createStore, dropPostgresSchema } from '../../src/server/store';
import type { PushResponse } from '../../src/shared/sync/protocol';
import { freePort, type RunningServer, startServer } from '../e2e/support/server';
import { BenchDevice, expectAllApplied, packBatches } from './lib/device';
import { benchSession, benchUser, benchVillages } from './lib/organization';
import type { DatasetSize, PushRun } from './serverPush';

const DEVICES = 4;

interface PreparedDevice {
  token: string;
  clientId: string;
  payloads: string[];
  sizes: number[];
}

/** Ten villages, one welfare officer, DEVICES sessions, and each device's requests packed. */
async function prepare(url: string, schema: string, dataset: DatasetSize) {
  const store = await createStore({ kind: 'postgres', url, schema });
  try {
    await store.migrate();
    const at = new Date().toISOString();
    const villages = await benchVillages(store, at);
    const user = await benchUser(
      store,
      {
        username: 'bench',
        name: 'ทดสอบ ความเร็ว',
        role: 'welfare',
        villageIds: villages.map((v) => v.id),
      },
      at,
    );
    const homes = generateTambon({ ...dataset, villages, surveyorId: user.id });
    const devices: PreparedDevice[] = [];
    for (let d = 0; d < DEVICES; d++) {
      const { clientId, token } = await benchSession(store, user.id, `bench ${d}`, at);
      const device = new BenchDevice(clientId);
      const mine = homes.filter((_, i) => i % DEVICES === d);
      const batches = packBatches(device.createHomes(mine));
      devices.push({
        token,
        clientId,
        payloads: batches.map((mutations) => JSON.stringify({ clientId, mutations })),
        sizes: batches.map((batch) => batch.length),
      });
    }
    return devices;
  } finally {
    await store.close();
  }
}

async function pushAll(device: PreparedDevice, server: RunningServer): Promise<void> {
  for (const [i, payload] of device.payloads.entries()) {
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body: payload,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`push answered ${response.status}: ${text.slice(0, 300)}`);
    expectAllApplied(JSON.parse(text) as PushResponse, device.sizes[i] ?? 0, 'push');
  }
}

/** One run: `processes` servers on a fresh schema, every device pushing at once. */
export async function processesPushRun(
  url: string,
  dataset: DatasetSize,
  processes: number,
  tmpRoot: string,
): Promise<PushRun> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const dir = join(tmpRoot, `push-processes-${schema}`);
  mkdirSync(dir, { recursive: true });
  const servers: RunningServer[] = [];
  try {
    const devices = await prepare(url, schema, dataset);
    for (let p = 0; p < processes; p++) {
      servers.push(
        await startServer({
          port: await freePort(),
          staticDir: dir,
          dataDir: dir,
          env: { DATABASE_URL: url, DATABASE_SCHEMA: schema, LOG_LEVEL: 'warn' },
        }),
      );
    }
    const started = performance.now();
    await Promise.all(
      devices.map((device, d) => pushAll(device, servers[d % processes] as RunningServer)),
    );
    const ms = performance.now() - started;
    const mutations = devices.reduce((sum, d) => sum + d.sizes.reduce((a, b) => a + b, 0), 0);
    const requests = devices.reduce((sum, d) => sum + d.payloads.length, 0);
    return { mutations, requests, ms, perSecond: mutations / (ms / 1000) };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await dropPostgresSchema(url, schema);
    rmSync(dir, { recursive: true, force: true });
  }
}
