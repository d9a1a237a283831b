import type { RoleName } from '../model/roles';

// Which role may move a case from which status to which (docs/domain.md §3G). The server checks
// every pushed status change with these tables (a refused one is quarantined); the app offers
// only the moves the user may make.

export type CaseStatusName =
  | 'received'
  | 'assessed'
  | 'approved'
  | 'in-progress'
  | 'done'
  | 'rejected';

const OFFICERS: readonly RoleName[] = ['welfare', 'supervisor'];
const SUPERVISOR: readonly RoleName[] = ['supervisor'];

/**
 * Welfare officers run a case day to day and may turn down a request they assessed; approving
 * spends the budget, and reopening a closed case undoes a decision: both are the supervisor's.
 */
export const CASE_TRANSITIONS: Record<
  CaseStatusName,
  Partial<Record<CaseStatusName, readonly RoleName[]>>
> = {
  received: { assessed: OFFICERS, rejected: OFFICERS },
  assessed: { approved: SUPERVISOR, rejected: OFFICERS },
  approved: { 'in-progress': OFFICERS, rejected: SUPERVISOR },
  'in-progress': { done: OFFICERS, rejected: SUPERVISOR },
  done: { 'in-progress': SUPERVISOR },
  rejected: { received: SUPERVISOR },
};

/** Who may open a case at all; every case starts `received`. */
export const CASE_OPENERS: readonly RoleName[] = ['surveyor', 'welfare', 'supervisor'];

export function mayOpenCase(role: RoleName): boolean {
  return CASE_OPENERS.includes(role);
}

/** The statuses `role` may move a case to from `from`. */
export function nextStatuses(role: RoleName, from: CaseStatusName): CaseStatusName[] {
  return Object.entries(CASE_TRANSITIONS[from])
    .filter(([, roles]) => roles?.includes(role))
    .map(([to]) => to as CaseStatusName);
}

export function mayChangeStatus(role: RoleName, from: CaseStatusName, to: CaseStatusName): boolean {
  return CASE_TRANSITIONS[from][to]?.includes(role) ?? false;
}

/**
 * For a change made without seeing the current status (two officers offline: the merge keeps
 * both as a conflict), the server cannot know the status the device started from; it checks
 * that the role may move some case into `to` at all.
 */
export function mayEnterStatus(role: RoleName, to: CaseStatusName): boolean {
  return Object.values(CASE_TRANSITIONS).some((targets) => targets[to]?.includes(role) ?? false);
}

/** A finished case: done or rejected. */
export function isClosedStatus(status: CaseStatusName): boolean {
  return status === 'done' || status === 'rejected';
}
