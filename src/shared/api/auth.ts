import { z } from 'zod';
import { Organization, Village } from '../model/organization';
import { ClientId, Password, SessionUser, User, Username } from '../model/user';

export const LoginRequest = z.object({
  username: Username,
  password: z.string().min(1).max(128),
  clientId: ClientId,
  deviceName: z.string().trim().max(100).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** `POST /api/auth/rotate`: a new token for this device's session; the old one stops working. */
export const RotateResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
});
export type RotateResponse = z.infer<typeof RotateResponse>;

/** The organization's rules for its devices (set on the server, applied by every device). */
export const DevicePolicy = z.object({
  /** Minutes without use before the app locks itself. */
  idleLockMinutes: z.number().int().min(1).max(120),
});
export type DevicePolicy = z.infer<typeof DevicePolicy>;

export const MeResponse = z.object({
  user: User,
  organization: Organization.nullable(),
  villages: z.array(Village),
  serverTime: z.string(),
  devicePolicy: DevicePolicy,
});
export type MeResponse = z.infer<typeof MeResponse>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: Password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const VillagesResponse = z.object({ villages: z.array(Village) });
export type VillagesResponse = z.infer<typeof VillagesResponse>;

export const HealthResponse = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  /** The newest backup that was restore-checked (null: none, or backups are off). */
  lastGoodBackupAt: z.string().nullable(),
  backupsScheduled: z.boolean(),
  /** Free bytes on the disk of the data directory (null when the server has none: PostgreSQL). */
  diskFreeBytes: z.number().nullable(),
  /**
   * PDPA erasures the database applied that the erasure journal beside the backups lacks (its
   * write failed, or it was lost): a restore could not apply them again if the database were
   * lost too. 0 is healthy; null when the server keeps no backups.
   */
  erasuresNotJournaled: z.number().int().nonnegative().nullable(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
