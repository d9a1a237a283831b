import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StoredRecord, TambonDatabase } from '../../../../src/client/db/database';
import { sealingWith } from '../../../../src/client/db/sealing';
import { createFieldCipher } from '../../../../src/client/security/fieldCipher';
import { newDataKey } from '../../../../src/client/security/keyring';
import { SyncEngine } from '../../../../src/client/sync/engine';
import { listLocalRecords } from '../../../../src/client/sync/localRecords';
import type { SyncTransport } from '../../../../src/client/sync/transport';
import { uuidv7 } from '../../../../src/shared/ids';
import { ParcelFields } from '../../../../src/shared/model/parcel';
import type { PulledRecord, PullResponse } from '../../../../src/shared/sync/protocol';

const NAME = `parcel-pull-${uuidv7()}`;
const VILLAGE = uuidv7();
const OWNER = 'นายสมชาย ใจดี';

const PARCEL: PulledRecord = {
  id: uuidv7(),
  type: 'parcel',
  villageId: VILLAGE,
  schemaVersion: 1,
  fields: ParcelFields.parse({
    code: '01A001',
    polygons: [
      [
        [
          [103.6512345, 16.0512345],
          [103.6516, 16.0512345],
          [103.6516, 16.0516],
          [103.6512345, 16.0512345],
        ],
      ],
    ],
    areaM2: 1520.4,
    attributes: { OWNER, LANDUSE: 'ที่อยู่อาศัย' },
    importId: uuidv7(),
  }),
  deleted: false,
  seq: 3,
  fieldSeq: {},
};

function transportWith(changes: PulledRecord[]): SyncTransport {
  const page: PullResponse = {
    changes,
    departures: [],
    cursors: { [VILLAGE]: 3 },
    hasMore: false,
    ackedThroughN: 0,
    conflicts: [],
    scope: {
      version: 1,
      villages: [{ id: VILLAGE, mooNo: 1, name: 'บ้านพระเจ้า', code: '45180401' }],
    },
    serverTime: new Date().toISOString(),
  };
  return {
    push: () => Promise.reject(new Error('no push here')),
    pull: async () => structuredClone(page),
  };
}

let sealed: TambonDatabase;
let raw: TambonDatabase;

beforeEach(() => {
  const cipher = createFieldCipher(newDataKey());
  sealed = new TambonDatabase(NAME, { sealing: sealingWith(() => cipher) });
  raw = new TambonDatabase(NAME);
});

afterEach(async () => {
  sealed.close();
  raw.close();
  await Dexie.delete(NAME);
});

describe('a pulled parcel on the device', () => {
  it('is stored, readable by type and village, and sealed but for its code', async () => {
    const engine = await SyncEngine.open(sealed, 'parcelTestDevice', transportWith([PARCEL]));
    await engine.pull();

    const [listed] = await listLocalRecords(sealed, 'parcel', VILLAGE);
    expect(listed?.fields).toEqual(PARCEL.fields);
    expect(ParcelFields.safeParse(listed?.fields).success).toBe(true);

    const stored = (await raw.records.get(PARCEL.id)) as StoredRecord;
    expect(stored.type).toBe('parcel');
    expect(stored.villageId).toBe(VILLAGE);
    expect(stored.fields.code).toBe('01A001');
    const text = JSON.stringify(stored.fields, (_key, value) =>
      value instanceof Uint8Array ? '<sealed>' : value,
    );
    expect(text).not.toContain('103.6512345');
    expect(text).not.toContain(OWNER);
    expect(text).not.toContain('1520.4');
  });
});
