// Row shapes as stored. Portable types only: ids and timestamps are TEXT (uuid, ISO-8601 UTC),
// booleans INTEGER 0/1, JSON as TEXT, so one set of queries runs on SQLite and PostgreSQL.
// Sequence numbers are BIGINT: PostgreSQL's driver returns them as strings, so readers wrap
// them in Number() (safe below 2^53).
import type { ColumnType } from 'kysely';

/** A BIGINT column: read as number (SQLite) or string (PostgreSQL), written as number. */
export type Int8 = ColumnType<number | string, number, number>;

export interface OrganizationTable {
  id: string;
  name: string;
  subdistrict_code: string;
  district_code: string;
  province_code: string;
  subdistrict_name_th: string;
  district_name_th: string;
  province_name_th: string;
  postal_code: string;
  created_at: string;
  updated_at: string;
}

export interface VillagesTable {
  id: string;
  moo_no: number;
  name: string;
  code: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
  /** Bumped whenever the user's role or villages change (or, for all-village roles, a village is added). */
  scope_version: ColumnType<number, number | undefined, number>;
}

export interface UserVillagesTable {
  user_id: string;
  village_id: string;
}

export interface DevicesTable {
  client_id: string;
  user_id: string;
  name: string | null;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** JSON `StoredDeviceReport`: what the device said after its last sync. */
  report: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  client_id: string;
  created_at: string;
  expires_at: string;
  last_used_at: string;
  revoked_at: string | null;
  /** The token hash that replaced this one (rotation). */
  replaced_by: string | null;
  first_used_at: string | null;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  first_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  action: string;
  target: string | null;
  details: string | null;
  ip: string | null;
  /** A device event's own id (`POST /api/audit/events`): recorded once. Null otherwise. */
  event_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PrivacyRequestsTable {
  id: string;
  person_id: string;
  person_name: string;
  kind: string;
  received_on: string;
  due_on: string;
  requester_name: string;
  requester_contact: string;
  note: string;
  status: 'open' | 'closed';
  outcome: 'done' | 'refused' | null;
  closing_note: string | null;
  created_by: string;
  created_at: string;
  closed_by: string | null;
  closed_at: string | null;
  erased_at: string | null;
  /** The second handler who approved an access request, and when (0006). */
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  approved_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The person's title code (`TITLE_PREFIXES`), printed in the reader's language (0006). */
  person_title: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A field an erasure purged, at `seq`: a push that had not seen it may not write it back. */
export interface ErasedFieldsTable {
  record_id: string;
  field: string;
  seq: Int8;
  request_id: string;
  at: string;
}

/** The latest merged state of every synced record. */
export interface RecordsTable {
  id: string;
  type: string;
  village_id: string;
  schema_version: number;
  /** JSON object of field values. */
  fields: string;
  /** `{field: {seq, hlc, by}}` packed as `{w: [[seq, hlc, by]…], f: {field: i}}` (fieldMetaCodec.ts). */
  field_meta: string;
  deleted: number;
  seq: Int8;
  created_at: string;
  updated_at: string;
}

/** One per village: its last sequence number. Bumped in the writing transaction. */
export interface BucketsTable {
  village_id: string;
  seq: Int8;
}

export interface ClientCountersTable {
  client_id: string;
  user_id: string;
  last_n: Int8;
  updated_at: string;
}

/** Append-only: every applied value and every losing one, one row per write of a record. */
export interface FieldHistoryTable {
  id: string;
  record_id: string;
  village_id: string;
  /** JSON object: field name -> the value this write set (or that lost). */
  fields: string;
  hlc: string;
  by_user: string;
  client_id: string | null;
  mutation_id: string | null;
  seq: Int8;
  outcome: 'applied' | 'lost';
  /** 1 when the writer's HLC was more than a day ahead and was clamped to server time. */
  clamped: number;
  at: string;
}

export interface ConflictsTable {
  id: string;
  record_id: string;
  type: string;
  village_id: string;
  field: string;
  /** JSON `{value, hlc, by}`. */
  winner: string;
  loser: string;
  /** The bucket seq when created or resolved, so pull delivers it. */
  seq: Int8;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface QuarantineTable {
  id: string;
  mutation_id: string;
  client_id: string;
  user_id: string;
  village_id: string | null;
  type: string | null;
  record_id: string | null;
  tx_id: string | null;
  /** JSON: the mutation exactly as pushed. */
  mutation: string;
  reason: string;
  details: string | null;
  created_at: string;
  status: 'open' | 'accepted' | 'rejected';
  handled_by: string | null;
  handled_at: string | null;
  note: string | null;
}

/** A record that left `village_id` (moved to another village) at `seq` of that village. */
export interface DeparturesTable {
  record_id: string;
  village_id: string;
  seq: Int8;
}

export interface BlobsTable {
  sha256: string;
  size: Int8;
  mime: string;
  received: Int8;
  complete: number;
  created_by: string;
  created_at: string;
  completed_at: string | null;
}

export interface BlobChunksTable {
  sha256: string;
  offset: Int8;
  bytes: Uint8Array;
}

/** Villages whose records reference a blob: who may download it. */
export interface BlobRefsTable {
  sha256: string;
  village_id: string;
}

/** Requests per key in a fixed window, shared by every server process (plugins/rateLimit.ts). */
/** A night's backup slot and the process that took it. */
export interface BackupClaimsTable {
  slot: string;
  claimed_by: string;
  claimed_at: string;
}

/** One `Idempotency-Key`'s request: claimed (status null) while it runs, then its answer. */
export interface RequestAnswersTable {
  user_id: string;
  key: string;
  route: string;
  body_hash: string;
  started_at: string;
  status: number | null;
  body: string | null;
}

export interface RateCountersTable {
  key: string;
  window_end: Int8;
  count: number;
}

/** An import of an office's list (issue 15); `records` is what an undo takes back. */
export interface ImportsTable {
  id: string;
  kind: string;
  file_name: string;
  created_by: string;
  created_at: string;
  counts: string;
  record_count: number;
  records: string;
  undone_by: string | null;
  undone_at: string | null;
}

/** One row: the database's epoch, renewed by every restore. */
export interface ServerIdentityTable {
  id: number;
  epoch: string;
}

/** The tambon's basemap (issue 16): one row, id 1, its bytes in blob_chunks. */
export interface BasemapTable {
  id: number;
  sha256: string;
  size: Int8;
  attribution: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface Database {
  organization: OrganizationTable;
  villages: VillagesTable;
  users: UsersTable;
  user_villages: UserVillagesTable;
  devices: DevicesTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  records: RecordsTable;
  buckets: BucketsTable;
  client_counters: ClientCountersTable;
  field_history: FieldHistoryTable;
  conflicts: ConflictsTable;
  quarantine: QuarantineTable;
  departures: DeparturesTable;
  blobs: BlobsTable;
  blob_chunks: BlobChunksTable;
  blob_refs: BlobRefsTable;
  privacy_requests: PrivacyRequestsTable;
  rate_counters: RateCountersTable;
  server_identity: ServerIdentityTable;
  erased_fields: ErasedFieldsTable;
  imports: ImportsTable;
  basemap: BasemapTable;
  request_answers: RequestAnswersTable;
  backup_claims: BackupClaimsTable;
}
