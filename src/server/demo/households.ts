// The demo tambon's households and people (`--demo`): generated once, from a fixed seed, and
// written through the sync engine as a device's pushed mutations would be, so they carry real
// bucket sequences, field metadata and history, and every device pulls them like any record.

import { uuidv7 } from '../../shared/ids';
import { formatHlc } from '../../shared/sync/hlc';
import type { Mutation } from '../../shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION } from '../../shared/sync/upgrade';
import type { Store } from '../store';
import { applyUnits } from '../sync/apply';
import { prepareIncoming } from '../sync/intake';
import { generateTambon } from './generator';

/** The demo loader writes as this device; its counter marks the households as loaded. */
export const DEMO_CLIENT_ID = 'demo-loader';
export const DEMO_HOUSEHOLDS = 500;
export const DEMO_PEOPLE = 2000;
const DEMO_SEED = 451804;
const SURVEY_DAYS = 70;

export interface DemoHouseholdsInput {
  villages: ReadonlyArray<{ id: string; mooNo: number }>;
  /** Who surveyed them, and whose authority writes them (an all-village role). */
  surveyor: { id: string; role: 'supervisor' };
  at: string;
}

/** Adds the demo households unless they are there already. Returns how many it added. */
export async function loadDemoHouseholds(
  store: Store,
  input: DemoHouseholdsInput,
): Promise<number> {
  if ((await store.getClientCounter(DEMO_CLIENT_ID)) > 0) return 0;
  const surveyStart = new Date(Date.parse(input.at) - SURVEY_DAYS * 86_400_000);
  const homes = generateTambon({
    seed: DEMO_SEED,
    households: DEMO_HOUSEHOLDS,
    people: DEMO_PEOPLE,
    villages: input.villages,
    surveyorId: input.surveyor.id,
    districtCode: '4518',
    postalCode: '45140',
    surveyStart: surveyStart.toISOString().slice(0, 10),
    idBaseMs: Date.parse(input.at) - 86_400_000,
  });
  let n = 0;
  // A day before loading: any edit made on a device after it wins a concurrent change.
  const hlcMs = Date.parse(input.at) - 86_400_000;
  const units = homes.map((home) => {
    const txId = uuidv7();
    return [home.household, ...home.members].map((record) => {
      n += 1;
      const mutation: Mutation = {
        mutationId: `${DEMO_CLIENT_ID}:${n}`,
        clientId: DEMO_CLIENT_ID,
        txId,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        hlc: formatHlc({ millis: hlcMs, counter: n, clientId: DEMO_CLIENT_ID }),
        op: 'create',
        type: 'householdId' in record.fields ? 'person' : 'household',
        id: record.id,
        villageId: record.villageId,
        patch: record.fields,
        base: {},
      };
      return prepareIncoming(mutation, Date.parse(input.at));
    });
  });
  const actor = {
    userId: input.surveyor.id,
    role: input.surveyor.role,
    villageIds: new Set(input.villages.map((village) => village.id)),
  };
  return store.transaction(async (tx) => {
    await tx.lockClientCounter(DEMO_CLIENT_ID, input.surveyor.id, input.at);
    const outcome = await applyUnits(tx, actor, units, { at: input.at });
    if (outcome.counts.quarantined > 0) {
      throw new Error(`demo households: ${outcome.counts.quarantined} mutations refused`);
    }
    await tx.setClientCounter(DEMO_CLIENT_ID, input.surveyor.id, n, input.at);
    return homes.length;
  });
}
