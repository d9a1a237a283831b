import { describe, expect, it } from 'vitest';
import { buildPeopleIndex } from '../../../../src/client/features/search/peopleIndex';
import type { PersonSearchEntry } from '../../../../src/client/features/search/types';
import { ALL, entry, HOME_A, household, PEOPLE, SHARED_ID, VILLAGE_1, VILLAGE_2 } from './fixtures';

const index = buildPeopleIndex(ALL);
const ids = (found: PersonSearchEntry[]) => found.map((e) => e.person.id);
const { somchai, boonmee, manee, somsri, kaewta, wichai } = PEOPLE;
const idOf = (e: PersonSearchEntry) => e.person.id;

describe('people index: names', () => {
  it('finds a Thai first name by its first letters, in Thai order', () => {
    expect(ids(index.search('สม'))).toEqual([idOf(somchai), idOf(somsri)]);
    expect(ids(index.search('สมช'))).toEqual([idOf(somchai)]);
  });

  it('finds a word inside a name ("มี" of บุญมี), after names that start with it', () => {
    // สมศรี มีสุข starts her last name with มี; บุญมี only has it as her second word.
    expect(ids(index.search('มี'))).toEqual([idOf(somsri), idOf(boonmee)]);
  });

  it('matches one letter only at the start of a name or of a word in it', () => {
    // มานี and มีสุข start with ม, บุญมี has the word มี; สมชาย only has ม in the middle.
    expect(ids(index.search('ม'))).toEqual([idOf(manee), idOf(somsri), idOf(boonmee)]);
  });

  it('finds a part of a name anywhere in it, last', () => {
    expect(ids(index.search('มชา'))).toEqual([idOf(somchai)]);
  });

  it('finds a last name', () => {
    expect(ids(index.search('ใจดี'))).toEqual([idOf(boonmee), idOf(manee), idOf(somchai)]);
    expect(ids(index.search('ศรีส'))).toEqual([idOf(kaewta)]);
  });

  it('needs every term of the query to match (AND)', () => {
    expect(ids(index.search('สม ใจ'))).toEqual([idOf(somchai)]);
    expect(ids(index.search('ใจ  สม'))).toEqual([idOf(somchai)]);
    expect(ids(index.search('บุญ 12/3'))).toEqual([idOf(boonmee)]);
    expect(index.search('สม ไม่มี')).toEqual([]);
  });

  it('ignores case, zero-width characters and accidental spaces around the query', () => {
    const latin = buildPeopleIndex([entry('x', HOME_A, { firstName: 'John', lastName: 'Smith' })]);
    expect(ids(latin.search('  jo  SMI '))).toEqual(['x']);
    expect(ids(index.search('สม\u200bชาย'))).toEqual([idOf(somchai)]);
  });
});

describe('people index: national ID and house number', () => {
  it('finds the last 4 digits of a national ID', () => {
    expect(ids(index.search('0121'))).toEqual([idOf(somchai)]);
    expect(ids(index.search('3140'))).toEqual([idOf(boonmee)]);
  });

  it('does not match fewer than 4 last digits', () => {
    expect(index.search('121')).toEqual([]);
  });

  it('finds the first digits of a national ID', () => {
    expect(ids(index.search('110170'))).toEqual([idOf(boonmee)]);
  });

  it('finds a national ID typed with dashes, spaces or Thai digits', () => {
    expect(ids(index.search('1-2345-67890-12-1'))).toEqual([idOf(somchai)]);
    expect(ids(index.search('1 2345 67890 12 1'))).toEqual([idOf(somchai)]);
    expect(ids(index.search('๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑'))).toEqual([idOf(somchai)]);
    expect(ids(index.search('๐๑๒๑'))).toEqual([idOf(somchai)]);
  });

  it('ranks a house number before the first digits of an ID, and never matches across IDs', () => {
    const kamon = entry('x', household('h5', VILLAGE_1, { houseNo: '5' }), {
      firstName: 'กมล',
      lastName: 'ดี',
      nationalId: '1234567890121',
    });
    const huwan = entry('y', household('h1', VILLAGE_1, { houseNo: '1' }), {
      firstName: 'ฮูวัน',
      lastName: 'ดี',
      nationalId: '3450101234563',
    });
    const small = buildPeopleIndex([huwan, kamon]);
    expect(ids(small.search('1'))).toEqual(['y', 'x']);
    expect(ids(small.search('3'))).toEqual(['y']);
    // The end of one ID and the start of the next, as they sit side by side in the index.
    expect(small.search('01213450')).toEqual([]);
  });

  it('finds a house number by its start, slash included', () => {
    expect(ids(index.search('12/3'))).toEqual([idOf(boonmee), idOf(manee), idOf(somchai)]);
    expect(ids(index.search('12/'))).toHaveLength(3);
    expect(ids(index.search('45'))).toEqual([idOf(kaewta), idOf(somsri)]);
    expect(index.search('12/4')).toEqual([]);
  });
});

describe('people index: filters and order', () => {
  it('returns everyone active in Thai order for an empty query (leading vowels sort by consonant)', () => {
    expect(ids(index.search(''))).toEqual([kaewta, boonmee, manee, somchai, somsri].map(idOf));
  });

  it('hides deceased and moved-out members unless asked', () => {
    expect(index.search('วิชัย')).toEqual([]);
    expect(ids(index.search('วิชัย', { includeInactive: true }))).toEqual([idOf(wichai)]);
    expect(index.size).toBe(ALL.length);
  });

  it('filters by village and by household', () => {
    expect(ids(index.search('', { villageId: VILLAGE_2 }))).toEqual([idOf(kaewta), idOf(somsri)]);
    expect(ids(index.search('สม', { villageId: VILLAGE_1 }))).toEqual([idOf(somchai)]);
    expect(ids(index.search('', { householdId: 'hA' }))).toEqual(
      [boonmee, manee, somchai].map(idOf),
    );
  });

  it('filters the elderly, the disabled, the bedridden and an ADL group', () => {
    expect(ids(index.search('', { elderly: true }))).toEqual([idOf(boonmee)]);
    expect(ids(index.search('', { disabled: true }))).toEqual([idOf(somsri)]);
    expect(ids(index.search('', { bedridden: true }))).toEqual([idOf(boonmee)]);
    expect(ids(index.search('', { adlGroup: 'homebound' }))).toEqual([idOf(kaewta)]);
    expect(ids(index.search('', { adlGroup: 'social' }))).toEqual([idOf(somsri)]);
  });

  it('filters people with answers missing, theirs or their household’s', () => {
    // มานี has no national ID; household B has no GPS fix, so its active members are listed.
    expect(ids(index.search('', { missingData: true }))).toEqual([kaewta, manee, somsri].map(idOf));
  });

  it('filters people eligible for an allowance they do not receive', () => {
    // บุญมี (82) gets no elderly allowance yet; สมศรี already receives the disability allowance.
    expect(ids(index.search('', { eligibleNotReceiving: true }))).toEqual([idOf(boonmee)]);
  });

  it('combines filters with the query and each other', () => {
    expect(ids(index.search('ใจ', { elderly: true, bedridden: true }))).toEqual([idOf(boonmee)]);
    expect(index.search('สม', { elderly: true })).toEqual([]);
    expect(index.search('', { elderly: false })).toHaveLength(5);
  });

  it('returns at most `limit` people, the best first', () => {
    expect(ids(index.search('', {}, 2))).toEqual([idOf(kaewta), idOf(boonmee)]);
    expect(ids(index.search('มี', {}, 1))).toEqual([idOf(somsri)]);
    expect(index.search('', {}, 0)).toEqual([]);
  });

  it('returns 50 people by default', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      entry(`m${i}`, HOME_A, { firstName: `สมาน${i}`, lastName: 'ทองดี' }),
    );
    expect(buildPeopleIndex(many).search('สมาน')).toHaveLength(50);
  });
});

describe('people index: findByNationalId', () => {
  it('finds everyone with the ID, inactive members too, however it is typed', () => {
    expect(ids(index.findByNationalId('1234567890121'))).toEqual([idOf(somchai)]);
    expect(ids(index.findByNationalId('1-2345-67890-12-1'))).toEqual([idOf(somchai)]);
    expect(ids(index.findByNationalId(SHARED_ID)).sort()).toEqual(
      [idOf(kaewta), idOf(wichai)].sort(),
    );
    expect(index.findByNationalId('3450101234')).toEqual([]);
    expect(index.findByNationalId('')).toEqual([]);
  });
});
