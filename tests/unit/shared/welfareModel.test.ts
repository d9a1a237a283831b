import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/shared/ids';
import { validatePatch } from '../../../src/shared/sync/validate';

const validCase = () => ({
  category: 'elderly-care',
  personId: uuidv7(),
  householdId: uuidv7(),
  channel: 'field-visit',
  description: 'ผู้สูงอายุติดเตียง ต้องการแพมเพิส',
  priority: 'urgent',
  status: 'received',
  receivedAt: '2026-11-20T09:15:00+07:00',
});

const paths = (issues: { path: string }[]) => issues.map((issue) => issue.path);

describe('welfare records against their schemas', () => {
  it('accepts a valid case, an infrastructure case with GPS, and the other welfare records', () => {
    expect(validatePatch('case', validCase())).toEqual([]);
    expect(
      validatePatch('case', {
        category: 'road',
        location: { lat: 15.79, lng: 103.87, accuracyM: 8 },
        locationNote: 'ถนนลูกรังหน้าวัด',
        channel: 'line',
        description: 'ถนนเป็นหลุม',
        status: 'received',
        receivedAt: '2026-11-20T02:15:00Z',
      }),
    ).toEqual([]);
    const caseId = uuidv7();
    expect(
      validatePatch('caseStatusChange', {
        caseId,
        fromStatus: 'received',
        toStatus: 'assessed',
        at: '2026-11-21T10:00:00+07:00',
      }),
    ).toEqual([]);
    expect(
      validatePatch('visit', {
        caseId,
        visitedOn: '2026-11-21',
        officerId: uuidv7(),
        nextVisitOn: '2026-11-28',
      }),
    ).toEqual([]);
    expect(
      validatePatch('assistance', {
        caseId,
        programCode: 'disaster-relief',
        amountTHB: 1234.56,
        deliveredAt: '2026-11-21',
        category: 'disaster-relief',
      }),
    ).toEqual([]);
    expect(
      validatePatch('programEnrollment', {
        personId: uuidv7(),
        programCode: 'elderly-allowance',
        since: '2024-10-01',
        status: 'active',
        monthlyAmountTHB: 700,
      }),
    ).toEqual([]);
  });

  it('refuses an unknown category, channel, priority and status', () => {
    expect(paths(validatePatch('case', { ...validCase(), category: 'potholes' }))).toEqual([
      'category',
    ]);
    expect(
      paths(
        validatePatch('case', {
          ...validCase(),
          channel: 'fax',
          priority: 'asap',
          status: 'closed',
        }),
      ),
    ).toEqual(['channel', 'priority', 'status']);
  });

  it('refuses rejected enums on the other welfare records', () => {
    expect(paths(validatePatch('caseStatusChange', { toStatus: 'reopened' }))).toEqual([
      'toStatus',
    ]);
    expect(paths(validatePatch('assistance', { programCode: 'free-money' }))).toEqual([
      'programCode',
    ]);
    expect(paths(validatePatch('programEnrollment', { status: 'paused' }))).toEqual(['status']);
  });

  it('refuses an amount with 3 decimals, and one beyond ten million', () => {
    expect(paths(validatePatch('assistance', { amountTHB: 10.005 }))).toEqual(['amountTHB']);
    expect(paths(validatePatch('assistance', { amountTHB: 20_000_000 }))).toEqual(['amountTHB']);
    expect(validatePatch('assistance', { amountTHB: -3000 })).toEqual([]);
    expect(paths(validatePatch('programEnrollment', { monthlyAmountTHB: 0.001 }))).toEqual([
      'monthlyAmountTHB',
    ]);
  });

  it('refuses bad dates, ids and an empty description', () => {
    expect(
      paths(
        validatePatch('case', { ...validCase(), receivedAt: '20 Nov', description: '  ' }),
      ).sort(),
    ).toEqual(['description', 'receivedAt']);
    expect(paths(validatePatch('visit', { caseId: 'case-1', visitedOn: '2026/11/21' }))).toEqual([
      'caseId',
      'visitedOn',
    ]);
  });

  it('lets unknown fields pass (a newer app may know them), and null clears an optional one', () => {
    expect(validatePatch('case', { ...validCase(), budgetLine: 'งบกลาง' })).toEqual([]);
    expect(validatePatch('assistance', { receiptNo: 42 })).toEqual([]);
    expect(validatePatch('case', { assignedTo: null, dueDate: null })).toEqual([]);
    expect(paths(validatePatch('case', { status: null }))).toEqual(['status']);
  });
});
