import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyncRecord } from '../../../src/shared/sync/protocol';
import { fieldSeqOf, toPulledRecord } from '../../../src/shared/sync/pulled';

const HLC = '2026-11-21T05:19:00.000Z-0000-device-a1';
const FIELDS = ['houseNo', 'soi', 'note', 'toilet', 'deleted'] as const;

function record(overrides: Partial<SyncRecord> = {}): SyncRecord {
  return {
    id: '0190d1a2-0000-7000-8000-000000000001',
    type: 'household',
    villageId: '0190d1a2-0000-7000-8000-000000000002',
    schemaVersion: 1,
    fields: {},
    deleted: false,
    fieldMeta: {},
    seq: 0,
    ...overrides,
  };
}

describe('records as devices get them', () => {
  it('list no seqs for a record created in one write', () => {
    const meta = { seq: 4, hlc: HLC, by: 'u1' };
    const created = record({
      fields: { houseNo: '1', soi: null },
      fieldMeta: { houseNo: meta, soi: meta },
      seq: 4,
    });
    const pulled = toPulledRecord(created);
    expect(pulled).toEqual({
      id: created.id,
      type: 'household',
      villageId: created.villageId,
      schemaVersion: 1,
      fields: { houseNo: '1', soi: null },
      deleted: false,
      seq: 4,
      fieldSeq: {},
    });
    expect(fieldSeqOf(pulled, 'houseNo')).toBe(4);
    expect(fieldSeqOf(pulled, 'deleted')).toBe(0);
    expect(fieldSeqOf(pulled, 'never')).toBe(0);
  });

  it('list older fields and a written `deleted` explicitly', () => {
    const pulled = toPulledRecord(
      record({
        fields: { houseNo: '1', soi: 'ก' },
        deleted: true,
        fieldMeta: {
          houseNo: { seq: 2, hlc: HLC, by: 'u1' },
          soi: { seq: 5, hlc: HLC, by: 'u2' },
          deleted: { seq: 5, hlc: HLC, by: 'u2' },
        },
        seq: 5,
      }),
    );
    expect(pulled.fieldSeq).toEqual({ houseNo: 2, deleted: 5 });
  });

  it('keep every field seq of any record (lossless)', () => {
    const meta = fc.option(fc.nat(20), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.nat(20),
          metas: fc.tuple(meta, meta, meta, meta, meta),
          values: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
        }),
        ({ seq, metas, values }) => {
          const source = record({ seq });
          FIELDS.forEach((field, i) => {
            const metaSeq = metas[i];
            if (metaSeq !== undefined)
              source.fieldMeta[field] = { seq: metaSeq, hlc: HLC, by: 'u' };
            if (field !== 'deleted' && values[i]) source.fields[field] = i;
          });
          const pulled = toPulledRecord(source);
          for (const field of FIELDS) {
            expect(fieldSeqOf(pulled, field)).toBe(source.fieldMeta[field]?.seq ?? 0);
          }
        },
      ),
    );
  });
});
