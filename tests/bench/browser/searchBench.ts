// The search and save figures of docs/architecture.md §7, in the bench page (real Chromium, real
// IndexedDB): a device that already holds the generated tambon as synced records, the people
// index built from it as the app builds it (loadPeopleEntries + buildPeopleIndex), queries typed
// as-you-type, and household forms saved as the form saves them (zod validation, the household
// record changes, the real edit()). Driven by tests/bench/browserSearch.ts.

import { type StoredRecord, TambonDatabase } from '../../../src/client/db/database';
import { sealingWith } from '../../../src/client/db/sealing';
import {
  createHouseholdChanges,
  patchChange,
} from '../../../src/client/features/households/householdRecords';
import { loadPeopleEntries } from '../../../src/client/features/search/loadPeopleEntries';
import { PeopleEntries } from '../../../src/client/features/search/peopleEntries';
import {
  buildPeopleColumns,
  buildPeopleIndex,
  peopleIndexOver,
} from '../../../src/client/features/search/peopleIndex';
import {
  peopleIndexStamp,
  readPeopleIndexSnapshot,
  writePeopleIndexSnapshot,
} from '../../../src/client/features/search/peopleIndexSnapshot';
import type {
  PeopleFilters,
  PeopleIndex,
  PersonSearchEntry,
} from '../../../src/client/features/search/types';
import { getHousehold, type HouseholdView } from '../../../src/client/records/people';
import { loadVillageOverviews, loadVillageRows } from '../../../src/client/records/villageOverview';
import { createFieldCipher, type FieldCipher } from '../../../src/client/security/fieldCipher';
import {
  newDataKey,
  unwrapDataKey,
  type WrappedKey,
  wrapDataKey,
} from '../../../src/client/security/keyring';
import {
  newPrfSalt,
  type PlatformWrappedKey,
  unwrapDataKeyWithPrf,
  wrapDataKeyWithPrf,
} from '../../../src/client/security/platformKeyring';
import { type Device, edit, type RecordChange } from '../../../src/client/sync/edit';
import { forgetCachedLists, saveRecordsSnapshot } from '../../../src/client/sync/localRecordsCache';
import { generateTambon, type TambonHome } from '../../../src/server/demo/generator';
import { seededRandom } from '../../../src/server/demo/random';
import { HOUSE_CONDITIONS, HouseholdFields } from '../../../src/shared/model/household';
import { PersonFields } from '../../../src/shared/model/person';
import { bangkokDate } from '../../../src/shared/rules/thaiDate';
import { createClock } from '../../../src/shared/sync/hlc';
import { CURRENT_SCHEMA_VERSION } from '../../../src/shared/sync/upgrade';

const DATABASE = 'bench-search';
/** The same tambon unsealed: only for the row that gives the cost of sealing. */
const PLAIN_DATABASE = 'bench-search-plain';
const BENCH_PIN = '482916';
/** Stands in for the authenticator's PRF output (the prompt itself is the phone's time, not ours). */
const BENCH_PRF_OUTPUT = new Uint8Array(32).fill(0x5a);
/** The wrapped data key, kept across page loads as the accounts registry keeps it. */
const KEYS_ITEM = 'bench-search-keys';
const SURVEYOR = '01930000-0000-7000-8000-0000000000b1';
const VILLAGES = Array.from({ length: 10 }, (_, i) => ({
  id: `01930000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`,
  mooNo: i + 1,
}));
const VILLAGE_IDS = VILLAGES.map((v) => v.id);
const CLIENT_ID = 'benchSearchDevice';

export interface SearchQuery {
  kind: string;
  query: string;
  filters?: PeopleFilters;
}

let database: TambonDatabase | null = null;
let plainDatabase: TambonDatabase | null = null;
let cipher: FieldCipher | null = null;
let index: PeopleIndex | null = null;
let entries: PersonSearchEntry[] = [];

/** The device's database as the app opens it for an unlocked user: sealed by the middleware. */
function requireDatabase(): TambonDatabase {
  database ??= new TambonDatabase(DATABASE, {
    sealing: sealingWith(() => {
      if (!cipher) throw new Error('bench: unlock first');
      return cipher;
    }),
  });
  return database;
}

function requirePlainDatabase(): TambonDatabase {
  plainDatabase ??= new TambonDatabase(PLAIN_DATABASE);
  return plainDatabase;
}

interface StoredKeys {
  pin: WrappedKey;
  prf: PlatformWrappedKey;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function saveKeys(keys: StoredKeys): void {
  const json = JSON.stringify(keys, (_k, v) =>
    v instanceof Uint8Array ? { b64: toBase64(v) } : v,
  );
  localStorage.setItem(KEYS_ITEM, json);
}

function loadKeys(): StoredKeys | null {
  const json = localStorage.getItem(KEYS_ITEM);
  if (!json) return null;
  return JSON.parse(json, (_k, v) =>
    v && typeof v === 'object' && typeof v.b64 === 'string' ? fromBase64(v.b64) : v,
  ) as StoredKeys;
}

/** A device's data key, made once and wrapped as the app wraps it (PIN: PBKDF2 600k; PRF: HKDF). */
async function ensureKeys(): Promise<StoredKeys> {
  const known = loadKeys();
  if (known) return known;
  const dataKey = newDataKey();
  const keys: StoredKeys = {
    pin: await wrapDataKey(dataKey, BENCH_PIN),
    prf: await wrapDataKeyWithPrf(dataKey, BENCH_PRF_OUTPUT, new Uint8Array([1]), newPrfSalt()),
  };
  saveKeys(keys);
  cipher = createFieldCipher(dataKey);
  return keys;
}

function requireIndex(): PeopleIndex {
  if (!index) throw new Error('bench: buildIndex first');
  return index;
}

/** A record as a first sync stores it: created once, so every field was set at its seq. */
function asSynced(
  type: StoredRecord['type'],
  record: { id: string; villageId: string; fields: object },
  seq: number,
): StoredRecord {
  return {
    id: record.id,
    type,
    villageId: record.villageId,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    fields: record.fields as StoredRecord['fields'],
    deleted: false,
    seq,
    fieldSeq: {},
  };
}

/** Characters typed one at a time: every prefix of `text`, from one character up. */
function typed(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));
}

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
const secondWord = (name: string) => [...segmenter.segment(name)][1]?.segment;

export const searchApi = {
  /**
   * Stores the tambon as a synced device holds it (untimed set-up): households and people as
   * pulled records, in pages of 1,000 as a first sync writes them. Does nothing if it is there
   * unchanged; local edits of an earlier run are dropped.
   */
  async seedSearchDevice(households: number, people: number, seed: number) {
    const keys = await ensureKeys();
    if (!cipher) await searchApi.unlock('pin');
    const db = requireDatabase();
    const plain = requirePlainDatabase();
    const expected = households + people;
    const [stored, edited, plainStored] = await Promise.all([
      db.records.count(),
      db.pending.count(),
      plain.records.count(),
    ]);
    if (stored === expected && edited === 0 && plainStored === expected && keys) {
      return { records: expected, seeded: false };
    }
    await Promise.all([...db.tables, ...plain.tables].map((table) => table.clear()));
    const homes = generateTambon({
      seed,
      households,
      people,
      villages: VILLAGES,
      surveyorId: SURVEYOR,
    });
    let seq = 0;
    const records = homes.flatMap(({ household, members }) => [
      asSynced('household', household, ++seq),
      ...members.map((member) => asSynced('person', member, ++seq)),
    ]);
    for (let i = 0; i < records.length; i += 1000) {
      await db.records.bulkPut(records.slice(i, i + 1000));
      await plain.records.bulkPut(records.slice(i, i + 1000));
    }
    return { records: await db.records.count(), seeded: true };
  },

  /**
   * Unlock as the app does at start: the stored wrapped key opened with the PIN (PBKDF2-SHA256,
   * 600,000 iterations) or with the authenticator's PRF output (HKDF; the fingerprint or screen
   * lock prompt itself is not timed), then the cipher made. Returns the milliseconds.
   */
  async unlock(how: 'pin' | 'prf') {
    const keys = loadKeys();
    if (!keys) throw new Error('bench: no keys; seed first');
    cipher = null;
    const started = performance.now();
    const key =
      how === 'pin'
        ? await unwrapDataKey(keys.pin, BENCH_PIN)
        : await unwrapDataKeyWithPrf(keys.prf, BENCH_PRF_OUTPUT);
    if (!key) throw new Error(`bench: the ${how} did not open the key`);
    cipher = createFieldCipher(key);
    return { ms: performance.now() - started };
  },

  /** The cost of sealing: the same read for the index from the unsealed copy of the tambon. */
  async loadPlain() {
    const started = performance.now();
    const plainEntries = await loadPeopleEntries(
      requirePlainDatabase(),
      VILLAGE_IDS,
      bangkokDate(),
    );
    return { ms: performance.now() - started, people: plainEntries.length };
  },

  /**
   * From unlock to the first search answered, as the app does it (usePeopleIndex): the key
   * opened (PRF), then the sealed snapshot of the built index opened (one IndexedDB get, one
   * WebCrypto decrypt, one `JSON.parse` into its columns), one query run. With `from: 'lists'`,
   * what the app does when that snapshot is stale (after a change it had no time to re-seal):
   * people and households read through the lists' snapshot (`loadPeopleEntries`), the index
   * built. In a freshly loaded page, after `buildIndex` wrote both snapshots.
   */
  async searchReadyAfterUnlock(query: string, from: 'index' | 'lists' = 'index') {
    // Read without the key: the row's size is in the clear.
    if ((await new TambonDatabase(DATABASE).snapshots.count()) === 0) {
      throw new Error('bench: no snapshot');
    }
    const started = performance.now();
    await searchApi.unlock('prf');
    const unlocked = performance.now();
    const db = requireDatabase();
    let opened: number;
    let stampMs = 0;
    if (from === 'index') {
      // openPeopleIndexSnapshot's steps, timed apart: the stamp (the database opened), then the
      // snapshot read, opened and parsed into columns, then the index over them.
      const stamp = await peopleIndexStamp(db, bangkokDate());
      stampMs = performance.now() - unlocked;
      const columns = await readPeopleIndexSnapshot(db, VILLAGE_IDS, stamp);
      if (!columns) throw new Error('bench: the people index snapshot was refused');
      index = peopleIndexOver(columns);
      opened = performance.now();
    } else {
      entries = await loadPeopleEntries(db, VILLAGE_IDS, bangkokDate());
      opened = performance.now();
      index = buildPeopleIndex(entries);
    }
    const found = index.search(query).length;
    const ms = performance.now() - started;
    return {
      ms,
      unlockMs: unlocked - started,
      readMs: opened - unlocked,
      stampMs,
      buildMs: ms - (opened - started),
      people: index.size,
      found,
    };
  },

  /**
   * Offline cold start to a usable list, timed from the page's navigation start: this page's
   * scripts loaded, the key opened (PIN or PRF), then what the first screens read — the home
   * screen's village counts over every household and person, and one village's household list.
   */
  async coldStartToList(how: 'pin' | 'prf') {
    const unlockStarted = performance.now();
    await searchApi.unlock(how);
    const unlocked = performance.now();
    const db = requireDatabase();
    // The household list of the village the app reopens, then the home screen's counts of all.
    const rows = await loadVillageRows(db, VILLAGE_IDS[0] as string, bangkokDate());
    const list = performance.now();
    const overviews = await loadVillageOverviews(db, VILLAGE_IDS, bangkokDate());
    const home = performance.now();
    const households = Object.values(overviews).reduce((sum, v) => sum + v.households, 0);
    return {
      scriptsMs: unlockStarted,
      unlockMs: unlocked - unlockStarted,
      homeMs: home,
      listMs: list,
      households,
      rows: rows.length,
    };
  },

  /**
   * What a screen pays before the first search: people and households read from IndexedDB
   * (pending edits overlaid, profiles derived), then the index built from them. The first build
   * of a page is cold (names normalized and segmented); `warmBuildMs` are rebuilds after it.
   */
  async buildIndex(warmBuilds: number) {
    const db = requireDatabase();
    // From the records, as the first unlock after a first sync reads them: no snapshot yet.
    await db.snapshots.clear();
    forgetCachedLists(db);
    const started = performance.now();
    const stamp = await peopleIndexStamp(db, bangkokDate());
    entries = await loadPeopleEntries(db, VILLAGE_IDS, bangkokDate());
    const loaded = performance.now();
    index = buildPeopleIndex(entries);
    const built = performance.now();
    const warmBuildMs: number[] = [];
    for (let i = 0; i < warmBuilds; i++) {
      const t = performance.now();
      index = buildPeopleIndex(entries);
      warmBuildMs.push(performance.now() - t);
    }
    // What the app does a few seconds later: the lists just read, sealed as one snapshot.
    await loadVillageOverviews(db, VILLAGE_IDS, bangkokDate());
    const snapshotStarted = performance.now();
    await saveRecordsSnapshot(db);
    const snapshotMs = performance.now() - snapshotStarted;
    const snapshotBytes = (await db.snapshots.toArray()).reduce(
      (sum, row) => sum + row.sealed.length,
      0,
    );
    // And what usePeopleIndex writes 3 s after that full read: the built index, sealed.
    const indexSnapshotStarted = performance.now();
    await writePeopleIndexSnapshot(db, VILLAGE_IDS, stamp, buildPeopleColumns(entries));
    const indexSnapshotMs = performance.now() - indexSnapshotStarted;
    const indexSnapshotBytes = (await db.snapshots.toArray()).reduce(
      (sum, row) => sum + row.sealed.length,
      -snapshotBytes,
    );
    return {
      indexSnapshotMs,
      indexSnapshotBytes,
      people: index.size,
      loadMs: loaded - started,
      buildMs: built - loaded,
      warmBuildMs,
      snapshotMs,
      snapshotBytes,
    };
  },

  /**
   * Realistic queries from the data, each typed one character at a time: partial first names,
   * inner words of names, last names, first name + last name, the last 4 digits of national
   * IDs, house numbers, filters alone, and a name within a village.
   */
  makeQueries(seed: number): SearchQuery[] {
    const random = seededRandom(seed);
    const active = entries.filter((e) => e.profile.active);
    const someone = () => active[Math.floor(random() * active.length)] as PersonSearchEntry;
    const queries: SearchQuery[] = [];
    const add = (kind: string, texts: string[], filters?: PeopleFilters) => {
      for (const query of texts) queries.push({ kind, query, ...(filters ? { filters } : {}) });
    };
    for (let i = 0; i < 25; i++) {
      const first = someone().person.fields.firstName ?? '';
      add(
        'partial first name',
        typed(first.slice(0, 2 + Math.floor(random() * (first.length - 1)))),
      );
    }
    for (let i = 0, found = 0; found < 8 && i < 1000; i++) {
      const word = secondWord(someone().person.fields.firstName ?? '');
      if (!word) continue;
      add('word inside a first name', typed(word));
      found += 1;
    }
    for (let i = 0; i < 15; i++) add('last name', typed(someone().person.fields.lastName ?? ''));
    for (let i = 0; i < 10; i++) {
      const { firstName = '', lastName = '' } = someone().person.fields;
      add('first name + last name', typed(`${firstName} ${lastName.slice(0, 3)}`).slice(-4));
    }
    for (let i = 0; i < 15; i++) {
      const id = someone().person.fields.nationalId ?? '0000000000000';
      add('last 4 digits of the ID', typed(id.slice(-4)));
    }
    for (let i = 0; i < 15; i++)
      add('house number', typed(someone().household?.fields.houseNo ?? '1'));
    for (let i = 0; i < 5; i++) {
      const person = someone();
      const first = person.person.fields.firstName ?? '';
      add('first name in a village', typed(first.slice(0, 3)), {
        villageId: person.person.villageId,
      });
    }
    const filtersAlone: PeopleFilters[] = [
      { elderly: true },
      { disabled: true },
      { bedridden: true },
      { adlGroup: 'social' },
      { adlGroup: 'homebound' },
      { adlGroup: 'bedbound' },
      { missingData: true },
      { eligibleNotReceiving: true },
      { includeInactive: true },
      { villageId: VILLAGE_IDS[3] as string },
      { villageId: VILLAGE_IDS[7] as string, elderly: true },
      { householdId: someone().person.fields.householdId as string },
    ];
    for (const filters of filtersAlone) add('filters alone', [''], filters);
    return queries;
  },

  /**
   * Each query timed alone, as a keystroke runs it: the median of `repeats` runs of it, so that
   * another process taking the CPU for a moment (this is a shared machine, not a phone) does
   * not count as the search's time. A few queries run untimed first to warm up.
   */
  runQueries(queries: SearchQuery[], repeats: number) {
    const search = requireIndex();
    for (const { query, filters } of queries.slice(0, 20)) search.search(query, filters);
    const ms: number[] = [];
    let results = 0;
    let empty = 0;
    for (const { query, filters } of queries) {
      const times: number[] = [];
      let found: PersonSearchEntry[] = [];
      for (let r = 0; r < repeats; r++) {
        const started = performance.now();
        found = search.search(query, filters);
        times.push(performance.now() - started);
      }
      ms.push(times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number);
      results += found.length;
      if (found.length === 0) empty += 1;
    }
    return { ms, results, empty };
  },

  /**
   * Household forms saved as the form saves them, alternating: a new household with 4 members
   * (validated with the zod schemas, createHouseholdChanges, edit()) and an answer changed in
   * an existing household (validated, patchChange, edit()). The record a patch starts from is
   * read before the clock starts, as the form has it loaded.
   */
  async saveForms(count: number, seed: number) {
    const db = requireDatabase();
    const device: Device = { database: db, clientId: CLIENT_ID, clock: createClock(CLIENT_ID) };
    const newHomes = homesOfFour(count, seed);
    const existing = entries.filter((e) => e.household).map((e) => e.household as HouseholdView);
    const random = seededRandom(seed);
    const created: number[] = [];
    const patched: number[] = [];
    /** The share of validation and record changes, before edit(). */
    const prepared: number[] = [];
    for (let i = 0; i < count; i++) {
      const home = newHomes[i] as TambonHome;
      let started = performance.now();
      const changes = newHouseholdChanges(home);
      prepared.push(performance.now() - started);
      await edit(device, changes);
      created.push(performance.now() - started);

      const target = existing[Math.floor(random() * existing.length)] as HouseholdView;
      const current = (await getHousehold(db, target.id)) as HouseholdView;
      started = performance.now();
      const change = householdAnswersChange(current, i);
      prepared.push(performance.now() - started);
      await edit(device, [change]);
      patched.push(performance.now() - started);
    }
    // The floor under any save: one small write transaction with the same durability.
    const oneWrite: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await db.meta.put({ key: 'clientId', value: CLIENT_ID });
      oneWrite.push(performance.now() - started);
    }
    return { created, patched, prepared, oneWrite, outbox: await db.outbox.count() };
  },

  /**
   * How long until a save shows in search: the changed records read again and the index
   * rebuilt (what usePeopleIndex does after its short debounce), for `count` saves.
   */
  async saveToSearch(count: number, seed: number) {
    const db = requireDatabase();
    const device: Device = { database: db, clientId: CLIENT_ID, clock: createClock(CLIENT_ID) };
    const people = new PeopleEntries(db, VILLAGE_IDS);
    await people.update('all', bangkokDate());
    const ms: number[] = [];
    let found = 0;
    for (const home of homesOfFour(count, seed)) {
      const changes = newHouseholdChanges(home);
      await edit(device, changes);
      const started = performance.now();
      await people.update(new Set(changes.map((c) => c.id as string)), bangkokDate());
      const rebuilt = buildPeopleIndex(people.list());
      ms.push(performance.now() - started);
      const firstName = home.members[0]?.fields.firstName ?? '';
      if (rebuilt.search(firstName, { householdId: home.household.id }).length > 0) found += 1;
    }
    return { ms, found };
  },
};

/** New households of exactly 4 members (ids and house codes apart from the seeded tambon). */
function homesOfFour(count: number, seed: number): TambonHome[] {
  const homes = generateTambon({
    seed,
    households: count * 3,
    people: count * 15,
    villages: VILLAGES,
    surveyorId: SURVEYOR,
    idBaseMs: Date.now(),
    firstHouseNumber: 8_000_000 + (seed % 100) * 10_000,
  }).filter((home) => home.members.length >= 4);
  if (homes.length < count) throw new Error(`only ${homes.length} households of 4+ members`);
  return homes.slice(0, count).map((home) => ({ ...home, members: home.members.slice(0, 4) }));
}

/** What the form does with a new household's values before saving: validate, make the changes. */
function newHouseholdChanges(home: TambonHome): RecordChange[] {
  const household = HouseholdFields.parse(home.household.fields);
  const members = home.members.map((member) => ({
    id: member.id,
    fields: PersonFields.parse({ ...member.fields, householdId: home.household.id }),
  }));
  return createHouseholdChanges(home.household.villageId, household, members, home.household.id);
}

const HOUSEHOLD_FORM_FIELDS = Object.keys(HouseholdFields.shape) as (keyof HouseholdFields)[];

/** An existing household's answers changed in the form: validated, patch of what changed. */
function householdAnswersChange(current: HouseholdView, i: number): RecordChange {
  const next = HouseholdFields.parse({
    ...current.fields,
    houseCondition: HOUSE_CONDITIONS[i % HOUSE_CONDITIONS.length],
    householdDebtTHB: 10_000 + i,
  });
  const change = patchChange(current, 'household', next, HOUSEHOLD_FORM_FIELDS);
  if (!change) throw new Error('bench: the patch changed nothing');
  return change;
}
