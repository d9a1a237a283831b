/**
 * Roles and what they may do, without zod: the client's first-load code imports these and
 * must not pull in the schema library (DESIGN.md §7, 80 KB budget). `user.ts` re-exports them.
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

/** Who may change users, villages and devices, and read the audit log. */
export function canWriteAdmin(role: RoleName): boolean {
  return role === 'admin';
}
