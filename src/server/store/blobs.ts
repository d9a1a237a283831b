// Photos and files: uploaded in chunks, referenced per village by the records that name them.
import { sql } from 'kysely';
import { findBlobRefs } from '../../shared/sync/validate';
import { isPostgres } from './dialect';
import { batches, type Db, likeLiteral } from './executor';
import { userSees } from './scope';

export interface BlobRecord {
  sha256: string;
  size: number;
  mime: string;
  received: number;
  complete: boolean;
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
}

/** With `lock`, the row stays locked to the end of the transaction (PostgreSQL). */
async function getBlob(
  db: Db,
  sha256: string,
  options: { lock?: boolean } = {},
): Promise<BlobRecord | null> {
  let query = db.selectFrom('blobs').selectAll().where('sha256', '=', sha256);
  if (options.lock && isPostgres(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    sha256: row.sha256,
    size: Number(row.size),
    mime: row.mime,
    received: Number(row.received),
    complete: Number(row.complete) === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/** Starts an upload; does nothing if the blob is already there. */
async function createBlob(
  db: Db,
  blob: { sha256: string; size: number; mime: string; createdBy: string; at: string },
): Promise<void> {
  await db
    .insertInto('blobs')
    .values({
      sha256: blob.sha256,
      size: blob.size,
      mime: blob.mime,
      received: 0,
      complete: 0,
      created_by: blob.createdBy,
      created_at: blob.at,
      completed_at: null,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

async function appendBlobChunk(
  db: Db,
  sha256: string,
  offset: number,
  bytes: Uint8Array,
): Promise<void> {
  await db.insertInto('blob_chunks').values({ sha256, offset, bytes }).execute();
}

async function setBlobProgress(
  db: Db,
  sha256: string,
  received: number,
  completedAt: string | null,
): Promise<void> {
  await db
    .updateTable('blobs')
    .set({ received, complete: completedAt ? 1 : 0, completed_at: completedAt })
    .where('sha256', '=', sha256)
    .execute();
}

/** The whole blob, chunks in order. */
async function readBlob(db: Db, sha256: string): Promise<Buffer> {
  const rows = await db
    .selectFrom('blob_chunks')
    .select('bytes')
    .where('sha256', '=', sha256)
    .orderBy('offset')
    .execute();
  return Buffer.concat(rows.map((r) => Buffer.from(r.bytes)));
}

async function deleteBlob(db: Db, sha256: string): Promise<void> {
  await db.deleteFrom('blob_chunks').where('sha256', '=', sha256).execute();
  await db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
}

async function addBlobRefs(
  db: Db,
  refs: Array<{ sha256: string; villageId: string }>,
): Promise<void> {
  const unique = new Map(refs.map((r) => [`${r.sha256}:${r.villageId}`, r]));
  for (const part of batches([...unique.values()])) {
    await db
      .insertInto('blob_refs')
      .values(part.map((r) => ({ sha256: r.sha256, village_id: r.villageId })))
      .onConflict((oc) => oc.columns(['sha256', 'village_id']).doNothing())
      .execute();
  }
}

/**
 * True when the blob is complete and either referenced by a record of a village the user may
 * see (decided in SQL, as `visibleVillages`) or uploaded by the user.
 */
async function mayReadBlob(db: Db, sha256: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('blobs as b')
    .select('b.sha256')
    .where('b.sha256', '=', sha256)
    .where('b.complete', '=', 1)
    .where((eb) =>
      eb.or([
        eb('b.created_by', '=', userId),
        eb.exists(
          eb
            .selectFrom('blob_refs as r')
            .select(sql.lit(1).as('one'))
            .whereRef('r.sha256', '=', 'b.sha256')
            .where(userSees(userId, sql.ref('r.village_id'))),
        ),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** Each held blob among `sha256s`: uploaded by the user, visible to them, or neither. */
async function blobAccess(
  db: Db,
  sha256s: string[],
  userId: string,
): Promise<Map<string, 'uploaded' | 'visible' | 'foreign'>> {
  const access = new Map<string, 'uploaded' | 'visible' | 'foreign'>();
  for (const part of batches(sha256s)) {
    const rows = await db
      .selectFrom('blobs as b')
      .select(['b.sha256', 'b.created_by'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('blob_refs as r')
              .select(sql.lit(1).as('one'))
              .whereRef('r.sha256', '=', 'b.sha256')
              .where(userSees(userId, sql.ref('r.village_id'))),
          )
          .as('visible'),
      )
      .where('b.sha256', 'in', part)
      .execute();
    for (const row of rows) {
      const visible = row.visible === true || Number(row.visible) === 1;
      access.set(
        row.sha256,
        row.created_by === userId ? 'uploaded' : visible ? 'visible' : 'foreign',
      );
    }
  }
  return access;
}

/**
 * Whether a person's `idCardPhotos` ever held the blob, from the field history (every value a
 * record was ever written with, applied or lost): a photo once filed as an ID card stays one.
 * Only asked for roles that may not see ID-card photos.
 */
async function isIdCardPhoto(db: Db, sha256: string): Promise<boolean> {
  const rows = await db
    .selectFrom('field_history as h')
    .innerJoin('records as r', 'r.id', 'h.record_id')
    .select('h.fields')
    .where('r.type', '=', 'person')
    .where(sql<boolean>`h.fields like ${`%${likeLiteral(sha256)}%`} escape '\\'`)
    .execute();
  return rows.some((row) => {
    const photos = (JSON.parse(row.fields) as { idCardPhotos?: unknown }).idCardPhotos;
    return findBlobRefs(photos).some((ref) => ref.sha256 === sha256);
  });
}

/**
 * Deletes the blob unless a record, history row, conflict or quarantined mutation still
 * mentions it (call after the redaction). True when deleted.
 */
async function deleteBlobIfUnreferenced(db: Db, sha256: string): Promise<boolean> {
  const pattern = `%${likeLiteral(sha256)}%`;
  const like = (column: string) => sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
  const used = await db
    .selectFrom('blobs as b')
    .select('b.sha256')
    .where('b.sha256', '=', sha256)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('records').select(sql.lit(1).as('one')).where(like('fields'))),
        eb.exists(
          eb.selectFrom('field_history').select(sql.lit(1).as('one')).where(like('fields')),
        ),
        eb.exists(
          eb
            .selectFrom('conflicts')
            .select(sql.lit(1).as('one'))
            .where((c) => c.or([like('winner'), like('loser')])),
        ),
        eb.exists(eb.selectFrom('quarantine').select(sql.lit(1).as('one')).where(like('mutation'))),
      ]),
    )
    .executeTakeFirst();
  const exists = await db
    .selectFrom('blobs')
    .select('sha256')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (used || !exists) return false;
  await db.deleteFrom('blob_chunks').where('sha256', '=', sha256).execute();
  await db.deleteFrom('blob_refs').where('sha256', '=', sha256).execute();
  await db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
  return true;
}

export const blobQueries = {
  getBlob,
  createBlob,
  appendBlobChunk,
  setBlobProgress,
  readBlob,
  deleteBlob,
  addBlobRefs,
  mayReadBlob,
  blobAccess,
  isIdCardPhoto,
  deleteBlobIfUnreferenced,
};
