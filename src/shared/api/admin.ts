import { z } from 'zod';
import { Uuid, Village } from '../model/organization';
import { Password, Role, User, Username } from '../model/user';
import { FLEET_WARNINGS, StoredDeviceReport } from './fleet';

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
  /** What the device said after its last sync (null: it never reported). */
  report: StoredDeviceReport.nullable(),
  /** Computed by the server (`fleetWarnings`) against its own version. */
  warnings: z.array(z.enum(FLEET_WARNINGS)),
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

/** An ISO date (`2026-11-21`) or timestamp: `from` includes it, `to` includes the whole day. */
const AuditBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * The audit filters: one user, actions starting with a prefix (`privacy.`, `person.view`), one
 * target, a time range. Shared by the page and the CSV download.
 */
export const AuditFilter = z.object({
  userId: Uuid.optional(),
  action: z.string().trim().min(1).max(100).optional(),
  target: z.string().trim().min(1).max(200).optional(),
  from: AuditBound.optional(),
  to: AuditBound.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

/** Newest first. Pass `nextBefore` back as `before` for the next page; null on the last page. */
export const AuditQuery = AuditFilter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: Uuid.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditResponse = z.object({
  entries: z.array(AuditEntry),
  nextBefore: Uuid.nullable(),
});
export type AuditResponse = z.infer<typeof AuditResponse>;

/** A sensitive value the reader's role may not see (`seesSensitiveValues`). */
export const HIDDEN_VALUE = { hidden: true } as const;

/** One field value in a record's trail: who set it (or whose value lost a conflict), when. */
export const HistoryEntry = z.object({
  field: z.string(),
  /** As written; a masked national ID, `HIDDEN_VALUE`, or `ERASED_VALUE` after an erasure. */
  value: z.unknown(),
  at: z.string(),
  hlc: z.string(),
  byUser: z.string(),
  username: z.string().nullable(),
  clientId: z.string().nullable(),
  seq: z.number(),
  outcome: z.enum(['applied', 'lost']),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** `GET /api/admin/records/:id/history`: oldest first. */
export const RecordHistoryResponse = z.object({
  recordId: Uuid,
  type: z.string(),
  villageId: Uuid,
  entries: z.array(HistoryEntry),
});
export type RecordHistoryResponse = z.infer<typeof RecordHistoryResponse>;
