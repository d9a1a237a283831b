// When to take a backup and which to delete: pure decisions over the manifests, tested alone.
import type { BackupManifest } from '../../shared/api/backups';

/** Bangkok has no daylight saving: its clock is always UTC+7. */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The latest `hour`:00 Bangkok time at or before `now`. */
export function lastScheduledTime(now: Date, hour: number): Date {
  const bangkok = now.getTime() + BANGKOK_OFFSET_MS;
  const midnight = bangkok - (((bangkok % DAY_MS) + DAY_MS) % DAY_MS);
  let scheduled = midnight + hour * 60 * 60 * 1000;
  if (scheduled > bangkok) scheduled -= DAY_MS;
  return new Date(scheduled - BANGKOK_OFFSET_MS);
}

export function lastGood(manifests: readonly BackupManifest[]): BackupManifest | null {
  return (
    manifests.filter((m) => m.verified).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ??
    null
  );
}

/**
 * A backup is due when no backup was attempted since the last scheduled hour (so a server that
 * was off at night takes one when it starts), and, after a failed attempt, an hour later again
 * rather than in a loop.
 */
export function backupDue(
  manifests: readonly BackupManifest[],
  now: Date,
  hour: number,
  lastAttemptAt: Date | null,
): boolean {
  const since = lastScheduledTime(now, hour).getTime();
  const good = lastGood(manifests);
  if (good && Date.parse(good.createdAt) >= since) return false;
  if (lastAttemptAt && now.getTime() - lastAttemptAt.getTime() < 60 * 60 * 1000) return false;
  return true;
}

/**
 * What to delete so that `keep` backups remain: the oldest first, failed ones before good ones,
 * and never the newest good backup (the one a restore would use).
 */
export function backupsToDelete(manifests: readonly BackupManifest[], keep: number): string[] {
  const newestGood = lastGood(manifests)?.file;
  const byAge = [...manifests].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const candidates = [
    ...byAge.filter((m) => !m.verified),
    ...byAge.filter((m) => m.verified && m.file !== newestGood),
  ];
  const excess = Math.max(0, manifests.length - Math.max(1, keep));
  return candidates.slice(0, excess).map((m) => m.file);
}
