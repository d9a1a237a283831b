// Looking people and what concerns them up across villages (PDPA requests, the people
// search): every read is filtered by the user's villages in SQL, like the sync engine's.
import { sql } from 'kysely';
import type { SyncRecord } from '../../shared/sync/protocol';
import { type Db, likeLiteral } from './executor';
import { toRecord } from './records';
import { userSees } from './scope';

/**
 * Candidates by a LIKE on the stored JSON (every word of `q`), then matched on the name (every
 * word in first or last name: "สมศรี มือใหม่" finds her), the whole national ID, or the id.
 */
async function findPeople(db: Db, userId: string, q: string, limit: number): Promise<SyncRecord[]> {
  const needle = q.trim();
  const words = needle.split(/\s+/).filter((word) => word !== '');
  const digits = needle.replace(/[\s-]/g, '');
  const like = (text: string) => sql<boolean>`fields like ${`%${likeLiteral(text)}%`} escape '\\'`;
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('type', '=', 'person')
    .where('deleted', '=', 0)
    .where(userSees(userId, sql.ref('records.village_id')))
    .where((eb) => eb.or([eb('id', '=', needle), eb.and(words.map(like)), like(digits)]))
    .orderBy('id')
    .limit(500)
    .execute();
  const matches = (record: SyncRecord) => {
    const f = record.fields as Record<string, unknown>;
    const name = `${f.firstName ?? ''} ${f.lastName ?? ''}`;
    return (
      record.id === needle ||
      (words.length > 0 && words.every((word) => name.includes(word))) ||
      (digits.length >= 4 && typeof f.nationalId === 'string' && f.nationalId === digits)
    );
  };
  return rows.map(toRecord).filter(matches).slice(0, limit);
}

/** A record, if the user may see its village (SQL). */
async function visibleRecord(db: Db, userId: string, id: string): Promise<SyncRecord | null> {
  const row = await db
    .selectFrom('records')
    .selectAll()
    .where('id', '=', id)
    .where(userSees(userId, sql.ref('records.village_id')))
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** JSON.stringify writes `"key":"value"` without spaces: the stored text has it verbatim. */
function mentions(key: string, id: string) {
  return sql<boolean>`fields like ${`%"${key}":"${likeLiteral(id)}"%`} escape '\\'`;
}

/** Records whose fields name `personId` (cases, visits, assistance, enrollments), any village. */
async function recordsAboutPerson(db: Db, personId: string): Promise<SyncRecord[]> {
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('type', '!=', 'person')
    .where(mentions('personId', personId))
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/** Records (visits, assistance, status changes, enrollments) whose `caseId` is one of these. */
async function recordsOfCases(db: Db, caseIds: string[]): Promise<SyncRecord[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where((eb) => eb.or(caseIds.map((id) => mentions('caseId', id))))
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

export const peopleQueries = { findPeople, visibleRecord, recordsAboutPerson, recordsOfCases };
