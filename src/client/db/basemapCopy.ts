// This device's copy of the tambon's basemap (issue 16), per user, in Cache Storage: the
// server's info and the file in pieces of BASEMAP_DOWNLOAD_CHUNK_BYTES, each stored as it
// arrives, so a stopped download goes on from the pieces it has. Not encrypted: a basemap is
// the same public map for everyone of the tambon, no person's data. Deleted with the user's
// database (deviceLock.ts `forgetUser`). The service worker never caches /api: this is the
// only copy, made on purpose.
import {
  BASEMAP_DOWNLOAD_CHUNK_BYTES,
  BasemapInfo,
  downloadPieces,
  piecesCovering,
} from '../../shared/api/basemap';
import { basemapCacheName, deleteBasemapCopy } from './basemapCache';

export { deleteBasemapCopy };

export interface BasemapCopy {
  info: BasemapInfo;
  /** Indexes of the pieces stored. */
  pieces: Set<number>;
  storedBytes: number;
  complete: boolean;
}

const INFO_KEY = '/basemap-copy/info';
const pieceKey = (index: number) => `/basemap-copy/piece/${index}`;
const cacheName = basemapCacheName;

const available = () => typeof caches !== 'undefined';

function summary(info: BasemapInfo, pieces: Set<number>): BasemapCopy {
  const all = downloadPieces(info.size);
  const storedBytes = all
    .filter((p) => pieces.has(p.index))
    .reduce((sum, p) => sum + p.end - p.start + 1, 0);
  return { info, pieces, storedBytes, complete: pieces.size === all.length };
}

/** What this user has of the basemap; null when nothing. */
export async function readBasemapCopy(userId: string): Promise<BasemapCopy | null> {
  if (!available() || !(await caches.has(cacheName(userId)))) return null;
  const cache = await caches.open(cacheName(userId));
  const stored = await cache.match(INFO_KEY);
  const info = BasemapInfo.safeParse(stored ? await stored.json().catch(() => null) : null);
  if (!info.success) return null;
  const pieces = new Set<number>();
  for (const request of await cache.keys()) {
    const match = /\/basemap-copy\/piece\/(\d+)$/.exec(new URL(request.url).pathname);
    if (match) pieces.add(Number(match[1]));
  }
  return summary(info.data, pieces);
}

/**
 * Starts (or goes on with) a copy of the file `info` describes: a copy of another file (the
 * admin uploaded a new one) is dropped first. Returns what is already there.
 */
export async function beginBasemapCopy(userId: string, info: BasemapInfo): Promise<BasemapCopy> {
  const current = await readBasemapCopy(userId);
  if (current && current.info.etag === info.etag) return current;
  await deleteBasemapCopy(userId);
  const cache = await caches.open(cacheName(userId));
  await cache.put(INFO_KEY, new Response(JSON.stringify(info)));
  return summary(info, new Set());
}

export async function storeBasemapPiece(
  userId: string,
  index: number,
  bytes: ArrayBuffer,
): Promise<void> {
  const cache = await caches.open(cacheName(userId));
  await cache.put(pieceKey(index), new Response(bytes));
}

/**
 * Reads bytes of a complete copy, as the `pmtiles` library asks (its `Source`): the few pieces
 * last read are kept in memory, since tiles next to each other sit in the same piece.
 */
export function basemapReader(
  userId: string,
  info: BasemapInfo,
): { key: string; read(offset: number, length: number): Promise<ArrayBuffer> } {
  const recent = new Map<number, Promise<Uint8Array>>();
  const piece = (index: number) => {
    let bytes = recent.get(index);
    if (!bytes) {
      bytes = caches
        .open(cacheName(userId))
        .then((cache) => cache.match(pieceKey(index)))
        .then(async (response) => {
          if (!response) throw new Error(`basemap piece ${index} missing`);
          return new Uint8Array(await response.arrayBuffer());
        });
      recent.set(index, bytes);
      bytes.catch(() => recent.delete(index));
      if (recent.size > 6) recent.delete(recent.keys().next().value as number);
    }
    return bytes;
  };
  return {
    key: `basemap:${userId}:${info.etag}`,
    async read(offset, length) {
      const indexes = piecesCovering(offset, length, info.size);
      const out = new Uint8Array(Math.max(0, Math.min(offset + length, info.size) - offset));
      for (const index of indexes) {
        const bytes = await piece(index);
        const start = index * BASEMAP_DOWNLOAD_CHUNK_BYTES;
        const from = Math.max(offset, start);
        const to = Math.min(offset + out.length, start + bytes.length);
        out.set(bytes.subarray(from - start, to - start), from - offset);
      }
      return out.buffer;
    },
  };
}
