import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConflictRow,
  type DraftRow,
  type OutboxRow,
  type PendingRow,
  type QuarantinedRow,
  type StoredRecord,
  TambonDatabase,
} from '../../../../src/client/db/database';
import { readOpenedAhead, sealAhead, sealingWith } from '../../../../src/client/db/sealing';
import { createFieldCipher, type FieldCipher } from '../../../../src/client/security/fieldCipher';
import { newDataKey } from '../../../../src/client/security/keyring';

const NAME = 'tambon-field-sealing-test';
const VILLAGE = '01930000-0000-7000-8000-0000000000a1';
const NATIONAL_ID = '1101700203451';
const DISEASE = 'เบาหวาน';
const TOKEN = 'secret-session-token';
/** Strings that must never reach IndexedDB in the clear. */
const SECRETS = [NATIONAL_ID, DISEASE, TOKEN, 'สมหญิง'];

const PERSON: StoredRecord = {
  id: '01930000-0000-7000-8000-0000000000p1',
  type: 'person',
  villageId: VILLAGE,
  schemaVersion: 1,
  fields: {
    firstName: 'สมหญิง',
    householdId: '01930000-0000-7000-8000-0000000000h1',
    nationalId: NATIONAL_ID,
    chronicDiseases: [DISEASE],
  },
  deleted: false,
  fieldSeq: { firstName: 1, nationalId: 1 },
  seq: 1,
};

const PATCH = { nationalId: NATIONAL_ID, chronicDiseases: [DISEASE], firstName: 'สมหญิง' };

const MUTATION: OutboxRow = {
  n: 1,
  bytes: 100,
  mutationId: 'c:1',
  clientId: 'c',
  txId: 't1',
  schemaVersion: 1,
  hlc: '2026-11-21T05:19:00.000Z-0000-clientAAAA',
  op: 'patch',
  type: 'person',
  id: PERSON.id,
  villageId: VILLAGE,
  patch: PATCH,
  base: {},
};

const PENDING: PendingRow = {
  id: PERSON.id,
  type: 'person',
  villageId: VILLAGE,
  fields: PATCH,
  fieldN: { nationalId: 1, chronicDiseases: 1, firstName: 1 },
};

const QUARANTINED: QuarantinedRow = {
  mutationId: 'c:1',
  recordId: PERSON.id,
  type: 'person',
  villageId: VILLAGE,
  reason: 'device_revoked',
  mutation: MUTATION,
  at: '2026-11-21T05:20:00.000Z',
};

const CONFLICT: ConflictRow = {
  id: '01930000-0000-7000-8000-0000000000f1',
  recordId: PERSON.id,
  type: 'person',
  villageId: VILLAGE,
  field: 'nationalId',
  winner: { value: NATIONAL_ID, hlc: MUTATION.hlc, by: 'u1' },
  loser: { value: [DISEASE], hlc: MUTATION.hlc, by: 'u2' },
  createdAt: '2026-11-21T05:20:00.000Z',
  resolvedAt: null,
};

const DRAFT: DraftRow = {
  key: `u1|person:${PERSON.id}`,
  userId: 'u1',
  form: `person:${PERSON.id}`,
  values: PATCH,
  updatedAt: '2026-11-21T05:20:00.000Z',
};

const SESSION = {
  token: TOKEN,
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: {
    id: 'u1',
    username: 'surveyor1',
    name: 'สมชาย',
    role: 'surveyor' as const,
    villageIds: [],
  },
};

let cipher: FieldCipher;
let locked: boolean;
let sealed: TambonDatabase;
/** The same IndexedDB database read without the middleware: what a thief would see. */
let raw: TambonDatabase;

beforeEach(() => {
  cipher = createFieldCipher(newDataKey());
  locked = false;
  sealed = new TambonDatabase(NAME, {
    sealing: sealingWith(() => {
      if (locked) throw new Error('The device is locked');
      return cipher;
    }),
  });
  raw = new TambonDatabase(NAME);
});

afterEach(async () => {
  sealed.close();
  raw.close();
  await Dexie.delete(NAME);
});

/** Every row of every table as text, sealed bytes shown as their length only. */
async function rawText(): Promise<string> {
  const rows = await Promise.all(raw.tables.map((table) => table.toArray()));
  return JSON.stringify(rows, (_key, value) =>
    value instanceof Uint8Array ? `<${value.length} sealed bytes>` : value,
  );
}

async function expectNothingInClear(): Promise<void> {
  const text = await rawText();
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('sealing middleware', () => {
  it('seals every field of a person, name and household link too; ids and village stay indexable', async () => {
    await sealed.records.put(PERSON);
    expect(await sealed.records.get(PERSON.id)).toEqual(PERSON);

    const stored = (await raw.records.get(PERSON.id)) as StoredRecord;
    expect(stored.villageId).toBe(VILLAGE);
    expect(stored.type).toBe('person');
    expect(Object.keys(stored.fields)).toEqual(['$sealed']);
    expect(stored.fields.$sealed).toBeInstanceOf(Uint8Array);
    await expectNothingInClear();
  });

  it('keeps clear only the allow-listed fields: a household’s house number and moo', async () => {
    const household: StoredRecord = {
      ...PERSON,
      id: '01930000-0000-7000-8000-0000000000h1',
      type: 'household',
      fields: {
        houseNo: '12/3',
        mooNo: 1,
        gps: { lat: 16.0557123, lng: 103.624654 },
        houseCode: '45180000018',
        // A field no one has classified yet is sealed by default.
        addedNextYear: 'ยังไม่มีใครจัดประเภท',
      },
    };
    const enrollment: StoredRecord = {
      ...PERSON,
      id: '01930000-0000-7000-8000-0000000000e1',
      type: 'programEnrollment',
      fields: {
        personId: PERSON.id,
        programCode: 'disability-allowance',
        status: 'active',
        monthlyAmountTHB: 1234.5,
      },
    };
    await sealed.records.bulkPut([household, enrollment]);
    expect(await sealed.records.get(household.id)).toEqual(household);
    expect(await sealed.records.get(enrollment.id)).toEqual(enrollment);

    const storedHousehold = (await raw.records.get(household.id)) as StoredRecord;
    expect(Object.keys(storedHousehold.fields).sort()).toEqual(['$sealed', 'houseNo', 'mooNo']);
    const storedEnrollment = (await raw.records.get(enrollment.id)) as StoredRecord;
    expect(Object.keys(storedEnrollment.fields)).toEqual(['$sealed']);
    const text = await rawText();
    for (const secret of ['16.0557123', '45180000018', 'ยังไม่มีใคร', 'disability-allowance']) {
      expect(text).not.toContain(secret);
    }
  });

  it('seals the details of audit events waiting to be sent', async () => {
    const event = {
      id: '01930000-0000-7000-8000-0000000000d1',
      kind: 'export' as const,
      at: '2026-11-21T05:20:00.000Z',
      villageId: VILLAGE,
      recordId: null,
      details: { what: 'ผู้รับเบี้ยความพิการ', rows: 12 },
    };
    await sealed.deviceEvents.put(event);
    expect(await sealed.deviceEvents.get(event.id)).toEqual(event);
    expect(await rawText()).not.toContain('ผู้รับเบี้ยความพิการ');
  });

  it('seals pending values, outbox patches, quarantined mutations, conflicts, drafts and the session', async () => {
    await sealed.pending.put(PENDING);
    await sealed.outbox.put(MUTATION);
    await sealed.quarantined.put(QUARANTINED);
    await sealed.conflicts.put(CONFLICT);
    await sealed.drafts.put(DRAFT);
    await sealed.meta.put({ key: 'session', value: SESSION });
    await sealed.meta.put({ key: 'clientId', value: 'device-1' });

    expect(await sealed.pending.get(PENDING.id)).toEqual(PENDING);
    expect(await sealed.outbox.get(1)).toEqual(MUTATION);
    expect(await sealed.quarantined.get('c:1')).toEqual(QUARANTINED);
    expect(await sealed.conflicts.get(CONFLICT.id)).toEqual(CONFLICT);
    expect(await sealed.drafts.get(DRAFT.key)).toEqual(DRAFT);
    expect(await sealed.meta.get('session')).toEqual({ key: 'session', value: SESSION });
    await expectNothingInClear();

    const rawOutbox = (await raw.outbox.get(1)) as OutboxRow;
    expect(Object.keys(rawOutbox.patch)).toEqual(['$sealed']);
    expect(rawOutbox.patch.$sealed).toBeInstanceOf(Uint8Array);
    const rawQuarantined = (await raw.quarantined.get('c:1')) as QuarantinedRow;
    expect(rawQuarantined.mutation.patch.$sealed).toBeInstanceOf(Uint8Array);
    expect(rawQuarantined.mutation.villageId).toBe(VILLAGE);
    expect((await raw.pending.get(PENDING.id))?.fields.$sealed).toBeInstanceOf(Uint8Array);
    const rawConflict = (await raw.conflicts.get(CONFLICT.id)) as unknown as Record<
      string,
      unknown
    >;
    expect(rawConflict.winner).toEqual({ $sealed: expect.any(Uint8Array) });
    expect(rawConflict.recordId).toBe(PERSON.id);
    expect((await raw.drafts.get(DRAFT.key))?.values).toEqual({ $sealed: expect.any(Uint8Array) });
    expect((await raw.meta.get('session'))?.value).toEqual({ $sealed: expect.any(Uint8Array) });
    // Only the session row of `meta` holds a secret; the rest stays readable while locked.
    expect(await raw.meta.get('clientId')).toEqual({ key: 'clientId', value: 'device-1' });
  });

  it('keeps a row sealed and correct through update() and modify()', async () => {
    await sealed.records.put(PERSON);
    const newId = '3101700203452';
    await sealed.records.update(PERSON.id, { seq: 2, 'fields.firstName': 'สมใจ' });
    await sealed.records
      .where('id')
      .equals(PERSON.id)
      .modify((record) => {
        record.fields.nationalId = newId;
      });

    expect(await sealed.records.get(PERSON.id)).toEqual({
      ...PERSON,
      seq: 2,
      fields: { ...PERSON.fields, firstName: 'สมใจ', nationalId: newId },
    });
    const stored = (await raw.records.get(PERSON.id)) as StoredRecord;
    expect(Object.keys(stored.fields)).toEqual(['$sealed']);
    expect(stored.fields.$sealed).toBeInstanceOf(Uint8Array);
    expect(await rawText()).not.toContain(newId);
    expect(await rawText()).not.toContain('สมใจ');
    await expectNothingInClear();
  });

  it('answers queries on the clear indexes, with the rows opened', async () => {
    const other = { ...PERSON, id: '01930000-0000-7000-8000-0000000000p2', villageId: 'v2' };
    await sealed.records.bulkPut([PERSON, other]);
    const found = await sealed.records
      .where('[type+villageId]')
      .equals(['person', VILLAGE])
      .toArray();
    expect(found).toEqual([PERSON]);
    const byCursor: StoredRecord[] = [];
    await sealed.records
      .where('villageId')
      .equals(VILLAGE)
      .each((record) => {
        byCursor.push(record);
      });
    expect(byCursor).toEqual([PERSON]);
  });

  it('cannot be opened with another user’s key', async () => {
    await sealed.records.put(PERSON);
    const otherKey = createFieldCipher(newDataKey());
    const stranger = new TambonDatabase(NAME, { sealing: sealingWith(() => otherKey) });
    try {
      await expect(stranger.records.get(PERSON.id)).rejects.toThrow();
      await expect(stranger.records.toArray()).rejects.toThrow();
    } finally {
      stranger.close();
    }
  });

  it('while locked writes fail and nothing is written', async () => {
    locked = true;
    await expect(sealed.records.put(PERSON)).rejects.toThrow();
    await expect(sealed.outbox.put(MUTATION)).rejects.toThrow();
    expect(await raw.records.count()).toBe(0);
    expect(await raw.outbox.count()).toBe(0);

    locked = false;
    await sealed.records.put(PERSON);
    locked = true;
    await expect(sealed.records.get(PERSON.id)).rejects.toThrow();
  });

  it('seals rows ahead through WebCrypto as the middleware would; a put stores them as they are', async () => {
    const household: StoredRecord = {
      ...PERSON,
      id: '01930000-0000-7000-8000-0000000000h2',
      type: 'household',
      fields: { houseNo: '12/3', mooNo: 1, houseCode: '45180000018' },
    };
    const ahead = await sealAhead(() => cipher, 'records', [PERSON, household]);
    // Nothing of the sealed fields is left in the clear in what a put will store.
    expect(JSON.stringify(ahead)).not.toContain(NATIONAL_ID);
    expect(JSON.stringify(ahead)).not.toContain('45180000018');
    expect(Object.keys(ahead[1]?.fields ?? {}).sort()).toEqual(['$sealed', 'houseNo', 'mooNo']);

    await sealed.records.bulkPut(ahead);
    // Not sealed twice: the stored bytes are the ones sealed ahead.
    expect(await raw.records.get(PERSON.id)).toEqual(ahead[0]);
    expect(await raw.records.get(household.id)).toEqual(ahead[1]);
    // And the JavaScript cipher opens what WebCrypto sealed.
    expect(await sealed.records.get(PERSON.id)).toEqual(PERSON);
    expect(await sealed.records.get(household.id)).toEqual(household);
    await expectNothingInClear();
  });

  it('seals nothing ahead for an unsealed database, and refuses while locked', async () => {
    expect(await sealAhead(null, 'records', [PERSON])).toEqual([PERSON]);
    locked = true;
    await expect(
      sealAhead(
        () => {
          if (locked) throw new Error('The device is locked');
          return cipher;
        },
        'records',
        [PERSON],
      ),
    ).rejects.toThrow('locked');
  });

  it('keeps the sealed values of a row sealed in part, the new values over them', async () => {
    const [ahead] = await sealAhead(() => cipher, 'records', [PERSON]);
    const edited = {
      ...(ahead as StoredRecord),
      fields: { ...(ahead as StoredRecord).fields, firstName: 'สมใจ' },
    };
    await sealed.records.put(edited);
    expect(await sealed.records.get(PERSON.id)).toEqual({
      ...PERSON,
      fields: { ...PERSON.fields, firstName: 'สมใจ' },
    });
    const stored = (await raw.records.get(PERSON.id)) as StoredRecord;
    expect(Object.keys(stored.fields)).toEqual(['$sealed']);
    expect(await rawText()).not.toContain('สมใจ');
  });

  it('reads rows straight from IndexedDB opened through WebCrypto, as the middleware opens them', async () => {
    const second = { ...MUTATION, n: 2, mutationId: 'c:2', patch: { houseNo: '7' } };
    await sealed.outbox.bulkPut([MUTATION, second]);
    await sealed.quarantined.put(QUARANTINED);
    expect(
      await readOpenedAhead(sealed, 'outbox', {
        range: IDBKeyRange.lowerBound(0, true),
        limit: 10,
      }),
    ).toEqual([MUTATION, second]);
    expect(
      await readOpenedAhead(sealed, 'outbox', {
        range: IDBKeyRange.lowerBound(1, true),
        limit: 10,
      }),
    ).toEqual([second]);
    expect(
      await readOpenedAhead(sealed, 'outbox', { range: IDBKeyRange.lowerBound(0, true), limit: 1 }),
    ).toEqual([MUTATION]);
    expect(
      await readOpenedAhead(sealed, 'quarantined', {
        range: IDBKeyRange.lowerBound('', true),
        limit: 10,
      }),
    ).toEqual([QUARANTINED]);
    // Still refused while locked, and with another user's key.
    locked = true;
    await expect(
      readOpenedAhead(sealed, 'outbox', { range: IDBKeyRange.lowerBound(0, true), limit: 10 }),
    ).rejects.toThrow('locked');
    locked = false;
    const stranger = new TambonDatabase(NAME, {
      sealing: sealingWith(() => createFieldCipher(newDataKey())),
    });
    try {
      await expect(
        readOpenedAhead(stranger, 'outbox', { range: IDBKeyRange.lowerBound(0, true), limit: 10 }),
      ).rejects.toThrow();
    } finally {
      stranger.close();
    }
    // A database closed at lock is not opened again by a read.
    sealed.close();
    await expect(
      readOpenedAhead(sealed, 'outbox', { range: IDBKeyRange.lowerBound(0, true), limit: 10 }),
    ).rejects.toThrow(Dexie.DatabaseClosedError);
    expect(sealed.isOpen()).toBe(false);
  });
});
