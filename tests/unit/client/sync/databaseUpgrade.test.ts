import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../../../src/client/db/database';

const NAME = 'tambon-field-upgrade-test';
const HLC = '2026-11-01T00:00:00.000Z-0000-device-aaaa';

describe('database version 2', () => {
  afterEach(() => Dexie.delete(NAME));

  it('keeps only the field seqs of a record stored with the server fieldMeta', async () => {
    const v1 = new Dexie(NAME);
    v1.version(1).stores({ records: 'id, [type+villageId], villageId', meta: 'key' });
    await v1.table('records').put({
      id: 'r1',
      type: 'household',
      villageId: 'v1',
      schemaVersion: 1,
      fields: { houseNo: '5', soi: 'ซอย 2' },
      deleted: false,
      seq: 9,
      fieldMeta: {
        houseNo: { seq: 4, hlc: HLC, by: 'u1' },
        soi: { seq: 9, hlc: HLC, by: 'u2' },
      },
    });
    v1.close();

    const upgraded = new TambonDatabase(NAME);
    const record = await upgraded.records.get('r1');
    upgraded.close();
    expect(record).toMatchObject({ seq: 9, fieldSeq: { houseNo: 4 } });
    expect(record).not.toHaveProperty('fieldMeta');
  });
});
