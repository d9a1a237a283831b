import type { Kysely, Migration } from 'kysely';

// Several server processes on one PostgreSQL each run the nightly backup schedule: the first to
// claim a night's slot takes the backup, the others skip it (backup/backups.ts). A claim left
// an hour without a good backup (the process died) may be taken over.
export const backupClaims: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('backup_claims')
      .addColumn('slot', 'text', (col) => col.primaryKey())
      .addColumn('claimed_by', 'text', (col) => col.notNull())
      .addColumn('claimed_at', 'text', (col) => col.notNull())
      .execute();
  },
};
