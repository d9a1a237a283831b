// The tambon's basemap (issue 16): one PMTiles file, its bytes as blob chunks of
// BASEMAP_CHUNK_BYTES at offsets k·BASEMAP_CHUNK_BYTES, so a range reads only the chunks it covers.
import { BASEMAP_CHUNK_BYTES } from '../../shared/api/basemap';
import type { Db } from './executor';

export interface BasemapRecord {
  sha256: string;
  size: number;
  attribution: string;
  uploadedBy: string;
  uploadedAt: string;
}

async function getBasemap(db: Db): Promise<BasemapRecord | null> {
  const row = await db.selectFrom('basemap').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return null;
  return {
    sha256: row.sha256,
    size: Number(row.size),
    attribution: row.attribution,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
  };
}

/** Drops the basemap row and its blob (unless the same bytes are a photo someone references). */
async function deleteBasemap(db: Db): Promise<BasemapRecord | null> {
  const old = await getBasemap(db);
  if (!old) return null;
  await db.deleteFrom('basemap').where('id', '=', 1).execute();
  const referenced = await db
    .selectFrom('blob_refs')
    .select('sha256')
    .where('sha256', '=', old.sha256)
    .executeTakeFirst();
  if (!referenced) {
    await db.deleteFrom('blob_chunks').where('sha256', '=', old.sha256).execute();
    await db.deleteFrom('blobs').where('sha256', '=', old.sha256).execute();
  }
  return old;
}

/** Replaces the basemap with `bytes` (call in a transaction). */
async function putBasemap(
  db: Db,
  basemap: BasemapRecord & { mime: string; bytes: Uint8Array },
): Promise<void> {
  await deleteBasemap(db);
  const { sha256, bytes } = basemap;
  await db.deleteFrom('blob_chunks').where('sha256', '=', sha256).execute();
  await db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
  await db
    .insertInto('blobs')
    .values({
      sha256,
      size: bytes.length,
      mime: basemap.mime,
      received: bytes.length,
      complete: 1,
      created_by: basemap.uploadedBy,
      created_at: basemap.uploadedAt,
      completed_at: basemap.uploadedAt,
    })
    .execute();
  for (let offset = 0; offset < bytes.length; offset += BASEMAP_CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, offset + BASEMAP_CHUNK_BYTES);
    await db.insertInto('blob_chunks').values({ sha256, offset, bytes: chunk }).execute();
  }
  await db
    .insertInto('basemap')
    .values({
      id: 1,
      sha256,
      size: bytes.length,
      attribution: basemap.attribution,
      uploaded_by: basemap.uploadedBy,
      uploaded_at: basemap.uploadedAt,
    })
    .execute();
}

/** Bytes `start`..`end` (both included) of the basemap blob `sha256`. */
async function readBasemapRange(
  db: Db,
  sha256: string,
  start: number,
  end: number,
): Promise<Buffer> {
  const first = Math.floor(start / BASEMAP_CHUNK_BYTES) * BASEMAP_CHUNK_BYTES;
  const rows = await db
    .selectFrom('blob_chunks')
    .select(['offset', 'bytes'])
    .where('sha256', '=', sha256)
    .where('offset', '>=', first)
    .where('offset', '<=', end)
    .orderBy('offset')
    .execute();
  const joined = Buffer.concat(rows.map((r) => Buffer.from(r.bytes)));
  return joined.subarray(start - first, end - first + 1);
}

export const basemapQueries = { getBasemap, deleteBasemap, putBasemap, readBasemapRange };
