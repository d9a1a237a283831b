import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/shared/model/roles';
import type { Role } from '../../../src/shared/model/user';
import { CASE_STATUSES } from '../../../src/shared/model/welfare';
import {
  type CaseStatusName,
  isClosedStatus,
  mayChangeStatus,
  mayEnterStatus,
  mayOpenCase,
  nextStatuses,
} from '../../../src/shared/rules/caseStatus';

// Each move the rules allow, written out by hand (docs/domain.md §3G); every other pair is refused.
const ALLOWED: Record<Role, ReadonlyArray<`${CaseStatusName}>${CaseStatusName}`>> = {
  admin: [],
  surveyor: [],
  welfare: [
    'received>assessed',
    'received>rejected',
    'assessed>rejected',
    'approved>in-progress',
    'in-progress>done',
  ],
  supervisor: [
    'received>assessed',
    'received>rejected',
    'assessed>approved',
    'assessed>rejected',
    'approved>in-progress',
    'approved>rejected',
    'in-progress>done',
    'in-progress>rejected',
    'done>in-progress',
    'rejected>received',
  ],
};

const PAIRS = CASE_STATUSES.flatMap((from) => CASE_STATUSES.map((to) => [from, to] as const));
const CASES = ROLES.flatMap((role) =>
  PAIRS.map(([from, to]) => ({
    role,
    from,
    to,
    allowed: ALLOWED[role].includes(`${from}>${to}`),
  })),
);

describe('case status transitions', () => {
  it('covers every role and every pair of statuses', () => {
    expect(CASES).toHaveLength(ROLES.length * CASE_STATUSES.length ** 2);
    expect(CASES.filter((c) => c.allowed)).toHaveLength(15);
  });

  it.each(CASES)('$role: $from -> $to allowed=$allowed', ({ role, from, to, allowed }) => {
    expect(mayChangeStatus(role, from, to)).toBe(allowed);
  });

  it('never allows staying in the same status', () => {
    for (const role of ROLES) {
      for (const status of CASE_STATUSES) expect(mayChangeStatus(role, status, status)).toBe(false);
    }
  });
});

describe('nextStatuses', () => {
  it.each(ROLES.flatMap((role) => CASE_STATUSES.map((from) => ({ role, from }))))(
    '$role from $from offers exactly the allowed moves',
    ({ role, from }) => {
      const expected = ALLOWED[role]
        .filter((move) => move.startsWith(`${from}>`))
        .map((move) => move.slice(from.length + 1));
      expect(nextStatuses(role, from).sort()).toEqual(expected.sort());
    },
  );

  it('offers a welfare officer assess or reject on a new case, never approve', () => {
    expect(nextStatuses('welfare', 'received')).toEqual(['assessed', 'rejected']);
    expect(nextStatuses('welfare', 'assessed')).toEqual(['rejected']);
    expect(nextStatuses('supervisor', 'assessed')).toEqual(['approved', 'rejected']);
    expect(nextStatuses('supervisor', 'done')).toEqual(['in-progress']);
    expect(nextStatuses('surveyor', 'received')).toEqual([]);
  });
});

describe('mayEnterStatus', () => {
  it.each(ROLES.flatMap((role) => CASE_STATUSES.map((to) => ({ role, to }))))(
    '$role may enter $to when some allowed move ends there',
    ({ role, to }) => {
      const expected = ALLOWED[role].some((move) => move.endsWith(`>${to}`));
      expect(mayEnterStatus(role, to)).toBe(expected);
    },
  );

  it('lets welfare enter rejected and done but not approved or received', () => {
    expect(mayEnterStatus('welfare', 'rejected')).toBe(true);
    expect(mayEnterStatus('welfare', 'done')).toBe(true);
    expect(mayEnterStatus('welfare', 'approved')).toBe(false);
    expect(mayEnterStatus('welfare', 'received')).toBe(false);
    expect(mayEnterStatus('supervisor', 'received')).toBe(true);
  });
});

describe('opening and closing cases', () => {
  it('lets surveyors, welfare officers and supervisors open cases, not admins', () => {
    expect(ROLES.filter(mayOpenCase).sort()).toEqual(['supervisor', 'surveyor', 'welfare']);
  });

  it('counts done and rejected as closed', () => {
    expect(CASE_STATUSES.filter(isClosedStatus)).toEqual(['done', 'rejected']);
  });
});
