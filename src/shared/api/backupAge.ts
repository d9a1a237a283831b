// How old a good backup may be before admins are warned: apart from `backups.ts` so the home
// screen can ask without loading zod.

/** Older than this, the admins' home screen warns that there is no recent good backup. */
export const BACKUP_STALE_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

/** True when there is no verified backup newer than `BACKUP_STALE_AFTER_MS` at `now`. */
export function backupIsStale(lastGoodAt: string | null, now: Date): boolean {
  if (lastGoodAt === null) return true;
  return now.getTime() - Date.parse(lastGoodAt) > BACKUP_STALE_AFTER_MS;
}
