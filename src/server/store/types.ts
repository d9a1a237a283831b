import type { Device } from '../../shared/api/admin';
import type { Organization, Village } from '../../shared/model/organization';
import type { Role, User } from '../../shared/model/user';

export type StoreKind = 'sqlite' | 'postgres';

export type StoreConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      url: string;
      /** Created if missing and put first on every connection's search_path. */
      schema?: string;
    };

export interface UserRecord extends User {
  createdAt: string;
  updatedAt: string;
}

/** Only the login and password paths read the hash; nothing returns it to a client. */
export interface UserCredentials extends UserRecord {
  passwordHash: string;
}

export interface NewUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  villageIds: string[];
  passwordHash: string;
  disabled?: boolean;
  at: string;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  villageIds?: string[];
  disabled?: boolean;
}

export type VillageChanges = Partial<Pick<Village, 'mooNo' | 'name' | 'code'>>;

export type DeviceRecord = Device;

export interface NewDevice {
  clientId: string;
  userId: string;
  name: string | null;
  at: string;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  clientId: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string;
  revokedAt: string | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface LoginFailureState {
  key: string;
  failures: number;
  firstAt: string;
  lockedUntil: string | null;
}

export interface NewAuditEntry {
  at: string;
  userId: string | null;
  action: string;
  target?: string | null;
  details?: unknown;
  ip?: string | null;
}

export interface AuditRecord {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  target: string | null;
  details: unknown;
  ip: string | null;
}

/**
 * Everything the server keeps, behind one interface implemented once over Kysely for SQLite
 * and PostgreSQL. Timestamps in and out are ISO-8601 UTC strings; callers pass `at`/`now` so
 * one request uses one clock reading and tests can move time.
 */
export interface Store {
  readonly kind: StoreKind;
  /** How many migrations are applied (0 before `migrate()` on an empty database). */
  readonly schemaVersion: number;
  migrate(): Promise<number>;
  close(): Promise<void>;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  /** Runs `fn` in one database transaction; nested calls join the outer one. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  getOrganization(): Promise<Organization | null>;
  /** Inserts or replaces the one organization row. */
  saveOrganization(organization: Organization, at: string): Promise<void>;

  listVillages(): Promise<Village[]>;
  getVillage(id: string): Promise<Village | null>;
  /** Throws `UniqueViolation` on a taken mooNo or code. */
  createVillage(village: Village, at: string): Promise<Village>;
  updateVillage(id: string, changes: VillageChanges, at: string): Promise<Village | null>;

  listUsers(): Promise<UserRecord[]>;
  getUser(id: string): Promise<UserRecord | null>;
  getCredentials(by: { id: string } | { username: string }): Promise<UserCredentials | null>;
  /** Throws `UniqueViolation` on a taken username. */
  createUser(user: NewUser): Promise<UserRecord>;
  updateUser(id: string, changes: UserChanges, at: string): Promise<UserRecord | null>;
  setPasswordHash(id: string, passwordHash: string, at: string): Promise<void>;
  countActiveAdmins(): Promise<number>;

  listDevices(): Promise<DeviceRecord[]>;
  getDevice(clientId: string): Promise<DeviceRecord | null>;
  /** Creates the device or points it at `userId`, naming it and marking it seen. */
  saveDevice(device: NewDevice): Promise<DeviceRecord>;
  touchDevice(clientId: string, at: string): Promise<void>;
  revokeDevice(clientId: string, at: string): Promise<DeviceRecord | null>;

  createSession(session: Omit<SessionRecord, 'revokedAt'>): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  touchSession(tokenHash: string, lastUsedAt: string, expiresAt: string): Promise<void>;
  revokeSession(tokenHash: string, at: string): Promise<void>;
  /** Returns how many sessions it ended. */
  revokeSessions(
    of: { userId: string; exceptTokenHash?: string } | { clientId: string; exceptUserId?: string },
    at: string,
  ): Promise<number>;

  /** The latest `lockedUntil` among `keys` that is still in the future, if any. */
  findLoginLock(keys: string[], now: string): Promise<string | null>;
  /** Counts one failure atomically (safe across server processes); locks at `maxFailures`. */
  recordLoginFailure(key: string, now: Date, policy: ThrottlePolicy): Promise<LoginFailureState>;
  clearLoginFailures(key: string): Promise<void>;

  appendAudit(entry: NewAuditEntry): Promise<void>;
  listAudit(query: { limit: number; before?: string }): Promise<AuditRecord[]>;

  /** Deletes sessions expired before `before` and login failures idle since then. */
  purgeExpired(before: string): Promise<void>;
}

/** A unique constraint refused a write; `constraint` names it when the driver tells. */
export class UniqueViolation extends Error {
  constructor(readonly constraint: string) {
    super(`unique constraint violated: ${constraint}`);
    this.name = 'UniqueViolation';
  }
}
