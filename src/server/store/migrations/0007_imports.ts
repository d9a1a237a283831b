import type { Kysely, Migration } from 'kysely';

// Imports of an office's lists (issue 15): who imported which file when, what the plan
// counted, and every record the import wrote with the seq it wrote it at, so the whole
// import can be taken back (once) while nobody has edited those records since.
export const imports: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      /** JSON: the row counts of the plan as written. */
      .addColumn('counts', 'text', (c) => c.notNull())
      .addColumn('record_count', 'integer', (c) => c.notNull())
      /** JSON: the batches written, each record with its type, village and written seqs. */
      .addColumn('records', 'text', (c) => c.notNull())
      .addColumn('undone_by', 'text')
      .addColumn('undone_at', 'text')
      .execute();
    await db.schema
      .createIndex('imports_created_by_idx')
      .on('imports')
      .columns(['created_by', 'created_at'])
      .execute();
  },
};
