import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001_initial';
import { sync } from './0002_sync';
import { historyPerWrite } from './0003_history_per_write';
import { packedFieldMeta } from './0004_packed_field_meta';
import { privacy } from './0005_privacy';
import { privacyApproval } from './0006_privacy_approval';
import { imports } from './0007_imports';
import { deviceReports } from './0008_device_reports';
import { rateCounters } from './0009_rate_counters';
import { serverEpoch } from './0010_server_epoch';
import { basemap } from './0011_basemap';
import { requestAnswers } from './0012_request_answers';
import { sessionSuccessor } from './0013_session_successor';
import { backupClaims } from './0014_backup_claims';

/**
 * Every migration, in order. Names sort lexically (Kysely runs them in name order); append
 * new ones, never edit or reorder applied ones. `store.schemaVersion` counts the applied ones.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_sync': sync,
  '0003_history_per_write': historyPerWrite,
  '0004_packed_field_meta': packedFieldMeta,
  '0005_privacy': privacy,
  '0006_privacy_approval': privacyApproval,
  '0007_imports': imports,
  '0008_device_reports': deviceReports,
  '0009_rate_counters': rateCounters,
  '0010_server_epoch': serverEpoch,
  '0011_basemap': basemap,
  '0012_request_answers': requestAnswers,
  '0013_session_successor': sessionSuccessor,
  '0014_backup_claims': backupClaims,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
