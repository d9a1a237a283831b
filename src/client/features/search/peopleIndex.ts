import { householdMissing, type PersonAnswers } from '../../../shared/rules/personProfile';
import { isDigits, nameForm, normalizeSearchText, queryTerms, WORD_SEPARATOR } from './normalize';
import type { PeopleFilters, PeopleIndex, PersonSearchEntry } from './types';

/**
 * Search over every person on the device, built once per change of the data (not per
 * keystroke). Everything a search compares is precomputed into parallel arrays in Thai
 * collation order (first name, then last name), so a search is one pass over flat strings
 * and bit flags that can stop as soon as it has `limit` best matches.
 */

export const DEFAULT_LIMIT = 50;
/** The last digits of a national ID must be at least this long to match (the last 4 are usual). */
export const MIN_ID_SUFFIX = 4;
/** Shorter terms only match at the start of a name or word: one Thai letter is in most names. */
const MIN_INFIX = 2;

/** How well a term matched; a person ranks by their worst term. */
const PREFIX = 0; // start of the first or last name, of the house number, or the ID's last digits
const WORD = 1; // start of a word inside a name, or the first digits of the ID
const INFIX = 2; // anywhere inside a name
const RANKS = 3;
const NO_MATCH = -1;

/** Joins a person's inner words so that "starts a word" is one `includes(SEPARATOR + term)`. */
const SEPARATOR = WORD_SEPARATOR;
const HAS_DIGIT = /\d/;
export const ID_LENGTH = 13;
export const BLANK_ID = ' '.repeat(ID_LENGTH);

const ACTIVE = 1;
const ELDERLY = 2;
const DISABLED = 4;
const BEDRIDDEN = 8;
const MISSING = 16;
const ELIGIBLE = 32;

let collator: Intl.Collator | undefined;
const thaiCollator = () => {
  collator ??= new Intl.Collator('th');
  return collator;
};

export interface PeopleColumns {
  count: number;
  /** Person i's entry: made when a search returns it, for columns opened from a snapshot. */
  entry(i: number): PersonSearchEntry;
  lastNames: string[];
  /** `first SEPARATOR last`, for matches inside a name. */
  names: string[];
  /** The words of both names after each name's first word, each preceded by SEPARATOR. */
  innerWords: string[];
  /** Normalized national IDs ('' when none), for findByNationalId. */
  nationalIds: string[];
  /**
   * Every national ID in a slot of ID_LENGTH characters (blank when not 13 digits), so one
   * `indexOf` over the whole column finds the people whose ID starts or ends with some digits.
   */
  idColumn: string;
  /** Every house number preceded by SEPARATOR, where person i's starts at `houseStarts[i]`. */
  houseColumn: string;
  houseStarts: Int32Array;
  /** Village and household ids as small numbers (`codes`), so a filter compares integers. */
  villages: Int32Array;
  households: Int32Array;
  codes: Map<string, number>;
  adlGroups: (string | null)[];
  flags: Uint8Array;
}

export function buildPeopleIndex(entries: readonly PersonSearchEntry[]): PeopleIndex {
  return peopleIndexOver(buildPeopleColumns(entries));
}

/** What a search compares, precomputed from the entries (the costly part of a build). */
export function buildPeopleColumns(entries: readonly PersonSearchEntry[]): PeopleColumns {
  const sorted = inCollationOrder(entries);
  return toColumns(sorted, householdsWithMissingAnswers(sorted));
}

/** The index answering from columns already built (just now, or opened from a snapshot). */
export function peopleIndexOver(columns: PeopleColumns): PeopleIndex {
  const byNationalId = new Map<string, number[]>();
  columns.nationalIds.forEach((id, i) => {
    if (id === '') return;
    const same = byNationalId.get(id);
    if (same) same.push(i);
    else byNationalId.set(id, [i]);
  });
  return {
    size: columns.count,
    search: (query, filters = {}, limit = DEFAULT_LIMIT) =>
      search(columns, queryTerms(query), filters, limit),
    findByNationalId: (nationalId) =>
      (byNationalId.get(normalizeSearchText(nationalId)) ?? []).map((i) => columns.entry(i)),
  };
}

/**
 * Sorted by first name, then last name, with the Thai collator (leading vowels such as เ, แ, โ
 * sort by the consonant after them). Names repeat a lot, so only distinct names go through the
 * collator; people are then sorted by two integers.
 */
function inCollationOrder(entries: readonly PersonSearchEntry[]): PersonSearchEntry[] {
  const firstRank = collationRanks(entries.map((e) => e.person.fields.firstName ?? ''));
  const lastRank = collationRanks(entries.map((e) => e.person.fields.lastName ?? ''));
  const keyed = entries.map((entry) => ({
    entry,
    first: firstRank.get(entry.person.fields.firstName ?? '') as number,
    last: lastRank.get(entry.person.fields.lastName ?? '') as number,
  }));
  keyed.sort((a, b) => a.first - b.first || a.last - b.last);
  return keyed.map((k) => k.entry);
}

function collationRanks(names: readonly string[]): Map<string, number> {
  const distinct = [...new Set(names)].sort(thaiCollator().compare);
  return new Map(distinct.map((name, rank) => [name, rank]));
}

/** Ids of households whose own answers are incomplete (no house code, no GPS, no head…). */
function householdsWithMissingAnswers(entries: readonly PersonSearchEntry[]): Set<string> {
  const members = new Map<string, PersonAnswers[]>();
  const households = new Map<string, PersonSearchEntry['household']>();
  for (const { person, household } of entries) {
    if (!household) continue;
    households.set(household.id, household);
    const list = members.get(household.id);
    if (list) list.push(person.fields);
    else members.set(household.id, [person.fields]);
  }
  const incomplete = new Set<string>();
  for (const [id, household] of households) {
    if (household && householdMissing(household.fields, members.get(id) ?? []).length > 0) {
      incomplete.add(id);
    }
  }
  return incomplete;
}

function toColumns(
  entries: PersonSearchEntry[],
  incompleteHouseholds: ReadonlySet<string>,
): PeopleColumns {
  const count = entries.length;
  const columns: PeopleColumns = {
    count,
    entry: (i) => entries[i] as PersonSearchEntry,
    lastNames: new Array(count),
    names: new Array(count),
    innerWords: new Array(count),
    nationalIds: new Array(count),
    idColumn: '',
    houseColumn: '',
    houseStarts: new Int32Array(count),
    villages: new Int32Array(count),
    households: new Int32Array(count),
    codes: new Map(),
    adlGroups: new Array(count),
    flags: new Uint8Array(count),
  };
  const idSlots: string[] = new Array(count);
  const houseNos: string[] = new Array(count);
  let houseAt = 0;
  entries.forEach(({ person, household, profile }, i) => {
    const first = nameForm(person.fields.firstName ?? '');
    const last = nameForm(person.fields.lastName ?? '');
    columns.lastNames[i] = last.text;
    columns.names[i] = first.text + SEPARATOR + last.text;
    columns.innerWords[i] = first.innerKey + last.innerKey;
    const nationalId = normalizeSearchText(person.fields.nationalId ?? '');
    columns.nationalIds[i] = nationalId;
    idSlots[i] = nationalId.length === ID_LENGTH ? nationalId : BLANK_ID;
    const houseNo = normalizeSearchText(household?.fields.houseNo ?? '').replaceAll(SEPARATOR, '');
    houseNos[i] = houseNo;
    columns.houseStarts[i] = houseAt;
    houseAt += SEPARATOR.length + houseNo.length;
    columns.villages[i] = codeOf(columns.codes, person.villageId);
    columns.households[i] = codeOf(columns.codes, person.fields.householdId ?? '');
    columns.adlGroups[i] = profile.adlGroup;
    const householdIncomplete = household !== null && incompleteHouseholds.has(household.id);
    columns.flags[i] =
      (profile.active ? ACTIVE : 0) |
      (profile.elderly ? ELDERLY : 0) |
      (profile.disabled ? DISABLED : 0) |
      (profile.bedridden ? BEDRIDDEN : 0) |
      (profile.missing.length > 0 || householdIncomplete ? MISSING : 0) |
      (profile.eligibleNotReceiving.length > 0 ? ELIGIBLE : 0);
  });
  columns.idColumn = idSlots.join('');
  columns.houseColumn = houseNos.map((houseNo) => SEPARATOR + houseNo).join('');
  return columns;
}

/** The flag bits a person must all have under these filters. */
function requiredFlags(filters: PeopleFilters): number {
  return (
    (filters.includeInactive ? 0 : ACTIVE) |
    (filters.elderly ? ELDERLY : 0) |
    (filters.disabled ? DISABLED : 0) |
    (filters.bedridden ? BEDRIDDEN : 0) |
    (filters.missingData ? MISSING : 0) |
    (filters.eligibleNotReceiving ? ELIGIBLE : 0)
  );
}

function search(
  columns: PeopleColumns,
  terms: readonly string[],
  filters: PeopleFilters,
  limit: number,
): PersonSearchEntry[] {
  if (limit <= 0) return [];
  const { flags, villages, households, adlGroups, codes } = columns;
  const required = requiredFlags(filters);
  const { adlGroup } = filters;
  // An id no one has gets a code no one has (-1): the filter then keeps nobody.
  const village = filters.villageId === undefined ? null : (codes.get(filters.villageId) ?? -1);
  const household =
    filters.householdId === undefined ? null : (codes.get(filters.householdId) ?? -1);
  // Names have no digits: a term with digits is a house number or a national ID, looked up
  // once in the number columns rather than per person.
  const numberRanks = terms.map((term) =>
    HAS_DIGIT.test(term) ? rankNumbers(columns, term, isDigits(term)) : null,
  );
  // People are visited in collation order, so each bucket is already sorted.
  const buckets: number[][] = Array.from({ length: RANKS }, () => []);
  const best = buckets[PREFIX] as number[];
  for (let i = 0; i < flags.length && best.length < limit; i++) {
    if (((flags[i] as number) & required) !== required) continue;
    if (village !== null && villages[i] !== village) continue;
    if (household !== null && households[i] !== household) continue;
    if (adlGroup !== undefined && adlGroups[i] !== adlGroup) continue;
    let rank = PREFIX;
    for (let t = 0; t < terms.length && rank !== NO_MATCH; t++) {
      const numbers = numberRanks[t];
      const termRank = numbers ? (numbers[i] as number) : matchName(columns, i, terms[t] as string);
      rank = termRank === NO_MATCH ? NO_MATCH : Math.max(rank, termRank);
    }
    if (rank !== NO_MATCH) (buckets[rank] as number[]).push(i);
  }
  const found: PersonSearchEntry[] = [];
  for (const bucket of buckets) {
    for (const i of bucket) {
      if (found.length === limit) return found;
      found.push(columns.entry(i));
    }
  }
  return found;
}

/**
 * How each person matches a term with digits: the start of their house number (12/3), and for
 * a term of digits only the last digits of their national ID (at least 4) or its first digits.
 */
function rankNumbers(columns: PeopleColumns, term: string, digitsOnly: boolean): Int8Array {
  const { houseColumn, houseStarts, idColumn } = columns;
  const ranks = new Int8Array(houseStarts.length).fill(NO_MATCH);
  // SEPARATOR + term is only found where a house number starts; the hits come in order.
  const needle = SEPARATOR + term;
  let person = 0;
  for (let at = houseColumn.indexOf(needle); at >= 0; at = houseColumn.indexOf(needle, at + 1)) {
    while (person < houseStarts.length - 1 && (houseStarts[person + 1] as number) <= at) person++;
    ranks[person] = PREFIX;
  }
  if (!digitsOnly || term.length > ID_LENGTH) return ranks;
  const suffixAt = ID_LENGTH - term.length;
  for (let at = idColumn.indexOf(term); at >= 0; at = idColumn.indexOf(term, at + 1)) {
    const who = Math.floor(at / ID_LENGTH);
    const offset = at - who * ID_LENGTH;
    if (offset === suffixAt && term.length >= MIN_ID_SUFFIX) ranks[who] = PREFIX;
    else if (offset === 0 && ranks[who] === NO_MATCH) ranks[who] = WORD;
  }
  return ranks;
}

/** A term in a name: its start, the start of a word inside it, or anywhere in it. */
function matchName(columns: PeopleColumns, i: number, term: string): number {
  // One search through both names rules out most people; the rest are then ranked.
  const name = columns.names[i] as string;
  const at = name.indexOf(term);
  if (at < 0) return NO_MATCH;
  if (at === 0 || (columns.lastNames[i] as string).startsWith(term)) return PREFIX;
  if ((columns.innerWords[i] as string).includes(SEPARATOR + term)) return WORD;
  return term.length >= MIN_INFIX ? INFIX : NO_MATCH;
}

function codeOf(codes: Map<string, number>, id: string): number {
  let code = codes.get(id);
  if (code === undefined) {
    code = codes.size;
    codes.set(id, code);
  }
  return code;
}
