import { type Kysely, type Migration, sql } from 'kysely';
import { packFieldMeta } from '../fieldMetaCodec';

const BATCH = 500;

// `records.field_meta` moves from `{field: {seq, hlc, by}}` to the packed form of
// fieldMetaCodec.ts (each write listed once). Same content, about a sixth of the bytes.
export const packedFieldMeta: Migration = {
  async up(db: Kysely<unknown>) {
    let after = '';
    for (;;) {
      const { rows } = await sql<{ id: string; field_meta: string }>`
        select id, field_meta from records where id > ${after} order by id limit ${BATCH}
      `.execute(db);
      for (const row of rows) {
        const packed = packFieldMeta(JSON.parse(row.field_meta));
        await sql`update records set field_meta = ${packed} where id = ${row.id}`.execute(db);
      }
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) return;
      after = last.id;
    }
  },
};
