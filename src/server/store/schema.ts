// Row shapes as stored. Portable types only: ids and timestamps are TEXT (uuid, ISO-8601 UTC),
// booleans INTEGER 0/1, JSON as TEXT, so one set of queries runs on SQLite and PostgreSQL.

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
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  client_id: string;
  created_at: string;
  expires_at: string;
  last_used_at: string;
  revoked_at: string | null;
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
}
