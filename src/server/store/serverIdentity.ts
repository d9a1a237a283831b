// The database's epoch: unchanged for the life of a database, new after every restore
// (backup/backups.ts), sent with every push and pull answer (routes/sync.ts).
import type { Db } from './executor';

async function getServerEpoch(db: Db): Promise<string> {
  const row = await db
    .selectFrom('server_identity')
    .select('epoch')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.epoch;
}

async function renewServerEpoch(db: Db, epoch: string): Promise<void> {
  await db.updateTable('server_identity').set({ epoch }).where('id', '=', 1).execute();
}

export const serverIdentityQueries = { getServerEpoch, renewServerEpoch };
