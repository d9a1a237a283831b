// The audit trail (issue 6): the admin viewer's filters, paging and CSV; device audit events
// (idempotent, refused outside the user's villages); a record's field history per role; national
// IDs masked in pull for admins and supervisors, who may not overwrite one.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, UserRecord } from '../../src/server/store';
import { AuditResponse, HIDDEN_VALUE, RecordHistoryResponse } from '../../src/shared/api/admin';
import { DeviceEventsResponse } from '../../src/shared/api/deviceEvents';
import { uuidv7 } from '../../src/shared/ids';
import { nationalIdCheckDigit } from '../../src/shared/rules/nationalId';
import { testDatabases } from './databases';
import { call, createUser, expectError, openSession, testApp } from './helpers';
import { household, type SyncSeed, syncSeed, TestDevice } from './syncHelpers';

const databases = await testDatabases();
const NATIONAL_ID = `310170012345${nationalIdCheckDigit('310170012345')}`;
const MASKED = `3-xxxx-xxxxx-xx-${NATIONAL_ID[12]}`;
const DISEASE = 'เบาหวาน';

describe.each(databases)('audit trail on $name', (database) => {
  let store: Store;
  let app: FastifyInstance;
  let data: SyncSeed;
  /** An admin of หมู่ 4 only. */
  let admin4: UserRecord;
  const tokens: Record<string, string> = {};
  const as = (who: string, options: InjectOptions) => call(app, tokens[who] ?? null, options);
  const village = (i: number) => data.villages[i]?.id as string;

  beforeAll(async () => {
    store = await database.openMigrated();
    data = await syncSeed(store);
    admin4 = await createUser(store, {
      username: 'admin4',
      role: 'admin',
      villageIds: [village(3)],
    });
    app = await testApp(store, { rateLimit: false });
    for (const [who, user] of [...Object.entries(data.users), ['admin4', admin4] as const]) {
      tokens[who] = (await openSession(store, user.id)).token;
    }
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  /** A household and a person in หมู่ 1 with a national ID and a chronic disease. */
  async function surveyPerson(by: TestDevice) {
    const householdId = uuidv7();
    const personId = uuidv7();
    const txId = uuidv7();
    const pushed = await by.push([
      by.mutation({
        op: 'create',
        id: householdId,
        villageId: village(0),
        patch: household(),
        txId,
      }),
      by.mutation({
        op: 'create',
        type: 'person',
        id: personId,
        villageId: village(0),
        patch: {
          householdId,
          firstName: 'สมศรี',
          lastName: 'ใจงาม',
          nationalId: NATIONAL_ID,
          chronicDiseases: [DISEASE],
        },
        txId,
      }),
    ]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    return { householdId, personId };
  }

  describe('the viewer', () => {
    const t0 = Date.parse('2026-03-01T03:00:00.000Z');
    beforeAll(async () => {
      // 12 lines over 3 Bangkok days, two users, three actions, two targets.
      for (let i = 0; i < 12; i++) {
        await store.appendAudit({
          at: new Date(t0 + Math.floor(i / 4) * 86_400_000 + i * 1000).toISOString(),
          userId: i % 2 === 0 ? data.users.admin.id : data.users.supervisor.id,
          action: ['user.create', 'user.update', 'privacy.request'][i % 3] as string,
          target: i % 4 === 0 ? 'target-a' : 'target-b',
          details: { note: `บันทึก ${i}`, formula: '=1+1' },
        });
      }
    });
    const list = async (query: string) => {
      const response = await as('admin', { method: 'GET', url: `/api/admin/audit?${query}` });
      expect(response.statusCode, response.body).toBe(200);
      return AuditResponse.parse(response.json());
    };
    const inRange = 'from=2026-03-01&to=2026-03-03';

    it('filters by user, action prefix, target and Bangkok days, newest first', async () => {
      const all = await list(inRange);
      expect(all.entries).toHaveLength(12);
      expect(all.entries.map((e) => e.at)).toEqual(
        [...all.entries.map((e) => e.at)].sort().reverse(),
      );
      const byUser = await list(`${inRange}&userId=${data.users.supervisor.id}`);
      expect(byUser.entries).toHaveLength(6);
      expect(byUser.entries.every((e) => e.username === 'supervisor')).toBe(true);
      expect((await list(`${inRange}&action=user.`)).entries).toHaveLength(8);
      expect((await list(`${inRange}&action=privacy.request`)).entries).toHaveLength(4);
      // `_` and `%` are not wildcards
      expect((await list(`${inRange}&action=user_`)).entries).toHaveLength(0);
      expect((await list(`${inRange}&target=target-a`)).entries).toHaveLength(3);
      expect((await list('from=2026-03-02&to=2026-03-02')).entries).toHaveLength(4);
      expect((await list('from=2026-03-03T00:00:00%2B07:00&to=2026-03-04')).entries).toHaveLength(
        4,
      );
    });

    it('pages with nextBefore until the last page', async () => {
      const first = await list(`${inRange}&limit=5`);
      const second = await list(`${inRange}&limit=5&before=${first.nextBefore}`);
      const third = await list(`${inRange}&limit=5&before=${second.nextBefore}`);
      expect(third.entries).toHaveLength(2);
      expect(third.nextBefore).toBeNull();
      const ids = [...first.entries, ...second.entries, ...third.entries].map((e) => e.id);
      expect(new Set(ids).size).toBe(12);
    });

    it('downloads the filtered lines as a UTF-8 CSV with BOM, and audits the download', async () => {
      const response = await as('admin', {
        method: 'GET',
        url: `/api/admin/audit.csv?${inRange}&action=privacy.`,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers['content-disposition']).toMatch(/attachment; filename="audit-/);
      const bytes = response.rawPayload;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = response.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe(
        'เวลา (เวลาประเทศไทย พ.ศ.),ชื่อผู้ใช้,รหัสผู้ใช้,การกระทำ,รหัสการกระทำ,เป้าหมาย,ที่อยู่ IP,รายละเอียด',
      );
      // The action in the screen's Thai words, its code beside it for machines.
      for (const line of lines.slice(1))
        expect(line.split('","')[3]).toMatch(/^[\u0E00-\u0E7F ]+$/);
      // Bangkok time with the Buddhist-era year, not UTC ISO
      expect(lines[1]).toMatch(/^"\d{2}\/\d{2}\/25\d{2} \d{2}:\d{2}:\d{2}",/);
      expect(lines).toHaveLength(5);
      expect(lines[1]).toContain('บันทึก 11');
      // JSON quotes doubled; a formula is not run by a spreadsheet
      expect(lines[1]).toContain('""formula"":""=1+1""');
      const exported = await list('action=audit.export');
      expect(exported.entries[0]?.userId).toBe(data.users.admin.id);
      expect(exported.entries[0]?.details).toMatchObject({ rows: 4 });
    });

    it('is for admins only: supervisors and field roles get 403', async () => {
      for (const who of ['supervisor', 'surveyor1', 'welfare']) {
        expectError(await as(who, { method: 'GET', url: '/api/admin/audit' }), 403, 'forbidden');
        expectError(
          await as(who, { method: 'GET', url: '/api/admin/audit.csv' }),
          403,
          'forbidden',
        );
      }
      expectError(
        await call(app, null, { method: 'GET', url: '/api/admin/audit.csv' }),
        401,
        'unauthenticated',
      );
    });

    it('answers 400 for a bad date', async () => {
      expectError(
        await as('admin', { method: 'GET', url: '/api/admin/audit?from=yesterday' }),
        400,
        'validation_failed',
      );
    });
  });

  describe('device events', () => {
    const post = (who: string, events: unknown[]) =>
      as(who, { method: 'POST', url: '/api/audit/events', payload: { events } });

    it('records views and exports once, with the device time, user and clientId', async () => {
      const surveyor = await TestDevice.open(app, store, data.users.surveyor1);
      const { personId } = await surveyPerson(surveyor);
      const at = '2026-03-05T10:15:00+07:00';
      const events = [
        { id: uuidv7(), kind: 'person.view', at, villageId: village(0), recordId: personId },
        {
          id: uuidv7(),
          kind: 'export',
          at,
          villageId: village(1),
          recordId: null,
          details: { what: 'households', rows: 12 },
        },
      ];
      const send = () =>
        call(app, surveyor.token, {
          method: 'POST',
          url: '/api/audit/events',
          payload: { events },
        });
      const first = DeviceEventsResponse.parse((await send()).json());
      expect(first).toEqual({ recorded: events.map((e) => e.id), refused: [] });
      const again = DeviceEventsResponse.parse((await send()).json());
      expect(again).toEqual(first);
      const views = await store.listAudit({ limit: 100, action: 'person.view', target: personId });
      expect(views).toHaveLength(1);
      expect(views[0]).toMatchObject({
        at: '2026-03-05T03:15:00.000Z',
        userId: data.users.surveyor1.id,
        details: { clientId: surveyor.clientId, villageId: village(0), recordId: personId },
      });
      const exports = await store.listAudit({ limit: 100, action: 'export', target: village(1) });
      expect(exports).toHaveLength(1);
      expect(exports[0]?.details).toMatchObject({ details: { what: 'households', rows: 12 } });
    });

    it("refuses events about a village or record outside the user's villages and logs the refusal", async () => {
      const surveyor = await TestDevice.open(app, store, data.users.surveyor1);
      const { personId } = await surveyPerson(surveyor);
      const at = new Date().toISOString();
      const otherVillage = {
        id: uuidv7(),
        kind: 'export',
        at,
        villageId: village(0),
        recordId: null,
      };
      // surveyor2 (หมู่ 4–6) names a person of หมู่ 1, with a village of its own
      const otherRecord = {
        id: uuidv7(),
        kind: 'person.view',
        at,
        villageId: village(4),
        recordId: personId,
      };
      const unknownRecord = {
        id: uuidv7(),
        kind: 'person.view',
        at,
        villageId: null,
        recordId: uuidv7(),
      };
      const response = await post('surveyor2', [otherVillage, otherRecord, unknownRecord]);
      expect(response.statusCode, response.body).toBe(200);
      expect(DeviceEventsResponse.parse(response.json())).toEqual({
        recorded: [],
        refused: [
          { id: otherVillage.id, reason: 'village_not_allowed' },
          { id: otherRecord.id, reason: 'record_not_allowed' },
          { id: unknownRecord.id, reason: 'record_not_allowed' },
        ],
      });
      expect(await store.listAudit({ limit: 10, action: 'person.view', target: personId })).toEqual(
        [],
      );
      const refusals = await store.listAudit({
        limit: 10,
        action: 'audit.event_refused',
        userId: data.users.surveyor2.id,
      });
      expect(refusals.map((r) => (r.details as { eventId: string }).eventId).sort()).toEqual(
        [otherVillage.id, otherRecord.id, unknownRecord.id].sort(),
      );
    });

    it('needs a session and a valid body', async () => {
      expectError(
        await call(app, null, {
          method: 'POST',
          url: '/api/audit/events',
          payload: { events: [] },
        }),
        401,
        'unauthenticated',
      );
      expectError(await post('welfare', []), 400, 'validation_failed');
      expectError(
        await post('welfare', [{ id: 'x', kind: 'person.view' }]),
        400,
        'validation_failed',
      );
    });
  });

  describe('record history and national ID masking', () => {
    let personId: string;
    beforeAll(async () => {
      const surveyor = await TestDevice.open(app, store, data.users.surveyor1);
      ({ personId } = await surveyPerson(surveyor));
    });
    const history = async (who: string) => {
      const response = await as(who, {
        method: 'GET',
        url: `/api/admin/records/${personId}/history`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return RecordHistoryResponse.parse(response.json());
    };
    const shown = (h: RecordHistoryResponse, field: string) =>
      h.entries.find((e) => e.field === field)?.value;

    it('shows admins who changed which field, sensitive values hidden and the ID masked', async () => {
      const h = await history('admin');
      expect(shown(h, 'firstName')).toBe('สมศรี');
      expect(shown(h, 'nationalId')).toBe(MASKED);
      expect(shown(h, 'chronicDiseases')).toEqual(HIDDEN_VALUE);
      expect(h.entries[0]?.username).toBe('surveyor1');
      expect(JSON.stringify(h)).not.toContain(NATIONAL_ID);
    });

    it('shows supervisors the sensitive values but a masked ID', async () => {
      const h = await history('supervisor');
      expect(shown(h, 'chronicDiseases')).toEqual([DISEASE]);
      expect(shown(h, 'nationalId')).toBe(MASKED);
    });

    it('is 404 for an admin of another village and 403 for field roles', async () => {
      expectError(
        await as('admin4', { method: 'GET', url: `/api/admin/records/${personId}/history` }),
        404,
        'not_found',
      );
      expectError(
        await as('welfare', { method: 'GET', url: `/api/admin/records/${personId}/history` }),
        403,
        'forbidden',
      );
    });

    it('masks national IDs in pull for supervisors and admins, not for field roles', async () => {
      const pulled = async (user: UserRecord) => {
        const device = await TestDevice.open(app, store, user);
        const pages = await device.pullAll();
        return pages.flatMap((p) => p.changes).find((r) => r.id === personId);
      };
      expect((await pulled(data.users.supervisor))?.fields.nationalId).toBe(MASKED);
      expect((await pulled(data.users.admin))?.fields.nationalId).toBe(MASKED);
      expect((await pulled(data.users.welfare))?.fields.nationalId).toBe(NATIONAL_ID);
      expect((await pulled(data.users.surveyor1))?.fields.nationalId).toBe(NATIONAL_ID);
    });

    it("quarantines a supervisor's change of a national ID it only saw masked", async () => {
      const supervisor = await TestDevice.open(app, store, data.users.supervisor);
      const other = `110170012345${nationalIdCheckDigit('110170012345')}`;
      const record = await store.getRecord(personId);
      const pushed = await supervisor.push([
        supervisor.mutation({
          type: 'person',
          id: personId,
          villageId: village(0),
          patch: { nationalId: other },
          base: { nationalId: record?.seq ?? 0 },
        }),
        supervisor.mutation({
          type: 'person',
          id: personId,
          villageId: village(0),
          patch: { firstName: 'สมศรีย์' },
          base: { firstName: record?.seq ?? 0 },
        }),
      ]);
      expect(pushed.results.map((r) => r.reason ?? r.status)).toEqual([
        'national_id_not_allowed',
        'applied',
      ]);
      expect((await store.getRecord(personId))?.fields.nationalId).toBe(NATIONAL_ID);
    });
  });
});
