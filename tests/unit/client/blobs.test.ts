// The testable parts of photo preparation: hashing, chunk planning, the quality/size stepping
// decision and storing. `preparePhoto` itself (createImageBitmap with EXIF orientation, canvas
// JPEG encoding) needs a real browser and is not run here: happy-dom and Node have no image
// decoder or canvas encoder.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TambonDatabase } from '../../../src/client/db/database';
import {
  type EncodeStep,
  firstEncodeStep,
  isQuotaError,
  nextEncodeStep,
  PHOTO_MAX_SIDE,
  PHOTO_MIN_QUALITY,
  PHOTO_MIN_SIDE,
  PHOTO_START_QUALITY,
  PHOTO_TARGET_BYTES,
  PhotoError,
  planChunks,
  preparedBlob,
  preparePhoto,
  scaledSize,
  sha256Hex,
  storePhoto,
} from '../../../src/client/sync/blobs';
import { BLOB_CHUNK_BYTES } from '../../../src/shared/api/blobs';
import { uuidv7 } from '../../../src/shared/ids';

const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('sha256Hex', () => {
  it('hashes known bytes from a Blob, an ArrayBuffer and a typed array alike', async () => {
    const bytes = new TextEncoder().encode('abc');
    expect(await sha256Hex(new Blob([bytes]))).toBe(ABC_SHA256);
    expect(await sha256Hex(bytes.buffer)).toBe(ABC_SHA256);
    expect(await sha256Hex(bytes)).toBe(ABC_SHA256);
    expect(await sha256Hex(new Uint8Array(0))).toBe(EMPTY_SHA256);
  });

  it('hashes only the view of a typed array, not its whole buffer', async () => {
    const buffer = new TextEncoder().encode('xxabcxx');
    expect(await sha256Hex(buffer.subarray(2, 5))).toBe(ABC_SHA256);
  });
});

describe('planChunks', () => {
  const K = BLOB_CHUNK_BYTES;

  it('cuts a blob into 512 KiB chunks from the start', () => {
    expect(planChunks(2 * K + 100, 0)).toEqual([
      { start: 0, end: K },
      { start: K, end: 2 * K },
      { start: 2 * K, end: 2 * K + 100 },
    ]);
  });

  it('resumes from the offset the server reported, even one inside a chunk', () => {
    expect(planChunks(2 * K + 100, K)).toEqual([
      { start: K, end: 2 * K },
      { start: 2 * K, end: 2 * K + 100 },
    ]);
    expect(planChunks(2 * K + 100, 1000)).toEqual([
      { start: 1000, end: K + 1000 },
      { start: K + 1000, end: 2 * K + 100 },
    ]);
  });

  it('plans nothing once everything is there, one chunk for a small photo', () => {
    expect(planChunks(300_000, 300_000)).toEqual([]);
    expect(planChunks(300_000, 0)).toEqual([{ start: 0, end: 300_000 }]);
    expect(planChunks(10, 4, 3)).toEqual([
      { start: 4, end: 7 },
      { start: 7, end: 10 },
    ]);
  });

  it('refuses an offset outside the blob', () => {
    expect(() => planChunks(100, 101)).toThrow(RangeError);
    expect(() => planChunks(100, -1)).toThrow(RangeError);
    expect(() => planChunks(100, 1.5)).toThrow(RangeError);
  });
});

describe('photo size decisions', () => {
  it('never upscales and caps the long side', () => {
    expect(firstEncodeStep(4000, 3000)).toEqual({
      quality: PHOTO_START_QUALITY,
      longSide: PHOTO_MAX_SIDE,
    });
    expect(firstEncodeStep(640, 480).longSide).toBe(640);
    expect(scaledSize(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(scaledSize(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(scaledSize(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(scaledSize(10_000, 1, 1600)).toEqual({ width: 1600, height: 1 });
  });

  it('accepts the first encoding that fits', () => {
    expect(nextEncodeStep({ quality: 0.82, longSide: 1600 }, PHOTO_TARGET_BYTES)).toBeNull();
    expect(nextEncodeStep({ quality: 0.82, longSide: 1600 }, 120_000)).toBeNull();
  });

  it('steps the quality down, then the size, and always ends', () => {
    let step: EncodeStep | null = firstEncodeStep(4000, 3000);
    const steps: EncodeStep[] = [];
    // An image that never gets small enough: the steps must still end.
    while (step) {
      steps.push(step);
      step = nextEncodeStep(step, 10 * PHOTO_TARGET_BYTES);
      expect(steps.length).toBeLessThan(50);
    }
    expect(steps.slice(0, 5).map((s) => s.quality)).toEqual([0.82, 0.72, 0.62, 0.52, 0.42]);
    expect(steps.slice(0, 5).every((s) => s.longSide === PHOTO_MAX_SIDE)).toBe(true);
    expect(steps[5]).toEqual({ quality: 0.72, longSide: 1280 });
    for (const s of steps) {
      expect(s.quality).toBeGreaterThanOrEqual(PHOTO_MIN_QUALITY);
      expect(s.longSide).toBeGreaterThanOrEqual(PHOTO_MIN_SIDE);
    }
    const last = steps.at(-1);
    expect(last?.quality).toBe(PHOTO_MIN_QUALITY);
    expect(Math.round((last?.longSide ?? 0) * 0.8)).toBeLessThan(PHOTO_MIN_SIDE);
  });

  it('stops after the quality steps when the photo is already small', () => {
    const steps: EncodeStep[] = [];
    let step: EncodeStep | null = firstEncodeStep(700, 500);
    while (step) {
      steps.push(step);
      step = nextEncodeStep(step, 400_000);
    }
    expect(steps.map((s) => s.longSide)).toEqual([700, 700, 700, 700, 700]);
  });
});

describe('storePhoto', () => {
  let database: TambonDatabase;
  beforeEach(async () => {
    database = new TambonDatabase(`blobs-test-${uuidv7()}`);
    await database.open();
  });
  afterEach(async () => {
    await database.delete();
  });

  it('keeps the photo waiting for upload and returns the record reference', async () => {
    const photo = await preparedBlob(new Blob(['abc'], { type: 'image/jpeg' }));
    expect(photo).toMatchObject({ sha256: ABC_SHA256, size: 3, mime: 'image/jpeg' });
    const ref = await storePhoto(database, photo, 'หน้าบ้าน');
    expect(ref).toEqual({ sha256: ABC_SHA256, size: 3, mime: 'image/jpeg', caption: 'หน้าบ้าน' });
    const row = await database.blobs.get(ABC_SHA256);
    expect(row).toMatchObject({ sha256: ABC_SHA256, size: 3, mime: 'image/jpeg', state: 'upload' });
    expect(await row?.blob.text()).toBe('abc');
  });

  it('stores the same photo once and leaves a copy already on the server stored', async () => {
    const photo = await preparedBlob(new Blob(['abc'], { type: 'image/jpeg' }));
    await storePhoto(database, photo);
    await database.blobs.update(ABC_SHA256, { state: 'stored' });
    const again = await storePhoto(database, photo);
    expect(again).toEqual({ sha256: ABC_SHA256, size: 3, mime: 'image/jpeg' });
    expect(await database.blobs.count()).toBe(1);
    expect((await database.blobs.get(ABC_SHA256))?.state).toBe('stored');
  });
});

describe('isQuotaError', () => {
  it('finds a quota error as is or wrapped in an AbortError', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('preparePhoto (orchestration with a stand-in canvas)', () => {
  // Not the real decoder/encoder: a stand-in whose JPEG size grows with quality and pixels,
  // to check the calls preparePhoto makes. Real decoding and EXIF need a browser.
  afterEach(() => vi.unstubAllGlobals());

  function standIn(width: number, height: number, bytesPer: (q: number, px: number) => number) {
    const close = vi.fn();
    const createImageBitmap = vi.fn(async () => ({ width, height, close }));
    const encodes: Array<{ width: number; height: number; quality: number }> = [];
    class OffscreenCanvas {
      constructor(
        readonly width: number,
        readonly height: number,
      ) {}
      getContext() {
        return {
          fillRect: () => undefined,
          drawImage: () => undefined,
        };
      }
      async convertToBlob({ quality }: { quality: number }) {
        encodes.push({ width: this.width, height: this.height, quality });
        return new Blob([new Uint8Array(bytesPer(quality, this.width * this.height))], {
          type: 'image/jpeg',
        });
      }
    }
    vi.stubGlobal('createImageBitmap', createImageBitmap);
    vi.stubGlobal('OffscreenCanvas', OffscreenCanvas);
    return { createImageBitmap, close, encodes };
  }

  it('asks for EXIF orientation, scales to 1600 px and steps the quality down to ~300 KB', async () => {
    const canvas = standIn(4000, 3000, (q, px) => Math.round(q * px * 0.3));
    const photo = await preparePhoto(new Blob(['raw'], { type: 'image/jpeg' }));
    expect(canvas.createImageBitmap).toHaveBeenCalledWith(expect.any(Blob), {
      imageOrientation: 'from-image',
    });
    expect(canvas.encodes.map((e) => [e.width, e.height, e.quality])).toEqual([
      [1600, 1200, 0.82],
      [1600, 1200, 0.72],
      [1600, 1200, 0.62],
      [1600, 1200, 0.52],
    ]);
    expect(photo.size).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);
    expect(photo.mime).toBe('image/jpeg');
    expect(photo.sha256).toBe(await sha256Hex(photo.blob));
    expect(canvas.close).toHaveBeenCalled();
  });

  it('shrinks when the lowest quality is still too big, keeping the smallest result', async () => {
    const canvas = standIn(3000, 4000, (q, px) => Math.round(q * px * 0.6));
    const photo = await preparePhoto(new Blob(['raw']));
    const sizes = canvas.encodes.map((e) => Math.max(e.width, e.height));
    expect(new Set(sizes).size).toBeGreaterThan(1);
    expect(canvas.encodes[0]).toMatchObject({ width: 1200, height: 1600 });
    const smallest = Math.min(
      ...canvas.encodes.map((e) => Math.round(e.quality * e.width * e.height * 0.6)),
    );
    expect(photo.size).toBe(smallest);
  });

  it('refuses a file the browser cannot decode', async () => {
    standIn(1, 1, () => 1);
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(async () => {
        throw new DOMException('bad', 'InvalidStateError');
      }),
    );
    const failure = await preparePhoto(new Blob(['not an image'])).catch((e) => e);
    expect(failure).toBeInstanceOf(PhotoError);
    expect(failure.code).toBe('not_an_image');
  });
});
