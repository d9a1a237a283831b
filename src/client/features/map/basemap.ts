// Downloading the tambon's basemap to this device (issue 16): the server's info, then the
// missing pieces by HTTP ranges, each stored as it arrives (db/basemapCopy.ts), so a download
// cut by a lost signal or a closed app goes on later from where it stopped.
import { signal } from '@preact/signals';
import {
  BasemapInfo,
  BasemapRefusalCode,
  downloadPieces,
  isPmtilesV3,
  isSqlite,
  MAX_BASEMAP_BYTES,
} from '../../../shared/api/basemap';
import { api, withSession } from '../../api/authenticated';
import { apiRaw, okOrThrow } from '../../api/blobsHttp';
import { ApiError } from '../../api/http';
import {
  type BasemapCopy,
  beginBasemapCopy,
  readBasemapCopy,
  storeBasemapPiece,
} from '../../db/basemapCopy';

/** Bumped when a copy is completed or deleted: maps showing the basemap read it again. */
export const basemapRevision = signal(0);

/** The server's basemap now; null when it has none. Throws ApiError (offline…). */
export async function serverBasemap(): Promise<BasemapInfo | null> {
  try {
    return BasemapInfo.parse(await api<unknown>('/api/basemap/info'));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') return null;
    throw error;
  }
}

/**
 * Downloads what this user's copy lacks of `info`'s file. `onProgress` hears the copy after
 * each stored piece. Throws ApiError when the network fails, or `changed` when the server's
 * file changed meanwhile (the next download starts afresh).
 */
export async function downloadBasemap(
  userId: string,
  info: BasemapInfo,
  onProgress: (copy: BasemapCopy) => void,
  signal?: AbortSignal,
): Promise<BasemapCopy> {
  let copy = await beginBasemapCopy(userId, info);
  onProgress(copy);
  for (const piece of downloadPieces(info.size)) {
    if (copy.pieces.has(piece.index)) continue;
    signal?.throwIfAborted();
    const response = await apiRaw('/api/basemap', {
      method: 'GET',
      headers: { Range: `bytes=${piece.start}-${piece.end}` },
    });
    const bytes = await response.arrayBuffer();
    if (
      response.status !== 206 ||
      response.headers.get('etag') !== info.etag ||
      bytes.byteLength !== piece.end - piece.start + 1
    ) {
      throw new Error('changed');
    }
    await storeBasemapPiece(userId, piece.index, bytes);
    copy = (await readBasemapCopy(userId)) ?? copy;
    onProgress(copy);
  }
  if (copy.complete) basemapRevision.value += 1;
  return copy;
}

/** Why an upload was refused, for the admin's message: the server's reason, or one of these. */
export type UploadRefusal = BasemapRefusalCode | 'too_large' | 'busy' | 'failed';

/** The server's reason in a 400 answer; a file it did not take when it names none known. */
function refusalOf(error: ApiError): BasemapRefusalCode {
  const issue = error.fieldIssues.find((i) => i.path === 'body');
  const code = BasemapRefusalCode.safeParse(issue?.message);
  return code.success ? code.data : 'not_pmtiles_or_mbtiles';
}

/**
 * Uploads a PMTiles or MBTiles file as the tambon's basemap (admins). Its first bytes are
 * checked here, so a wrong file is refused before megabytes go over the network; the server
 * checks again, and reads an MBTiles file through.
 */
export async function uploadBasemap(file: File): Promise<BasemapInfo | UploadRefusal> {
  if (file.size > MAX_BASEMAP_BYTES) return 'too_large';
  const head = new Uint8Array(await file.slice(0, 127).arrayBuffer());
  if (!isPmtilesV3(head) && !isSqlite(head)) return 'not_pmtiles_or_mbtiles';
  try {
    const response = await withSession(async (token) =>
      okOrThrow(
        await fetch('/api/basemap', {
          method: 'PUT',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
          body: file,
          cache: 'no-store',
        }),
      ),
    );
    return BasemapInfo.parse(await response.json());
  } catch (error) {
    if (error instanceof ApiError && error.status === 413) return 'too_large';
    if (error instanceof ApiError && error.status === 429) return 'busy';
    if (error instanceof ApiError && error.status === 400) return refusalOf(error);
    return 'failed';
  }
}
