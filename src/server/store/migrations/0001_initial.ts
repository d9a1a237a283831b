import type { Kysely, Migration } from 'kysely';

// Migrations see the database untyped: they describe the schema at their point in history,
// not today's `Database` interface.
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('organization')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('subdistrict_code', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('subdistrict_name_th', 'text', (c) => c.notNull())
      .addColumn('district_name_th', 'text', (c) => c.notNull())
      .addColumn('province_name_th', 'text', (c) => c.notNull())
      .addColumn('postal_code', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('villages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('moo_no', 'integer', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('user_villages')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('village_id', 'text', (c) =>
        c.notNull().references('villages.id').onDelete('cascade'),
      )
      .addPrimaryKeyConstraint('user_villages_pk', ['user_id', 'village_id'])
      .execute();
    await db.schema
      .createIndex('user_villages_village_idx')
      .on('user_villages')
      .column('village_id')
      .execute();

    await db.schema
      .createTable('devices')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('name', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('devices_user_idx').on('devices').column('user_id').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('devices.client_id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
    await db.schema.createIndex('sessions_client_idx').on('sessions').column('client_id').execute();

    await db.schema
      .createTable('login_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('first_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .execute();

    // No foreign key to users: the trail outlives what it describes.
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('details', 'text')
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('audit_log_user_idx').on('audit_log').column('user_id').execute();
  },
};
