import type { Device } from '../../shared/api/admin';
import type { PersonTitle } from '../../shared/api/privacy';
import type { QuarantineStatus } from '../../shared/api/syncAdmin';
import type { Organization, Village } from '../../shared/model/organization';
import type { Role, User } from '../../shared/model/user';
import type { QuarantineReason } from '../../shared/sync/permissions';
import type { FieldVersion, RecordType, SyncRecord } from '../../shared/sync/protocol';

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

/** What the audit viewer filters on (see `AuditFilter` in src/shared/api/admin.ts). */
export interface AuditListQuery {
  userId?: string | undefined;
  /** Actions starting with this. */
  action?: string | undefined;
  target?: string | undefined;
  /** Inclusive ISO timestamps. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  before?: string | undefined;
}

/** A device's audit event, recorded once per `eventId`. */
export interface NewDeviceAuditEntry extends NewAuditEntry {
  eventId: string;
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

export interface PrivacyRequestRecord {
  id: string;
  personId: string;
  /** First and last name; the title apart, as its code. */
  personName: string;
  personTitle: PersonTitle | null;
  /** The person's current village (joined when listing). */
  villageId: string;
  kind: 'access' | 'rectification' | 'erasure';
  receivedOn: string;
  dueOn: string;
  requesterName: string;
  requesterContact: string;
  note: string;
  status: 'open' | 'closed';
  outcome: 'done' | 'refused' | null;
  closingNote: string | null;
  createdBy: string;
  createdAt: string;
  closedBy: string | null;
  closedAt: string | null;
  erasedAt: string | null;
  /** A second handler's approval (needed before an access export). */
  approvedBy: string | null;
  approvedAt: string | null;
}

// --- sync ----------------------------------------------------------------------------------

/**
 * One write of a record in the trail: the values one mutation applied, or one value that lost
 * a conflict (with the loser's own hlc and author).
 */
export interface HistoryWrite {
  recordId: string;
  villageId: string;
  /** Field name -> value, in the order they were set. */
  values: Record<string, unknown>;
  hlc: string;
  byUser: string;
  clientId: string | null;
  mutationId: string | null;
  seq: number;
  outcome: 'applied' | 'lost';
  clamped: boolean;
  at: string;
}

/** One field value of the trail, as `fieldHistory` reads it. */
export interface FieldHistoryEntry {
  recordId: string;
  villageId: string;
  field: string;
  value: unknown;
  hlc: string;
  byUser: string;
  clientId: string | null;
  mutationId: string | null;
  seq: number;
  outcome: 'applied' | 'lost';
  clamped: boolean;
  at: string;
}

export interface ConflictRecord {
  id: string;
  recordId: string;
  type: RecordType;
  villageId: string;
  field: string;
  winner: FieldVersion;
  loser: FieldVersion;
  seq: number;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface QuarantineRecord {
  id: string;
  mutationId: string;
  clientId: string;
  userId: string;
  villageId: string | null;
  type: RecordType | null;
  recordId: string | null;
  txId: string | null;
  /** The mutation exactly as pushed. */
  mutation: unknown;
  reason: QuarantineReason;
  details: unknown;
  createdAt: string;
  status: QuarantineStatus;
  handledBy: string | null;
  handledAt: string | null;
  note: string | null;
}

export interface DepartureRecord {
  recordId: string;
  villageId: string;
  seq: number;
}

export interface QuarantineFilter {
  status: QuarantineStatus | 'all';
  /** Only these villages; null for every village (entries without a village included). */
  villageIds: string[] | null;
  limit: number;
  before?: string;
}

export interface ConflictFilter {
  status: 'open' | 'resolved' | 'all';
  /** Only these villages; null for every village. */
  villageIds: string[] | null;
  limit: number;
  before?: string;
}

export interface BlobRecord {
  sha256: string;
  size: number;
  mime: string;
  received: number;
  complete: boolean;
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
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
  /**
   * Creates the device for `userId`, or names and marks it seen if it is already theirs; a
   * device of another user is left as it is. Returns the device as stored: its `userId` says
   * who owns it.
   */
  claimDevice(device: NewDevice): Promise<DeviceRecord>;
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
  /** Newest first. */
  listAudit(query: AuditListQuery): Promise<AuditRecord[]>;
  /** Inserts the events not recorded before; returns the event ids that are stored now. */
  appendDeviceAudit(entries: NewDeviceAuditEntry[]): Promise<Set<string>>;
  /**
   * Which of `villageIds` and `recordIds` (records of any type) the user may see, decided in
   * SQL like every read of village data.
   */
  visibleScope(
    userId: string,
    villageIds: string[],
    recordIds: string[],
  ): Promise<{ villageIds: Set<string>; recordIds: Set<string> }>;

  // --- PDPA requests (kyselyPrivacy.ts) -------------------------------------------------------

  insertPrivacyRequest(request: PrivacyRequestRecord): Promise<void>;
  /**
   * Requests about people the user may see (the person's current village, in SQL), or only
   * `id` when given.
   */
  listPrivacyRequests(
    userId: string,
    filter: { status: 'open' | 'closed' | 'all'; id?: string },
  ): Promise<PrivacyRequestRecord[]>;
  updatePrivacyRequest(
    id: string,
    changes: Partial<
      Pick<
        PrivacyRequestRecord,
        | 'status'
        | 'outcome'
        | 'closingNote'
        | 'closedBy'
        | 'closedAt'
        | 'erasedAt'
        | 'approvedBy'
        | 'approvedAt'
      >
    >,
  ): Promise<void>;
  /** People of the user's villages whose name, national ID or id matches `q`. */
  findPeople(userId: string, q: string, limit: number): Promise<SyncRecord[]>;
  /** A person record, if the user may see its village (SQL). */
  visibleRecord(userId: string, id: string): Promise<SyncRecord | null>;
  /** Records whose fields name `personId` (cases, visits, assistance, enrollments), any village. */
  recordsAboutPerson(personId: string): Promise<SyncRecord[]>;
  /** Records (visits, assistance, status changes, enrollments) whose `caseId` is one of these. */
  recordsOfCases(caseIds: string[]): Promise<SyncRecord[]>;
  /** The fields of these records an erasure purged, with the seq of that erasure. */
  erasedFields(recordIds: string[]): Promise<Map<string, Map<string, number>>>;
  markErased(
    entries: Array<{ recordId: string; field: string; seq: number; requestId: string; at: string }>,
  ): Promise<void>;
  /**
   * Replaces the values of `fields` with `marker` everywhere the server kept them for the
   * record: field history, conflicts (moved to `seq` so devices pull the change) and the
   * quarantined mutations. Returns every value replaced (to find the photos they referenced).
   */
  redactRecordValues(input: {
    recordId: string;
    fields: string[];
    marker: unknown;
    villageId: string;
    seq: number;
  }): Promise<unknown[]>;
  /**
   * Deletes the blob unless a record, history row, conflict or quarantined mutation still
   * mentions it (call after the redaction). True when deleted.
   */
  deleteBlobIfUnreferenced(sha256: string): Promise<boolean>;

  /** Deletes sessions expired before `before` and login failures idle since then. */
  purgeExpired(before: string): Promise<void>;

  // --- sync: writing (inside `transaction`) ------------------------------------------------

  /**
   * The device's last applied mutation counter, creating its row at 0 (owned by `userId`) if
   * missing. On PostgreSQL the row stays locked until the transaction ends, so two pushes of
   * one device run one after the other.
   */
  lockClientCounter(clientId: string, userId: string, at: string): Promise<number>;
  setClientCounter(clientId: string, userId: string, lastN: number, at: string): Promise<void>;
  /** 0 for a device that never pushed. */
  getClientCounter(clientId: string): Promise<number>;
  /** The stored records among `ids`, locked (PostgreSQL: FOR UPDATE, in id order). */
  lockRecords(ids: string[]): Promise<Map<string, SyncRecord>>;
  getRecord(id: string): Promise<SyncRecord | null>;
  /**
   * Takes `count` new sequence numbers of each village's bucket (`counts`: village -> count),
   * `UPDATE buckets SET seq = seq + count … RETURNING seq` for all of them at once: the row
   * locks, taken in village order, are held to the end of the transaction, so transactions of
   * one village commit in sequence order. Returns the last seq taken per village; throws when
   * a village has no bucket.
   */
  takeSeqs(counts: ReadonlyMap<string, number>): Promise<Map<string, number>>;
  /** New records are inserted (a concurrent insert of the same id fails the transaction). */
  insertRecords(records: SyncRecord[], at: string): Promise<void>;
  updateRecords(records: SyncRecord[], at: string): Promise<void>;
  appendHistory(writes: HistoryWrite[]): Promise<void>;
  /** The trail of a record, oldest first, one entry per field value. */
  fieldHistory(recordId: string): Promise<FieldHistoryEntry[]>;
  insertConflicts(conflicts: ConflictRecord[]): Promise<void>;
  /** Marks the open conflicts of a record's fields resolved, moving them to `seq` of `villageId`. */
  resolveConflicts(input: {
    recordId: string;
    fields: string[];
    villageId: string;
    seq: number;
    by: string;
    at: string;
  }): Promise<number>;
  /** A record moved village: its open conflicts follow it to `seq` of the new village. */
  moveOpenConflicts(recordId: string, villageId: string, seq: number): Promise<void>;
  insertDepartures(departures: DepartureRecord[]): Promise<void>;
  addBlobRefs(refs: Array<{ sha256: string; villageId: string }>): Promise<void>;
  insertQuarantine(entries: QuarantineRecord[]): Promise<void>;
  /** With `lock`, the row stays locked to the end of the transaction (PostgreSQL). */
  getQuarantine(id: string, options?: { lock?: boolean }): Promise<QuarantineRecord | null>;
  updateQuarantine(
    id: string,
    changes: Pick<QuarantineRecord, 'status' | 'handledBy' | 'handledAt' | 'note'>,
  ): Promise<void>;
  listQuarantine(filter: QuarantineFilter): Promise<QuarantineRecord[]>;
  listConflicts(filter: ConflictFilter): Promise<ConflictRecord[]>;

  // --- sync: reading (inside `snapshot`) -----------------------------------------------------

  /**
   * Runs `fn` in one consistent read-only snapshot (PostgreSQL: REPEATABLE READ READ ONLY;
   * SQLite: one read transaction).
   */
  snapshot<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * The villages a user may see, decided in SQL from the user's role and village assignments:
   * every village for an all-village role, else the assigned ones; none for a disabled user.
   */
  visibleVillages(userId: string): Promise<Village[]>;
  getScopeVersion(userId: string): Promise<number>;
  bucketSeqs(villageIds: string[]): Promise<Map<string, number>>;
  /** Records of a village with `seq > after`, in seq order. */
  recordsSince(villageId: string, after: number, limit: number): Promise<SyncRecord[]>;
  departuresSince(villageId: string, after: number, limit: number): Promise<DepartureRecord[]>;
  /** Conflicts of a village with `after < seq <= through`. */
  conflictsBetween(villageId: string, after: number, through: number): Promise<ConflictRecord[]>;

  // --- blobs ---------------------------------------------------------------------------------

  /** With `lock`, the row stays locked to the end of the transaction (PostgreSQL). */
  getBlob(sha256: string, options?: { lock?: boolean }): Promise<BlobRecord | null>;
  /** Starts an upload; does nothing if the blob is already there. */
  createBlob(blob: {
    sha256: string;
    size: number;
    mime: string;
    createdBy: string;
    at: string;
  }): Promise<void>;
  appendBlobChunk(sha256: string, offset: number, bytes: Uint8Array): Promise<void>;
  setBlobProgress(sha256: string, received: number, completedAt: string | null): Promise<void>;
  /** The whole blob, chunks in order. */
  readBlob(sha256: string): Promise<Buffer>;
  deleteBlob(sha256: string): Promise<void>;
  /**
   * True when the blob is complete and either referenced by a record of a village the user may
   * see (decided in SQL, as `visibleVillages`) or uploaded by the user.
   */
  mayReadBlob(sha256: string, userId: string): Promise<boolean>;
  /**
   * Of these hashes, the blobs the server holds (complete or not), each as the push policy
   * sees it for `userId`: `uploaded` by them, `visible` (referenced by a record of a village
   * they may see), or `foreign`. Hashes the server does not hold are absent.
   */
  blobAccess(
    sha256s: string[],
    userId: string,
  ): Promise<Map<string, 'uploaded' | 'visible' | 'foreign'>>;
  /** Whether any person record was ever written with this blob among its `idCardPhotos`. */
  isIdCardPhoto(sha256: string): Promise<boolean>;
}

/** A unique constraint refused a write; `constraint` names it when the driver tells. */
export class UniqueViolation extends Error {
  constructor(readonly constraint: string) {
    super(`unique constraint violated: ${constraint}`);
    this.name = 'UniqueViolation';
  }
}
