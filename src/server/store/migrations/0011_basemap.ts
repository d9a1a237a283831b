import type { Kysely, Migration } from 'kysely';

// The tambon's offline basemap (issue 16): at most one row (id 1) naming the blob whose chunks
// hold the PMTiles file. The bytes live in blob_chunks like photos: every server process and
// every backup sees them, on SQLite and PostgreSQL alike (no data directory needed).
export const basemap: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('basemap')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('sha256', 'text', (col) => col.notNull().references('blobs.sha256'))
      .addColumn('size', 'bigint', (col) => col.notNull())
      .addColumn('attribution', 'text', (col) => col.notNull())
      .addColumn('uploaded_by', 'text', (col) => col.notNull())
      .addColumn('uploaded_at', 'text', (col) => col.notNull())
      .execute();
  },
};
