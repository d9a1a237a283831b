import { type Kysely, type Migration, sql } from 'kysely';

// `field_history` held one row per field value: a push of 20,000 new records wrote 400,000 rows
// and spent most of its time there. Now one row holds every value one write set (the applied
// fields of a mutation, or one losing value), as a JSON object; the trail reads the same.
export const historyPerWrite: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('field_history').renameTo('field_history_old').execute();
    await db.schema
      .createTable('field_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text', (c) => c.notNull())
      // JSON object, field name -> value, in the order the write set them.
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('hlc', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text')
      .addColumn('mutation_id', 'text')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('clamped', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    // Field names match FIELD_NAME_PATTERN (letters, digits, `_`) and values are stored as JSON,
    // so the object is spelled by concatenation, the same on both databases.
    await sql`
      insert into field_history
        (id, record_id, village_id, fields, hlc, by_user, client_id, mutation_id, seq, outcome,
         clamped, at)
      select id, record_id, village_id, '{"' || field || '":' || value || '}', hlc, by_user,
        client_id, mutation_id, seq, outcome, clamped, at
      from field_history_old`.execute(db);
    await db.schema.dropTable('field_history_old').execute();
    await db.schema
      .createIndex('field_history_record_seq_idx')
      .on('field_history')
      .columns(['record_id', 'seq'])
      .execute();
  },
};
