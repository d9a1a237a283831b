// Data written under an older schema reads the same after the later migrations.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dropPostgresSchema, type StoreConfig } from '../../src/server/store';
import { openKysely } from '../../src/server/store/dialect';
import { MIGRATIONS } from '../../src/server/store/migrations';
import type { Database } from '../../src/server/store/schema';
import { openStore } from '../../src/server/store/store';
import { uuidv7 } from '../../src/shared/ids';
import { testDatabases } from './databases';

const databases = await testDatabases();

/** The migrations up to and including `last`. */
function migrationsThrough(last: string): Record<string, Migration> {
  return Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name <= last));
}

async function migrateTo(db: Kysely<Database>, last: string, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsThrough(last) },
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

const hlc = (ms: number) => `${new Date(ms).toISOString()}-0000-device-a1`;

describe.each(databases)('migrations of sync data on $name', ({ name }) => {
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

  it('keeps field metadata and the value trail written before 0003 and 0004', async () => {
    const cfg = config();
    const db = await openKysely(cfg);
    const schema = cfg.kind === 'postgres' ? cfg.schema : undefined;
    await migrateTo(db, '0002_sync', schema);

    const villageId = uuidv7();
    const recordId = uuidv7();
    const at = '2026-03-01T00:00:00.000Z';
    await sql`insert into villages (id, moo_no, name, code, created_at, updated_at)
      values (${villageId}, 1, 'v', '45180401', ${at}, ${at})`.execute(db);
    const fieldMeta = {
      houseNo: { seq: 1, hlc: hlc(1000), by: 'u1' },
      soi: { seq: 1, hlc: hlc(1000), by: 'u1' },
      deleted: { seq: 3, hlc: hlc(3000), by: 'u2' },
      note: { seq: 2, hlc: hlc(2000), by: 'u2' },
    };
    const fields = { houseNo: '12/3', soi: 'ข', note: { text: 'บ้าน "ไม้"', n: [1, 2] } };
    await sql`insert into records
      (id, type, village_id, schema_version, fields, field_meta, deleted, seq, created_at, updated_at)
      values (${recordId}, 'household', ${villageId}, 1, ${JSON.stringify(fields)},
        ${JSON.stringify(fieldMeta)}, 1, 3, ${at}, ${at})`.execute(db);
    const trail = [
      ['houseNo', '12/3', 1, 'applied'],
      ['soi', 'ข', 1, 'applied'],
      ['note', { text: 'บ้าน "ไม้"', n: [1, 2] }, 2, 'applied'],
      ['note', null, 2, 'lost'],
    ] as const;
    for (const [i, [field, value, seq, outcome]] of trail.entries()) {
      await sql`insert into field_history
        (id, record_id, village_id, field, value, hlc, by_user, client_id, mutation_id, seq,
         outcome, clamped, at)
        values (${`0000000${i}-0000-7000-8000-000000000000`}, ${recordId}, ${villageId}, ${field},
          ${JSON.stringify(value)}, ${hlc(seq * 1000)}, 'u1', 'device-a1', ${`device-a1:${seq}`},
          ${seq}, ${outcome}, 0, ${at})`.execute(db);
    }

    const store = await openStore(cfg.kind, db);
    cleanup.push(() => store.close());
    expect(await store.migrate()).toBe(Object.keys(MIGRATIONS).length);

    expect(await store.getRecord(recordId)).toEqual({
      id: recordId,
      type: 'household',
      villageId,
      schemaVersion: 1,
      fields,
      deleted: true,
      fieldMeta,
      seq: 3,
    });
    const history = await store.fieldHistory(recordId);
    expect(history.map((h) => [h.field, h.value, h.seq, h.outcome])).toEqual(trail);
    expect(history[0]).toMatchObject({ hlc: hlc(1000), byUser: 'u1', mutationId: 'device-a1:1' });
  });
});
