import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/server/store';
import { uuidv7 } from '../../../src/shared/ids';
import { toPulledRecord } from '../../../src/shared/sync/pulled';
import { type TestDatabase, testDatabases } from '../databases';
import { createUser, openSession, testApp } from '../helpers';
import { REPLAY_SEEDS } from './replays';
import { type DeviceSpec, Network, OP_KINDS, type Op, SimDevice, serverView } from './simulation';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
/** Runs per database: 200 in CI, 30 on a developer's machine; SIM_RUNS sets it (a soak). */
const RUNS = Number(process.env.SIM_RUNS ?? (process.env.CI ? 200 : 30));
const SEED = Number(process.env.SIM_SEED ?? Date.now() % 2_147_483_647);
/**
 * The worlds are run in two halves, one test file each (`simulation-1`, `simulation-2`), so
 * vitest runs them on two workers side by side: one file took 16 of CI's 28 minutes while the
 * second core idled. Half `part` runs its share of RUNS from seed SEED + part.
 */
export const SIMULATION_PARTS = 2;

const opArbitrary = (devices: number) =>
  fc.record({
    device: fc.nat(devices - 1),
    kind: fc.constantFrom(...OP_KINDS),
    pick: fc.nat(1000),
    value: fc.nat(1000),
  });

const worldArbitrary = fc.integer({ min: 3, max: 5 }).chain((devices) =>
  fc.record({
    devices: fc.constant(devices),
    skews: fc.array(fc.integer({ min: -YEAR_MS, max: YEAR_MS }), {
      minLength: devices,
      maxLength: devices,
    }),
    ops: fc.array(opArbitrary(devices), { minLength: devices * 100, maxLength: devices * 200 }),
    faults: fc.array(fc.nat(99), { minLength: 1, maxLength: 200 }),
  }),
);
type World = { devices: number; skews: number[]; ops: Op[]; faults: number[] };

let counter = 0;
/** Totals over every world of a run, to prove the worlds exercised what they claim to. */
const emptyTotals = () => ({
  worlds: 0,
  mutations: 0,
  records: 0,
  conflicts: 0,
  quarantined: 0,
  faults: 0,
  crashes: 0,
});
let totals = emptyTotals();

/**
 * หมู่ numbers are unique and stop at 99, so worlds share a pool of village triples: a later
 * world starts with the records earlier worlds left there, which its devices must pull too.
 */
const VILLAGE_TRIPLES = 32;
let villagePool: string[][] = [];

async function createVillagePool(store: Store): Promise<void> {
  villagePool = [];
  for (let t = 0; t < VILLAGE_TRIPLES; t++) {
    const triple = [];
    for (let i = 0; i < 3; i++) {
      const mooNo = t * 3 + i + 1;
      const village = await store.createVillage(
        {
          id: uuidv7(),
          mooNo,
          name: `sim ${mooNo}`,
          code: `451804${String(mooNo).padStart(2, '0')}`,
        },
        new Date().toISOString(),
      );
      triple.push(village.id);
    }
    villagePool.push(triple);
  }
}

/** One user per device, in two villages; the last device's user is confined to the first. */
async function makeWorld(store: Store, world: World, network: Network) {
  counter += 1;
  const villages = villagePool[counter % VILLAGE_TRIPLES] ?? [];
  const [a, b, foreign] = villages as [string, string, string];
  const devices: SimDevice[] = [];
  for (let i = 0; i < world.devices; i++) {
    const confined = i === world.devices - 1;
    const user = await createUser(store, {
      username: `sim${counter}u${i}`,
      role: i % 2 === 0 ? 'surveyor' : 'welfare',
      villageIds: confined ? [a] : [a, b],
    });
    const session = await openSession(store, user.id);
    const spec: DeviceSpec = {
      userId: user.id,
      token: session.token,
      clientId: session.clientId,
      villages: confined ? [a] : [a, b],
      foreignVillage: foreign,
      skewMs: world.skews[i] ?? 0,
    };
    const device = new SimDevice(spec, network);
    await device.start();
    devices.push(device);
  }
  return { devices, villages: [a, b] };
}

async function quiesce(devices: SimDevice[], network: Network): Promise<void> {
  network.perfect = true;
  while (network.delayed.length > 0) await network.replay(0);
  for (let round = 0; round < 10; round++) {
    for (const device of devices) expect(await device.sync()).toBe(true);
    const waiting = await Promise.all(devices.map((d) => d.database.outbox.count()));
    if (waiting.every((n) => n === 0)) break;
  }
  // One more round: everyone pulls what the last pushers sent.
  for (const device of devices) expect(await device.sync()).toBe(true);
}

async function checkInvariants(store: Store, devices: SimDevice[]): Promise<void> {
  const allVillages = [...new Set(devices.flatMap((d) => d.spec.villages))];
  const everything = await serverView(store, allVillages);
  for (const device of devices) {
    expect(await device.database.outbox.count(), 'outbox empty').toBe(0);
    expect(await device.database.pending.count(), 'no pending local values').toBe(0);
    // Devices keep records as pulled: values, deleted, seq and every field's seq must equal the
    // server's (toPulledRecord is lossless for seqs); who set a field and when stay on the server.
    const expected = [...everything.records.values()]
      .filter((r) => device.spec.villages.includes(r.villageId))
      .map(toPulledRecord)
      .sort((x, y) => x.id.localeCompare(y.id));
    const actual = (await device.database.records.toArray()).sort((x, y) =>
      x.id.localeCompare(y.id),
    );
    expect(actual, `device ${device.spec.clientId} equals the server`).toEqual(expected);
    for (const mutation of device.made) {
      expect(
        everything.settledMutationIds.has(mutation.mutationId),
        `${mutation.mutationId} settled`,
      ).toBe(true);
    }
    for (let i = 1; i < device.cursorLog.length; i++) {
      for (const [village, seq] of Object.entries(device.cursorLog[i - 1] ?? {})) {
        expect(
          device.cursorLog[i]?.[village] ?? 0,
          'cursor never goes back',
        ).toBeGreaterThanOrEqual(seq);
      }
    }
  }
}

async function runWorld(store: Store, app: FastifyInstance, world: World): Promise<void> {
  const network = new Network(app, world.faults);
  const { devices } = await makeWorld(store, world, network);
  try {
    for (const op of world.ops) await devices[op.device]?.run(op);
    await quiesce(devices, network);
    await checkInvariants(store, devices);
    const villageIds = [...new Set(devices.flatMap((d) => d.spec.villages))];
    const view = await serverView(store, villageIds);
    const conflicts = await store.listConflicts({ status: 'all', villageIds, limit: 1_000_000 });
    totals.worlds += 1;
    totals.mutations += devices.reduce((sum, d) => sum + d.made.length, 0);
    totals.records += view.records.size;
    totals.conflicts += conflicts.length;
    const clientIds = new Set(devices.map((d) => d.spec.clientId));
    const quarantine = await store.listQuarantine({
      status: 'all',
      villageIds: null,
      limit: 1_000_000,
    });
    totals.quarantined += quarantine.filter((entry) => clientIds.has(entry.clientId)).length;
    totals.faults += network.faults;
    totals.crashes += world.ops.filter((op) => op.kind === 'crash').length;
  } finally {
    await Promise.all(devices.map((d) => d.destroy()));
  }
}

/** Registers half `part` (0-based) of the simulation, on every test database. */
export async function describeSimulation(part: number): Promise<void> {
  const databases = await testDatabases();
  const runs = Math.ceil(RUNS / SIMULATION_PARTS);
  const seed = SEED + part;

  describe.each(databases)(
    `multi-device simulation ${part + 1}/${SIMULATION_PARTS} on $name`,
    (database: TestDatabase) => {
      let store: Store;
      let app: FastifyInstance;

      beforeAll(async () => {
        totals = emptyTotals();
        store = await database.openMigrated();
        await createVillagePool(store);
        app = await testApp(store, { rateLimit: false });
      });

      afterAll(async () => {
        console.log(`simulation ${part + 1} on ${database.name}:`, JSON.stringify(totals));
        await app.close();
        await database.drop();
      });

      // Failing seeds of the past are replayed once, by the first half.
      for (const replay of part === 0 ? REPLAY_SEEDS : []) {
        it(`replays failing seed ${replay.seed}`, async () => {
          await fc.assert(
            fc.asyncProperty(worldArbitrary, (world) => runWorld(store, app, world)),
            { seed: replay.seed, path: replay.path, numRuns: 1, endOnFailure: true },
          );
        });
      }

      it(`converges after ${runs} random worlds (seed ${seed})`, async () => {
        await fc.assert(
          fc.asyncProperty(worldArbitrary, (world) => runWorld(store, app, world)),
          { seed, numRuns: runs, endOnFailure: true },
        );
        // The worlds must have exercised what this test claims: conflicts, quarantines, faults.
        expect(totals.conflicts).toBeGreaterThan(0);
        expect(totals.quarantined).toBeGreaterThan(0);
        expect(totals.faults).toBeGreaterThan(0);
        expect(totals.crashes).toBeGreaterThan(0);
      }, 3_600_000);
    },
  );
}
