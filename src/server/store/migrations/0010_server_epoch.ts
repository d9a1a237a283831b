import { type Kysely, type Migration, sql } from 'kysely';
import { uuidv7 } from '../../../shared/ids';

// The database's epoch (issue 17): a restore gives the restored database a new one, and devices
// that see it change know the server went back in time — they send again what it acknowledged
// after the backup and pull everything afresh.
export const serverEpoch: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('server_identity')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('epoch', 'text', (col) => col.notNull())
      .execute();
    await sql`insert into server_identity (id, epoch) values (1, ${uuidv7()})`.execute(db);
  },
};
