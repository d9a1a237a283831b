import { openKysely } from './dialect';
import type { Store } from './store';
import { openStore } from './store';
import type { StoreConfig } from './types';

export type { AuditListQuery, AuditRecord, NewAuditEntry, NewDeviceAuditEntry } from './audit';
export type { BlobRecord } from './blobs';
export type { ConflictFilter, ConflictRecord, ConflictResolution } from './conflicts';
export type { DeviceRecord, NewDevice } from './devices';
export { dropPostgresSchema } from './dialect';
export type { ErasedField } from './erasure';
export type { FieldHistoryEntry, HistoryWrite } from './history';
export type { ImportedBatch, ImportedRecord, ImportRecord } from './imports';
export type { LoginFailureState, ThrottlePolicy } from './loginFailures';
export type { PrivacyRequestChanges, PrivacyRequestRecord } from './privacyRequests';
export type { QuarantineFilter, QuarantineRecord } from './quarantine';
export type { DepartureRecord } from './records';
export type { SessionRecord } from './sessions';
export type { Store } from './store';
export * from './types';
export type { NewUser, UserChanges, UserCredentials, UserRecord } from './users';
export type { VillageChanges } from './villages';

/** Opens the database; call `migrate()` before use. */
export async function createStore(config: StoreConfig): Promise<Store> {
  const db = await openKysely(config);
  try {
    return await openStore(config.kind, db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
