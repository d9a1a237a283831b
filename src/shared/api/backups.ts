// Backups the server takes of itself (issue 17): what `GET /api/admin/backups` lists and
// `/api/health` summarizes. A backup counts as good only once it was restored into a scratch
// database and checked there ("a backup is not functional until the restore is tested").
import { z } from 'zod';

export { BACKUP_STALE_AFTER_MS, backupIsStale } from './backupAge';

export const BackupManifest = z.object({
  /** The backup file's name in the backup directory (no path). */
  file: z.string(),
  kind: z.enum(['sqlite', 'postgres']),
  /** PostgreSQL: the schema dumped (a restore puts it back under the same name). */
  schema: z.string().nullable(),
  createdAt: z.string(),
  /** Migrations applied in the backed-up database: a restore refuses one newer than the code. */
  schemaVersion: z.number().int().nonnegative(),
  appVersion: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Rows per table at the moment of the backup (one snapshot with the copy itself). */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  /** When the restore check ran, and whether it passed. */
  verifiedAt: z.string().nullable(),
  verified: z.boolean(),
  /** Why the backup or its check failed, in English for the operator's log. */
  error: z.string().nullable(),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export const BackupList = z.object({
  /** Newest first. */
  backups: z.array(BackupManifest),
  lastGoodAt: z.string().nullable(),
  /** False when the server runs without scheduled backups (tests, `--backup-every-hours 0`). */
  scheduled: z.boolean(),
});
export type BackupList = z.infer<typeof BackupList>;
