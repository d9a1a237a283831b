import type { Kysely, Migration } from 'kysely';

// PDPA (issue 6): data-subject requests, the fields an erasure purged (so a device that had not
// synced yet cannot write them back unseen), device audit events recorded once by their id, and
// indexes for the audit viewer's filters.
export const privacy: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('privacy_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('person_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('requester_name', 'text', (c) => c.notNull())
      .addColumn('requester_contact', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('closing_note', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('closed_by', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('erased_at', 'text')
      .execute();
    await db.schema
      .createIndex('privacy_requests_person_idx')
      .on('privacy_requests')
      .column('person_id')
      .execute();

    await db.schema
      .createTable('erased_fields')
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('erased_fields_pk', ['record_id', 'field'])
      .execute();

    await db.schema.alterTable('audit_log').addColumn('event_id', 'text').execute();
    await db.schema
      .createIndex('audit_log_event_idx')
      .on('audit_log')
      .column('event_id')
      .unique()
      .execute();
    await db.schema.createIndex('audit_log_action_idx').on('audit_log').column('action').execute();
    await db.schema.createIndex('audit_log_target_idx').on('audit_log').column('target').execute();
  },
};
