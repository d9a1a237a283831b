// The undo of an import (src/server/sync/imports.ts): which records someone wrote since, and
// the mutations that take the import back, as pure functions of what the import wrote.
import { describe, expect, it } from 'vitest';
import type { ImportedBatch } from '../../../src/server/store';
import { editedSince, lastSeqs, undoUnits } from '../../../src/server/sync/imports';
import type { SyncRecord } from '../../../src/shared/sync/protocol';

const V = '01900000-0000-7000-8000-0000000000a1';
const HOME = '01900000-0000-7000-8000-000000000001';
const PERSON = '01900000-0000-7000-8000-000000000002';
const OLD = '01900000-0000-7000-8000-000000000003';
const UNDO = '01900000-0000-7000-8000-0000000000ff';
const HLC = '2026-12-05T05:00:00.000Z-0000-import-abcdefgh';

function record(id: string, type: SyncRecord['type'], seq: number, fields = {}): SyncRecord {
  const fieldMeta = Object.fromEntries(
    Object.keys(fields).map((field) => [field, { seq, hlc: HLC, by: 'u' }]),
  );
  return { id, type, villageId: V, schemaVersion: 1, fields, deleted: false, fieldMeta, seq };
}

const written: ImportedBatch[] = [
  {
    householdId: HOME,
    records: [
      { id: HOME, type: 'household', villageId: V, op: 'create', seq: 10 },
      { id: PERSON, type: 'person', villageId: V, op: 'create', seq: 11 },
      {
        id: OLD,
        type: 'person',
        villageId: V,
        op: 'patch',
        fieldSeqs: { lastName: 12 },
        previous: { lastName: 'เดิม', sex: null },
      },
    ],
  },
];

const current = () =>
  new Map<string, SyncRecord>([
    [HOME, record(HOME, 'household', 10, { houseNo: '1' })],
    [PERSON, record(PERSON, 'person', 11, { householdId: HOME, firstName: 'ใหม่' })],
    [OLD, { ...record(OLD, 'person', 12, { lastName: 'ใหม่' }) }],
  ]);

describe('the undo of an import', () => {
  it('finds nothing written since when every record is as the import left it', () => {
    expect(editedSince(written, current())).toEqual([]);
    expect(lastSeqs(written)).toEqual(new Map([[V, 12]]));
  });

  it('finds a created record written again, deleted or gone', () => {
    const moved = current();
    moved.set(PERSON, { ...(moved.get(PERSON) as SyncRecord), seq: 20 });
    expect(editedSince(written, moved)).toEqual([{ id: PERSON, type: 'person' }]);
    const deleted = current();
    deleted.set(HOME, { ...(deleted.get(HOME) as SyncRecord), deleted: true });
    expect(editedSince(written, deleted)).toEqual([{ id: HOME, type: 'household' }]);
    const gone = current();
    gone.delete(HOME);
    expect(editedSince(written, gone)).toEqual([{ id: HOME, type: 'household' }]);
  });

  it('finds a patched field written again, not another field of that record', () => {
    const other = current();
    const old = other.get(OLD) as SyncRecord;
    other.set(OLD, {
      ...old,
      seq: 30,
      fieldMeta: { ...old.fieldMeta, firstName: { seq: 30, hlc: HLC, by: 'x' } },
    });
    expect(editedSince(written, other)).toEqual([]);
    other.set(OLD, {
      ...old,
      seq: 31,
      fieldMeta: { lastName: { seq: 31, hlc: HLC, by: 'x' } },
    });
    expect(editedSince(written, other)).toEqual([{ id: OLD, type: 'person' }]);
  });

  it('finds a created record that a record written since names', () => {
    const member = record('01900000-0000-7000-8000-000000000009', 'person', 40, {
      householdId: HOME,
    });
    expect(editedSince(written, current(), [member])).toEqual([{ id: HOME, type: 'household' }]);
    // A deleted one names nothing any more.
    expect(editedSince(written, current(), [{ ...member, deleted: true }])).toEqual([]);
  });

  it('puts patched fields back, then deletes people before their household, in one unit', () => {
    const units = undoUnits(written, current(), UNDO, new Date('2026-12-05T06:00:00Z'));
    expect(units).toHaveLength(1);
    const mutations = (units[0] ?? []).map((i) => i.mutation);
    expect(mutations.map((m) => [m?.op, m?.id])).toEqual([
      ['patch', OLD],
      ['delete', PERSON],
      ['delete', HOME],
    ]);
    expect(mutations[0]).toMatchObject({
      patch: { lastName: 'เดิม', sex: null },
      base: { lastName: 12, sex: 0 },
    });
    expect(mutations[2]).toMatchObject({ patch: {}, base: { deleted: 0 } });
    expect(new Set(mutations.map((m) => m?.txId)).size).toBe(1);
    for (const incoming of units[0] ?? []) expect(incoming.rejection).toBeNull();
  });
});
