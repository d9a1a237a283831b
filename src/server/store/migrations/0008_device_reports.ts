import type { Kysely, Migration } from 'kysely';

// The fleet view (issue 17): what each device said after its last sync (app and schema
// version, unsynced and refused edits, storage), as one JSON object with its time.
export const deviceReports: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('devices').addColumn('report', 'text').execute();
  },
};
