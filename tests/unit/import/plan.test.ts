import { describe, expect, it } from 'vitest';
import type { SheetRow } from '../../../src/shared/import/cells';
import { guessMapping } from '../../../src/shared/import/headers';
import { type ImportContext, planImport } from '../../../src/shared/import/plan';
import { IMPORTED_BY, nationalIdOf, TODAY, testUuid } from './allowanceList';

const MOO_3 = testUuid();
const MOO_4 = testUuid();
const HOUSEHOLD = testUuid();
const SOMSRI = {
  id: testUuid(),
  villageId: MOO_3,
  fields: {
    householdId: HOUSEHOLD,
    titlePrefix: 'mrs' as const,
    firstName: 'สมศรี',
    lastName: 'ใจดี',
    sex: 'F' as const,
    birthDate: '1950-03-01',
    birthDatePrecision: 'day' as const,
  },
};
const context = (extra: Partial<ImportContext> = {}): ImportContext => ({
  today: TODAY,
  importedBy: IMPORTED_BY,
  villages: [
    { id: MOO_3, mooNo: 3 },
    { id: MOO_4, mooNo: 4 },
  ],
  people: [SOMSRI],
  households: [{ id: HOUSEHOLD, villageId: MOO_3, fields: { houseNo: '12/1', mooNo: 3 } }],
  ...extra,
});
const plan = (
  rows: SheetRow[],
  kind: 'people' | 'allowances' | 'households',
  extra?: Partial<ImportContext>,
) => planImport(rows, guessMapping(rows, kind), context(extra));

const PEOPLE_HEADER = ['ชื่อ-สกุล', 'เลขประจำตัวประชาชน', 'วันเดือนปีเกิด', 'บ้านเลขที่', 'หมู่ที่', 'ความสัมพันธ์'];

describe('people with their household', () => {
  it('puts people of one house in one batch, creating the house once', () => {
    const result = plan(
      [
        PEOPLE_HEADER,
        ['นายทองดี มีสุข', nationalIdOf('3', 1), '1/1/2500', '99', 'ม.4', 'หัวหน้าครัวเรือน'],
        [],
        ['นางบัวผัน มีสุข', nationalIdOf('3', 2), '2 ก.พ. 2502', '99', 'หมู่ 4', 'ภรรยา'],
        ['ด.ญ.ใบเตย มีสุข', '', '2555', '99 ', '4', 'หลาน'],
      ],
      'people',
    );
    expect(result.counts).toMatchObject({ rows: 3, create: 3, bad: 0 });
    expect(result.batches).toHaveLength(1);
    const [batch] = result.batches;
    expect(batch?.rows).toEqual([2, 4, 5]);
    expect(batch?.writes.map((w) => `${w.op} ${w.type}`)).toEqual([
      'create household',
      'create person',
      'create person',
      'create person',
    ]);
    expect(batch?.writes[0]?.fields).toEqual({
      houseNo: '99',
      mooNo: 4,
      surveyDate: TODAY,
      surveyorId: IMPORTED_BY,
      privacyNoticeGiven: false,
    });
    expect(batch?.writes[3]?.fields).toEqual({
      householdId: batch?.householdId,
      titlePrefix: 'girl',
      firstName: 'ใบเตย',
      lastName: 'มีสุข',
      sex: 'F',
      birthDate: '2012-01-01',
      birthDatePrecision: 'year',
      relationToHead: 'grandchild',
    });
  });

  it('adds a new person to a household the tambon has at that address', () => {
    const result = plan(
      [PEOPLE_HEADER, ['นายก้อง ใจดี', nationalIdOf('3', 3), '', '12/1', '3', 'บุตร']],
      'people',
    );
    expect(result.batches).toEqual([
      {
        householdId: HOUSEHOLD,
        villageId: MOO_3,
        newHousehold: false,
        rows: [2],
        writes: [expect.objectContaining({ op: 'create', type: 'person', villageId: MOO_3 })],
      },
    ]);
  });

  it('reads a birth date kept without its precision as a whole date: the same day is no change', () => {
    const id = nationalIdOf('1', 8);
    const { birthDatePrecision: _day, ...withoutPrecision } = SOMSRI.fields;
    const person = { ...SOMSRI, fields: { ...withoutPrecision, nationalId: id } };
    const same = plan([PEOPLE_HEADER, ['นางสมศรี ใจดี', id, '1/3/2493', '12/1', '3', '']], 'people', {
      people: [person],
    });
    expect(same.counts).toMatchObject({ unchanged: 1, update: 0 });
    const year = plan([PEOPLE_HEADER, ['นางสมศรี ใจดี', id, '2493', '12/1', '3', '']], 'people', {
      people: [person],
    });
    expect(year.batches[0]?.writes[0]?.fields).toEqual({
      birthDate: '1950-01-01',
      birthDatePrecision: 'year',
    });
  });

  it('asks about a person with no national ID whose birth year and name match, when the row gives the year only', () => {
    const person = {
      ...SOMSRI,
      fields: { ...SOMSRI.fields, birthDate: '1950-07-14', birthDatePrecision: 'year' as const },
    };
    const row = (born: string) => [PEOPLE_HEADER, ['นางสมศรี ใจดี', '', born, '12/1', '3', '']];
    const same = plan(row('2493'), 'people', { people: [person] });
    expect(same.counts).toMatchObject({ 'likely-match': 1, create: 0 });
    expect(same.rows[0]?.candidates).toEqual([SOMSRI.id]);
    expect(plan(row('2494'), 'people', { people: [person] }).counts).toMatchObject({ create: 1 });
  });

  it('asks about a member of the named household with a similar name when the row gives no birth date', () => {
    const household = {
      id: '01930000-0000-7000-8000-00000000a0b1',
      villageId: SOMSRI.villageId,
      fields: { houseNo: '12/1', mooNo: 3 },
    };
    const member = {
      ...SOMSRI,
      fields: { ...SOMSRI.fields, householdId: household.id, birthDate: undefined },
    };
    const row = (house: string) => [PEOPLE_HEADER, ['นางสมศรี ใจดี', '', '', house, '3', '']];
    const same = plan(row('12/1'), 'people', { people: [member], households: [household] });
    expect(same.counts).toMatchObject({ 'likely-match': 1, create: 0 });
    expect(same.rows[0]?.candidates).toEqual([SOMSRI.id]);
    // Another house: nobody to ask about.
    expect(
      plan(row('12/2'), 'people', { people: [member], households: [household] }).counts,
    ).toMatchObject({ create: 1 });
  });

  it('takes a birth year that matches a date known to the year as no change', () => {
    const id = nationalIdOf('1', 9);
    const person = {
      ...SOMSRI,
      fields: {
        ...SOMSRI.fields,
        nationalId: id,
        birthDate: '1950-07-14',
        birthDatePrecision: 'year' as const,
      },
    };
    const row = (born: string) => [PEOPLE_HEADER, ['นางสมศรี ใจดี', id, born, '12/1', '3', '']];
    expect(plan(row('2493'), 'people', { people: [person] }).counts).toMatchObject({
      unchanged: 1,
    });
    expect(plan(row('2494'), 'people', { people: [person] }).counts).toMatchObject({ update: 1 });
  });

  it('matches a national ID the tambon has: patches what differs, or leaves it', () => {
    const id = nationalIdOf('1', 7);
    const withId = { ...SOMSRI, fields: { ...SOMSRI.fields, nationalId: id } };
    const same = plan([PEOPLE_HEADER, ['นางสมศรี ใจดี', id, '1/3/2493', '12/1', '3', '']], 'people', {
      people: [withId],
    });
    expect(same.counts).toMatchObject({ unchanged: 1, matched: 1 });
    expect(same.batches).toEqual([]);
    const renamed = plan(
      [PEOPLE_HEADER, ['นางสมศรี ใจงาม', id, '1/3/2493', '5', '4', '']],
      'people',
      { people: [withId] },
    );
    expect(renamed.counts).toMatchObject({ update: 1, matched: 1 });
    expect(renamed.batches[0]).toMatchObject({ householdId: HOUSEHOLD, newHousehold: false });
    expect(renamed.batches[0]?.writes).toEqual([
      {
        op: 'patch',
        type: 'person',
        id: SOMSRI.id,
        villageId: MOO_3,
        fields: { lastName: 'ใจงาม' },
        previous: { lastName: 'ใจดี' },
        row: 2,
      },
    ]);
  });

  it('offers a similar name born the same day in the same village as a likely match, and follows the decision', () => {
    const rows = [PEOPLE_HEADER, ['นางสมศรี ใจดีี', '', '1 มี.ค. 2493', '12/1', '3', '']];
    const offered = plan(rows, 'people');
    expect(offered.counts).toMatchObject({ 'likely-match': 1, create: 0 });
    expect(offered.rows[0]).toMatchObject({ action: 'likely-match', candidates: [SOMSRI.id] });
    expect(offered.batches).toEqual([]);
    expect(plan(rows, 'people', { decisions: { 2: SOMSRI.id } }).rows[0]).toMatchObject({
      action: 'update',
      recordId: SOMSRI.id,
    });
    expect(plan(rows, 'people', { decisions: { 2: 'new' } }).counts).toMatchObject({ create: 1 });
    // Another village, or another birth date, is no likely match.
    expect(
      plan([PEOPLE_HEADER, ['นางสมศรี ใจดี', '', '1/3/2493', '1', '4', '']], 'people').counts.create,
    ).toBe(1);
    expect(
      plan([PEOPLE_HEADER, ['นางสมศรี ใจดี', '', '2/3/2493', '1', '3', '']], 'people').counts.create,
    ).toBe(1);
  });

  it('reports a national ID twice in the file once, at the later row', () => {
    const id = nationalIdOf('3', 9);
    const result = plan(
      [PEOPLE_HEADER, ['นายก ข', id, '', '1', '3', ''], ['นายก ข', id, '', '1', '3', '']],
      'people',
    );
    expect(result.counts).toMatchObject({ create: 1, duplicate: 1 });
    expect(result.rows[1]).toMatchObject({ action: 'duplicate', duplicateOf: 2 });
  });

  it('reports every bad cell of a row, from the readers and from the model', () => {
    const result = plan(
      [PEOPLE_HEADER, [`นาย${'ก'.repeat(101)} ข`, '12345', '31/4/2500', '', '9', 'เจ้านาย']],
      'people',
    );
    expect(result.rows[0]?.action).toBe('bad');
    expect(result.rows[0]?.errors).toEqual([
      { row: 2, column: 4, field: 'mooNo', code: 'moo_unknown', params: { moo: 9 } },
      { row: 2, column: 1, field: 'nationalId', code: 'national_id_format' },
      { row: 2, column: 2, field: 'birthDate', code: 'date_invalid' },
      { row: 2, column: 5, field: 'relationToHead', code: 'relation_unknown' },
      { row: 2, column: 3, field: 'houseNo', code: 'required' },
      { row: 2, column: 0, field: 'fullName', code: 'too_long', params: { max: 100 } },
    ]);
  });

  it('a sheet without a needed column says so, and every row reports it', () => {
    const rows = [
      ['ชื่อ', 'นามสกุล', 'หมู่'],
      ['ก', 'ข', '3'],
    ];
    const result = plan(rows, 'people');
    expect(result.missingFields).toEqual(['houseNo']);
    expect(result.rows[0]?.errors).toEqual([
      { row: 2, column: null, field: 'houseNo', code: 'required' },
    ]);
  });
});

describe('progress', () => {
  it('is told every 250 rows and at the end', () => {
    const rows: SheetRow[] = [PEOPLE_HEADER];
    for (let i = 0; i < 600; i++) rows.push([`นายก ข${i}`, '', '', '1', '3', '']);
    const seen: [number, number][] = [];
    plan(rows, 'people', { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([
      [250, 600],
      [500, 600],
      [600, 600],
    ]);
  });
});

describe('allowance enrollments', () => {
  const HEADER = [
    'ชื่อ',
    'นามสกุล',
    'เลขประจำตัวประชาชน',
    'บ้านเลขที่',
    'หมู่ที่',
    'ประเภทเบี้ย',
    'จำนวนเงิน',
    'วันที่เริ่มรับเบี้ย',
  ];

  it('one new person on two lists: one person, two enrollments', () => {
    const id = nationalIdOf('3', 11);
    const result = plan(
      [
        HEADER,
        ['นายมี สุข', 'ดี', id, '7', '3', 'ผู้สูงอายุ', '700', '1 ต.ค. 2567'],
        ['นายมี สุข', 'ดี', id, '7', '3', 'คนพิการ', '800', ''],
      ],
      'allowances',
    );
    expect(result.counts).toMatchObject({ create: 2, duplicate: 0 });
    const writes = result.batches.flatMap((b) => b.writes);
    const person = writes.find((w) => w.type === 'person');
    expect(writes.filter((w) => w.type === 'programEnrollment').map((w) => w.fields)).toEqual([
      {
        personId: person?.id,
        programCode: 'elderly-allowance',
        since: '2024-10-01',
        status: 'active',
        monthlyAmountTHB: 700,
      },
      {
        personId: person?.id,
        programCode: 'disability-allowance',
        since: TODAY,
        status: 'active',
        monthlyAmountTHB: 800,
      },
    ]);
  });

  it('corrects the amount of an enrollment the person has', () => {
    const id = nationalIdOf('1', 8);
    const person = { ...SOMSRI, fields: { ...SOMSRI.fields, nationalId: id } };
    const enrollment = {
      id: testUuid(),
      villageId: MOO_3,
      fields: {
        personId: SOMSRI.id,
        programCode: 'elderly-allowance' as const,
        since: '2020-10-01',
        status: 'active' as const,
        monthlyAmountTHB: 700,
      },
    };
    const result = plan(
      [HEADER, ['สมศรี', 'ใจดี', id, '12/1', '3', 'สูงอายุ', '800', '']],
      'allowances',
      {
        people: [person],
        enrollments: [enrollment],
      },
    );
    expect(result.batches[0]?.writes).toEqual([
      {
        op: 'patch',
        type: 'programEnrollment',
        id: enrollment.id,
        villageId: MOO_3,
        fields: { monthlyAmountTHB: 800 },
        previous: { monthlyAmountTHB: 700 },
        row: 2,
      },
    ]);
  });

  it('a negative amount is refused by the model', () => {
    const result = plan(
      [HEADER, ['ก', 'ข', '', '1', '3', 'สูงอายุ', '-20,000,000', '']],
      'allowances',
    );
    expect(result.rows[0]?.errors).toEqual([
      {
        row: 2,
        column: 6,
        field: 'monthlyAmountTHB',
        code: 'number_min',
        params: { min: -10_000_000 },
      },
    ]);
  });
});

describe('households', () => {
  const HEADER = ['บ้านเลขที่', 'หมู่ที่', 'รหัสประจำบ้าน', 'ถนน'];

  it('creates new houses, patches the address of known ones, reports repeats', () => {
    const result = plan(
      [
        HEADER,
        ['12/1', '3', '', 'มิตรภาพ'],
        ['12/1', '3', '', ''],
        ['20', '4', '1234-5678901', ''],
        ['21', '4', '123', ''],
      ],
      'households',
    );
    expect(result.rows.map((r) => r.action)).toEqual(['update', 'duplicate', 'create', 'bad']);
    expect(result.batches[0]?.writes[0]).toMatchObject({
      op: 'patch',
      id: HOUSEHOLD,
      fields: { road: 'มิตรภาพ' },
      previous: { road: null },
    });
    expect(result.batches[1]?.writes[0]?.fields).toMatchObject({
      houseNo: '20',
      mooNo: 4,
      houseCode: '12345678901',
    });
    expect(result.rows[3]?.errors).toEqual([
      { row: 5, column: 2, field: 'houseCode', code: 'house_code_format' },
    ]);
  });
});

describe('a person of the tambon on two lists of one file', () => {
  it('is patched once and enrolled in both', () => {
    const id = nationalIdOf('1', 12);
    const person = { ...SOMSRI, fields: { ...SOMSRI.fields, nationalId: id } };
    const header = ['ชื่อ', 'นามสกุล', 'เลขประจำตัวประชาชน', 'บ้านเลขที่', 'หมู่ที่', 'ประเภทเบี้ย'];
    const result = plan(
      [
        header,
        ['สมศรี', 'ใจงาม', id, '12/1', '3', 'ผู้สูงอายุ'],
        ['สมศรี', 'ใจงาม', id, '12/1', '3', 'คนพิการ'],
      ],
      'allowances',
      { people: [person] },
    );
    expect(result.counts).toMatchObject({ update: 2, duplicate: 0 });
    expect(result.batches).toHaveLength(1);
    expect(result.batches[0]?.writes.map((w) => `${w.op} ${w.type}`)).toEqual([
      'patch person',
      'create programEnrollment',
      'create programEnrollment',
    ]);
  });
});
