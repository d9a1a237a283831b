import type { Kysely, Migration } from 'kysely';

// Answers kept for an `Idempotency-Key` (plugins/answerOnce.ts): a browser sends a POST again
// when the connection it went over closed before the answer came (Chromium does, even after the
// server wrote everything), and an import sent twice must answer what the first one did. A row
// is claimed (status null) before the handler runs and holds the answer once it is sent; rows
// older than an hour are purged.
export const requestAnswers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('request_answers')
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('route', 'text', (col) => col.notNull())
      .addColumn('body_hash', 'text', (col) => col.notNull())
      .addColumn('started_at', 'text', (col) => col.notNull())
      .addColumn('status', 'integer')
      .addColumn('body', 'text')
      .addPrimaryKeyConstraint('request_answers_pk', ['user_id', 'key'])
      .execute();
    await db.schema
      .createIndex('request_answers_started_at')
      .on('request_answers')
      .column('started_at')
      .execute();
  },
};
