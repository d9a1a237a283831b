import { describe, expect, it } from 'vitest';
import { packFieldMeta, unpackFieldMeta } from '../../../src/server/store/fieldMetaCodec';

describe('records.field_meta packing', () => {
  const hlc = '2026-11-21T05:19:00.000Z-0000-device-a1';

  it('lists each write once and reads back the same metadata', () => {
    const created = { seq: 4, hlc, by: 'u1' };
    const meta = {
      houseNo: created,
      soi: { ...created },
      note: { seq: 9, hlc, by: 'u2' },
      deleted: { seq: 4, hlc, by: 'u3' },
    };
    const packed = packFieldMeta(meta);
    expect(JSON.parse(packed)).toEqual({
      w: [
        [4, hlc, 'u1'],
        [9, hlc, 'u2'],
        [4, hlc, 'u3'],
      ],
      f: { houseNo: 0, soi: 0, note: 1, deleted: 2 },
    });
    expect(unpackFieldMeta(packed)).toEqual(meta);
  });

  it('packs an empty record', () => {
    expect(unpackFieldMeta(packFieldMeta({}))).toEqual({});
  });
});
