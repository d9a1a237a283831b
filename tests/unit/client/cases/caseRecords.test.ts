import { describe, expect, it } from 'vitest';
import {
  addDays,
  type CaseView,
  followUps,
} from '../../../../src/client/features/cases/caseRecords';
import type { CaseStatus } from '../../../../src/shared/model/welfare';

function aCase(id: string, dueDate: string | undefined, status: CaseStatus = 'received'): CaseView {
  return {
    id,
    villageId: 'v',
    fields: { status, ...(dueDate ? { dueDate } : {}) },
    deleted: false,
    unsyncedFields: [],
  };
}

const ids = (cases: CaseView[]) => cases.map((c) => c.id);

describe('follow-ups', () => {
  it('splits open cases by due date around today (7 days ahead, across a month end)', () => {
    const today = '2025-12-28';
    const result = followUps(
      [
        aCase('later', '2026-01-05'),
        aCase('week', '2026-01-04'),
        aCase('tomorrow', '2025-12-29'),
        aCase('today', '2025-12-28'),
        aCase('yesterday', '2025-12-27'),
        aCase('long-ago', '2025-10-01'),
        aCase('done', '2025-12-27', 'done'),
        aCase('rejected', '2025-12-28', 'rejected'),
        aCase('undated', undefined),
      ],
      today,
    );
    expect(ids(result.overdue)).toEqual(['long-ago', 'yesterday']);
    expect(ids(result.dueToday)).toEqual(['today']);
    expect(ids(result.upcoming)).toEqual(['tomorrow', 'week']);
  });

  it('adds calendar days to an ISO date', () => {
    expect(addDays('2024-02-27', 2)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });
});
