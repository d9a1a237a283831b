// Importing an office's list (issue 15), /api/imports: the 2,000-row allowance list of the unit
// tests (50 rows of people the tambon has, 20 bad rows, 10 duplicate rows) previewed, written
// through the sync engine, pulled by a surveyor's device, and undone; who may do it, and what
// an attacker's requests get. One app per database.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, UserRecord } from '../../src/server/store';
import { applyUnits } from '../../src/server/sync/apply';
import { checkImport } from '../../src/server/sync/imports';
import { prepareIncoming } from '../../src/server/sync/intake';
import {
  ImportList,
  ImportPreview,
  type ImportRequest,
  ImportResult,
  ImportSummary,
  ImportUndoRefused,
} from '../../src/shared/api/imports';
import { uuidv7 } from '../../src/shared/ids';
import { guessMapping } from '../../src/shared/import/headers';
import { formatHlc } from '../../src/shared/sync/hlc';
import type { Mutation, PulledRecord, SyncRecord } from '../../src/shared/sync/protocol';
import {
  type AllowanceList,
  generateAllowanceList,
  IMPORTED_BY,
} from '../unit/import/allowanceList';
import { testDatabases } from './databases';
import { call, createUser, expectError, openSession, testApp } from './helpers';
import { household, replay, TestDevice } from './syncHelpers';

const databases = await testDatabases();

/** Every record of the tambon, deleted ones included, by id. */
async function allRecords(store: Store, villageIds: string[]): Promise<Map<string, SyncRecord>> {
  const out = new Map<string, SyncRecord>();
  for (const villageId of villageIds)
    for (const record of await store.recordsSince(villageId, 0, 100_000))
      out.set(record.id, record);
  return out;
}

/** The tambon's people and enrollments the list repeats, written as a device would. */
async function seedTambon(store: Store, list: AllowanceList, supervisor: UserRecord) {
  const at = new Date().toISOString();
  for (const [i, id] of list.villageIds.entries())
    await store.createVillage(
      { id, mooNo: i + 1, name: `บ้าน ${i + 1}`, code: `4518${String(i + 1).padStart(4, '0')}` },
      at,
    );
  const clientId = 'seed-tambon';
  let n = 0;
  const mutation = (input: Pick<Mutation, 'type' | 'id' | 'villageId' | 'patch'>) => {
    n += 1;
    return prepareIncoming(
      {
        mutationId: `${clientId}:${n}`,
        clientId,
        txId: `seed-${input.villageId}-${n}`,
        schemaVersion: 1,
        hlc: formatHlc({ millis: Date.now() - 86_400_000, counter: n, clientId }),
        op: 'create',
        base: {},
        ...input,
      },
      Date.now(),
    );
  };
  const units = (list.context.people ?? []).map((person, i) => {
    const mooNo = list.villageIds.indexOf(person.villageId) + 1;
    const householdId = person.fields.householdId as string;
    const enrollments = (list.context.enrollments ?? []).filter(
      (e) => e.fields.personId === person.id,
    );
    return [
      mutation({
        type: 'household',
        id: householdId,
        villageId: person.villageId,
        patch: household({ houseNo: `${i + 1}/99`, mooNo, surveyorId: supervisor.id }),
      }),
      mutation({
        type: 'person',
        id: person.id,
        villageId: person.villageId,
        patch: person.fields,
      }),
      ...enrollments.map((e) =>
        mutation({ type: 'programEnrollment', id: e.id, villageId: e.villageId, patch: e.fields }),
      ),
    ];
  });
  const actor = {
    userId: supervisor.id,
    role: 'supervisor' as const,
    villageIds: new Set(list.villageIds),
  };
  await store.transaction(async (tx) => {
    const outcome = await applyUnits(tx, actor, units, { at });
    expect(outcome.counts.quarantined).toBe(0);
  });
}

describe.each(databases)('importing an allowance list, on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let list: AllowanceList;
  let request: ImportRequest;
  const tokens: Record<string, string> = {};
  const users: Record<string, UserRecord> = {};

  beforeAll(async () => {
    store = await database.openMigrated();
    app = await testApp(store, { rateLimit: false });
    list = generateAllowanceList({ rows: 2000, repeats: 50, bad: 20, duplicates: 10 });
    users.supervisor = await createUser(store, { username: 'supervisor', role: 'supervisor' });
    await seedTambon(store, list, users.supervisor);
    const [moo1, moo2] = list.villageIds;
    users.supervisor2 = await createUser(store, { username: 'supervisor2', role: 'supervisor' });
    users.admin = await createUser(store, {
      username: 'admin',
      role: 'admin',
      villageIds: list.villageIds,
    });
    users.surveyor = await createUser(store, {
      username: 'surveyor',
      role: 'surveyor',
      villageIds: [moo1 as string],
    });
    users.welfare = await createUser(store, {
      username: 'welfare',
      role: 'welfare',
      villageIds: [moo1 as string, moo2 as string],
    });
    for (const [name, user] of Object.entries(users))
      tokens[name] = (await openSession(store, user.id)).token;
    request = {
      rows: JSON.parse(JSON.stringify(list.sheet)),
      mapping: guessMapping(list.sheet, 'allowances'),
      fileName: 'ผู้สูงอายุ 2569.xlsx',
    };
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const post = (who: string, url: string, payload?: unknown) =>
    call(app, tokens[who] ?? null, { method: 'POST', url, ...(payload ? { payload } : {}) });

  const EXPECTED_COUNTS = {
    rows: 2000,
    create: 1920,
    update: 25,
    unchanged: 25,
    matched: 50,
    'likely-match': 0,
    duplicate: 10,
    bad: 20,
  };

  it('previews the list without writing: counts, bad cells with row and reason, duplicates', async () => {
    const before = await allRecords(store, list.villageIds);
    const response = await post('supervisor', '/api/imports/preview', request);
    expect(response.statusCode, response.body).toBe(200);
    const preview = ImportPreview.parse(response.json());
    expect(preview.counts).toEqual(EXPECTED_COUNTS);
    expect(preview.missingFields).toEqual([]);
    const bad = preview.rows.filter((r) => r.action === 'bad');
    expect(bad.map((r) => [r.row, r.errors[0]?.code])).toEqual(
      list.badRows.map((b) => [b.row, b.code]),
    );
    for (const row of bad) expect(row.errors[0]?.column).not.toBeNull();
    expect(preview.rows.filter((r) => r.action === 'duplicate').map((r) => r.row)).toEqual(
      list.duplicateRows,
    );
    const people = list.context.people ?? [];
    const matched = preview.rows.filter((r) => r.action === 'update' || r.action === 'unchanged');
    expect(matched.map((r) => r.recordId)).toEqual(people.map((p) => p.id));
    // Plain creates are left out of the rows.
    expect(preview.rows).toHaveLength(80);
    expect(await allRecords(store, list.villageIds)).toEqual(before);
  });

  it('refuses roles that may not write people, and other villages’ rows as bad rows', async () => {
    for (const who of ['surveyor', 'welfare']) {
      expectError(await post(who, '/api/imports/preview', request), 403, 'forbidden');
      expectError(await post(who, '/api/imports', request), 403, 'forbidden');
      expectError(
        await call(app, tokens[who] as string, { method: 'GET', url: '/api/imports' }),
        403,
        'forbidden',
      );
    }
    // Admins manage accounts, not people: they list imports but make none.
    expectError(await post('admin', '/api/imports/preview', request), 403, 'forbidden');
    expectError(await post('admin', '/api/imports', request), 403, 'forbidden');
    expect(
      (await call(app, tokens.admin as string, { method: 'GET', url: '/api/imports' })).statusCode,
    ).toBe(200);
    expectError(await post('nobody', '/api/imports/preview', request), 401, 'unauthenticated');

    // A writer who may see only หมู่ 1 (as the policy sees them): every other หมู่'s row is bad.
    const [moo1] = list.villageIds as [string];
    const checked = await store.snapshot((tx) =>
      checkImport(
        tx,
        { userId: users.supervisor?.id as string, role: 'supervisor', villageIds: new Set([moo1]) },
        { rows: request.rows as never, mapping: request.mapping, decisions: {}, date1904: false },
        new Date(),
        uuidv7(),
      ),
    );
    const refused = checked.plan.rows.filter((r) =>
      r.errors.some((e) => e.code === 'village_not_allowed'),
    );
    expect(refused.length).toBeGreaterThan(1500);
    for (const row of refused) {
      expect(row.action).toBe('bad');
      expect(row.errors.at(-1)).toMatchObject({ field: 'mooNo', column: 7 });
    }
    expect(new Set(checked.units.map((u) => u.batch.villageId))).toEqual(new Set([moo1]));
    expect(checked.plan.counts.bad).toBe(
      checked.plan.rows.filter((r) => r.action === 'bad').length,
    );
  });

  it('refuses bodies past the limits with JSON errors', async () => {
    const tooMany = { ...request, rows: Array.from({ length: 10_052 }, () => ['x']) };
    expectError(
      await post('supervisor', '/api/imports/preview', tooMany),
      400,
      'validation_failed',
    );
    const longCell = { ...request, rows: [['x'.repeat(501)]] };
    expectError(
      await post('supervisor', '/api/imports/preview', longCell),
      400,
      'validation_failed',
    );
    const huge = {
      ...request,
      rows: Array.from({ length: 9_000 }, () => Array(60).fill('x'.repeat(20))),
    };
    expectError(await post('supervisor', '/api/imports/preview', huge), 413, 'payload_too_large');
    // Past the app's 1 MiB default but within the route's limit: taken.
    const big = {
      ...request,
      rows: [
        ...request.rows,
        ...Array.from({ length: 3_000 }, () => Array(10).fill('ก'.repeat(20))),
      ],
    };
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(1.5 * 1024 * 1024);
    const taken = await post('supervisor', '/api/imports/preview', big);
    expect(taken.statusCode, taken.body.slice(0, 300)).toBe(200);
    expect(ImportPreview.parse(taken.json()).counts.bad).toBe(20 + 3_000);
    const badDecision = { ...request, decisions: { '12': 'robert' } };
    expectError(await post('supervisor', '/api/imports', badDecision), 400, 'validation_failed');
  });

  let importId = '';
  /** The records the big import added. */
  let importedIds = new Set<string>();

  it('writes the list through the sync engine: exactly the right records, repeats matched', async () => {
    const before = await allRecords(store, list.villageIds);
    const response = await post('supervisor', '/api/imports', request);
    expect(response.statusCode, response.body).toBe(201);
    const result = ImportResult.parse(response.json());
    importId = result.import.id;
    expect(result.import).toMatchObject({
      kind: 'allowances',
      fileName: 'ผู้สูงอายุ 2569.xlsx',
      createdBy: users.supervisor?.id,
      undoneAt: null,
    });
    expect(result.import.counts).toEqual(EXPECTED_COUNTS);

    const after = await allRecords(store, list.villageIds);
    const added = [...after.values()].filter((r) => !before.has(r.id));
    importedIds = new Set(added.map((r) => r.id));
    const ofType = (type: string) => added.filter((r) => r.type === type);
    expect(ofType('household')).toHaveLength(list.newHouses);
    expect(ofType('person')).toHaveLength(1920);
    // A new person's enrollment each, and the 25 repeats not enrolled yet.
    expect(ofType('programEnrollment')).toHaveLength(1920 + 25);
    expect(added).toHaveLength(list.newHouses + 1920 + 1945);
    expect(result.import.records).toBe(added.length);
    // No repeat made again: every national ID once among the live people.
    const ids = [...after.values()]
      .filter((r) => r.type === 'person')
      .map((r) => r.fields.nationalId);
    expect(new Set(ids).size).toBe(ids.length);
    // The repeats' records are untouched (their fields were the same), the new enrollments name them.
    for (const person of list.context.people ?? [])
      expect(after.get(person.id)).toEqual(before.get(person.id));
    const enrolled = new Set(ofType('programEnrollment').map((r) => r.fields.personId));
    for (const row of list.repeatRows.filter((r) => !list.enrolledRepeatRows.includes(r))) {
      const n = list.repeatRows.indexOf(row);
      expect(enrolled.has(list.context.people?.[n]?.id)).toBe(true);
    }
    // Written as the supervisor, like a device's edit: who and seq on every field.
    for (const record of added) {
      expect(
        record.fieldMeta.firstName?.by ??
          record.fieldMeta.personId?.by ??
          record.fieldMeta.houseNo?.by,
      ).toBe(users.supervisor?.id);
      expect(record.seq).toBeGreaterThan(0);
    }
    // A new household's surveyor is the importing user, not the fixture's.
    expect(ofType('household').every((r) => r.fields.surveyorId === users.supervisor?.id)).toBe(
      true,
    );
    expect(ofType('household').every((r) => r.fields.surveyorId !== IMPORTED_BY)).toBe(true);

    const audit = await store.listAudit({ action: 'import.create', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: users.supervisor?.id, target: importId });
    expect(audit[0]?.details).toMatchObject({
      fileName: 'ผู้สูงอายุ 2569.xlsx',
      records: added.length,
    });
  });

  it('a surveyor’s device pulls the imported people of its village, and no one else’s', async () => {
    const device = await TestDevice.open(app, store, users.surveyor as UserRecord);
    const state = replay(await device.pullAll(5000));
    const [moo1] = list.villageIds;
    const people = [...state.values()].filter((r: PulledRecord) => r.type === 'person');
    const all = await allRecords(store, list.villageIds);
    const expected = [...all.values()].filter((r) => r.type === 'person' && r.villageId === moo1);
    expect(people.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(people.length).toBeGreaterThan(150);
    expect(people.every((p) => p.villageId === moo1)).toBe(true);
  });

  it('lists the user’s own imports; another user sees none of them', async () => {
    const mine = ImportList.parse(
      (await call(app, tokens.supervisor as string, { method: 'GET', url: '/api/imports' })).json(),
    );
    expect(mine.imports.map((i) => i.id)).toEqual([importId]);
    const theirs = ImportList.parse(
      (
        await call(app, tokens.supervisor2 as string, { method: 'GET', url: '/api/imports' })
      ).json(),
    );
    expect(theirs.imports).toEqual([]);
    expectError(await post('supervisor2', `/api/imports/${importId}/undo`), 404, 'not_found');
    expectError(await post('surveyor', `/api/imports/${importId}/undo`), 403, 'forbidden');
    expectError(await post('supervisor', '/api/imports/not-a-uuid/undo'), 400, 'validation_failed');
  });

  it('refuses the undo while a record it wrote has been edited since, writing nothing', async () => {
    const all = await allRecords(store, list.villageIds);
    const [moo1] = list.villageIds;
    const person = [...all.values()].find(
      (r) => r.type === 'person' && r.villageId === moo1 && importedIds.has(r.id),
    ) as SyncRecord;
    const device = await TestDevice.open(app, store, users.surveyor as UserRecord);
    const pushed = await device.push([
      device.mutation({
        type: 'person',
        id: person.id,
        villageId: person.villageId,
        patch: { firstName: 'แก้ไขแล้ว' },
        base: { firstName: person.fieldMeta.firstName?.seq as number },
      }),
    ]);
    expect(pushed.results[0]?.status).toBe('applied');
    const before = await allRecords(store, list.villageIds);
    const response = await post('supervisor', `/api/imports/${importId}/undo`);
    expect(response.statusCode, response.body).toBe(409);
    expect(ImportUndoRefused.parse(response.json()).records).toEqual([
      { id: person.id, type: 'person' },
    ]);
    expect(await allRecords(store, list.villageIds)).toEqual(before);

    // The surveyor puts the name back through sync, as a new edit: still an edit since.
    const again = await post('supervisor', `/api/imports/${importId}/undo`);
    expect(again.statusCode).toBe(409);
  });

  it('undoes a whole import: exactly what it added is deleted, once', async () => {
    // A second, small import of new people, undone while nobody touched it.
    const small = generateAllowanceList({ rows: 120, repeats: 0, bad: 0, duplicates: 0 });
    const rows = JSON.parse(JSON.stringify(small.sheet)) as unknown[][];
    // Other national IDs and houses than the big list's.
    for (const row of rows.slice(3)) {
      row[4] = null;
      row[6] = `9${row[6]}`;
      row[1] = 'นาย';
      row[2] = 'ทดลอง';
    }
    const before = await allRecords(store, list.villageIds);
    const written = await post('supervisor', '/api/imports', {
      ...request,
      rows,
      fileName: 'small.csv',
    });
    expect(written.statusCode, written.body).toBe(201);
    const result = ImportResult.parse(written.json());
    expect(result.import.counts.create).toBe(120);
    const afterImport = await allRecords(store, list.villageIds);
    const added = [...afterImport.keys()].filter((id) => !before.has(id));
    expect(added).toHaveLength(result.import.records);

    const undo = await post('supervisor', `/api/imports/${result.import.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    const summary = ImportSummary.parse(undo.json());
    expect(summary.undoneBy).toBe(users.supervisor?.id);
    expect(summary.undoneAt).not.toBeNull();

    const afterUndo = await allRecords(store, list.villageIds);
    for (const id of added) expect(afterUndo.get(id)?.deleted, id).toBe(true);
    for (const [id, record] of before) expect(afterUndo.get(id), id).toEqual(record);

    // A device that pulled the import sees the deletions like any edit.
    const device = await TestDevice.open(app, store, users.surveyor as UserRecord);
    const state = replay(await device.pullAll(5000));
    for (const id of added) {
      const pulled = state.get(id);
      if (pulled) expect(pulled.deleted).toBe(true);
    }

    expectError(await post('supervisor', `/api/imports/${result.import.id}/undo`), 409, 'conflict');
    const listed = ImportList.parse(
      (await call(app, tokens.supervisor as string, { method: 'GET', url: '/api/imports' })).json(),
    );
    expect(listed.imports.map((i) => [i.id, i.undoneAt !== null])).toEqual([
      [result.import.id, true],
      [importId, false],
    ]);
  });
});

describe.each(databases)(
  'likely matches, concurrent imports and undo guards, on $name',
  (database) => {
    let store: Store;
    let app: FastifyInstance;
    let list: AllowanceList;
    let supervisor: UserRecord;
    let surveyor: UserRecord;
    let token = '';
    let header: unknown[][] = [];

    beforeAll(async () => {
      store = await database.openMigrated();
      app = await testApp(store, { rateLimit: false });
      list = generateAllowanceList({ rows: 110, repeats: 10, bad: 0, duplicates: 0 });
      supervisor = await createUser(store, { username: 'supervisor', role: 'supervisor' });
      await seedTambon(store, list, supervisor);
      surveyor = await createUser(store, {
        username: 'surveyor',
        role: 'surveyor',
        villageIds: list.villageIds.slice(0, 1),
      });
      token = (await openSession(store, supervisor.id)).token;
      header = JSON.parse(JSON.stringify(list.sheet.slice(0, 3)));
    });
    afterAll(async () => {
      await app?.close();
      await database.drop();
    });

    const send = (url: string, rows: unknown[][], decisions: Record<string, string> = {}) =>
      call(app, token, {
        method: 'POST',
        url,
        payload: {
          rows: [...header, ...rows],
          mapping: guessMapping(list.sheet, 'allowances'),
          decisions,
        },
      });

    it('offers a similar name born the same day in the same village, and links only a candidate', async () => {
      const person = list.context.people?.[0] as NonNullable<typeof list.context.people>[number];
      const other = list.context.people?.[1] as NonNullable<typeof list.context.people>[number];
      // No national ID; a tone mark short of her name; her birth date as a date cell sends it.
      const row = [
        '1',
        'นาง',
        person.fields.firstName,
        `${person.fields.lastName}`.replace(/^(.)/, '$1์'),
        null,
        person.fields.birthDate,
        '7/7',
        'หมู่ 1',
        'ผู้สูงอายุ',
        '700',
      ];
      const asked = ImportPreview.parse((await send('/api/imports/preview', [row])).json());
      expect(asked.rows).toEqual([
        { row: 4, action: 'likely-match', errors: [], candidates: [person.id] },
      ]);
      expect(asked.counts['likely-match']).toBe(1);

      const linked = ImportPreview.parse(
        (await send('/api/imports/preview', [row], { '4': person.id })).json(),
      );
      // Linked, her name as the list spells it is written to her record.
      expect(linked.rows).toEqual([{ row: 4, action: 'update', errors: [], recordId: person.id }]);

      // Another person's id (or one the user could not see) is no answer: still a question.
      const elsewhere = ImportPreview.parse(
        (await send('/api/imports/preview', [row], { '4': other.id })).json(),
      );
      expect(elsewhere.rows[0]?.action).toBe('likely-match');

      const created = ImportPreview.parse(
        (await send('/api/imports/preview', [row], { '4': 'new' })).json(),
      );
      expect(created.counts.create).toBe(1);

      // Written undecided: the row is skipped, nothing is written.
      const written = await send('/api/imports', [row]);
      expect(written.statusCode, written.body).toBe(201);
      expect(ImportResult.parse(written.json()).import.records).toBe(0);

      // Written linked: her last name is patched; the undo puts the old one back through sync.
      const before = await store.getRecord(person.id);
      const linkedWrite = await send('/api/imports', [row], { '4': person.id });
      expect(linkedWrite.statusCode, linkedWrite.body).toBe(201);
      const { import: summary } = ImportResult.parse(linkedWrite.json());
      expect(summary.records).toBe(1);
      const patched = await store.getRecord(person.id);
      expect(patched?.fields.lastName).toBe(row[3]);
      expect(patched?.fieldMeta.lastName?.by).toBe(supervisor.id);
      const undo = await call(app, token, {
        method: 'POST',
        url: `/api/imports/${summary.id}/undo`,
      });
      expect(undo.statusCode, undo.body).toBe(200);
      const restored = await store.getRecord(person.id);
      expect(restored?.fields).toEqual(before?.fields);
      expect(restored?.deleted).toBe(false);
      expect(restored?.seq).toBeGreaterThan(patched?.seq as number);
    });

    const newPeople = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => [
        String(i + 1),
        'นาย',
        'ทดลอง',
        `${prefix}${i}`,
        null,
        // A birth date of its own per list: no likely match with another list's people.
        `19${prefix}0-01-${String(i + 1).padStart(2, '0')}`,
        `${prefix}${Math.floor(i / 2)}`,
        'หมู่ 1',
        'ผู้สูงอายุ',
        '600',
      ]);

    it('two imports of one file at once: the second matches the first’s people', async () => {
      const rows = newPeople('8', 12).map((row, i) => {
        const copy = [...row];
        copy[4] = `3${String(9_000_000_000 + i).padStart(11, '0')}`;
        return copy;
      });
      // Valid IDs: fix the check digit.
      const { nationalIdCheckDigit } = await import('../../src/shared/rules/nationalId');
      for (const row of rows) {
        const first12 = String(row[4]).slice(0, 12);
        row[4] = `${first12}${nationalIdCheckDigit(first12)}`;
      }
      const [a, b] = await Promise.all([send('/api/imports', rows), send('/api/imports', rows)]);
      expect(a.statusCode, a.body).toBe(201);
      expect(b.statusCode, b.body).toBe(201);
      const counts = [a, b].map((r) => ImportResult.parse(r.json()).import.counts);
      expect(counts.map((c) => [c.create, c.unchanged]).sort()).toEqual([
        [0, 12],
        [12, 0],
      ]);
    });

    it('refuses the undo when a member was added to an imported household since', async () => {
      const written = await send('/api/imports', newPeople('6', 4));
      expect(written.statusCode, written.body).toBe(201);
      const { import: summary } = ImportResult.parse(written.json());
      const [moo1] = list.villageIds as [string];
      const records = await allRecords(store, list.villageIds);
      const home = [...records.values()].find(
        (r) => r.type === 'household' && r.fields.houseNo === '60' && r.villageId === moo1,
      ) as SyncRecord;
      const device = await TestDevice.open(app, store, surveyor);
      const pushed = await device.push([
        device.mutation({
          op: 'create',
          type: 'person',
          id: uuidv7(),
          villageId: moo1,
          patch: { householdId: home.id, firstName: 'ลูก', lastName: 'ทดลอง', sex: 'M' },
        }),
      ]);
      expect(pushed.results[0]?.status).toBe('applied');
      const undo = await call(app, token, {
        method: 'POST',
        url: `/api/imports/${summary.id}/undo`,
      });
      expect(undo.statusCode, undo.body).toBe(409);
      expect(ImportUndoRefused.parse(undo.json()).records).toEqual([
        { id: home.id, type: 'household' },
      ]);
    });
  },
);
