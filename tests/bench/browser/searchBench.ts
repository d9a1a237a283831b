// The search and save figures of DESIGN.md §7, in the bench page (real Chromium, real
// IndexedDB): a device that already holds the generated tambon as synced records, the people
// index built from it as the app builds it (loadPeopleEntries + buildPeopleIndex), queries typed
// as-you-type, and household forms saved as the form saves them (zod validation, the household
// record changes, the real edit()). Driven by tests/bench/browserSearch.ts.

import { type StoredRecord, TambonDatabase } from '../../../src/client/db/database';
import {
  createHouseholdChanges,
  getHousehold,
  type HouseholdView,
  patchChange,
} from '../../../src/client/features/households/householdRecords';
import { loadPeopleEntries } from '../../../src/client/features/search/loadPeopleEntries';
import { PeopleEntries } from '../../../src/client/features/search/peopleEntries';
import { buildPeopleIndex } from '../../../src/client/features/search/peopleIndex';
import type {
  PeopleFilters,
  PeopleIndex,
  PersonSearchEntry,
} from '../../../src/client/features/search/types';
import { type Device, edit, type RecordChange } from '../../../src/client/sync/edit';
import { generateTambon, seededRandom, type TambonHome } from '../../../src/shared/demo/tambon';
import { HOUSE_CONDITIONS, HouseholdFields } from '../../../src/shared/model/household';
import { PersonFields } from '../../../src/shared/model/person';
import { bangkokDate } from '../../../src/shared/rules/thaiDate';
import { createClock } from '../../../src/shared/sync/hlc';
import { CURRENT_SCHEMA_VERSION } from '../../../src/shared/sync/upgrade';

const DATABASE = 'bench-search';
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
let index: PeopleIndex | null = null;
let entries: PersonSearchEntry[] = [];

function requireDatabase(): TambonDatabase {
  database ??= new TambonDatabase(DATABASE);
  return database;
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
    const db = requireDatabase();
    const expected = households + people;
    const [stored, edited] = await Promise.all([db.records.count(), db.pending.count()]);
    if (stored === expected && edited === 0) return { records: expected, seeded: false };
    await Promise.all(db.tables.map((table) => table.clear()));
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
    }
    return { records: await db.records.count(), seeded: true };
  },

  /**
   * What a screen pays before the first search: people and households read from IndexedDB
   * (pending edits overlaid, profiles derived), then the index built from them. The first build
   * of a page is cold (names normalized and segmented); `warmBuildMs` are rebuilds after it.
   */
  async buildIndex(warmBuilds: number) {
    const db = requireDatabase();
    const started = performance.now();
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
    return {
      people: index.size,
      loadMs: loaded - started,
      buildMs: built - loaded,
      warmBuildMs,
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
