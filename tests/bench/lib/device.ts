// A device as the bench's Node side plays it: numbers its mutations (clientId:n), stamps them
// with its own HLC clock and packs them into push requests the way the client engine does
// (<= 500 mutations, a transaction never split across requests).
import type { TambonHome } from '../../../src/server/demo/generator';
import { uuidv7 } from '../../../src/shared/ids';
import { type Clock, createClock } from '../../../src/shared/sync/hlc';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  type Mutation,
  type PushResponse,
  type RecordType,
} from '../../../src/shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION } from '../../../src/shared/sync/upgrade';

/** A device id as the app makes one (a UUIDv7): its length shows in every HLC the device stamps. */
export function newClientId(): string {
  return uuidv7();
}

export class BenchDevice {
  private n = 0;
  readonly clock: Clock;

  constructor(readonly clientId: string) {
    this.clock = createClock(clientId);
  }

  private mutation(
    op: 'create' | 'patch',
    type: RecordType,
    id: string,
    villageId: string,
    patch: Record<string, unknown>,
    txId: string,
    base: Record<string, number>,
  ): Mutation {
    this.n += 1;
    return {
      mutationId: `${this.clientId}:${this.n}`,
      clientId: this.clientId,
      txId,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      hlc: this.clock.next(),
      op,
      type,
      id,
      villageId,
      patch,
      base,
    };
  }

  /** One transaction per household: the household and its members land together. */
  createHomes(homes: readonly TambonHome[]): Mutation[][] {
    return homes.map((home) => {
      const txId = `tx-${home.household.id}`;
      const records = [
        { type: 'household' as const, ...home.household },
        ...home.members.map((member) => ({ type: 'person' as const, ...member })),
      ];
      return records.map((record) => {
        const patch = record.fields as Record<string, unknown>;
        const base = Object.fromEntries(Object.keys(patch).map((field) => [field, 0]));
        return this.mutation('create', record.type, record.id, record.villageId, patch, txId, base);
      });
    });
  }

  /** A patch of fields of an existing record, `base` being the seqs this device last saw. */
  patchRecord(
    type: RecordType,
    id: string,
    villageId: string,
    patch: Record<string, unknown>,
    base: Record<string, number>,
  ): Mutation {
    return this.mutation(
      'patch',
      type,
      id,
      villageId,
      patch,
      `tx-${this.clientId}-${this.n + 1}`,
      base,
    );
  }
}

/** Packs transactions into push requests: at most 500 mutations and 1 MB, none split. */
export function packBatches(transactions: readonly Mutation[][]): Mutation[][] {
  const batches: Mutation[][] = [];
  let current: Mutation[] = [];
  let bytes = 0;
  for (const tx of transactions) {
    const txBytes = tx.reduce((sum, m) => sum + JSON.stringify(m).length, 0);
    if (
      current.length > 0 &&
      (current.length + tx.length > MAX_PUSH_MUTATIONS || bytes + txBytes > MAX_PUSH_BYTES - 4096)
    ) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(...tx);
    bytes += txBytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Throws unless every mutation of the answer was applied (the figures are only for success). */
export function expectAllApplied(response: PushResponse, sent: number, what: string): void {
  const applied = response.results.filter((r) => r.status === 'applied').length;
  if (applied !== sent) {
    const other = response.results.find((r) => r.status !== 'applied');
    throw new Error(
      `${what}: ${applied}/${sent} mutations applied (first other: ${JSON.stringify(other)})`,
    );
  }
}
