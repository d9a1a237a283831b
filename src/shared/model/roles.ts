/**
 * Roles and what they may do, without zod: the client's first-load code imports these and
 * must not pull in the schema library (docs/architecture.md §7: 80 KB). `user.ts` re-exports them.
 */
export const ROLES = ['admin', 'supervisor', 'surveyor', 'welfare'] as const;
export type RoleName = (typeof ROLES)[number];

/**
 * Supervisors review data quality and reports for every village. Everyone else, admins
 * included, sees only the villages assigned to them (PDPA least privilege).
 */
export function seesAllVillages(role: RoleName): boolean {
  return role === 'supervisor';
}

/** Who may read the admin screens (users, villages, devices). Only admins change them. */
export function canReadAdmin(role: RoleName): boolean {
  return role === 'admin' || role === 'supervisor';
}

/** Who may change users, villages and devices. */
export function canWriteAdmin(role: RoleName): boolean {
  return role === 'admin';
}

/**
 * Who reads the audit log (logins, admin actions, views and exports by everyone): admins only,
 * since the trail also records what supervisors did. Supervisors reach a record's field
 * history through `canHandlePrivacyRequests` instead, within their villages.
 */
export function canReadAudit(role: RoleName): boolean {
  return role === 'admin';
}

/** Who takes in and answers PDPA data-subject requests (access, rectification, erasure). */
export function canHandlePrivacyRequests(role: RoleName): boolean {
  return role === 'admin' || role === 'supervisor';
}

/**
 * Who sees whole national IDs: the field roles, who match people against ID cards and
 * allowance lists. Admins and supervisors get `1-xxxx-xxxxx-xx-1` (docs/domain.md §5.5) in pull,
 * history and exports, and may not write a national ID they never saw.
 */
export function seesFullNationalId(role: RoleName): boolean {
  return role === 'surveyor' || role === 'welfare';
}

/**
 * Who sees the values of sensitive fields (health, disability, national ID) in admin screens:
 * everyone who works with people's data. Admins manage accounts, not people (PDPA least
 * privilege), so a record's history shows them which field changed, not the value.
 */
export function seesSensitiveValues(role: RoleName): boolean {
  return role !== 'admin';
}
