// The PMTiles v3 writer (issue 16), checked with the `pmtiles` library's reader: tiles read back
// byte-identical, stored once, in runs, behind gzipped root and leaf directories.
import { gunzipSync } from 'node:zlib';
import { Compression, zxyToTileId as libraryTileId, TileType } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import {
  buildDirectories,
  type DirectoryEntry,
  PMTILES_ROOT_LIMIT_BYTES,
  serializeDirectory,
  writePmtiles,
  zxyToTileId,
} from '../../../src/server/basemap/pmtiles';
import {
  type MbtilesTile,
  pmtilesReader,
  smallPngs,
  tambonTiles,
  tilesDiffering,
} from '../../support/mbtiles';

const metadata = { attribution: '© OpenStreetMap contributors' };

describe('PMTiles writer', () => {
  it('numbers tiles as the PMTiles library does, up to zoom 24', () => {
    for (const [z, x, y] of [
      [0, 0, 0],
      [1, 1, 0],
      [3, 5, 2],
      [12, 3423, 1763],
      [15, 26202, 15115],
      [16, 52404, 30230],
      [24, 13_412_000, 7_700_123],
      [24, 2 ** 24 - 1, 2 ** 24 - 1],
    ] as const) {
      expect(zxyToTileId(z, x, y), `${z}/${x}/${y}`).toBe(libraryTileId(z, x, y));
    }
    expect(zxyToTileId(12, 3423, 1763)).toBe(19078479); // the spec's example
    expect(() => zxyToTileId(2, 4, 0)).toThrow(RangeError);
    expect(() => zxyToTileId(-1, 0, 0)).toThrow(RangeError);
  });

  it('encodes a directory as the spec does: deltas, runs, lengths, 0 for contiguous offsets', () => {
    const entries: DirectoryEntry[] = [
      { tileId: 5, offset: 0, length: 10, runLength: 1 },
      { tileId: 42, offset: 10, length: 300, runLength: 3 },
      { tileId: 69, offset: 0, length: 10, runLength: 1 },
    ];
    expect([...serializeDirectory(entries)]).toEqual([
      3, // entries
      5,
      37,
      27, // tile ID deltas
      1,
      3,
      1, // run lengths
      10,
      0xac,
      0x02,
      10, // lengths (300 as a varint)
      1,
      0,
      1, // offsets: first + 1, contiguous, back to 0 + 1
    ]);
  });

  it('writes tiles that read back byte-identical, stores equal ones once and in runs', async () => {
    const [a, b, c] = smallPngs(3) as [Buffer, Buffer, Buffer];
    // z1: 0/0, 0/1, 1/1 (IDs 1, 2, 3) share `a`: one entry of run length 3; 1/0 is `b`.
    const tiles: MbtilesTile[] = [
      { z: 1, x: 1, y: 0, bytes: b },
      { z: 1, x: 0, y: 0, bytes: a },
      { z: 1, x: 1, y: 1, bytes: Buffer.from(a) }, // equal bytes, another object
      { z: 1, x: 0, y: 1, bytes: a },
      { z: 0, x: 0, y: 0, bytes: c },
      { z: 2, x: 3, y: 3, bytes: b },
    ];
    const file = writePmtiles(tiles, { tileType: 'png', metadata });
    const archive = pmtilesReader(file);
    const header = await archive.getHeader();
    expect(header).toMatchObject({
      specVersion: 3,
      tileType: TileType.Png,
      internalCompression: Compression.Gzip,
      tileCompression: Compression.None,
      clustered: true,
      minZoom: 0,
      maxZoom: 2,
      numAddressedTiles: 6,
      numTileEntries: 4, // 0/0/0, the run 1/0/0–1/1/1, 1/1/0, 2/3/3
      numTileContents: 3,
      leafDirectoryLength: 0,
      tileDataLength: a.length + b.length + c.length,
    });
    expect(await tilesDiffering(archive, tiles)).toEqual([]);
    expect(await archive.getZxy(2, 0, 0)).toBeUndefined();
    expect(await archive.getMetadata()).toEqual(metadata);
    // The root directory and the metadata are gzipped.
    const root = file.subarray(
      header.rootDirectoryOffset,
      header.rootDirectoryOffset + header.rootDirectoryLength,
    );
    expect(gunzipSync(root)[0]).toBe(4);
    // The whole world's box when no bounds are given: zoom 0 covers it.
    expect(header.minLon).toBeCloseTo(-180);
    expect(header.maxLat).toBeCloseTo(85.0511, 3);
  });

  it('refuses a tile address twice, one that does not exist, an empty tile, no tiles', () => {
    const [a] = smallPngs(1) as [Buffer];
    expect(() =>
      writePmtiles(
        [
          { z: 3, x: 1, y: 1, bytes: a },
          { z: 3, x: 1, y: 1, bytes: a },
        ],
        { tileType: 'png', metadata },
      ),
    ).toThrow(RangeError);
    expect(() =>
      writePmtiles([{ z: 3, x: 8, y: 1, bytes: a }], { tileType: 'png', metadata }),
    ).toThrow(RangeError);
    expect(() =>
      writePmtiles([{ z: 3, x: 1, y: 1, bytes: new Uint8Array(0) }], { tileType: 'png', metadata }),
    ).toThrow(RangeError);
    expect(() => writePmtiles([], { tileType: 'png', metadata })).toThrow(RangeError);
  });

  it('puts leaf directories behind a root that would not fit in 16 KiB, all tiles readable', async () => {
    const tiles = tambonTiles(30_000, smallPngs(400));
    const file = writePmtiles(tiles, { tileType: 'png', metadata });
    const archive = pmtilesReader(file);
    const header = await archive.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(header.numAddressedTiles).toBe(30_000);
    expect(header.numTileContents).toBe(400);
    expect(header.numTileEntries).toBeLessThan(30_000); // runs of the shared picture
    expect(await tilesDiffering(archive, tiles)).toEqual([]);
  });

  it('splits into more leaves, each readable, when the root has less room', async () => {
    const tiles = tambonTiles(3000, smallPngs(50));
    const file = writePmtiles(tiles, { tileType: 'png', metadata, rootLimitBytes: 200 });
    const archive = pmtilesReader(file);
    expect((await archive.getHeader()).leafDirectoryLength).toBeGreaterThan(0);
    expect(await tilesDiffering(archive, tiles)).toEqual([]);
  });

  it('keeps the root alone when it fits', () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({
      tileId: i,
      offset: i * 10,
      length: 10,
      runLength: 1,
    }));
    const { leaves, leafCount, root } = buildDirectories(entries);
    expect(leafCount).toBe(0);
    expect(leaves.length).toBe(0);
    expect(root.length).toBeLessThanOrEqual(PMTILES_ROOT_LIMIT_BYTES);
    expect(buildDirectories(entries, 20).leafCount).toBe(1);
  });
});
