// Which process takes a night's backup when several serve one database (migration 0014).
import type { Db } from './executor';

/**
 * Claims the backup of `slot` (the scheduled time) for `by`: true for the one claimer, or when
 * the earlier claim was made before `staleBefore` (its process died, or its backup failed).
 */
async function claimBackupSlot(
  db: Db,
  claim: { slot: string; by: string; at: string; staleBefore: string },
): Promise<boolean> {
  const row = await db
    .insertInto('backup_claims')
    .values({ slot: claim.slot, claimed_by: claim.by, claimed_at: claim.at })
    .onConflict((oc) =>
      oc
        .column('slot')
        .doUpdateSet({ claimed_by: claim.by, claimed_at: claim.at })
        .where('backup_claims.claimed_at', '<', claim.staleBefore),
    )
    .returning('slot')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets claims made before `before`. */
async function purgeBackupClaims(db: Db, before: string): Promise<void> {
  await db.deleteFrom('backup_claims').where('claimed_at', '<', before).execute();
}

export const backupClaimQueries = { claimBackupSlot, purgeBackupClaims };
