import { z } from 'zod';
import { Uuid } from './organization';
import { ROLES } from './roles';

export { canReadAdmin, canWriteAdmin, ROLES, seesAllVillages } from './roles';
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, { message: 'invalid_username' });

/**
 * OWASP ASVS: no composition rules, at most 128 characters. A password as set (not as typed at login): at least 10 characters, since it also unwraps
 * the data key on the device, where an offline guess costs only its hashing. The server also
 * refuses the most common passwords.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'password_min_length' })
  .max(128);

/** A device's id, generated once per browser profile; it ends every HLC and names mutations. */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'invalid_client_id' });

export const User = z.object({
  id: Uuid,
  username: z.string(),
  name: z.string().min(1).max(200),
  role: Role,
  villageIds: z.array(Uuid),
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;

/** What a device keeps about its logged-in user. */
export const SessionUser = User.pick({
  id: true,
  username: true,
  name: true,
  role: true,
  villageIds: true,
});
export type SessionUser = z.infer<typeof SessionUser>;
