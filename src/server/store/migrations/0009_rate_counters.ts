import type { Kysely, Migration } from 'kysely';

// Rate limits shared by every server process on one database (issue 17): one counter per key,
// its window starting at the key's first request (as the in-memory counter does); windows that
// ended are purged with expired sessions.
export const rateCounters: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rate_counters')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('window_end', 'bigint', (col) => col.notNull())
      .addColumn('count', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('rate_counters_window_end')
      .on('rate_counters')
      .column('window_end')
      .execute();
  },
};
