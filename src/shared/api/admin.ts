import { z } from 'zod';
import { Uuid, Village } from '../model/organization';
import { Password, Role, User, Username } from '../model/user';

export const UsersResponse = z.object({ users: z.array(User) });

export const CreateUserRequest = z.object({
  username: Username,
  name: z.string().trim().min(1).max(200),
  password: Password,
  role: Role,
  villageIds: z.array(Uuid).max(200),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** Changing role or villages takes effect at the user's next request; disabling ends every session. */
export const UpdateUserRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: Role,
    villageIds: z.array(Uuid).max(200),
    disabled: z.boolean(),
  })
  .partial();
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const ResetPasswordRequest = z.object({ password: Password });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

export const CreateVillageRequest = Village.pick({ mooNo: true, name: true }).extend({
  /** Defaults to the organization's sub-district code + หมู่ number. */
  code: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
});
export type CreateVillageRequest = z.infer<typeof CreateVillageRequest>;

export const UpdateVillageRequest = Village.pick({ mooNo: true, name: true, code: true }).partial();
export type UpdateVillageRequest = z.infer<typeof UpdateVillageRequest>;

export const Device = z.object({
  clientId: z.string(),
  userId: Uuid,
  username: z.string(),
  name: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type Device = z.infer<typeof Device>;

export const DevicesResponse = z.object({ devices: z.array(Device) });

/** One line of the audit log. `details` never holds a password, hash or token. */
export const AuditEntry = z.object({
  id: Uuid,
  at: z.string(),
  userId: Uuid.nullable(),
  username: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Newest first. Pass `nextBefore` back as `before` for the next page; null on the last page. */
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: Uuid.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditResponse = z.object({
  entries: z.array(AuditEntry),
  nextBefore: Uuid.nullable(),
});
export type AuditResponse = z.infer<typeof AuditResponse>;
