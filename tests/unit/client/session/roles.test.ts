import { describe, expect, it } from 'vitest';
import { administers, readsAdmin, worksCases } from '../../../../src/client/session/roles';
import { ROLES, type RoleName } from '../../../../src/shared/model/roles';
import type { SessionUser } from '../../../../src/shared/model/user';

const signedInAs = (role: RoleName): SessionUser => ({
  id: 'u1',
  username: 'someone',
  name: 'Someone',
  role,
  villageIds: [],
});

/** What a gate answers for each role. */
const byRole = (gate: (user: SessionUser | null) => boolean) =>
  Object.fromEntries(ROLES.map((role) => [role, gate(signedInAs(role))]));

describe('role gates of the signed-in user', () => {
  it('let supervisors and admins read the admin screens, only admins change them', () => {
    expect(byRole(readsAdmin)).toEqual({
      admin: true,
      supervisor: true,
      surveyor: false,
      welfare: false,
    });
    expect(byRole(administers)).toEqual({
      admin: true,
      supervisor: false,
      surveyor: false,
      welfare: false,
    });
  });

  it('give cases to welfare officers and supervisors', () => {
    expect(byRole(worksCases)).toEqual({
      admin: false,
      supervisor: true,
      surveyor: false,
      welfare: true,
    });
  });

  it('close every gate when nobody is signed in', () => {
    expect([readsAdmin(null), worksCases(null), administers(null)]).toEqual([false, false, false]);
  });
});
