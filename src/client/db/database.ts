import Dexie, { type DBCore, type Middleware, type Table } from 'dexie';
import type { DeviceEvent } from '../../shared/api/deviceEvents';
import type { Organization, Village } from '../../shared/model/organization';
import type { SessionUser, User } from '../../shared/model/user';
import type {
  Conflict,
  FieldValues,
  Mutation,
  PulledRecord,
  RecordType,
  SyncRecord,
} from '../../shared/sync/protocol';
import { toPulledRecord } from '../../shared/sync/pulled';
import type { CipherSource } from './sealing';

export const DB_NAME = 'tambon-field';

/**
 * The latest merged state of a synced record, as the server sent it (docs/architecture.md §4–5):
 * values and per-field seqs (`fieldSeqOf`), not who set them.
 */
export type StoredRecord = PulledRecord;

/**
 * Local field values of one record that the server has not acknowledged yet. `fieldN` holds,
 * per field, the counter of the mutation that last set it: an acknowledgement through n
 * removes the fields set at or before n, so a later local edit is never hidden by an older ack.
 */
export interface PendingRow {
  id: string;
  type: RecordType;
  villageId: string;
  fields: FieldValues;
  fieldN: Record<string, number>;
  /** `deleted` edited locally (delete or restore), with its mutation counter. */
  deleted?: { value: boolean; n: number };
}

/** One mutation waiting to be pushed, in device order; `bytes` is its JSON size. */
export type OutboxRow = Mutation & { n: number; bytes: number };

/**
 * A mutation the server acknowledged, kept `ACKED_KEEP_DAYS` (sync/serverRestore.ts): if the
 * server is restored from an older backup, what it acknowledged after the backup goes again.
 */
export type AckedRow = OutboxRow & { ackedAt: string };

/** A mutation the server refused and set aside for a supervisor, with its reason. */
export interface QuarantinedRow {
  mutationId: string;
  recordId: string;
  type: RecordType;
  villageId: string;
  reason: string;
  mutation: Mutation;
  at: string;
}

export type ConflictRow = Conflict;

/** Unacknowledged local data of a village this user no longer has: kept, never deleted. */
export interface OrphanRow {
  key?: number;
  villageId: string;
  kind: 'pending' | 'outbox';
  payload: PendingRow | OutboxRow;
  at: string;
}

/**
 * A photo or file by its SHA-256. `upload`: not on the server yet, never evicted; `stored`:
 * uploaded or downloaded, kept for offline viewing.
 */
export interface BlobRow {
  sha256: string;
  blob: Blob;
  size: number;
  mime: string;
  state: 'upload' | 'stored';
  createdAt: string;
  /**
   * Why the server refused the upload (`hash_mismatch`, `payload_too_large`…): the row is kept
   * (still `upload`), shown on the sync page as a failed photo, and skipped until retried.
   */
  error?: { code: string; at: string };
}

/** The sync engine's bookkeeping. */
export interface SyncState {
  /**
   * Per village: the highest seq applied. Never goes backwards, except when the server was
   * restored from a backup (a new `serverEpoch`): then everything is pulled afresh.
   */
  cursors: Record<string, number>;
  /** The server database's epoch last seen; absent before the first sync or from older servers. */
  serverEpoch?: string;
  /** A pull from nothing after a restore: records it does not bring back are dropped at its end. */
  rebuilding?: boolean;
  scopeVersion: number | null;
  /** The last HLC issued, so the clock continues after a restart. */
  lastHlc: string | null;
  serverOffsetMs: number;
  lastSyncAt: string | null;
}

export interface StoredSession {
  token: string;
  expiresAt: string;
  user: SessionUser;
  /** When this token was issued (login or rotation); absent on sessions stored before rotation. */
  issuedAt?: string;
}

/** The last `/api/me` answer, so the app shows the organization and villages offline. */
export interface CachedProfile {
  user: User;
  organization: Organization | null;
  villages: Village[];
  serverTime: string;
  fetchedAt: string;
  /** The organization's rules for devices (idle lock); absent from older servers. */
  devicePolicy?: { idleLockMinutes: number };
}

/** Everything kept in `meta`, by key. */
export interface MetaValues {
  clientId: string;
  session: StoredSession;
  profile: CachedProfile;
  sync: SyncState;
  /**
   * The next mutation counter n (mutationId = clientId:n). It belongs to the device id, not to
   * a user: it survives sign-outs and wipes, because the server answers a reused n as a
   * duplicate and would silently drop the new mutation.
   */
  nextN: number;
}
export type MetaKey = keyof MetaValues;

export interface MetaRow<K extends MetaKey = MetaKey> {
  key: K;
  value: MetaValues[K];
}

/**
 * A form's input not saved yet, so it survives a reload, a crash or a dead battery. `key` is
 * `${userId}|${form}`; `form` names the form and its record (`household:new:<villageId>`,
 * `person:<id>`…); `values` are the form's values as typed.
 */
export interface DraftRow {
  key: string;
  userId: string;
  form: string;
  values: unknown;
  updatedAt: string;
}

/**
 * How a user's database seals its sensitive data (`sealingWith` in sealing.ts, loaded at
 * unlock): the cipher of the unlocked user and the Dexie middleware that applies it.
 */
export interface Sealing {
  cipher: CipherSource;
  middleware: Middleware<DBCore>;
}

/**
 * A sealed copy of what a first screen shows (snapshot.ts): opened with one decrypt after unlock
 * instead of reading and opening every record. `stamp` says which state of the data it holds.
 */
export interface SnapshotRow {
  key: string;
  stamp: string;
  /** `iv || ciphertext || tag` under the user's data key: never anything in the clear. */
  sealed: Uint8Array;
}

/** An audit event waiting to reach the server (see shared/api/deviceEvents.ts). */
export type DeviceEventRow = DeviceEvent;

export class TambonDatabase extends Dexie {
  records!: Table<StoredRecord, string>;
  pending!: Table<PendingRow, string>;
  outbox!: Table<OutboxRow, number>;
  acked!: Table<AckedRow, number>;
  conflicts!: Table<ConflictRow, string>;
  quarantined!: Table<QuarantinedRow, string>;
  orphans!: Table<OrphanRow, number>;
  blobs!: Table<BlobRow, string>;
  meta!: Table<MetaRow, MetaKey>;
  drafts!: Table<DraftRow, string>;
  deviceEvents!: Table<DeviceEventRow, string>;
  snapshots!: Table<SnapshotRow, string>;

  /** The unlocked user's cipher when this database seals its sensitive data (every user database). */
  readonly cipher: CipherSource | null;

  constructor(name: string = DB_NAME, options: { sealing?: Sealing } = {}) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.cipher = options.sealing?.cipher ?? null;
    if (options.sealing) this.use(options.sealing.middleware);
    // Version 1 declares the tables of docs/architecture.md §4. Until the first release, sync work
    // may still reshape the tables other than `meta` here; after it, only add versions.
    this.version(1).stores({
      records: 'id, [type+villageId], villageId',
      pending: 'id, villageId',
      outbox: 'n, id, villageId',
      conflicts: 'id, recordId, villageId',
      quarantined: 'mutationId, recordId',
      orphans: '++key, villageId',
      blobs: 'sha256, state',
      meta: 'key',
    });
    this.version(2)
      .stores({ drafts: 'key, updatedAt' })
      // Records kept before devices got `fieldSeq` hold the server's whole `fieldMeta`.
      .upgrade((tx) =>
        tx
          .table('records')
          .toCollection()
          .modify((record: StoredRecord & { fieldMeta?: SyncRecord['fieldMeta'] }) => {
            if (!record.fieldMeta) return;
            record.fieldSeq = toPulledRecord(record as unknown as SyncRecord).fieldSeq;
            delete record.fieldMeta;
          }),
      );
    this.version(3).stores({ deviceEvents: 'id' });
    this.version(4).stores({ snapshots: 'key' });
    this.version(5).stores({ acked: 'n, ackedAt, id' });
  }
}

let instance: TambonDatabase | null = null;
let requireUserDatabase = false;

/**
 * The database of the unlocked user. In the app there is none while locked (`db()` throws, so
 * nothing is read or written in the clear); tests without a user get a plain `DB_NAME` one.
 */
export function db(): TambonDatabase {
  if (!instance && requireUserDatabase) throw new DatabaseLockedError();
  instance ??= new TambonDatabase();
  return instance;
}

export class DatabaseLockedError extends Error {
  constructor() {
    super('The device is locked');
    this.name = 'DatabaseLockedError';
  }
}

/** Each user of a shared device has a database of their own, sealed under their own key. */
export function userDatabaseName(userId: string): string {
  return `${DB_NAME}-${userId}`;
}

/** Makes `db()` the user's sealed database; from now on `db()` never opens an unsealed one. */
export function useUserDatabase(userId: string, sealing: Sealing): TambonDatabase {
  requireUserDatabase = true;
  instance?.close();
  instance = new TambonDatabase(userDatabaseName(userId), { sealing });
  return instance;
}

/** The app calls this at start: until a user unlocks, there is no database to use. */
export function requireUnlockedDatabase(): void {
  requireUserDatabase = true;
}

/** Closes the database so the next `db()` opens it afresh (tests, a lock, a wipe). */
export function closeDb(): void {
  instance?.close();
  instance = null;
}
