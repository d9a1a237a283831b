import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src/shared/sync/hlc';
import { mergeMutation, sameClockEarlier } from '../../../src/shared/sync/merge';
import type { Mutation, SyncRecord } from '../../../src/shared/sync/protocol';

const A = 'deviceAAAA';
const B = 'deviceBBBB';
const hlc = (millis: number, clientId: string) => formatHlc({ millis, counter: 0, clientId });

function mutation(overrides: Partial<Mutation>): Mutation {
  return {
    mutationId: `${A}:1`,
    clientId: A,
    txId: 't',
    schemaVersion: 1,
    hlc: hlc(1_000, A),
    op: 'patch',
    type: 'household',
    id: '01900000-0000-7000-8000-000000000001',
    villageId: '01900000-0000-7000-8000-0000000000aa',
    patch: {},
    base: {},
    ...overrides,
  };
}

function created(): SyncRecord {
  return mergeMutation(null, mutation({ op: 'create', patch: { houseNo: '1' } }), {
    seq: 1,
    by: 'userA',
  }).record;
}

describe('merge rules the server relies on', () => {
  it('treats two queued edits of one field from the same device as sequential', () => {
    const first = mergeMutation(
      created(),
      mutation({ hlc: hlc(2_000, A), patch: { houseNo: '2' }, base: { houseNo: 1 } }),
      { seq: 2, by: 'userA' },
    ).record;
    // Same stale base: the device had not synced, but it saw its own first edit.
    const second = mergeMutation(
      first,
      mutation({ hlc: hlc(3_000, A), patch: { houseNo: '3' }, base: { houseNo: 1 } }),
      { seq: 3, by: 'userA' },
    );
    expect(second.conflicts).toEqual([]);
    expect(second.record.fields.houseNo).toBe('3');
    expect(sameClockEarlier(hlc(1, A), hlc(2, A))).toBe(true);
    expect(sameClockEarlier(hlc(1, A), hlc(2, B))).toBe(false);
    expect(sameClockEarlier(hlc(2, A), hlc(1, A))).toBe(false);
  });

  it('reports an edit of a record deleted behind the editor as a conflict on deleted', () => {
    const deleted = mergeMutation(
      created(),
      mutation({ hlc: hlc(2_000, A), op: 'delete', base: { deleted: 0 } }),
      { seq: 2, by: 'userA' },
    ).record;
    const edit = mutation({
      clientId: B,
      hlc: hlc(3_000, B),
      patch: { houseNo: 'B' },
      base: { houseNo: 1 },
    });
    const outcome = mergeMutation(deleted, edit, { seq: 3, by: 'userB' });
    expect(outcome.record).toMatchObject({ deleted: true, fields: { houseNo: 'B' } });
    expect(outcome.conflicts).toEqual([
      {
        field: 'deleted',
        winner: { value: true, hlc: hlc(2_000, A), by: 'userA' },
        loser: { value: false, hlc: edit.hlc, by: 'userB' },
        incomingLost: true,
      },
    ]);
    // An editor who saw the delete (a base at or after it) gets no conflict.
    const informed = mergeMutation(
      deleted,
      { ...edit, base: { houseNo: 1, deleted: 2 } },
      {
        seq: 3,
        by: 'userB',
      },
    );
    expect(informed.conflicts).toEqual([]);
  });
});
