import { describe, expect, it } from 'vitest';
import {
  type AssistanceRecord,
  adlReport,
  assistanceReport,
  type CaseRecord,
  caseReport,
  type EnrollmentRecord,
  eligibilityList,
  type PersonRecord,
  parseQuarterKey,
  quarterKey,
  recentQuarters,
} from '../../../../src/client/features/reports/officeLists';
import type { AssistanceFields } from '../../../../src/shared/model/welfare';
import { ADL_BEDBOUND, ADL_SOCIAL } from '../search/fixtures';

const V1 = 'village-1';
const V2 = 'village-2';
const Q1_2570 = { fiscalYearBE: 2570, quarter: 1 } as const; // 1 Oct 2026 – 31 Dec 2026
const Q2_2570 = { fiscalYearBE: 2570, quarter: 2 } as const;

let nextId = 0;
function entry(
  villageId: string,
  deliveredAt: string,
  amountTHB: number,
  fields: Partial<AssistanceFields> = {},
): AssistanceRecord {
  nextId += 1;
  return {
    id: `a${nextId}`,
    villageId,
    fields: {
      caseId: 'case-1',
      programCode: 'disaster-relief',
      category: 'disaster-relief',
      deliveredAt,
      amountTHB,
      ...fields,
    },
  };
}

describe('quarters', () => {
  it('names a quarter as the select does and reads it back', () => {
    expect(quarterKey(Q1_2570)).toBe('2570-Q1');
    expect(parseQuarterKey('2570-Q1')).toEqual(Q1_2570);
    expect(parseQuarterKey('2570-Q5')).toBeNull();
  });

  it('offers the current quarter and the 7 before it, across fiscal years', () => {
    const quarters = recentQuarters('2027-01-01').map(quarterKey);
    expect(quarters).toEqual([
      '2570-Q2',
      '2570-Q1',
      '2569-Q4',
      '2569-Q3',
      '2569-Q2',
      '2569-Q1',
      '2568-Q4',
      '2568-Q3',
    ]);
    expect(recentQuarters('2026-09-30')[0]).toEqual({ fiscalYearBE: 2569, quarter: 4 });
    expect(recentQuarters('2026-10-01')[0]).toEqual(Q1_2570);
  });
});

describe('assistance delivered in a quarter', () => {
  it('counts an entry in the quarter of its delivery date, boundaries included', () => {
    const entries = [
      entry(V1, '2026-09-30', 100), // FY2569 Q4
      entry(V1, '2026-10-01', 1000),
      entry(V1, '2026-12-31', 2000),
      entry(V1, '2027-01-01', 400), // FY2570 Q2
    ];
    const q1 = assistanceReport(entries, Q1_2570, [V1]);
    expect(q1.count).toBe(2);
    expect(q1.totalTHB).toBe(3000);
    const q2 = assistanceReport(entries, Q2_2570, [V1]);
    expect(q2.totalTHB).toBe(400);
    const q4 = assistanceReport(entries, { fiscalYearBE: 2569, quarter: 4 }, [V1]);
    expect(q4.totalTHB).toBe(100);
  });

  it('groups by village and category with counts and totals per row, village and overall', () => {
    const entries = [
      entry(V2, '2026-11-01', 500.5, { personId: 'p3' }),
      entry(V1, '2026-10-02', 1000, { personId: 'p1' }),
      entry(V1, '2026-10-03', 2000, {
        personId: 'p2',
        category: 'housing-repair',
        programCode: 'housing-repair',
      }),
      entry(V1, '2026-10-04', 0.1, { personId: 'p1' }),
      entry(V1, '2026-10-05', 0.2, { personId: 'p1' }),
    ];
    const report = assistanceReport(entries, Q1_2570, [V1, V2]);
    expect(report.villages.map((v) => v.villageId)).toEqual([V1, V2]);
    const [village1, village2] = report.villages;
    expect(village1?.rows.map((row) => [row.category, row.entries.length, row.totalTHB])).toEqual([
      ['housing-repair', 1, 2000],
      ['disaster-relief', 3, 1000.3],
    ]);
    expect(village1?.rows[1]?.personIds).toEqual(['p1']);
    expect(village1?.count).toBe(4);
    expect(village1?.totalTHB).toBe(3000.3);
    expect(village2?.totalTHB).toBe(500.5);
    expect(report.count).toBe(5);
    expect(report.totalTHB).toBe(3500.8);
  });

  it('counts a reversing entry in the quarter of its own date', () => {
    const paid = entry(V1, '2026-12-20', 3000, { personId: 'p1' });
    const reversal = entry(V1, '2027-01-05', -3000, { personId: 'p1', reversesId: paid.id });
    const sameQuarter = entry(V1, '2026-12-22', 500);
    const reversedAtOnce = entry(V1, '2026-12-23', -500, { reversesId: sameQuarter.id });
    const entries = [paid, reversal, sameQuarter, reversedAtOnce];

    const q1 = assistanceReport(entries, Q1_2570, [V1]);
    expect(q1.totalTHB).toBe(3000);
    expect(q1.count).toBe(3);
    const q2 = assistanceReport(entries, Q2_2570, [V1]);
    expect(q2.totalTHB).toBe(-3000);
  });

  it('leaves out villages the user does not hold', () => {
    const report = assistanceReport([entry(V2, '2026-10-10', 100)], Q1_2570, [V1]);
    expect(report.villages).toEqual([]);
    expect(report.totalTHB).toBe(0);
  });
});

describe('cases by status and category', () => {
  const kase = (
    category: CaseRecord['fields']['category'],
    status: CaseRecord['fields']['status'],
    receivedAt: string,
  ): CaseRecord => ({
    id: `c-${category}-${status}-${receivedAt}`,
    villageId: V1,
    fields: { category, status, receivedAt },
  });
  const cases = [
    kase('road', 'received', '2026-10-01T08:00:00+07:00'),
    kase('road', 'done', '2026-12-31T23:30:00+07:00'),
    // 30 Sep 23:30 UTC is 1 Oct 06:30 in Bangkok: received in Q1.
    kase('water', 'approved', '2026-09-30T23:30:00Z'),
    kase('water', 'approved', '2026-09-30T16:00:00Z'), // 30 Sep 23:00 Bangkok: FY2569
  ];

  it('counts every case without a quarter', () => {
    const report = caseReport(cases, null);
    expect(report.total).toBe(4);
    expect(report.rows.map((row) => row.category)).toEqual(['road', 'water']);
    expect(report.rows[1]?.byStatus.approved).toBe(2);
  });

  it('counts only the cases received in the quarter (Bangkok date)', () => {
    const report = caseReport(cases, Q1_2570);
    expect(report.total).toBe(3);
    expect(report.byStatus).toMatchObject({ received: 1, done: 1, approved: 1, rejected: 0 });
    expect(report.rows.find((row) => row.category === 'road')?.total).toBe(2);
  });
});

const TODAY = '2026-11-15';

function person(id: string, villageId: string, fields: PersonRecord['fields']): PersonRecord {
  return {
    id,
    villageId,
    fields: { firstName: 'บุญมี', lastName: 'ใจดี', nationalId: '1234567890121', ...fields },
  };
}

describe('people by ADL group', () => {
  it('counts active members per group and village, and the elderly not assessed', () => {
    const people = [
      person('p1', V1, { birthDate: '1944-01-01', adl: ADL_BEDBOUND }),
      person('p2', V1, { birthDate: '1950-01-01', adl: ADL_SOCIAL }),
      person('p3', V1, { birthDate: '1950-01-01' }), // elderly, not assessed
      person('p4', V1, { birthDate: '2015-01-01' }), // a child: no assessment due
      person('p5', V1, { birthDate: '1940-01-01', adl: ADL_BEDBOUND, memberStatus: 'deceased' }),
      person('p6', V2, { birthDate: '1940-01-01', adl: ADL_BEDBOUND }),
    ];
    const report = adlReport(people, TODAY, [V1, V2]);
    expect(report.rows[0]?.counts).toEqual({
      social: 1,
      homebound: 0,
      bedbound: 1,
      notAssessed: 1,
    });
    expect(report.rows[1]?.counts.bedbound).toBe(1);
    expect(report.totals).toEqual({ social: 1, homebound: 0, bedbound: 2, notAssessed: 1 });
  });
});

describe('allowance eligibility', () => {
  const elder = person('p82', V1, { birthDate: '1944-05-10' }); // 82 on TODAY
  const disabled = person('pd', V1, { birthDate: '1990-01-01', disabilityCard: true });
  const enrollment = (
    personId: string,
    programCode: EnrollmentRecord['fields']['programCode'],
    status: EnrollmentRecord['fields']['status'],
  ): EnrollmentRecord => ({
    id: `e-${personId}`,
    villageId: V1,
    fields: { personId, programCode, status, since: '2026-10-01' },
  });

  it('lists the eligible not receiving, with age and the monthly amount', () => {
    const rows = eligibilityList([elder, disabled], [], [], TODAY);
    expect(rows.map((row) => [row.person.id, row.programCode, row.age, row.monthlyTHB])).toEqual([
      ['p82', 'elderly-allowance', 82, 800],
      ['pd', 'disability-allowance', 36, 800],
    ]);
  });

  it('leaves out people already enrolled (applied or active) or reported as receiving', () => {
    const receiving = person('pr', V1, { birthDate: '1944-05-10', receivesElderlyAllowance: true });
    const rows = eligibilityList(
      [elder, disabled, receiving],
      [
        enrollment('p82', 'elderly-allowance', 'applied'),
        enrollment('pd', 'disability-allowance', 'ended'),
      ],
      [],
      TODAY,
    );
    expect(rows.map((row) => row.person.id)).toEqual(['pd']);
  });

  it('leaves out people with an open application case for that programme only', () => {
    const application = (status: CaseRecord['fields']['status']): CaseRecord => ({
      id: `c-${status}`,
      villageId: V1,
      fields: {
        category: 'elderly-care',
        status,
        personId: 'p82',
        programCode: 'elderly-allowance',
      },
    });
    expect(eligibilityList([elder], [], [application('assessed')], TODAY)).toEqual([]);
    expect(eligibilityList([elder], [], [application('rejected')], TODAY)).toHaveLength(1);
    const otherProgramme = {
      ...application('received'),
      fields: { ...application('received').fields, programCode: 'ltc-care' as const },
    };
    expect(eligibilityList([elder], [], [otherProgramme], TODAY)).toHaveLength(1);
  });
});
