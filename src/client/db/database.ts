import Dexie, { type Table } from 'dexie';
import type { Organization, Village } from '../../shared/model/organization';
import type { SessionUser, User } from '../../shared/model/user';
import type { Language } from '../ui/i18n/types';

export const DB_NAME = 'tambon-field';

/**
 * The latest merged state of a synced record (DESIGN.md §4–5). Filled by the sync engine;
 * only the indexed fields are fixed here.
 */
export interface StoredRecord {
  id: string;
  type: string;
  villageId: string;
  updatedAt: string;
  [field: string]: unknown;
}

/** Local field values of one record not yet acknowledged by the server. */
export interface PendingRow {
  id: string;
  villageId: string;
  [field: string]: unknown;
}

/** One mutation waiting to be pushed, in device order (`n` = per-device counter). */
export interface OutboxRow {
  n: number;
  txId: string;
  villageId: string;
  [field: string]: unknown;
}

export interface ConflictRow {
  id: string;
  recordId: string;
  [field: string]: unknown;
}

export interface BlobRow {
  sha256: string;
  state: string;
  [field: string]: unknown;
}

export interface StoredSession {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

/** The last `/api/me` answer, so the app shows the organization and villages offline. */
export interface CachedProfile {
  user: User;
  organization: Organization | null;
  villages: Village[];
  serverTime: string;
  fetchedAt: string;
}

/** Everything kept in `meta`, by key. */
export interface MetaValues {
  clientId: string;
  session: StoredSession;
  profile: CachedProfile;
  language: Language;
}
export type MetaKey = keyof MetaValues;

export interface MetaRow<K extends MetaKey = MetaKey> {
  key: K;
  value: MetaValues[K];
}

export class TambonDatabase extends Dexie {
  records!: Table<StoredRecord, string>;
  pending!: Table<PendingRow, string>;
  outbox!: Table<OutboxRow, number>;
  conflicts!: Table<ConflictRow, string>;
  blobs!: Table<BlobRow, string>;
  meta!: Table<MetaRow, MetaKey>;

  constructor(name: string = DB_NAME) {
    super(name, { chromeTransactionDurability: 'strict' });
    // Version 1 declares every table of DESIGN.md §4. Until the first release, the sync work
    // may still reshape the tables other than `meta` here; after it, only add versions.
    this.version(1).stores({
      records: 'id, [type+villageId], updatedAt',
      pending: 'id, villageId',
      outbox: 'n, txId, villageId',
      conflicts: 'id, recordId',
      blobs: 'sha256, state',
      meta: 'key',
    });
  }
}

let instance: TambonDatabase | null = null;

/** The one database of this page; opened on first use. */
export function db(): TambonDatabase {
  instance ??= new TambonDatabase();
  return instance;
}

/** Closes the database so the next `db()` opens it afresh (tests, and after a wipe). */
export function closeDb(): void {
  instance?.close();
  instance = null;
}
