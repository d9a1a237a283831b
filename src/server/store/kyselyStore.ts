import { type Kysely, Migrator, type Selectable, sql } from 'kysely';
import { uuidv7 } from '../../shared/ids';
import type { Organization, Village } from '../../shared/model/organization';
import type { Role } from '../../shared/model/user';
import type { SyncRecord } from '../../shared/sync/protocol';
import { asUniqueViolation, isPostgres } from './dialect';
import * as privacy from './kyselyPrivacy';
import * as sync from './kyselySync';
import { migrationProvider } from './migrations';
import type { Database, OrganizationTable, UsersTable, VillagesTable } from './schema';
import type {
  AuditListQuery,
  AuditRecord,
  BlobRecord,
  ConflictFilter,
  ConflictRecord,
  DepartureRecord,
  DeviceRecord,
  FieldHistoryEntry,
  HistoryWrite,
  LoginFailureState,
  NewAuditEntry,
  NewDevice,
  NewDeviceAuditEntry,
  NewUser,
  PrivacyRequestRecord,
  QuarantineFilter,
  QuarantineRecord,
  SessionRecord,
  Store,
  StoreKind,
  ThrottlePolicy,
  UserChanges,
  UserCredentials,
  UserRecord,
  VillageChanges,
} from './types';

/** What every store over the same connection shares, including its transaction views. */
interface Connection {
  readonly kind: StoreKind;
  readonly root: Kysely<Database>;
  /** Where the migrator's own tables live (PostgreSQL); see `KyselyStore.open`. */
  readonly migrationSchema: string | undefined;
  schemaVersion: number;
  closed: boolean;
}

export class KyselyStore implements Store {
  private constructor(
    private readonly db: Kysely<Database>,
    private readonly connection: Connection,
  ) {}

  /**
   * On PostgreSQL the migrator must be told its schema: otherwise it takes a `kysely_migration`
   * table in ANY schema of the database as its own (another app's, another test's).
   */
  static async open(kind: StoreKind, db: Kysely<Database>): Promise<KyselyStore> {
    const migrationSchema = kind === 'postgres' ? await currentSchema(db) : undefined;
    const store = new KyselyStore(db, {
      kind,
      root: db,
      migrationSchema,
      schemaVersion: 0,
      closed: false,
    });
    await store.refreshSchemaVersion();
    return store;
  }

  get kind(): StoreKind {
    return this.connection.kind;
  }

  get schemaVersion(): number {
    return this.connection.schemaVersion;
  }

  async migrate(): Promise<number> {
    const { error } = await this.migrator().migrateToLatest();
    if (error) throw error;
    return this.refreshSchemaVersion();
  }

  async close(): Promise<void> {
    if (this.connection.closed) return;
    this.connection.closed = true;
    await this.connection.root.destroy();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new KyselyStore(trx, this.connection)));
  }

  // --- organization ---------------------------------------------------------------------

  async getOrganization(): Promise<Organization | null> {
    const row = await this.db.selectFrom('organization').selectAll().limit(1).executeTakeFirst();
    return row ? toOrganization(row) : null;
  }

  async saveOrganization(org: Organization, at: string): Promise<void> {
    const values = {
      name: org.name,
      subdistrict_code: org.subdistrictCode,
      district_code: org.districtCode,
      province_code: org.provinceCode,
      subdistrict_name_th: org.subdistrictNameTh,
      district_name_th: org.districtNameTh,
      province_name_th: org.provinceNameTh,
      postal_code: org.postalCode,
      updated_at: at,
    };
    await this.transaction(async (tx) => {
      const db = (tx as KyselyStore).db;
      await db.deleteFrom('organization').where('id', '!=', org.id).execute();
      await db
        .insertInto('organization')
        .values({ id: org.id, created_at: at, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    });
  }

  // --- villages -------------------------------------------------------------------------

  async listVillages(): Promise<Village[]> {
    const rows = await this.db.selectFrom('villages').selectAll().orderBy('moo_no').execute();
    return rows.map(toVillage);
  }

  async getVillage(id: string): Promise<Village | null> {
    const row = await this.db
      .selectFrom('villages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toVillage(row) : null;
  }

  /** With its sync bucket; users who see every village get a new scope version. */
  async createVillage(village: Village, at: string): Promise<Village> {
    return this.transaction(async (tx) => {
      const db = (tx as KyselyStore).db;
      await uniqueGuard(
        db
          .insertInto('villages')
          .values({
            id: village.id,
            moo_no: village.mooNo,
            name: village.name,
            code: village.code,
            created_at: at,
            updated_at: at,
          })
          .execute(),
      );
      await db.insertInto('buckets').values({ village_id: village.id, seq: 0 }).execute();
      await sync.bumpScopeVersion(db, 'all-village-roles');
      return village;
    });
  }

  async updateVillage(id: string, changes: VillageChanges, at: string): Promise<Village | null> {
    await uniqueGuard(
      this.db
        .updateTable('villages')
        .set({
          moo_no: changes.mooNo,
          name: changes.name,
          code: changes.code,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute(),
    );
    return this.getVillage(id);
  }

  // --- users ----------------------------------------------------------------------------

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    const villages = await this.villageIdsOf(rows.map((r) => r.id));
    return rows.map((row) => toUser(row, villages.get(row.id) ?? []));
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const credentials = await this.getCredentials({ id });
    if (!credentials) return null;
    const { passwordHash: _, ...user } = credentials;
    return user;
  }

  async getCredentials(by: { id: string } | { username: string }): Promise<UserCredentials | null> {
    const query = this.db.selectFrom('users').selectAll();
    const row = await ('id' in by
      ? query.where('id', '=', by.id)
      : query.where('username', '=', by.username)
    ).executeTakeFirst();
    if (!row) return null;
    const villages = await this.villageIdsOf([row.id]);
    return { ...toUser(row, villages.get(row.id) ?? []), passwordHash: row.password_hash };
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    return this.transaction(async (tx) => {
      const db = (tx as KyselyStore).db;
      await uniqueGuard(
        db
          .insertInto('users')
          .values({
            id: user.id,
            username: user.username,
            name: user.name,
            role: user.role,
            password_hash: user.passwordHash,
            disabled: user.disabled ? 1 : 0,
            created_at: user.at,
            updated_at: user.at,
          })
          .execute(),
      );
      await replaceUserVillages(db, user.id, user.villageIds);
      return (await tx.getUser(user.id)) as UserRecord;
    });
  }

  /** A change of role or villages bumps the user's scope version (devices re-check their villages). */
  async updateUser(id: string, changes: UserChanges, at: string): Promise<UserRecord | null> {
    return this.transaction(async (tx) => {
      const db = (tx as KyselyStore).db;
      const before = await tx.getUser(id);
      const result = await db
        .updateTable('users')
        .set({
          name: changes.name,
          role: changes.role,
          disabled: changes.disabled === undefined ? undefined : changes.disabled ? 1 : 0,
          updated_at: at,
        })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n || !before) return null;
      if (changes.villageIds) await replaceUserVillages(db, id, changes.villageIds);
      const after = (await tx.getUser(id)) as UserRecord;
      const villagesChanged =
        [...before.villageIds].sort().join() !== [...after.villageIds].sort().join();
      if (before.role !== after.role || villagesChanged) {
        await sync.bumpScopeVersion(db, [id]);
      }
      return after;
    });
  }

  async setPasswordHash(id: string, passwordHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Each user's village ids in หมู่ order. */
  private async villageIdsOf(userIds: string[]): Promise<Map<string, string[]>> {
    const byUser = new Map<string, string[]>();
    if (userIds.length === 0) return byUser;
    const rows = await this.db
      .selectFrom('user_villages')
      .innerJoin('villages', 'villages.id', 'user_villages.village_id')
      .select(['user_villages.user_id as userId', 'user_villages.village_id as villageId'])
      .where('user_villages.user_id', 'in', userIds)
      .orderBy('villages.moo_no')
      .execute();
    for (const { userId, villageId } of rows) {
      const list = byUser.get(userId) ?? [];
      list.push(villageId);
      byUser.set(userId, list);
    }
    return byUser;
  }

  // --- devices --------------------------------------------------------------------------

  async listDevices(): Promise<DeviceRecord[]> {
    const rows = await this.devicesQuery().orderBy('devices.created_at', 'desc').execute();
    return rows.map(toDevice);
  }

  async getDevice(clientId: string): Promise<DeviceRecord | null> {
    const row = await this.devicesQuery()
      .where('devices.client_id', '=', clientId)
      .executeTakeFirst();
    return row ? toDevice(row) : null;
  }

  async saveDevice(device: NewDevice): Promise<DeviceRecord> {
    await this.db
      .insertInto('devices')
      .values({
        client_id: device.clientId,
        user_id: device.userId,
        name: device.name,
        created_at: device.at,
        last_seen_at: device.at,
        revoked_at: null,
      })
      .onConflict((oc) =>
        oc.column('client_id').doUpdateSet((eb) => ({
          user_id: device.userId,
          name: eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('devices.name')),
          last_seen_at: device.at,
        })),
      )
      .execute();
    return (await this.getDevice(device.clientId)) as DeviceRecord;
  }

  async claimDevice(device: NewDevice): Promise<DeviceRecord> {
    // One statement, so two first logins racing on one clientId cannot both own it.
    await this.db
      .insertInto('devices')
      .values({
        client_id: device.clientId,
        user_id: device.userId,
        name: device.name,
        created_at: device.at,
        last_seen_at: device.at,
        revoked_at: null,
      })
      .onConflict((oc) =>
        oc
          .column('client_id')
          .doUpdateSet((eb) => ({
            name: eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('devices.name')),
            last_seen_at: device.at,
          }))
          .where('devices.user_id', '=', device.userId),
      )
      .execute();
    return (await this.getDevice(device.clientId)) as DeviceRecord;
  }

  async touchDevice(clientId: string, at: string): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({ last_seen_at: at })
      .where('client_id', '=', clientId)
      .execute();
  }

  async revokeDevice(clientId: string, at: string): Promise<DeviceRecord | null> {
    await this.db
      .updateTable('devices')
      .set({ revoked_at: at })
      .where('client_id', '=', clientId)
      .where('revoked_at', 'is', null)
      .execute();
    return this.getDevice(clientId);
  }

  private devicesQuery() {
    return this.db
      .selectFrom('devices')
      .innerJoin('users', 'users.id', 'devices.user_id')
      .select([
        'devices.client_id',
        'devices.user_id',
        'users.username',
        'devices.name',
        'devices.created_at',
        'devices.last_seen_at',
        'devices.revoked_at',
      ]);
  }

  // --- sessions -------------------------------------------------------------------------

  async createSession(session: Omit<SessionRecord, 'revokedAt'>): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        client_id: session.clientId,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        last_used_at: session.lastUsedAt,
        revoked_at: null,
      })
      .execute();
  }

  async getSession(tokenHash: string): Promise<SessionRecord | null> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return null;
    return {
      tokenHash: row.token_hash,
      userId: row.user_id,
      clientId: row.client_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    };
  }

  async touchSession(tokenHash: string, lastUsedAt: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_used_at: lastUsedAt, expires_at: expiresAt })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  async revokeSession(tokenHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revokeSessions(
    of: { userId: string; exceptTokenHash?: string } | { clientId: string; exceptUserId?: string },
    at: string,
  ): Promise<number> {
    let query = this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('revoked_at', 'is', null);
    if ('userId' in of) {
      query = query.where('user_id', '=', of.userId);
      if (of.exceptTokenHash) query = query.where('token_hash', '!=', of.exceptTokenHash);
    } else {
      query = query.where('client_id', '=', of.clientId);
      if (of.exceptUserId) query = query.where('user_id', '!=', of.exceptUserId);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  // --- login throttle -------------------------------------------------------------------

  async findLoginLock(keys: string[], now: string): Promise<string | null> {
    if (keys.length === 0) return null;
    const row = await this.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.max('locked_until').as('until'))
      .where('key', 'in', keys)
      .where('locked_until', '>', now)
      .executeTakeFirst();
    return row?.until ?? null;
  }

  async recordLoginFailure(
    key: string,
    now: Date,
    policy: ThrottlePolicy,
  ): Promise<LoginFailureState> {
    const nowIso = now.toISOString();
    const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
    const lockUntil = new Date(now.getTime() + policy.lockMs).toISOString();
    const lockOnFirst = policy.maxFailures <= 1 ? lockUntil : null;
    // One upsert, so concurrent failures on several server processes all count. A count
    // starts over once its window has passed or its lock has run out.
    const row = await this.db
      .insertInto('login_failures')
      .values({ key, failures: 1, first_at: nowIso, locked_until: lockOnFirst })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => {
          const startsOver = eb.or([
            eb('login_failures.first_at', '<', windowStart),
            eb('login_failures.locked_until', '<=', nowIso),
          ]);
          const next = eb('login_failures.failures', '+', 1);
          return {
            failures: eb.case().when(startsOver).then(1).else(next).end(),
            first_at: eb
              .case()
              .when(startsOver)
              .then(nowIso)
              .else(eb.ref('login_failures.first_at'))
              .end(),
            locked_until: eb
              .case()
              .when(startsOver)
              .then(lockOnFirst)
              .when(eb(next, '>=', policy.maxFailures))
              .then(lockUntil)
              .else(eb.ref('login_failures.locked_until'))
              .end(),
          };
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      key: row.key,
      failures: Number(row.failures),
      firstAt: row.first_at,
      lockedUntil: row.locked_until,
    };
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  // --- audit ----------------------------------------------------------------------------

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: uuidv7(Date.parse(entry.at)),
        at: entry.at,
        user_id: entry.userId,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details === undefined ? null : JSON.stringify(entry.details),
        ip: entry.ip ?? null,
      })
      .execute();
  }

  listAudit(query: AuditListQuery): Promise<AuditRecord[]> {
    return privacy.listAudit(this.db, query);
  }

  appendDeviceAudit(entries: NewDeviceAuditEntry[]): Promise<Set<string>> {
    return privacy.appendDeviceAudit(this.db, entries);
  }

  visibleScope(
    userId: string,
    villageIds: string[],
    recordIds: string[],
  ): Promise<{ villageIds: Set<string>; recordIds: Set<string> }> {
    return privacy.visibleScope(this.db, userId, villageIds, recordIds);
  }

  // --- PDPA requests --------------------------------------------------------------------

  insertPrivacyRequest(request: PrivacyRequestRecord): Promise<void> {
    return privacy.insertPrivacyRequest(this.db, request);
  }

  listPrivacyRequests(
    userId: string,
    filter: { status: 'open' | 'closed' | 'all'; id?: string },
  ): Promise<PrivacyRequestRecord[]> {
    return privacy.listPrivacyRequests(this.db, userId, filter);
  }

  updatePrivacyRequest(
    id: string,
    changes: Parameters<Store['updatePrivacyRequest']>[1],
  ): Promise<void> {
    return privacy.updatePrivacyRequest(this.db, id, changes);
  }

  findPeople(userId: string, q: string, limit: number): Promise<SyncRecord[]> {
    return privacy.findPeople(this.db, userId, q, limit);
  }

  visibleRecord(userId: string, id: string): Promise<SyncRecord | null> {
    return privacy.visibleRecord(this.db, userId, id);
  }

  recordsAboutPerson(personId: string): Promise<SyncRecord[]> {
    return privacy.recordsAboutPerson(this.db, personId);
  }

  recordsOfCases(caseIds: string[]): Promise<SyncRecord[]> {
    return privacy.recordsOfCases(this.db, caseIds);
  }

  erasedFields(recordIds: string[]): Promise<Map<string, Map<string, number>>> {
    return privacy.erasedFields(this.db, recordIds);
  }

  markErased(entries: Parameters<Store['markErased']>[0]): Promise<void> {
    return privacy.markErased(this.db, entries);
  }

  redactRecordValues(input: Parameters<Store['redactRecordValues']>[0]): Promise<unknown[]> {
    return privacy.redactRecordValues(this.db, input);
  }

  deleteBlobIfUnreferenced(sha256: string): Promise<boolean> {
    return privacy.deleteBlobIfUnreferenced(this.db, sha256);
  }

  async purgeExpired(before: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', before).execute();
    await this.db
      .deleteFrom('login_failures')
      .where('first_at', '<', before)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
      .execute();
  }

  // --- sync -----------------------------------------------------------------------------

  lockClientCounter(clientId: string, userId: string, at: string): Promise<number> {
    return sync.lockClientCounter(this.db, clientId, userId, at);
  }

  setClientCounter(clientId: string, userId: string, lastN: number, at: string): Promise<void> {
    return sync.setClientCounter(this.db, clientId, userId, lastN, at);
  }

  getClientCounter(clientId: string): Promise<number> {
    return sync.getClientCounter(this.db, clientId);
  }

  lockRecords(ids: string[]): Promise<Map<string, SyncRecord>> {
    return sync.lockRecords(this.db, ids);
  }

  getRecord(id: string): Promise<SyncRecord | null> {
    return sync.getRecord(this.db, id);
  }

  takeSeqs(counts: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    return sync.takeSeqs(this.db, counts);
  }

  insertRecords(records: SyncRecord[], at: string): Promise<void> {
    return sync.insertRecords(this.db, records, at);
  }

  updateRecords(records: SyncRecord[], at: string): Promise<void> {
    return sync.updateRecords(this.db, records, at);
  }

  appendHistory(writes: HistoryWrite[]): Promise<void> {
    return sync.appendHistory(this.db, writes);
  }

  fieldHistory(recordId: string): Promise<FieldHistoryEntry[]> {
    return sync.fieldHistory(this.db, recordId);
  }

  insertConflicts(conflicts: ConflictRecord[]): Promise<void> {
    return sync.insertConflicts(this.db, conflicts);
  }

  resolveConflicts(input: {
    recordId: string;
    fields: string[];
    villageId: string;
    seq: number;
    by: string;
    at: string;
  }): Promise<number> {
    return sync.resolveConflicts(this.db, input);
  }

  moveOpenConflicts(recordId: string, villageId: string, seq: number): Promise<void> {
    return sync.moveOpenConflicts(this.db, recordId, villageId, seq);
  }

  insertDepartures(departures: DepartureRecord[]): Promise<void> {
    return sync.insertDepartures(this.db, departures);
  }

  addBlobRefs(refs: Array<{ sha256: string; villageId: string }>): Promise<void> {
    return sync.addBlobRefs(this.db, refs);
  }

  insertQuarantine(entries: QuarantineRecord[]): Promise<void> {
    return sync.insertQuarantine(this.db, entries);
  }

  getQuarantine(id: string, options: { lock?: boolean } = {}): Promise<QuarantineRecord | null> {
    return sync.getQuarantine(this.db, id, options.lock ?? false);
  }

  updateQuarantine(
    id: string,
    changes: Pick<QuarantineRecord, 'status' | 'handledBy' | 'handledAt' | 'note'>,
  ): Promise<void> {
    return sync.updateQuarantine(this.db, id, changes);
  }

  listQuarantine(filter: QuarantineFilter): Promise<QuarantineRecord[]> {
    return sync.listQuarantine(this.db, filter);
  }

  listConflicts(filter: ConflictFilter): Promise<ConflictRecord[]> {
    return sync.listConflicts(this.db, filter);
  }

  snapshot<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    let builder = this.db.transaction();
    if (isPostgres(this.db)) {
      builder = builder.setIsolationLevel('repeatable read').setAccessMode('read only');
    }
    return builder.execute((trx) => fn(new KyselyStore(trx, this.connection)));
  }

  visibleVillages(userId: string): Promise<Village[]> {
    return sync.visibleVillages(this.db, userId);
  }

  getScopeVersion(userId: string): Promise<number> {
    return sync.getScopeVersion(this.db, userId);
  }

  bucketSeqs(villageIds: string[]): Promise<Map<string, number>> {
    return sync.bucketSeqs(this.db, villageIds);
  }

  recordsSince(villageId: string, after: number, limit: number): Promise<SyncRecord[]> {
    return sync.recordsSince(this.db, villageId, after, limit);
  }

  departuresSince(villageId: string, after: number, limit: number): Promise<DepartureRecord[]> {
    return sync.departuresSince(this.db, villageId, after, limit);
  }

  conflictsBetween(villageId: string, after: number, through: number): Promise<ConflictRecord[]> {
    return sync.conflictsBetween(this.db, villageId, after, through);
  }

  getBlob(sha256: string, options: { lock?: boolean } = {}): Promise<BlobRecord | null> {
    return sync.getBlob(this.db, sha256, options.lock ?? false);
  }

  createBlob(blob: {
    sha256: string;
    size: number;
    mime: string;
    createdBy: string;
    at: string;
  }): Promise<void> {
    return sync.createBlob(this.db, blob);
  }

  appendBlobChunk(sha256: string, offset: number, bytes: Uint8Array): Promise<void> {
    return sync.appendBlobChunk(this.db, sha256, offset, bytes);
  }

  setBlobProgress(sha256: string, received: number, completedAt: string | null): Promise<void> {
    return sync.setBlobProgress(this.db, sha256, received, completedAt);
  }

  readBlob(sha256: string): Promise<Buffer> {
    return sync.readBlob(this.db, sha256);
  }

  deleteBlob(sha256: string): Promise<void> {
    return sync.deleteBlob(this.db, sha256);
  }

  mayReadBlob(sha256: string, userId: string): Promise<boolean> {
    return sync.mayReadBlob(this.db, sha256, userId);
  }

  blobAccess(
    sha256s: string[],
    userId: string,
  ): Promise<Map<string, 'uploaded' | 'visible' | 'foreign'>> {
    return sync.blobAccess(this.db, sha256s, userId);
  }

  isIdCardPhoto(sha256: string): Promise<boolean> {
    return privacy.isIdCardPhoto(this.db, sha256);
  }

  // --- migrations -----------------------------------------------------------------------

  private migrator(): Migrator {
    return new Migrator({
      db: this.connection.root,
      provider: migrationProvider,
      migrationTableSchema: this.connection.migrationSchema,
    });
  }

  private async refreshSchemaVersion(): Promise<number> {
    const migrations = await this.migrator().getMigrations();
    this.connection.schemaVersion = migrations.filter((m) => m.executedAt !== undefined).length;
    return this.connection.schemaVersion;
  }
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    db,
  );
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check the search_path');
  return schema;
}

async function uniqueGuard<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw asUniqueViolation(error) ?? error;
  }
}

async function replaceUserVillages(
  db: Kysely<Database>,
  userId: string,
  villageIds: string[],
): Promise<void> {
  await db.deleteFrom('user_villages').where('user_id', '=', userId).execute();
  const unique = [...new Set(villageIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('user_villages')
    .values(unique.map((villageId) => ({ user_id: userId, village_id: villageId })))
    .execute();
}

function toOrganization(row: Selectable<OrganizationTable>): Organization {
  return {
    id: row.id,
    name: row.name,
    subdistrictCode: row.subdistrict_code,
    districtCode: row.district_code,
    provinceCode: row.province_code,
    subdistrictNameTh: row.subdistrict_name_th,
    districtNameTh: row.district_name_th,
    provinceNameTh: row.province_name_th,
    postalCode: row.postal_code,
  };
}

function toVillage(row: Selectable<VillagesTable>): Village {
  return { id: row.id, mooNo: Number(row.moo_no), name: row.name, code: row.code };
}

function toUser(row: Selectable<UsersTable>, villageIds: string[]): UserRecord {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role as Role,
    villageIds,
    disabled: Number(row.disabled) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDevice(row: {
  client_id: string;
  user_id: string;
  username: string;
  name: string | null;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}): DeviceRecord {
  return {
    clientId: row.client_id,
    userId: row.user_id,
    username: row.username,
    name: row.name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}
