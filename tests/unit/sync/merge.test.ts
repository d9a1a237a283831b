import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src/shared/sync/hlc';
import { mergeMutation } from '../../../src/shared/sync/merge';
import type { Mutation, SyncRecord } from '../../../src/shared/sync/protocol';

const RECORD_ID = '01900000-0000-7000-8000-000000000001';
const VILLAGE_ID = '01900000-0000-7000-8000-0000000000aa';
const A = 'deviceAAAA';
const B = 'deviceBBBB';

function hlc(millis: number, clientId: string): string {
  return formatHlc({ millis, counter: 0, clientId });
}

function mutation(overrides: Partial<Mutation>): Mutation {
  return {
    mutationId: `${A}:1`,
    clientId: A,
    txId: 'tx1',
    schemaVersion: 1,
    hlc: hlc(1_000, A),
    op: 'patch',
    type: 'household',
    id: RECORD_ID,
    villageId: VILLAGE_ID,
    patch: {},
    base: {},
    ...overrides,
  };
}

function created(): SyncRecord {
  const create = mutation({ op: 'create', patch: { houseNo: '12/3', toilet: true } });
  return mergeMutation(null, create, { seq: 1, by: 'userA' }).record;
}

describe('field merge', () => {
  it('creates a record with per-field meta', () => {
    const record = created();
    expect(record.fields).toEqual({ houseNo: '12/3', toilet: true });
    expect(record.fieldMeta.houseNo).toEqual({ seq: 1, hlc: hlc(1_000, A), by: 'userA' });
    expect(record.seq).toBe(1);
    expect(record.deleted).toBe(false);
  });

  it('applies an edit made on top of the current value, whatever its clock says', () => {
    const edit = mutation({
      clientId: B,
      hlc: hlc(1, B),
      patch: { houseNo: '99' },
      base: { houseNo: 1 },
    });
    const outcome = mergeMutation(created(), edit, { seq: 2, by: 'userB' });
    expect(outcome.record.fields.houseNo).toBe('99');
    expect(outcome.conflicts).toEqual([]);
  });

  it('never conflicts on edits to different fields', () => {
    const afterA = mergeMutation(
      created(),
      mutation({ hlc: hlc(2_000, A), patch: { houseNo: '1' }, base: { houseNo: 1 } }),
      { seq: 2, by: 'userA' },
    ).record;
    const outcome = mergeMutation(
      afterA,
      mutation({ clientId: B, hlc: hlc(1_500, B), patch: { toilet: false }, base: { toilet: 1 } }),
      { seq: 3, by: 'userB' },
    );
    expect(outcome.record.fields).toEqual({ houseNo: '1', toilet: false });
    expect(outcome.conflicts).toEqual([]);
  });

  it('keeps the later HLC on a concurrent edit and returns the other as the loser', () => {
    const afterA = mergeMutation(
      created(),
      mutation({ hlc: hlc(2_000, A), patch: { houseNo: 'A' }, base: { houseNo: 1 } }),
      { seq: 2, by: 'userA' },
    ).record;
    const laterB = mutation({
      clientId: B,
      hlc: hlc(3_000, B),
      patch: { houseNo: 'B' },
      base: { houseNo: 1 },
    });
    const outcome = mergeMutation(afterA, laterB, { seq: 3, by: 'userB' });
    expect(outcome.record.fields.houseNo).toBe('B');
    expect(outcome.conflicts).toEqual([
      {
        field: 'houseNo',
        winner: { value: 'B', hlc: hlc(3_000, B), by: 'userB' },
        loser: { value: 'A', hlc: hlc(2_000, A), by: 'userA' },
        incomingLost: false,
      },
    ]);

    const earlierB = mutation({
      clientId: B,
      hlc: hlc(1_500, B),
      patch: { houseNo: 'B' },
      base: { houseNo: 1 },
    });
    const lost = mergeMutation(afterA, earlierB, { seq: 3, by: 'userB' });
    expect(lost.record.fields.houseNo).toBe('A');
    expect(lost.record.seq).toBe(2);
    expect(lost.conflicts[0]?.incomingLost).toBe(true);
    expect(lost.conflicts[0]?.loser.value).toBe('B');
  });

  it('breaks an HLC time tie by clientId, the same way everywhere', () => {
    const afterB = mergeMutation(
      created(),
      mutation({ clientId: B, hlc: hlc(2_000, B), patch: { houseNo: 'B' }, base: { houseNo: 1 } }),
      { seq: 2, by: 'userB' },
    ).record;
    const tieA = mutation({ hlc: hlc(2_000, A), patch: { houseNo: 'A' }, base: { houseNo: 1 } });
    expect(mergeMutation(afterB, tieA, { seq: 3, by: 'userA' }).record.fields.houseNo).toBe('B');
  });

  it('treats edit versus delete as a conflict on the deleted field, not a loss', () => {
    const deletedByA = mergeMutation(created(), mutation({ hlc: hlc(2_000, A), op: 'delete' }), {
      seq: 2,
      by: 'userA',
    }).record;
    expect(deletedByA.deleted).toBe(true);
    expect(deletedByA.fields.houseNo).toBe('12/3');

    // B saw the record before the delete, and both deletes and restores concurrently.
    const restoreByB = mutation({
      clientId: B,
      hlc: hlc(3_000, B),
      op: 'restore',
      base: { deleted: 0 },
    });
    const outcome = mergeMutation(deletedByA, restoreByB, { seq: 3, by: 'userB' });
    expect(outcome.record.deleted).toBe(false);
    expect(outcome.conflicts[0]).toMatchObject({ field: 'deleted', loser: { value: true } });
  });

  it('keeps unknown fields and never writes inherited keys', () => {
    const record = created();
    const outcome = mergeMutation(
      record,
      mutation({ patch: { futureField: { a: 1 } }, base: {} }),
      {
        seq: 2,
        by: 'userA',
      },
    );
    expect(outcome.record.fields.futureField).toEqual({ a: 1 });
    expect(outcome.record.fields.houseNo).toBe('12/3');
    expect(Object.getPrototypeOf(outcome.record.fields)).toBe(Object.prototype);
  });

  it("applies a device's second queued edit of a field on top of its first, without a conflict", () => {
    const first = mergeMutation(
      created(),
      mutation({ hlc: hlc(2_000, A), patch: { houseNo: 'first' }, base: { houseNo: 1 } }),
      { seq: 2, by: 'userA' },
    ).record;
    // Queued offline before the first was acknowledged: same base.
    const second = mergeMutation(
      first,
      mutation({ hlc: hlc(3_000, A), patch: { houseNo: 'second' }, base: { houseNo: 1 } }),
      { seq: 3, by: 'userA' },
    );
    expect(second.conflicts).toEqual([]);
    expect(second.record.fields.houseNo).toBe('second');
  });

  it('still conflicts when another device wrote the field in between', () => {
    const byB = mergeMutation(
      created(),
      mutation({ clientId: B, hlc: hlc(2_000, B), patch: { houseNo: 'B' }, base: { houseNo: 1 } }),
      { seq: 2, by: 'userB' },
    ).record;
    const queuedA = mutation({ hlc: hlc(3_000, A), patch: { houseNo: 'A' }, base: { houseNo: 1 } });
    const outcome = mergeMutation(byB, queuedA, { seq: 3, by: 'userA' });
    expect(outcome.conflicts).toHaveLength(1);
    expect(outcome.record.fields.houseNo).toBe('A');
  });
});
