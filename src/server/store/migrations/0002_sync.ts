import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from '../dialect';

// Sync engine tables (docs/architecture.md §5). Portable types as in 0001; blob bytes are the one
// column whose type differs (BLOB on SQLite, BYTEA on PostgreSQL).
export const sync: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('users')
      .addColumn('scope_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
      .addColumn('schema_version', 'integer', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('field_meta', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('records_village_seq_idx')
      .on('records')
      .columns(['village_id', 'seq'])
      .execute();

    await db.schema
      .createTable('buckets')
      .addColumn('village_id', 'text', (c) =>
        c.primaryKey().references('villages.id').onDelete('cascade'),
      )
      .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`insert into buckets (village_id, seq) select id, 0 from villages`.execute(db);

    await db.schema
      .createTable('client_counters')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('last_n', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // No foreign keys on the trail tables: they outlive what they describe.
    await db.schema
      .createTable('field_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('hlc', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text')
      .addColumn('mutation_id', 'text')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('clamped', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('field_history_record_idx')
      .on('field_history')
      .columns(['record_id', 'field'])
      .execute();

    await db.schema
      .createTable('conflicts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('winner', 'text', (c) => c.notNull())
      .addColumn('loser', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by', 'text')
      .execute();
    await db.schema
      .createIndex('conflicts_village_seq_idx')
      .on('conflicts')
      .columns(['village_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('conflicts_record_idx')
      .on('conflicts')
      .columns(['record_id', 'field'])
      .execute();

    await db.schema
      .createTable('quarantine')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mutation_id', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text')
      .addColumn('type', 'text')
      .addColumn('record_id', 'text')
      .addColumn('tx_id', 'text')
      .addColumn('mutation', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('details', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('handled_by', 'text')
      .addColumn('handled_at', 'text')
      .addColumn('note', 'text')
      .execute();
    await db.schema
      .createIndex('quarantine_status_idx')
      .on('quarantine')
      .columns(['status', 'id'])
      .execute();
    await db.schema
      .createIndex('quarantine_client_idx')
      .on('quarantine')
      .columns(['client_id', 'mutation_id'])
      .execute();

    await db.schema
      .createTable('departures')
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('departures_pk', ['village_id', 'seq'])
      .execute();

    await db.schema
      .createTable('blobs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('received', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .execute();
    await db.schema
      .createTable('blob_chunks')
      .addColumn('sha256', 'text', (c) =>
        c.notNull().references('blobs.sha256').onDelete('cascade'),
      )
      .addColumn('offset', 'bigint', (c) => c.notNull())
      .addColumn('bytes', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_chunks_pk', ['sha256', 'offset'])
      .execute();
    await db.schema
      .createTable('blob_refs')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_refs_pk', ['sha256', 'village_id'])
      .execute();
  },
};
