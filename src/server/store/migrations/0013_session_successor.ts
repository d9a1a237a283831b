import type { Kysely, Migration } from 'kysely';

// A rotation whose answer never reached the device (weak signal, or a connection that closed
// after the server wrote it) must not sign the device out: the old token stays good until its
// successor is first used (plugins/auth.ts). `replaced_by` names the successor, `first_used_at`
// says whether the device ever got it.
export const sessionSuccessor: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sessions').addColumn('replaced_by', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('first_used_at', 'text').execute();
  },
};
