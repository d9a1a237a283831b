// Creating the organization and its admin: shared by `create-admin` and the demo loader.
import { uuidv7 } from '../shared/ids';
import type { Organization } from '../shared/model/organization';
import { hashPassword } from './auth/passwords';
import { defaultOrganizationName, placeOfSubdistrict } from './geo';
import type { Store, UserRecord } from './store';

/** The organization, created from the geography data when there is none yet. */
export async function ensureOrganization(
  store: Store,
  subdistrictCode: string,
  name?: string,
  at = new Date().toISOString(),
): Promise<{ organization: Organization; created: boolean }> {
  const existing = await store.getOrganization();
  if (existing) return { organization: existing, created: false };
  const place = placeOfSubdistrict(subdistrictCode);
  const organization = { id: uuidv7(), name: name || defaultOrganizationName(place), ...place };
  await store.transaction(async (tx) => {
    await tx.saveOrganization(organization, at);
    await tx.appendAudit({
      at,
      userId: null,
      action: 'organization.create',
      target: organization.id,
      details: { name: organization.name, subdistrictCode },
    });
  });
  return { organization, created: true };
}

/** An admin assigned to every village; throws `UniqueViolation` when the username is taken. */
export async function createAdmin(
  store: Store,
  input: { username: string; name: string; password: string },
  at = new Date().toISOString(),
): Promise<UserRecord> {
  const passwordHash = await hashPassword(input.password);
  return store.transaction(async (tx) => {
    const villageIds = (await tx.listVillages()).map((v) => v.id);
    const user = await tx.createUser({
      id: uuidv7(),
      username: input.username,
      name: input.name,
      role: 'admin',
      villageIds,
      passwordHash,
      at,
    });
    await tx.appendAudit({
      at,
      userId: null,
      action: 'user.create',
      target: user.id,
      details: { username: user.username, role: 'admin', via: 'cli' },
    });
    return user;
  });
}

export async function hasAdmin(store: Store): Promise<boolean> {
  return (await store.countActiveAdmins()) > 0;
}
