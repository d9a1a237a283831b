// The push intake: each mutation checked alone (a bad one is a quarantine reason, not an error
// of the push), then grouped into runs of one txId.
import { describe, expect, it } from 'vitest';
import { type Incoming, prepareIncoming, txRuns } from '../../../src/server/sync/intake';

const CLIENT = 'device-intake';

function incoming(n: number, txId: string): Incoming {
  return {
    raw: {},
    mutationId: `${CLIENT}:${n}`,
    n,
    clientId: CLIENT,
    txId,
    mutation: null,
    clamped: false,
    rejection: null,
  };
}

describe('prepareIncoming', () => {
  it('refuses what is not a mutation as invalid_fields, keeping it whole', () => {
    const raw = { mutationId: `${CLIENT}:7`, clientId: CLIENT, op: 'nonsense' };
    const prepared = prepareIncoming(raw, Date.now());
    expect(prepared.mutation).toBeNull();
    expect(prepared.rejection?.reason).toBe('invalid_fields');
    expect(prepared.raw).toBe(raw);
    expect(prepared.n).toBe(7);
    // Without a txId a mutation is its own run.
    expect(prepared.txId).toBe(`${CLIENT}:7`);
  });
});

describe('txRuns', () => {
  it('groups consecutive mutations of one txId, in order', () => {
    const items = [incoming(1, 'a'), incoming(2, 'a'), incoming(3, 'b'), incoming(4, 'a')];
    expect(txRuns(items).map((run) => run.map((item) => item.n))).toEqual([[1, 2], [3], [4]]);
  });

  it('gives no runs for no mutations', () => {
    expect(txRuns([])).toEqual([]);
  });
});
