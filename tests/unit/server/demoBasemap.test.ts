// The demo basemap (issue 16): a real PMTiles v3 file, read back by the `pmtiles` library the
// app draws with, small enough to ship in the demo.
import { PMTiles, type Source, TileType } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { DEMO_BASEMAP_ZOOMS, demoBasemap, encodePng } from '../../../src/server/demo/basemap';
import { isPmtilesV3 } from '../../../src/shared/api/basemap';

function sourceOf(bytes: Uint8Array): Source {
  return {
    getKey: () => 'demo',
    getBytes: async (offset, length) => ({
      data: new Uint8Array(bytes.subarray(offset, offset + length)).buffer,
    }),
  };
}

describe('demo basemap', () => {
  const file = demoBasemap();

  it('is a small PMTiles v3 file of PNG tiles over the demo villages', async () => {
    expect(isPmtilesV3(file)).toBe(true);
    expect(file.length).toBeLessThan(200 * 1024);
    const archive = new PMTiles(sourceOf(file));
    const header = await archive.getHeader();
    expect(header.tileType).toBe(TileType.Png);
    expect(header.minZoom).toBe(DEMO_BASEMAP_ZOOMS.min);
    expect(header.maxZoom).toBe(DEMO_BASEMAP_ZOOMS.max);
    // หมู่ 1's centre, 16.0567 N 103.6531 E, at zoom 15: x 25818, y 14902.
    const tile = await archive.getZxy(15, 25818, 14902);
    expect(tile).toBeDefined();
    const png = new Uint8Array(tile?.data ?? new ArrayBuffer(0));
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    expect(await archive.getZxy(15, 0, 0)).toBeUndefined();
    expect(await archive.getMetadata()).toMatchObject({ attribution: expect.any(String) });
  });

  it('encodes a PNG with its signature and chunks', () => {
    const png = encodePng(2, () => [1, 2, 3]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.subarray(-8, -4).toString('latin1')).toBe('IEND');
  });
});
