// The demo tambon's basemap (issue 16): a tiny raster PMTiles v3 file made here, not downloaded
// — pale land tiles with a faint grid over the demo villages, zooms 10–15, a few distinct PNGs
// (identical tiles are stored once, by basemap/pmtiles.ts) — so `npm start -- --demo` has a
// basemap to download. The PNG encoder is the minimum the format needs.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PMTILES_MIME } from '../../shared/api/basemap';
import { type Tile, writePmtiles } from '../basemap/pmtiles';
import type { Store } from '../store';

/** The demo villages' box (demo/generator.ts: centre 16.0567, 103.6531, villages ±0.05°). */
export const DEMO_BASEMAP_BOUNDS = { west: 103.58, south: 15.98, east: 103.73, north: 16.13 };
export const DEMO_BASEMAP_ZOOMS = { min: 10, max: 15 };
export const DEMO_BASEMAP_ATTRIBUTION = 'แผนที่สาธิต / demo tiles';

// --- PNG ---------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGB PNG of `size`×`size` pixels, `pixel(x, y)` giving [r, g, b]. */
export function encodePng(
  size: number,
  pixel: (x: number, y: number) => readonly [number, number, number],
): Buffer {
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3); // filter byte 0, then the row
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// --- the demo's tiles ----------------------------------------------------------------------

const lonToX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const latToY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

/** Four pale land colours; a tile's colour follows its position, so neighbours differ. */
const LAND: ReadonlyArray<readonly [number, number, number]> = [
  [222, 236, 200],
  [205, 228, 186],
  [232, 226, 196],
  [214, 232, 214],
];
const GRID: readonly [number, number, number] = [150, 170, 150];

export function demoBasemap(): Buffer {
  const pngs = LAND.map((colour) =>
    encodePng(256, (x, y) => (x % 64 === 0 || y % 64 === 0 ? GRID : colour)),
  );
  const tiles: Tile[] = [];
  const { west, south, east, north } = DEMO_BASEMAP_BOUNDS;
  for (let z = DEMO_BASEMAP_ZOOMS.min; z <= DEMO_BASEMAP_ZOOMS.max; z++) {
    for (let x = lonToX(west, z); x <= lonToX(east, z); x++) {
      for (let y = latToY(north, z); y <= latToY(south, z); y++) {
        tiles.push({ z, x, y, bytes: pngs[(x + 2 * y) % 4] as Buffer });
      }
    }
  }
  return writePmtiles(tiles, {
    tileType: 'png',
    bounds: DEMO_BASEMAP_BOUNDS,
    metadata: { name: 'Demo tambon', attribution: DEMO_BASEMAP_ATTRIBUTION },
  });
}

/** Stores the demo basemap unless there is one already. True when it stored it. */
export async function loadDemoBasemap(
  store: Store,
  options: { admin: { id: string }; at: string },
): Promise<boolean> {
  if (await store.getBasemap()) return false;
  const bytes = demoBasemap();
  await store.transaction((tx) =>
    tx.putBasemap({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      attribution: DEMO_BASEMAP_ATTRIBUTION,
      uploadedBy: options.admin.id,
      uploadedAt: options.at,
      mime: PMTILES_MIME,
      bytes,
    }),
  );
  return true;
}
