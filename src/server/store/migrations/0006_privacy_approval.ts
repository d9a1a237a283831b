import { type Kysely, type Migration, sql } from 'kysely';
import { TITLE_PREFIXES } from '../../../shared/model/person';

// PDPA requests (issue 11): an access request is approved by a second handler before the
// person's data can be exported (`approved_by`, `approved_at`), and the person's title is kept
// as its code (`person_title`) so screens print it in the reader's language; names taken in
// before this kept the code as their first word ("mrs สมศรี …"): it moves to the new column.
export const privacyApproval: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('privacy_requests').addColumn('approved_by', 'text').execute();
    await db.schema.alterTable('privacy_requests').addColumn('approved_at', 'text').execute();
    await db.schema.alterTable('privacy_requests').addColumn('person_title', 'text').execute();
    const { rows } = await sql<{ id: string; person_name: string }>`
      select id, person_name from privacy_requests`.execute(db);
    for (const row of rows) {
      const [first, ...rest] = row.person_name.split(' ');
      if (!(TITLE_PREFIXES as readonly string[]).includes(first ?? '') || rest.length === 0) {
        continue;
      }
      await sql`update privacy_requests set person_title = ${first}, person_name = ${rest.join(' ')}
        where id = ${row.id}`.execute(db);
    }
  },
};
