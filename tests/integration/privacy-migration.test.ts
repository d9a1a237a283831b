// Migration 0006 on SQLite and PostgreSQL: requests taken in before it kept the title code as
// the first word of the name ("mrs สมศรี …"); it moves to `person_title`, and nothing is
// approved yet.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dropPostgresSchema, type StoreConfig } from '../../src/server/store';
import { openKysely } from '../../src/server/store/dialect';
import { MIGRATIONS } from '../../src/server/store/migrations';
import type { Database } from '../../src/server/store/schema';
import { openStore } from '../../src/server/store/store';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';

const databases = await testDatabases();

async function migrateThrough(db: Kysely<Database>, last: string, schema?: string) {
  const migrations = Object.fromEntries(
    Object.entries(MIGRATIONS).filter(([name]) => name <= last),
  );
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

describe.each(databases)('privacy requests migration on $name', ({ name }) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  function config(): StoreConfig {
    if (name === 'sqlite') {
      const dir = join(tmpdir(), `tambon-field-migrate-${randomBytes(6).toString('hex')}`);
      mkdirSync(dir, { recursive: true });
      cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
      return { kind: 'sqlite', file: join(dir, 'test.sqlite') };
    }
    const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `test_${randomBytes(6).toString('hex')}`;
    cleanup.push(() => dropPostgresSchema(url, schema));
    return { kind: 'postgres', url, schema };
  }

  it('moves a title code out of the stored name', async () => {
    const cfg = config();
    const db = await openKysely(cfg);
    await migrateThrough(db, '0005_privacy', cfg.kind === 'postgres' ? cfg.schema : undefined);
    const names = ['mrs สมศรี มือใหม่', 'girl น้องใจ ดีมาก', 'สมชาย ใจดี', 'mr'];
    const ids = names.map(() => uuidv7());
    for (const [i, personName] of names.entries()) {
      await sql`insert into privacy_requests (id, person_id, person_name, kind, received_on,
        due_on, requester_name, requester_contact, note, status, created_by, created_at)
        values (${ids[i]}, ${uuidv7()}, ${personName}, 'access', '2026-12-01', '2026-12-31',
          'x', '', '', 'open', 'u1', '2026-12-01T00:00:00.000Z')`.execute(db);
    }
    const store = await openStore(cfg.kind, db);
    cleanup.push(() => store.close());
    expect(await store.migrate()).toBe(Object.keys(MIGRATIONS).length);
    const { rows } = await sql<{
      id: string;
      person_name: string;
      person_title: string | null;
      approved_at: string | null;
    }>`select id, person_name, person_title, approved_at from privacy_requests`.execute(db);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(ids.map((id) => [byId.get(id)?.person_title, byId.get(id)?.person_name])).toEqual([
      ['mrs', 'สมศรี มือใหม่'],
      ['girl', 'น้องใจ ดีมาก'],
      [null, 'สมชาย ใจดี'],
      // A title alone (no name recorded) stays as it was.
      [null, 'mr'],
    ]);
    expect(rows.every((row) => row.approved_at === null)).toBe(true);
  });
});
