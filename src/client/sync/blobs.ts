// Photos on the device (docs/architecture.md §5 Blobs): compressed to ~300 KB JPEG in the browser,
// named by their SHA-256, kept in the `blobs` table with state `upload` until the uploader
// (blobsUpload.ts) has them on the server. The record only holds `{sha256, size, mime}`.
//
// The canvas part (`preparePhoto`) needs a real browser: createImageBitmap, EXIF orientation
// and JPEG encoding do not exist in happy-dom or Node. Everything it decides is in the small
// pure functions below, which the unit tests cover.
import { BLOB_CHUNK_BYTES } from '../../shared/api/blobs';
import type { AttachmentRef } from '../../shared/model/household';
import type { BlobRow, TambonDatabase } from '../db/database';

/** What a compressed photo should weigh at most (a little over is accepted at the floor). */
export const PHOTO_TARGET_BYTES = 300 * 1024;
/** The long side of a photo on the device: enough to read a house number or an ID card. */
export const PHOTO_MAX_SIDE = 1600;
/** Below this long side we stop shrinking and accept the size we have. */
export const PHOTO_MIN_SIDE = 800;
export const PHOTO_START_QUALITY = 0.82;
export const PHOTO_MIN_QUALITY = 0.42;
const QUALITY_STEP = 0.1;
/** When even the lowest quality is too big, the long side shrinks by this factor. */
const SHRINK = 0.8;
/** Quality to start again from after a shrink (fewer pixels take a better quality). */
const QUALITY_AFTER_SHRINK = 0.72;

export type PhotoMime = 'image/jpeg';

/** A photo ready to store: JPEG bytes and their SHA-256 (lowercase hex). */
export interface PreparedPhoto {
  blob: Blob;
  sha256: string;
  size: number;
  mime: PhotoMime;
}

export class PhotoError extends Error {
  constructor(readonly code: 'not_an_image' | 'encode_failed') {
    super(code);
    this.name = 'PhotoError';
  }
}

/** One JPEG encoding attempt: the quality and the long side of the image, in pixels. */
export interface EncodeStep {
  quality: number;
  longSide: number;
}

/** The first attempt for an image of this size: never upscaled, at most `PHOTO_MAX_SIDE`. */
export function firstEncodeStep(width: number, height: number): EncodeStep {
  return {
    quality: PHOTO_START_QUALITY,
    longSide: Math.min(Math.max(width, height), PHOTO_MAX_SIDE),
  };
}

/**
 * What to try after an attempt gave `encodedBytes`: null when it is small enough, or when
 * nothing smaller is worth trying (lowest quality at the smallest side). Quality steps down
 * first; below the floor the image shrinks and the quality starts again a little higher.
 * Always terminates: every step lowers the quality or the side.
 */
export function nextEncodeStep(
  step: EncodeStep,
  encodedBytes: number,
  targetBytes: number = PHOTO_TARGET_BYTES,
): EncodeStep | null {
  if (encodedBytes <= targetBytes) return null;
  const lower = Math.round((step.quality - QUALITY_STEP) * 100) / 100;
  if (lower >= PHOTO_MIN_QUALITY) return { ...step, quality: lower };
  const smaller = Math.round(step.longSide * SHRINK);
  if (smaller < PHOTO_MIN_SIDE) return null;
  return { quality: QUALITY_AFTER_SHRINK, longSide: smaller };
}

/** The width and height that fit `longSide`, keeping the aspect ratio (never upscaled). */
export function scaledSize(
  width: number,
  height: number,
  longSide: number,
): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** A byte range `[start, end)` of a blob, sent as one PATCH. */
export interface Chunk {
  start: number;
  end: number;
}

/** The chunks that send a blob of `size` bytes from `offset` on (the offset HEAD reported). */
export function planChunks(size: number, offset: number, chunkBytes = BLOB_CHUNK_BYTES): Chunk[] {
  if (!Number.isInteger(offset) || offset < 0 || offset > size) {
    throw new RangeError(`offset ${offset} outside a blob of ${size} bytes`);
  }
  const chunks: Chunk[] = [];
  for (let start = offset; start < size; start += chunkBytes) {
    chunks.push({ start, end: Math.min(size, start + chunkBytes) });
  }
  return chunks;
}

/** SHA-256 as lowercase hex, as the server names blobs (WebCrypto; works in Node too). */
export async function sha256Hex(data: Blob | ArrayBuffer | ArrayBufferView): Promise<string> {
  let bytes: ArrayBuffer | ArrayBufferView;
  if (data instanceof Blob) bytes = await data.arrayBuffer();
  else bytes = data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hashes a blob that is already in its final form (a JPEG from `preparePhoto`, or a test's). */
export async function preparedBlob(
  blob: Blob,
  mime: PhotoMime = 'image/jpeg',
): Promise<PreparedPhoto> {
  return { blob, sha256: await sha256Hex(blob), size: blob.size, mime };
}

/** A decoded image, upright: what the canvas draws from. */
interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

/**
 * Decodes with the EXIF orientation applied (`imageOrientation: 'from-image'`). Without
 * createImageBitmap (old Safari) an <img> decodes it, which also follows EXIF orientation.
 */
async function decode(file: Blob): Promise<Decoded> {
  try {
    if (typeof createImageBitmap === 'function') {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return {
        source: bitmap,
        width: bitmap.width,
        height: bitmap.height,
        close: () => bitmap.close(),
      };
    }
    const url = URL.createObjectURL(file);
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      return {
        source: image,
        width: image.naturalWidth,
        height: image.naturalHeight,
        close: () => undefined,
      };
    } finally {
      URL.revokeObjectURL(url);
    }
  } catch {
    throw new PhotoError('not_an_image');
  }
}

type Surface = {
  encode(quality: number): Promise<Blob>;
};

/** The image drawn at this size on an OffscreenCanvas where there is one, else a DOM canvas. */
function drawn(image: Decoded, width: number, height: number): Surface {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoError('encode_failed');
    paint(context, image.source, width, height);
    return { encode: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoError('encode_failed');
  paint(context, image.source, width, height);
  return {
    encode: (quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new PhotoError('encode_failed'))),
          'image/jpeg',
          quality,
        ),
      ),
  };
}

function paint(
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D,
  source: CanvasImageSource,
  width: number,
  height: number,
): void {
  // JPEG has no transparency: a transparent PNG would otherwise turn black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
}

/**
 * A camera photo or picked image as a JPEG of about `PHOTO_TARGET_BYTES`: decoded with its
 * EXIF orientation applied (a portrait photo stays upright), the long side scaled down to
 * `PHOTO_MAX_SIDE`, then encoded with the quality stepping down (and, if needed, the size) until
 * it fits. Re-encoding also drops the EXIF block, GPS position included. Browser only.
 */
export async function preparePhoto(file: Blob): Promise<PreparedPhoto> {
  const image = await decode(file);
  try {
    let step: EncodeStep | null = firstEncodeStep(image.width, image.height);
    let canvas: Surface | null = null;
    let drawnSide = 0;
    let best: Blob | null = null;
    while (step) {
      if (!canvas || drawnSide !== step.longSide) {
        const { width, height } = scaledSize(image.width, image.height, step.longSide);
        canvas = drawn(image, width, height);
        drawnSide = step.longSide;
      }
      const encoded = await canvas.encode(step.quality);
      if (!best || encoded.size < best.size) best = encoded;
      step = nextEncodeStep(step, encoded.size);
    }
    if (!best || best.size === 0) throw new PhotoError('encode_failed');
    return preparedBlob(new Blob([best], { type: 'image/jpeg' }));
  } finally {
    image.close();
  }
}

/**
 * Keeps a prepared photo on the device, waiting for upload, and returns the reference the
 * record stores. The same photo twice is one row; a copy already on the server stays `stored`.
 */
export async function storePhoto(
  database: TambonDatabase,
  photo: PreparedPhoto,
  caption?: string,
): Promise<AttachmentRef> {
  const sealed = await sealBlob(database, photo.blob);
  await database.transaction('rw', database.blobs, async () => {
    if (await database.blobs.get(photo.sha256)) return;
    const row: BlobRow = {
      sha256: photo.sha256,
      blob: sealed,
      size: photo.size,
      mime: photo.mime,
      state: 'upload',
      createdAt: new Date().toISOString(),
    };
    await database.blobs.add(row);
  });
  const ref: AttachmentRef = { sha256: photo.sha256, size: photo.size, mime: photo.mime };
  return caption ? { ...ref, caption } : ref;
}

/**
 * Photos are sealed at rest in a user's database like sensitive fields (a photo of an ID or
 * disability card is sensitive data). Sealing needs the bytes, so it happens before the
 * transaction that stores them; `size`, `mime` and the SHA-256 stay those of the photo.
 */
export async function sealBlob(database: TambonDatabase, photo: Blob): Promise<Blob> {
  const cipher = database.cipher?.();
  if (!cipher) return photo;
  const sealed = cipher.sealBytes(new Uint8Array(await photo.arrayBuffer()));
  return new Blob([sealed as BlobPart], { type: 'application/octet-stream' });
}

/** The photo itself from what `sealBlob` stored. */
export async function openBlob(
  database: TambonDatabase,
  stored: Blob,
  mime?: string,
): Promise<Blob> {
  const cipher = database.cipher?.();
  if (!cipher) return stored;
  const photo = cipher.openBytes(new Uint8Array(await stored.arrayBuffer()));
  return new Blob([photo as BlobPart], { type: mime ?? stored.type });
}

/** The device is out of storage (IndexedDB reports it as is, or wrapped in an AbortError). */
export function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; depth++) {
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
