import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/server/cli/config';
import { DEMO_HOUSEHOLDS, DEMO_PEOPLE } from '../../src/server/demo/households';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load';
import { DEMO_CASES } from '../../src/server/demo/welfare';
import { placeOfSubdistrict } from '../../src/server/geo';
import { createAdmin, ensureOrganization, hasAdmin } from '../../src/server/setup';
import { type Store, UniqueViolation } from '../../src/server/store';
import { surveyGaps } from '../../src/shared/geo/parcels';
import type { ParcelFields } from '../../src/shared/model/parcel';
import { mayChangeStatus } from '../../src/shared/rules/caseStatus';
import { ledgerTotalTHB } from '../../src/shared/rules/ledger';
import { isValidNationalId } from '../../src/shared/rules/nationalId';
import { bangkokDate } from '../../src/shared/rules/thaiDate';
import { validatePatch } from '../../src/shared/sync/validate';
import { testDatabases } from './databases';
import { testApp } from './helpers';

const databases = await testDatabases();

describe.each(databases)('demo tambon on $name', (database) => {
  let store: Store;

  beforeAll(async () => {
    store = await database.openMigrated();
  });
  afterAll(() => database.drop());

  it('loads อบต.พระเจ้า, its 10 villages and the demo accounts', async () => {
    expect(await hasAdmin(store)).toBe(false);
    const result = await loadDemo(store);
    expect(result).toEqual({
      villagesCreated: 10,
      usersCreated: DEMO_ACCOUNTS.map((a) => a.username),
      householdsCreated: DEMO_HOUSEHOLDS,
      casesCreated: DEMO_CASES,
      parcelsCreated: expect.any(Number),
      basemapCreated: true,
    });
    expect(result.parcelsCreated).toBeGreaterThan(400);
    expect(await store.getOrganization()).toMatchObject({
      name: 'อบต.พระเจ้า',
      subdistrictCode: '451804',
      districtCode: '4518',
      provinceCode: '45',
      subdistrictNameTh: 'พระเจ้า',
      districtNameTh: 'เชียงขวัญ',
      provinceNameTh: 'ร้อยเอ็ด',
      postalCode: '45000',
    });
    const villages = await store.listVillages();
    expect(villages.map((v) => v.mooNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(villages.map((v) => v.code)).toContain('45180410');
    expect(villages.every((v) => v.name.startsWith('บ้าน'))).toBe(true);
    expect(await hasAdmin(store)).toBe(true);
  });

  it('gives each account its role and villages', async () => {
    const byName = new Map((await store.listUsers()).map((u) => [u.username, u]));
    const mooById = new Map((await store.listVillages()).map((v) => [v.id, v.mooNo]));
    const moos = (username: string) =>
      byName.get(username)?.villageIds.map((id) => mooById.get(id));
    expect(byName.get('admin')?.role).toBe('admin');
    expect(byName.get('supervisor')?.role).toBe('supervisor');
    expect(moos('admin')).toHaveLength(10);
    expect(moos('surveyor1')).toEqual([1, 2, 3]);
    expect(moos('surveyor2')).toEqual([4, 5, 6]);
    expect(moos('surveyor3')).toEqual([1, 2, 3]);
    expect(moos('welfare1')).toHaveLength(10);
  });

  it('is idempotent: loading again adds nothing', async () => {
    const before = { users: await store.listUsers(), villages: await store.listVillages() };
    const seqs = await store.bucketSeqs(before.villages.map((v) => v.id));
    expect(await loadDemo(store)).toEqual({
      villagesCreated: 0,
      usersCreated: [],
      householdsCreated: 0,
      casesCreated: 0,
      parcelsCreated: 0,
      basemapCreated: false,
    });
    expect(await store.bucketSeqs(before.villages.map((v) => v.id))).toEqual(seqs);
    expect(await store.listUsers()).toEqual(before.users);
    expect(await store.listVillages()).toEqual(before.villages);
  });

  it('surveys 500 households of 2,000 valid people, spread over every village', async () => {
    const villages = await store.listVillages();
    const records = (
      await Promise.all(villages.map((v) => store.recordsSince(v.id, 0, 10_000)))
    ).flat();
    const households = records.filter((r) => r.type === 'household');
    const people = records.filter((r) => r.type === 'person');
    expect(households).toHaveLength(DEMO_HOUSEHOLDS);
    expect(people).toHaveLength(DEMO_PEOPLE);
    for (const village of villages) {
      expect(households.some((h) => h.villageId === village.id)).toBe(true);
    }
    for (const person of people) {
      expect(validatePatch('person', person.fields)).toEqual([]);
      expect(isValidNationalId(person.fields.nationalId as string)).toBe(true);
    }
    const householdIds = new Set(households.map((h) => h.id));
    expect(people.every((p) => householdIds.has(p.fields.householdId as string))).toBe(true);
  });

  it('draws a tax map around the houses: linked by code or by GPS, with gaps both ways', async () => {
    const villages = await store.listVillages();
    const records = (
      await Promise.all(villages.map((v) => store.recordsSince(v.id, 0, 10_000)))
    ).flat();
    const parcels = records.filter((r) => r.type === 'parcel');
    for (const parcel of parcels) expect(validatePatch('parcel', parcel.fields)).toEqual([]);
    const households = records
      .filter((r) => r.type === 'household')
      .map((r) => {
        const f = r.fields as { gps: { lat: number; lng: number }; taxParcelCode?: string };
        return {
          id: r.id,
          villageId: r.villageId,
          point: [f.gps.lng, f.gps.lat] as [number, number],
          taxParcelCode: f.taxParcelCode,
        };
      });
    const gaps = surveyGaps(
      households,
      parcels.map((p) => ({ ...(p.fields as ParcelFields), villageId: p.villageId })),
    );
    const links = [...gaps.links.values()];
    expect(links.filter((l) => l.by === 'code').length).toBeGreaterThan(200);
    expect(links.filter((l) => l.by === 'location').length).toBeGreaterThan(50);
    expect(gaps.householdsWithoutParcel.length).toBeGreaterThan(10);
    expect(gaps.parcelsWithoutHousehold.length).toBeGreaterThan(30);
    // Read back through the .prj and the Indian 1975 shift, a household's parcel lies around it.
    const byGps = households.filter((h) => !h.taxParcelCode);
    const onTheirs = byGps.filter((h) => gaps.links.get(h.id)?.by === 'location');
    expect(onTheirs.length / byGps.length).toBeGreaterThan(0.7);
    // A code names one parcel, and a household's own code puts its parcel in its village (the
    // map's village outlines are drawn around them); only a house drawn into a neighbour's
    // plot may find a parcel of another village.
    const codes = parcels.map((p) => (p.fields as ParcelFields).code);
    expect(new Set(codes).size).toBe(codes.length);
    const linked = households.filter((h) => gaps.links.get(h.id)?.parcel);
    const elsewhere = linked.filter((h) => gaps.links.get(h.id)?.parcel?.villageId !== h.villageId);
    expect(elsewhere.filter((h) => gaps.links.get(h.id)?.by === 'code')).toEqual([]);
    expect(elsewhere.length).toBeLessThan(linked.length * 0.03);
    const audit = await store.listAudit({ action: 'parcels.import', limit: 5 });
    expect(audit).toHaveLength(1);
  });

  it('opens 40 valid welfare cases with their timelines, visits, assistance and enrollments', async () => {
    const villages = await store.listVillages();
    const records = (
      await Promise.all(villages.map((v) => store.recordsSince(v.id, 0, 10_000)))
    ).flat();
    const ofType = (type: string) => records.filter((r) => r.type === type);
    const cases = ofType('case');
    expect(cases).toHaveLength(DEMO_CASES);
    for (const type of ['case', 'caseStatusChange', 'visit', 'assistance', 'programEnrollment']) {
      for (const record of ofType(type))
        expect(validatePatch(type as 'case', record.fields)).toEqual([]);
    }
    expect(new Set(cases.map((c) => c.villageId)).size).toBe(villages.length);
    expect(new Set(cases.map((c) => c.fields.category)).size).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.fields.location).length).toBeGreaterThanOrEqual(10);
    expect(new Set(cases.map((c) => c.fields.status)).size).toBeGreaterThanOrEqual(5);

    // Each case's timeline starts `received`, every move is a supervisor's allowed move, and
    // it ends at the case's status.
    const changes = ofType('caseStatusChange');
    for (const c of cases) {
      const timeline = changes
        .filter((s) => s.fields.caseId === c.id)
        .sort((a, b) => a.seq - b.seq)
        .map((s) => s.fields);
      expect(timeline[0]).toMatchObject({ toStatus: 'received' });
      for (const step of timeline.slice(1)) {
        expect(
          mayChangeStatus('supervisor', step.fromStatus as 'received', step.toStatus as 'received'),
        ).toBe(true);
      }
      expect(timeline.at(-1)?.toStatus).toBe(c.fields.status);
    }

    const today = bangkokDate();
    const next = ofType('visit').flatMap((v) =>
      v.fields.nextVisitOn ? [String(v.fields.nextVisitOn)] : [],
    );
    expect(next.some((day) => day < today)).toBe(true);
    expect(next).toContain(today);
    expect(next.some((day) => day > today)).toBe(true);

    const ledger = ofType('assistance').map(
      (a) => ({ id: a.id, ...a.fields }) as { id: string; amountTHB?: number; reversesId?: string },
    );
    const reversals = ledger.filter((entry) => entry.reversesId);
    expect(reversals).toHaveLength(1);
    const reversed = ledger.find((entry) => entry.id === reversals[0]?.reversesId);
    expect(ledgerTotalTHB([reversed ?? { id: 'missing' }, ...reversals])).toBe(0);
    expect(ledgerTotalTHB(ledger)).toBeGreaterThan(1000);

    const enrollments = ofType('programEnrollment');
    const enrolled = new Set(enrollments.map((e) => e.fields.personId));
    expect(enrollments.length).toBeGreaterThan(20);
    expect(ofType('person').filter((p) => enrolled.has(p.id)).length).toBe(enrolled.size);
  });

  it('lets the demo accounts log in with the demo password', async () => {
    const app = await testApp(store);
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'surveyor1', password: DEMO_PASSWORD, clientId: 'demo-client-1' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user.villageIds).toHaveLength(3);
    await app?.close();
  });

  it('create-admin: keeps an existing organization, refuses a taken username', async () => {
    const { created } = await ensureOrganization(store, '100101');
    expect(created).toBe(false);
    const admin = await createAdmin(store, {
      username: 'boss',
      name: 'หัวหน้า',
      password: 'x'.repeat(12),
    });
    expect(admin).toMatchObject({ role: 'admin', disabled: false });
    expect(admin.villageIds).toHaveLength(10);
    await expect(
      createAdmin(store, { username: 'boss', name: 'อีกคน', password: 'x'.repeat(12) }),
    ).rejects.toBeInstanceOf(UniqueViolation);
  });
});

describe('setup helpers', () => {
  it('looks a sub-district up in the geography data, codes zero-padded', () => {
    expect(placeOfSubdistrict('451804')).toEqual({
      subdistrictCode: '451804',
      districtCode: '4518',
      provinceCode: '45',
      subdistrictNameTh: 'พระเจ้า',
      districtNameTh: 'เชียงขวัญ',
      provinceNameTh: 'ร้อยเอ็ด',
      postalCode: '45000',
    });
    expect(placeOfSubdistrict('100101').postalCode).toBe('10200');
    expect(() => placeOfSubdistrict('999999')).toThrow(/Unknown sub-district/);
    expect(() => placeOfSubdistrict('4518')).toThrow(/Unknown sub-district/);
  });

  it('parses the CLI: defaults, flags, environment', () => {
    const defaults = parseCli([], {});
    expect(defaults).toMatchObject({ command: 'start', port: 8080, host: '0.0.0.0', demo: false });
    expect(defaults.store).toEqual({
      kind: 'sqlite',
      file: expect.stringMatching(/data[\\/]tambon-field\.sqlite$/),
    });
    const flags = parseCli(['--port', '9000', '--host', '127.0.0.1', '--demo'], { PORT: '1' });
    expect(flags).toMatchObject({ port: 9000, host: '127.0.0.1', demo: true });
    const env = parseCli(['create-admin', '--username', 'boss'], {
      PORT: '8181',
      DATABASE_URL: 'postgres://x@h/db',
    });
    expect(env).toMatchObject({ command: 'create-admin', port: 8181 });
    expect(env.admin).toMatchObject({ username: 'boss', subdistrict: '451804' });
    expect(env.store).toEqual({ kind: 'postgres', url: 'postgres://x@h/db', schema: undefined });
    expect(() => parseCli(['--port', 'abc'], {})).toThrow(/Invalid port/);
    expect(defaults.idleLockMinutes).toBe(5);
    expect(parseCli(['--idle-lock-minutes', '15'], {}).idleLockMinutes).toBe(15);
    expect(parseCli([], { IDLE_LOCK_MINUTES: '2' }).idleLockMinutes).toBe(2);
    expect(() => parseCli(['--idle-lock-minutes', '0'], {})).toThrow(/idle-lock-minutes/);
    expect(() => parseCli(['launch'], {})).toThrow(/Unknown command/);
    expect(() => parseCli(['--tls-cert', 'a.pem'], {})).toThrow(/both/);
  });
});
