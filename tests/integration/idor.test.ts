// The IDOR suite (issue 6) on every database: users of every role assigned to villages A try
// every route against villages B, whose households, people, cases, visits, assistance,
// photos, quarantined edits and conflicts belong to someone else. They get 403, 404 or no rows,
// never B's data. Supervisors see every village by role (roles.ts `seesAllVillages`), so for
// them B is not out of scope: their rows assert that they do see it, so a change of that rule
// shows here. Every route of the server needs a row: the last test fails on one without.
// Every JSON answer of every row is also scanned for the people's whole national IDs and
// health values: a role that must see them masked (masking.ts) never receives them.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, UserRecord } from '../../src/server/store';
import { BLOB_HEADERS } from '../../src/shared/api/blobs';
import { uuidv7 } from '../../src/shared/ids';
import type { Village } from '../../src/shared/model/organization';
import {
  canReadAudit,
  type RoleName,
  seesAllVillages,
  seesFullNationalId,
  seesSensitiveValues,
} from '../../src/shared/model/roles';
import { nationalIdCheckDigit } from '../../src/shared/rules/nationalId';
import { PullResponse, PushResponse } from '../../src/shared/sync/protocol';
import { testDatabases } from './databases';
import { call, createUser, expectError, openSession, PASSWORD, testApp } from './helpers';
import { household, TestDevice } from './syncHelpers';

const databases = await testDatabases();
const ROLES: RoleName[] = ['admin', 'supervisor', 'surveyor', 'welfare'];

const idOf = (first12: string) => `${first12}${nationalIdCheckDigit(first12)}`;
/** Whole national IDs of the seeded people (A's, B's, and the two sides of a conflict in A). */
const FULL_IDS = ['310170012345', '110170054321', '350170011111', '520170022222'].map(idOf);
const [ID_A, ID_B, ID_A_CONFLICT, ID_Q] = FULL_IDS as [string, string, string, string];
/** Health values: the diseases, a visit's notes and an ADL item name (present only with ADL). */
const HEALTH = ['เบาหวานชนิดลับ', 'ความดันลับเฉพาะ', 'บันทึกสุขภาพลับ', '"feeding"'];
const ADL = {
  feeding: 2,
  grooming: 1,
  transfer: 3,
  toilet: 2,
  mobility: 3,
  dressing: 2,
  stairs: 2,
  bathing: 1,
  bowels: 2,
  bladder: 2,
};

/** What one role's request against villages B meets; `ctx` has the seeded world. */
interface Row {
  route: string;
  check: (ctx: World, role: RoleName) => Promise<void>;
}

interface World {
  app: FastifyInstance;
  store: Store;
  villagesA: Village[];
  villagesB: Village[];
  /** B's owner (welfare in villages B) and what it made there. */
  owner: UserRecord;
  b: {
    householdId: string;
    personId: string;
    caseId: string;
    visitId: string;
    assistanceId: string;
    blob: string;
    quarantineId: string;
    /** An ID-card photo of B's person. */
    idCard: string;
  };
  /** A record in A each attacker should see: proves their pull is not empty by accident. */
  householdA: string;
  /** A's person (whole ID, diseases, ADL, an ID-card photo), with a visit, conflicts, quarantine. */
  a: { personId: string; idCard: string; photo: string };
  /** Every answer the app gave during the current test. */
  answers: LightMyRequestResponse[];
  attackers: Record<RoleName, UserRecord>;
  session: (role: RoleName) => Promise<{ token: string; clientId: string }>;
}

const bIds = (w: World) => Object.values(w.b);
const villageIdsB = (w: World) => w.villagesB.map((v) => v.id);
const containsAny = (text: string, needles: string[]) => needles.filter((n) => text.includes(n));

/** 403 for roles that `allowed` refuses, else not 403 (the role may use the route). */
function roleGate(response: LightMyRequestResponse, role: RoleName, allowed: RoleName[]) {
  if (allowed.includes(role)) expect(response.statusCode, response.body).not.toBe(403);
  else expectError(response, 403, 'forbidden');
}

/** A JSON answer that names none of B's records or blob, unless the role sees every village. */
function noDataOfB(w: World, role: RoleName, response: LightMyRequestResponse) {
  const leaked = containsAny(response.body, bIds(w));
  if (seesAllVillages(role)) return;
  expect(leaked, `${role} got B's data`).toEqual([]);
}

/** Whole IDs and health values found in the answers `role` got, if it must not see them. */
function leakedSecrets(w: World, role: RoleName): string[] {
  const needles = [
    ...(seesFullNationalId(role) ? [] : FULL_IDS),
    ...(seesSensitiveValues(role) ? [] : HEALTH),
  ];
  const leaks = new Set<string>();
  for (const answer of w.answers) {
    if (!/json|csv|text/.test(String(answer.headers['content-type'] ?? ''))) continue;
    for (const needle of containsAny(answer.body, needles)) leaks.add(needle);
  }
  return [...leaks];
}

/** GET of a blob: 200 for `readers`, else the same 404 as for a blob that does not exist. */
async function blobAnswer(w: World, role: RoleName, sha: string, readers: boolean) {
  const { token } = await w.session(role);
  const response = await call(w.app, token, { method: 'GET', url: `/api/blobs/${sha}` });
  if (readers) expect(response.statusCode, `${role} GET ${sha}`).toBe(200);
  else expectError(response, 404, 'not_found');
}

const ROWS: Row[] = [
  {
    route: 'GET /api/health',
    check: async (w, role) => {
      const response = await w.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(200);
      noDataOfB(w, role, response);
    },
  },
  {
    route: 'POST /api/auth/login',
    check: async (w, role) => {
      const response = await w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: w.attackers[role].username, password: PASSWORD, clientId: uuidv7() },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(containsAny(response.body, villageIdsB(w))).toEqual([]);
    },
  },
  {
    route: 'POST /api/auth/logout',
    check: async (w, role) => {
      const { token } = await w.session(role);
      const ownerSession = await openSession(w.store, w.owner.id);
      expect(
        (await call(w.app, token, { method: 'POST', url: '/api/auth/logout' })).statusCode,
      ).toBe(204);
      const owner = await call(w.app, ownerSession.token, { method: 'GET', url: '/api/me' });
      expect(owner.statusCode).toBe(200);
    },
  },
  {
    route: 'POST /api/auth/rotate',
    check: async (w, role) => {
      const { token } = await w.session(role);
      const response = await call(w.app, token, { method: 'POST', url: '/api/auth/rotate' });
      expect(response.statusCode).toBe(200);
      expect(Object.keys(response.json()).sort()).toEqual(['expiresAt', 'token']);
    },
  },
  {
    route: 'GET /api/me',
    check: async (w, role) => {
      const { token } = await w.session(role);
      const response = await call(w.app, token, { method: 'GET', url: '/api/me' });
      const shown = (response.json().villages as Village[]).map((v) => v.id);
      if (seesAllVillages(role)) expect(shown).toEqual(expect.arrayContaining(villageIdsB(w)));
      else expect(shown.filter((id) => villageIdsB(w).includes(id))).toEqual([]);
    },
  },
  {
    route: 'POST /api/me/password',
    // Only the caller's own password, and only with it: nothing names another account.
    check: async (w, role) => {
      const { token } = await w.session(role);
      const response = await call(w.app, token, {
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword: 'not the password', newPassword: 'new password 1' },
      });
      expectError(response, 401, 'invalid_credentials');
    },
  },
  {
    route: 'GET /api/villages',
    // Village names and numbers are not personal data; forms need them all (villages.ts).
    check: async (w, role) => {
      const { token } = await w.session(role);
      const response = await call(w.app, token, { method: 'GET', url: '/api/villages' });
      expect(response.statusCode).toBe(200);
      noDataOfB(w, 'surveyor', response);
    },
  },
  {
    route: 'POST /api/sync/pull',
    check: async (w, role) => {
      const { token, clientId } = await w.session(role);
      const cursors = Object.fromEntries(
        [...w.villagesA, ...w.villagesB].map((v) => [v.id, 0] as const),
      );
      const response = await call(w.app, token, {
        method: 'POST',
        url: '/api/sync/pull',
        payload: { clientId, cursors, limit: 5000 },
      });
      expect(response.statusCode, response.body).toBe(200);
      const page = PullResponse.parse(response.json());
      const villages = new Set(page.changes.map((r) => r.villageId));
      const pulledIds = page.changes.map((r) => r.id);
      // Not even when a withheld field was written: no write seq of it either.
      const personA = page.changes.find((r) => r.id === w.a.personId);
      const withheld = ['chronicDiseases', 'adl', 'idCardPhotos'].filter(
        (field) =>
          Object.hasOwn(personA?.fieldSeq ?? {}, field) ||
          Object.hasOwn(personA?.fields ?? {}, field),
      );
      if (role === 'admin') expect(withheld).toEqual([]);
      if (role === 'supervisor') expect(withheld).toEqual(['chronicDiseases', 'adl']);
      if (seesAllVillages(role)) {
        expect(pulledIds).toEqual(expect.arrayContaining([w.b.caseId, w.b.personId]));
        return;
      }
      expect(villageIdsB(w).filter((id) => villages.has(id))).toEqual([]);
      expect(Object.keys(page.cursors).filter((id) => villageIdsB(w).includes(id))).toEqual([]);
      noDataOfB(w, role, response);
      // Not empty by accident: the attacker's own villages come through.
      expect(pulledIds).toContain(w.householdA);
    },
  },
  {
    route: 'POST /api/sync/push',
    check: async (w, role) => {
      const attacker = await TestDevice.open(w.app, w.store, w.attackers[role]);
      const [villageB] = w.villagesB;
      const before = await Promise.all(
        bIds(w)
          .slice(0, 5)
          .map((id) => w.store.getRecord(id)),
      );
      const seq = before[0]?.fieldMeta.houseNo?.seq ?? 0;
      const mutations = [
        attacker.mutation({
          id: w.b.householdId,
          villageId: villageB?.id as string,
          patch: { houseNo: `${role} was here` },
          base: { houseNo: seq },
        }),
        attacker.mutation({
          op: 'create',
          type: 'case',
          id: uuidv7(),
          villageId: villageB?.id as string,
          patch: {
            category: 'other',
            channel: 'walk-in',
            description: 'x',
            status: 'received',
            receivedAt: new Date().toISOString(),
          },
        }),
        // Moving B's person into A's village is a write to B too.
        attacker.mutation({
          type: 'person',
          id: w.b.personId,
          villageId: w.villagesA[0]?.id as string,
          patch: { firstName: 'moved' },
          base: { firstName: 1 },
        }),
      ];
      // A supervisor may write in B: one harmless edit, so B stays B for the other roles.
      const sent = seesAllVillages(role) ? mutations.slice(0, 1) : mutations;
      const response = await attacker.pushRaw(sent);
      expect(response.statusCode, response.body).toBe(200);
      const results = PushResponse.parse(response.json()).results;
      if (seesAllVillages(role)) {
        expect(results[0]?.status).toBe('applied');
        return;
      }
      expect(results.map((r) => r.status)).toEqual(['quarantined', 'quarantined', 'quarantined']);
      noDataOfB(w, role, response);
      const after = await Promise.all(
        bIds(w)
          .slice(0, 5)
          .map((id) => w.store.getRecord(id)),
      );
      expect(after).toEqual(before);
    },
  },
  {
    route: 'HEAD /api/blobs/:sha256',
    // Upload state only (status, offset), never content, and only to those who uploaded the
    // blob or may read it: anyone else gets the answer for a blob that does not exist.
    check: async (w, role) => {
      const { token } = await w.session(role);
      const absent = await call(w.app, token, {
        method: 'HEAD',
        url: `/api/blobs/${createHash('sha256').update(randomBytes(8)).digest('hex')}`,
      });
      for (const sha of [w.b.blob, w.b.idCard, w.a.idCard]) {
        const response = await call(w.app, token, { method: 'HEAD', url: `/api/blobs/${sha}` });
        expect(response.rawPayload.length).toBe(0);
        const reads =
          sha === w.b.blob
            ? seesAllVillages(role)
            : sha === w.b.idCard
              ? false
              : seesFullNationalId(role);
        if (reads) {
          expect(response.headers[BLOB_HEADERS.status], `${role} HEAD ${sha}`).toBe('complete');
          continue;
        }
        expect(response.statusCode, `${role} HEAD ${sha}`).toBe(absent.statusCode);
        expect(response.headers[BLOB_HEADERS.status]).toBe(absent.headers[BLOB_HEADERS.status]);
        expect(response.headers[BLOB_HEADERS.size]).toBeUndefined();
      }
    },
  },
  {
    route: 'GET /api/blobs/:sha256',
    check: async (w, role) => {
      const { token } = await w.session(role);
      const response = await call(w.app, token, { method: 'GET', url: `/api/blobs/${w.b.blob}` });
      if (seesAllVillages(role)) expect(response.statusCode).toBe(200);
      else expectError(response, 404, 'not_found');
      // ID-card photos show the whole ID: only to the field roles of the village.
      await blobAnswer(w, role, w.b.idCard, false);
      await blobAnswer(w, role, w.a.idCard, seesFullNationalId(role));
      await blobAnswer(w, role, w.a.photo, true);
    },
  },
  {
    route: 'PATCH /api/blobs/:sha256',
    check: async (w, role) => {
      const { token } = await w.session(role);
      const bytesBefore = await w.store.readBlob(w.b.blob);
      const junk = randomBytes(64);
      const response = await call(w.app, token, {
        method: 'PATCH',
        url: `/api/blobs/${w.b.blob}`,
        headers: {
          'content-type': 'application/octet-stream',
          [BLOB_HEADERS.offset]: '0',
          [BLOB_HEADERS.size]: String(junk.length),
          [BLOB_HEADERS.mime]: 'image/png',
        },
        payload: junk,
      });
      expect(response.statusCode).toBeLessThan(500);
      expect(response.body).not.toContain(bytesBefore.toString('base64').slice(0, 40));
      expect((await w.store.readBlob(w.b.blob)).equals(bytesBefore)).toBe(true);
      const get = await call(w.app, token, { method: 'GET', url: `/api/blobs/${w.b.blob}` });
      if (!seesAllVillages(role)) expectError(get, 404, 'not_found');
    },
  },
  ...adminReadRows(),
  ...backupRows(),
  ...deviceReportRows(),
  ...parcelRows(),
  ...basemapRows(),
  ...adminWriteRows(),
  ...importRows(),
  ...['/api/admin/audit', '/api/admin/audit.csv'].map(
    (url): Row => ({
      route: `GET ${url}`,
      check: async (w, role) => {
        const { token } = await w.session(role);
        const response = await call(w.app, token, { method: 'GET', url });
        roleGate(response, role, ROLES.filter(canReadAudit));
      },
    }),
  ),
  {
    route: 'GET /api/admin/records/:id/history',
    check: async (w, role) => {
      const { token } = await w.session(role);
      for (const id of bIds(w).slice(0, 5)) {
        const response = await call(w.app, token, {
          method: 'GET',
          url: `/api/admin/records/${id}/history`,
        });
        if (seesAllVillages(role)) expect(response.statusCode, response.body).toBe(200);
        else if (role === 'admin') expectError(response, 404, 'not_found');
        else expectError(response, 403, 'forbidden');
      }
      // A's person in the admin's own village: its trail, masked by role (the scan checks it).
      const own = await call(w.app, token, {
        method: 'GET',
        url: `/api/admin/records/${w.a.personId}/history`,
      });
      if (role === 'admin' || role === 'supervisor') {
        expect(own.statusCode, own.body).toBe(200);
        // An ID-card photo goes only to roles that see whole IDs: not even its hash here.
        expect(own.body).not.toContain(w.a.idCard);
      } else expectError(own, 403, 'forbidden');
    },
  },
  {
    route: 'GET /api/admin/quarantine',
    check: async (w, role) => {
      const { token } = await w.session(role);
      const response = await call(w.app, token, {
        method: 'GET',
        url: '/api/admin/quarantine?status=open',
      });
      roleGate(response, role, ['admin', 'supervisor']);
      if (response.statusCode !== 200) return;
      const ids = (response.json().entries as { id: string }[]).map((e) => e.id);
      if (seesAllVillages(role)) expect(ids).toContain(w.b.quarantineId);
      else expect(ids).not.toContain(w.b.quarantineId);
    },
  },
  ...(['accept', 'reject'] as const).map(
    (action): Row => ({
      route: `POST /api/admin/quarantine/:id/${action}`,
      check: async (w, role) => {
        const { token } = await w.session(role);
        // A body no reviewer could send: nothing is decided, whoever may review.
        const response = await call(w.app, token, {
          method: 'POST',
          url: `/api/admin/quarantine/${w.b.quarantineId}/${action}`,
          payload: { note: 1, reason: 1, villageId: 'x' },
        });
        if (role === 'supervisor') expectError(response, 400, 'validation_failed');
        else if (role === 'admin') expect([400, 404]).toContain(response.statusCode);
        else expectError(response, 403, 'forbidden');
        if (role === 'supervisor') return;
        const valid = await call(w.app, token, {
          method: 'POST',
          url: `/api/admin/quarantine/${w.b.quarantineId}/reject`,
          payload: { reason: `${role} rejects B` },
        });
        if (role === 'admin') expectError(valid, 404, 'not_found');
        else expectError(valid, 403, 'forbidden');
        expect((await w.store.getQuarantine(w.b.quarantineId))?.status).toBe('open');
      },
    }),
  ),
  {
    route: 'GET /api/admin/conflicts',
    check: async (w, role) => {
      const { token } = await w.session(role);
      // `all`: a supervisor's edit in the push row may have settled the conflict already.
      for (const query of ['?status=all', `?status=all&villageId=${w.villagesB[0]?.id}`]) {
        const response = await call(w.app, token, {
          method: 'GET',
          url: `/api/admin/conflicts${query}`,
        });
        roleGate(response, role, ['admin', 'supervisor']);
        if (response.statusCode !== 200) continue;
        const conflicts = response.json().conflicts as { recordId: string }[];
        const ofB = conflicts.filter((c) => c.recordId === w.b.personId);
        if (seesAllVillages(role)) expect(ofB.length, response.body).toBeGreaterThan(0);
        else expect(ofB).toEqual([]);
      }
    },
  },
];

/**
 * Imports of office lists: only a role that may write people (supervisors) previews, writes and
 * undoes; admins list (their own, so none); a row naming B's person and หมู่ and a decision
 * linking to B's person get the others nothing. The write's row is bad (หมู่ 42): nothing lands.
 */
function importRows(): Row[] {
  const body = (w: World, moo: string) => ({
    rows: [
      ['ลำดับ', 'ชื่อ', 'นามสกุล', 'เลขประจำตัวประชาชน', 'วันเกิด', 'บ้านเลขที่', 'หมู่ที่', 'ประเภทเบี้ย'],
      ['1', 'สมศรี', 'ลับมาก', ID_B, '1950-01-01', '9/9', moo, 'ผู้สูงอายุ'],
    ],
    mapping: {
      kind: 'allowances',
      headerRow: 0,
      columns: [
        null,
        'firstName',
        'lastName',
        'nationalId',
        'birthDate',
        'houseNo',
        'mooNo',
        'programCode',
      ],
    },
    decisions: { '2': w.b.personId },
  });
  const writer = ['supervisor'] as RoleName[];
  return [
    {
      route: 'POST /api/imports/preview',
      check: async (w, role) => {
        const { token } = await w.session(role);
        const response = await call(w.app, token, {
          method: 'POST',
          url: '/api/imports/preview',
          payload: body(w, 'หมู่ 3'),
        });
        roleGate(response, role, writer);
        noDataOfB(w, role, response);
      },
    },
    {
      route: 'POST /api/imports',
      check: async (w, role) => {
        const { token } = await w.session(role);
        const response = await call(w.app, token, {
          method: 'POST',
          url: '/api/imports',
          payload: body(w, 'หมู่ 42'),
        });
        roleGate(response, role, writer);
        if (response.statusCode === 201) expect(response.json().import.records).toBe(0);
        noDataOfB(w, role, response);
      },
    },
    {
      route: 'GET /api/imports',
      check: async (w, role) => {
        const { token } = await w.session(role);
        const response = await call(w.app, token, { method: 'GET', url: '/api/imports' });
        roleGate(response, role, ['admin', 'supervisor']);
        noDataOfB(w, role, response);
      },
    },
    {
      route: 'POST /api/imports/:id/undo',
      check: async (w, role) => {
        const { token } = await w.session(role);
        const response = await call(w.app, token, {
          method: 'POST',
          url: `/api/imports/${uuidv7()}/undo`,
        });
        if (writer.includes(role)) expectError(response, 404, 'not_found');
        else expectError(response, 403, 'forbidden');
      },
    },
  ];
}

/** Account screens: admins and supervisors read them (admin routes are not village data). */
function adminReadRows(): Row[] {
  return ['users', 'villages', 'devices'].map((what) => ({
    route: `GET /api/admin/${what}`,
    check: async (w, role) => {
      const { token } = await w.session(role);
      const response = await call(w.app, token, { method: 'GET', url: `/api/admin/${what}` });
      roleGate(response, role, ['admin', 'supervisor']);
      noDataOfB(w, 'surveyor', response);
    },
  }));
}

/** Every role reports its own device's state; the body cannot name B's owner's device. */
function deviceReportRows(): Row[] {
  return [
    {
      route: 'POST /api/device/report',
      check: async (w, role) => {
        const { token, clientId } = await w.session(role);
        const owner = (await w.store.listDevices()).find((d) => d.userId === w.owner.id);
        const response = await call(w.app, token, {
          method: 'POST',
          url: '/api/device/report',
          payload: {
            clientId: owner?.clientId,
            appVersion: '9.9.9',
            schemaVersion: 1,
            unsynced: 0,
            refused: 0,
            storageBytes: null,
            persisted: null,
          },
        });
        expect(response.statusCode, response.body).toBe(200);
        const devices = await w.store.listDevices();
        expect(devices.find((d) => d.clientId === clientId)?.report?.appVersion).toBe('9.9.9');
        expect(devices.find((d) => d.clientId === owner?.clientId)?.report ?? null).toBeNull();
      },
    },
  ];
}

/**
 * The tax map's parcel layer: admins only, refused before the file is read; an admin's call
 * with bytes that are no layer file is harmless (400).
 */
function parcelRows(): Row[] {
  return ['preview', 'import'].map((what) => ({
    route: `POST /api/parcels/${what}`,
    check: async (w, role) => {
      const { token } = await w.session(role);
      const response = await call(w.app, token, {
        method: 'POST',
        url: `/api/parcels/${what}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('not a layer file'),
      });
      roleGate(response, role, ['admin']);
      expect(response.statusCode).toBeLessThan(500);
    },
  }));
}

/**
 * The tambon's basemap: one file of the whole tambon, no village's data. Every role reads it
 * (here: none uploaded, so 404, never 403); only admins upload or delete it.
 */
function basemapRows(): Row[] {
  const read = (method: 'GET' | 'HEAD', url: string): Row => ({
    route: `${method} ${url}`,
    check: async (w, role) => {
      const { token } = await w.session(role);
      const response = await call(w.app, token, { method, url });
      expect(response.statusCode).toBe(404);
    },
  });
  return [
    read('GET', '/api/basemap'),
    read('HEAD', '/api/basemap'),
    read('GET', '/api/basemap/info'),
    {
      route: 'PUT /api/basemap',
      check: async (w, role) => {
        const { token } = await w.session(role);
        const response = await call(w.app, token, {
          method: 'PUT',
          url: '/api/basemap',
          headers: { 'content-type': 'application/octet-stream' },
          payload: Buffer.from('not a basemap file'),
        });
        roleGate(response, role, ['admin']);
        expect(response.statusCode).toBeLessThan(500);
      },
    },
    {
      route: 'DELETE /api/basemap',
      check: async (w, role) => {
        const { token } = await w.session(role);
        const response = await call(w.app, token, { method: 'DELETE', url: '/api/basemap' });
        roleGate(response, role, ['admin']);
        expect(response.statusCode).toBeLessThan(500);
      },
    },
  ];
}

/** The server's backups: admins only (they say nothing of any village's people). */
function backupRows(): Row[] {
  return [
    {
      route: 'GET /api/admin/backups',
      check: async (w, role) => {
        const { token } = await w.session(role);
        const response = await call(w.app, token, { method: 'GET', url: '/api/admin/backups' });
        roleGate(response, role, ['admin']);
      },
    },
  ];
}

/**
 * Account changes are the admin's alone, for every village (assigning villages is the job);
 * every other role gets 403. Bodies that fail validation keep the admin's call harmless.
 */
function adminWriteRows(): Row[] {
  const rows: Array<[string, (w: World) => string]> = [
    ['POST /api/admin/users', () => '/api/admin/users'],
    ['PATCH /api/admin/users/:id', (w) => `/api/admin/users/${w.owner.id}`],
    ['POST /api/admin/users/:id/password', (w) => `/api/admin/users/${w.owner.id}/password`],
    ['POST /api/admin/villages', () => '/api/admin/villages'],
    ['PATCH /api/admin/villages/:id', (w) => `/api/admin/villages/${w.villagesB[0]?.id}`],
    ['POST /api/admin/devices/:clientId/revoke', () => '/api/admin/devices/no-such-device/revoke'],
  ];
  return rows.map(([route, url]) => ({
    route,
    check: async (w, role) => {
      const { token } = await w.session(role);
      const method = route.split(' ')[0] as 'POST' | 'PATCH';
      const response = await call(w.app, token, { method, url: url(w), payload: { name: 7 } });
      roleGate(response, role, ['admin']);
      expect(response.statusCode).toBeLessThan(500);
    },
  }));
}

/**
 * Routes another engineer adds for PDPA requests and the device audit trail; their own tests
 * (privacy) cover who may use them.
 */
const COVERED_ELSEWHERE = [
  /^\w+ \/api\/admin\/privacy/,
  /^\w+ \/api\/admin\/pdpa/,
  /^\w+ \/api\/audit/,
];

describe.each(databases)('IDOR: roles of villages A against villages B on $name', (database) => {
  const world = {} as World;

  beforeAll(async () => {
    const store = await database.openMigrated();
    const at = new Date().toISOString();
    const villages: Village[] = [];
    for (const mooNo of [1, 2, 3, 4]) {
      const code = `451804${String(mooNo).padStart(2, '0')}`;
      villages.push(
        await store.createVillage({ id: uuidv7(), mooNo, name: `บ้าน ${mooNo}`, code }, at),
      );
    }
    const villagesA = villages.slice(0, 2);
    const villagesB = villages.slice(2);
    const idsA = villagesA.map((v) => v.id);
    const attackers = {} as Record<RoleName, UserRecord>;
    for (const role of ROLES) {
      attackers[role] = await createUser(store, { username: `${role}-a`, role, villageIds: idsA });
    }
    const owner = await createUser(store, {
      username: 'welfare-b',
      role: 'welfare',
      villageIds: villagesB.map((v) => v.id),
    });
    const app = await testApp(store, { rateLimit: false });
    Object.assign(world, {
      app,
      store,
      villagesA,
      villagesB,
      owner,
      attackers,
      session: (role: RoleName) => openSession(store, attackers[role].id),
    });
    const inject = app.inject.bind(app) as (
      options: InjectOptions,
    ) => Promise<LightMyRequestResponse>;
    world.answers = [];
    app.inject = ((options: InjectOptions) =>
      inject(options).then((answer) => {
        world.answers.push(answer);
        return answer;
      })) as typeof app.inject;
    world.b = await seedVillageB(world);
    world.householdA = await seedVillageA(world);
    world.a = await seedPersonA(world);
  });
  afterAll(async () => {
    await world.app?.close();
    await database.drop();
  });

  for (const row of ROWS) {
    it.each(ROLES)(`${row.route} as %s`, async (role) => {
      world.answers = [];
      await row.check(world, role);
      expect(leakedSecrets(world, role), `${row.route} leaked to ${role}`).toEqual([]);
    });
  }

  it('scans answers that do carry the seeded secrets (the scan can fail)', async () => {
    world.answers = [];
    const { token, clientId } = await world.session('welfare');
    const cursors = Object.fromEntries(world.villagesA.map((v) => [v.id, 0] as const));
    await call(world.app, token, {
      method: 'POST',
      url: '/api/sync/pull',
      payload: { clientId, cursors, limit: 5000 },
    });
    expect(leakedSecrets(world, 'admin')).toEqual(
      expect.arrayContaining([ID_A, 'เบาหวานชนิดลับ', '"feeding"']),
    );
  });

  it('has a row for every route of the server', () => {
    const covered = new Set(ROWS.map((r) => r.route));
    const missing = serverRoutes(world.app).filter(
      (route) => !covered.has(route) && !COVERED_ELSEWHERE.some((pattern) => pattern.test(route)),
    );
    expect(missing).toEqual([]);
  });
});

/** B's records, made by B's own welfare officer through push, and a photo only they reference. */
async function seedVillageB(w: World): Promise<World['b']> {
  const device = await TestDevice.open(w.app, w.store, w.owner);
  const villageId = w.villagesB[0]?.id as string;
  const ref = await uploadPhoto(w, device.token);
  const idCard = await uploadPhoto(w, device.token);
  const blob = ref.sha256;
  const [householdId, personId, caseId, visitId, assistanceId] = [1, 2, 3, 4, 5].map(() =>
    uuidv7(),
  );
  const create = (type: Parameters<TestDevice['mutation']>[0]['type'], id: string, patch: object) =>
    device.mutation({ op: 'create', type, id, villageId, patch: patch as Record<string, unknown> });
  const caseTx = uuidv7();
  const pushed = await device.push([
    create('household', householdId as string, household({ mooNo: 3, photos: [ref] })),
    create('person', personId as string, {
      householdId,
      firstName: 'สมศรี',
      lastName: 'ลับมาก',
      nationalId: ID_B,
      chronicDiseases: ['เบาหวานชนิดลับ'],
      adl: ADL,
      idCardPhotos: [idCard],
    }),
    device.mutation({
      op: 'create',
      type: 'case',
      id: caseId as string,
      villageId,
      txId: caseTx,
      patch: {
        category: 'elderly-care',
        channel: 'field-visit',
        description: 'ผู้สูงอายุติดเตียง',
        priority: 'normal',
        status: 'received',
        receivedAt: new Date().toISOString(),
        personId,
        photos: [ref],
      },
    }),
    device.mutation({
      op: 'create',
      type: 'caseStatusChange',
      id: uuidv7(),
      villageId,
      txId: caseTx,
      patch: { caseId, toStatus: 'received', at: new Date().toISOString() },
    }),
    create('visit', visitId as string, {
      caseId,
      personId,
      visitedOn: '2026-11-20',
      officerId: w.owner.id,
      notes: 'เยี่ยมบ้าน',
    }),
    create('assistance', assistanceId as string, {
      caseId,
      personId,
      programCode: 'disaster-relief',
      amountTHB: 3000,
      deliveredAt: '2026-11-20',
      category: 'disaster-relief',
    }),
  ]);
  expect(pushed.results.map((r) => r.reason ?? r.status)).toEqual(Array(6).fill('applied'));

  // A conflict on B's person (a field the push row leaves alone): two of the owner's devices
  // change one field at once.
  const seq = (await w.store.getRecord(personId as string))?.fieldMeta.lastName?.seq ?? 0;
  const second = await TestDevice.open(w.app, w.store, w.owner);
  for (const d of [device, second]) {
    await d.push([
      d.mutation({
        type: 'person',
        id: personId as string,
        villageId,
        patch: { lastName: d.clientId },
        base: { lastName: seq },
      }),
    ]);
  }
  // A quarantined edit in B: a case moved to a status welfare may not set.
  const refused = await device.push([
    device.mutation({
      op: 'create',
      type: 'case',
      id: uuidv7(),
      villageId,
      patch: {
        category: 'other',
        channel: 'walk-in',
        description: 'x',
        status: 'done',
        receivedAt: new Date().toISOString(),
      },
    }),
  ]);
  expect(refused.results[0]?.status).toBe('quarantined');
  await quarantinePersonEdit(device, villageId, personId as string);
  const [entry] = await w.store.listQuarantine({
    status: 'open',
    limit: 10,
    villageIds: [villageId],
  });
  return {
    householdId: householdId as string,
    personId: personId as string,
    caseId: caseId as string,
    visitId: visitId as string,
    assistanceId: assistanceId as string,
    blob,
    quarantineId: entry?.id as string,
    idCard: idCard.sha256,
  };
}

/** A photo uploaded with `token`; its reference for a record. */
async function uploadPhoto(w: World, token: string) {
  const photo = randomBytes(3_000);
  const sha256 = createHash('sha256').update(photo).digest('hex');
  const upload = await call(w.app, token, {
    method: 'PATCH',
    url: `/api/blobs/${sha256}`,
    headers: {
      'content-type': 'application/octet-stream',
      [BLOB_HEADERS.offset]: '0',
      [BLOB_HEADERS.size]: String(photo.length),
      [BLOB_HEADERS.mime]: 'image/jpeg',
    },
    payload: photo,
  });
  expect(upload.statusCode, upload.body).toBe(200);
  return { sha256, size: photo.length, mime: 'image/jpeg' };
}

/** A person edit quarantined (an empty first name) that carries a whole ID and a disease. */
async function quarantinePersonEdit(device: TestDevice, villageId: string, personId: string) {
  const refused = await device.push([
    device.mutation({
      type: 'person',
      id: personId,
      villageId,
      patch: { firstName: '', nationalId: ID_Q, chronicDiseases: ['เบาหวานชนิดลับ'], adl: ADL },
      base: { firstName: 1, nationalId: 1, chronicDiseases: 1, adl: 1 },
    }),
  ]);
  expect(refused.results[0]?.status).toBe('quarantined');
}

/**
 * A's person, made by A's welfare officer: whole ID, diseases, ADL, an ID-card photo; a case
 * with a photo and a visit with notes and ADL; conflicts on the ID and the diseases; and a
 * quarantined edit carrying an ID and a disease. Admins of A see A's records, masked.
 */
async function seedPersonA(w: World): Promise<World['a']> {
  const villageId = w.villagesA[0]?.id as string;
  const device = await TestDevice.open(w.app, w.store, w.attackers.welfare);
  const idCard = await uploadPhoto(w, device.token);
  const photo = await uploadPhoto(w, device.token);
  const [personId, caseId] = [uuidv7(), uuidv7()] as [string, string];
  const caseTx = uuidv7();
  const now = new Date().toISOString();
  const pushed = await device.push([
    device.mutation({
      op: 'create',
      type: 'person',
      id: personId,
      villageId,
      patch: {
        householdId: w.householdA,
        firstName: 'มานี',
        lastName: 'ใจดี',
        nationalId: ID_A,
        chronicDiseases: ['ความดันลับเฉพาะ'],
        adl: ADL,
        idCardPhotos: [idCard],
      },
    }),
    device.mutation({
      op: 'create',
      type: 'case',
      id: caseId,
      villageId,
      txId: caseTx,
      patch: {
        category: 'elderly-care',
        channel: 'field-visit',
        description: 'เยี่ยม',
        priority: 'normal',
        status: 'received',
        receivedAt: now,
        personId,
        photos: [photo],
      },
    }),
    device.mutation({
      op: 'create',
      type: 'caseStatusChange',
      id: uuidv7(),
      villageId,
      txId: caseTx,
      patch: { caseId, toStatus: 'received', at: now },
    }),
    device.mutation({
      op: 'create',
      type: 'visit',
      id: uuidv7(),
      villageId,
      patch: {
        caseId,
        personId,
        visitedOn: '2026-11-20',
        officerId: w.attackers.welfare.id,
        notes: 'บันทึกสุขภาพลับ',
        adl: ADL,
      },
    }),
  ]);
  expect(pushed.results.map((r) => r.reason ?? r.status)).toEqual(Array(4).fill('applied'));
  const stored = await w.store.getRecord(personId);
  const base = {
    nationalId: stored?.fieldMeta.nationalId?.seq ?? 0,
    chronicDiseases: stored?.fieldMeta.chronicDiseases?.seq ?? 0,
  };
  const second = await TestDevice.open(w.app, w.store, w.attackers.welfare);
  const sides: Array<[TestDevice, string, string[]]> = [
    [device, ID_A_CONFLICT, ['ความดันลับเฉพาะ', 'เบาหวานชนิดลับ']],
    [second, ID_A, ['เบาหวานชนิดลับ']],
  ];
  for (const [d, nationalId, chronicDiseases] of sides) {
    const result = await d.push([
      d.mutation({
        type: 'person',
        id: personId,
        villageId,
        patch: { nationalId, chronicDiseases },
        base,
      }),
    ]);
    expect(result.results[0]?.status).toBe('applied');
  }
  const surveyor = await TestDevice.open(w.app, w.store, w.attackers.surveyor);
  await quarantinePersonEdit(surveyor, villageId, personId);
  return { personId, idCard: idCard.sha256, photo: photo.sha256 };
}

async function seedVillageA(w: World): Promise<string> {
  const device = await TestDevice.open(w.app, w.store, w.attackers.surveyor);
  const id = uuidv7();
  const pushed = await device.push([
    device.mutation({
      op: 'create',
      id,
      villageId: w.villagesA[0]?.id as string,
      patch: household(),
    }),
  ]);
  expect(pushed.results[0]?.status).toBe('applied');
  return id;
}

/** `METHOD /path` of every route, from Fastify's route tree (HEAD of a GET route left out). */
function serverRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('').replace(/(.)\/$/, '$1');
    const methods = (match[3] ?? '').split(', ');
    for (const method of methods) {
      if (method === 'HEAD' && methods.includes('GET') && !path.startsWith('/api/blobs')) continue;
      routes.push(`${method} ${path}`);
    }
  }
  return [...new Set(routes)];
}
