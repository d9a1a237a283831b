import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../../../src/client/db/database';
import { type Device, EditError, edit } from '../../../../src/client/sync/edit';
import { withoutAcknowledged } from '../../../../src/client/sync/engine';
import { getLocalRecord, listLocalRecords } from '../../../../src/client/sync/localRecords';
import { uuidv7 } from '../../../../src/shared/ids';
import { createClock } from '../../../../src/shared/sync/hlc';

const VILLAGE = uuidv7();
const CLIENT = 'unitTestDevice01';
let device: Device;

beforeEach(async () => {
  const database = new TambonDatabase(`edit-test-${uuidv7()}`);
  await database.open();
  device = { database, clientId: CLIENT, clock: createClock(CLIENT) };
});

afterEach(async () => {
  await device.database.delete();
});

describe('edit', () => {
  it('queues a household with its members as one transaction, visible locally at once', async () => {
    const householdId = uuidv7();
    const mutations = await edit(device, [
      {
        op: 'create',
        type: 'household',
        id: householdId,
        villageId: VILLAGE,
        patch: { houseNo: '12/3' },
      },
      {
        op: 'create',
        type: 'person',
        villageId: VILLAGE,
        patch: { householdId, firstName: 'บุญมี' },
      },
      {
        op: 'create',
        type: 'person',
        villageId: VILLAGE,
        patch: { householdId, firstName: 'สมศรี' },
      },
    ]);
    expect(mutations.map((m) => m.mutationId)).toEqual([
      `${CLIENT}:1`,
      `${CLIENT}:2`,
      `${CLIENT}:3`,
    ]);
    expect(new Set(mutations.map((m) => m.txId)).size).toBe(1);
    expect(mutations[0]?.base).toEqual({ houseNo: 0 });

    const outbox = await device.database.outbox.orderBy('n').toArray();
    expect(outbox.map((row) => row.n)).toEqual([1, 2, 3]);
    const household = await getLocalRecord(device.database, householdId);
    expect(household?.fields).toEqual({ houseNo: '12/3' });
    expect(household?.unsyncedFields).toEqual(['houseNo']);
    const people = await listLocalRecords(device.database, 'person', VILLAGE);
    expect(people.map((p) => p.fields.firstName).sort()).toEqual(['บุญมี', 'สมศรี']);
  });

  it('saves nothing when one change of the transaction is refused', async () => {
    await expect(
      edit(device, [
        { op: 'create', type: 'household', villageId: VILLAGE, patch: { houseNo: '1' } },
        {
          op: 'patch',
          type: 'person',
          id: uuidv7(),
          villageId: VILLAGE,
          patch: { firstName: 'x' },
        },
      ]),
    ).rejects.toBeInstanceOf(EditError);
    expect(await device.database.outbox.count()).toBe(0);
    expect(await device.database.pending.count()).toBe(0);
    // The counter did not move either.
    const [next] = await edit(device, [
      { op: 'create', type: 'household', villageId: VILLAGE, patch: { houseNo: '2' } },
    ]);
    expect(next?.mutationId).toBe(`${CLIENT}:1`);
  });

  it('bases a patch on the seq of the synced field and shows the local value over it', async () => {
    const id = uuidv7();
    await device.database.records.put({
      id,
      type: 'household',
      villageId: VILLAGE,
      schemaVersion: 1,
      fields: { houseNo: '5', toilet: false },
      deleted: false,
      // houseNo was set at 7; toilet at the record's seq (implied).
      fieldSeq: { houseNo: 7 },
      seq: 9,
    });
    const [patch] = await edit(device, [
      { op: 'patch', type: 'household', id, villageId: VILLAGE, patch: { toilet: true } },
    ]);
    expect(patch?.base).toEqual({ toilet: 9 });
    const [other] = await edit(device, [
      { op: 'patch', type: 'household', id, villageId: VILLAGE, patch: { houseNo: '6', soi: 'ก' } },
    ]);
    expect(other?.base).toEqual({ houseNo: 7, soi: 0 });
    const [del] = await edit(device, [{ op: 'delete', type: 'household', id, villageId: VILLAGE }]);
    expect(del?.base).toEqual({ deleted: 0 });
    const local = await getLocalRecord(device.database, id);
    expect(local).toMatchObject({
      fields: { houseNo: '6', soi: 'ก', toilet: true },
      deleted: true,
      seq: 9,
    });
  });
});

describe('acknowledged local values', () => {
  const row = {
    id: 'r',
    type: 'household' as const,
    villageId: VILLAGE,
    fields: { a: 1, b: 2 },
    fieldN: { a: 3, b: 5 },
    deleted: { value: true, n: 4 },
  };

  it('drops only the fields set at or before the acknowledged counter', () => {
    expect(withoutAcknowledged(row, 2)).toBe(row);
    expect(withoutAcknowledged(row, 4)).toEqual({
      ...row,
      fields: { b: 2 },
      fieldN: { b: 5 },
      deleted: undefined,
    });
    expect(withoutAcknowledged(row, 5)).toBeNull();
  });
});
