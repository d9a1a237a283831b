import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  downloadPieces,
  isPmtilesV3,
  parseRange,
  piecesCovering,
} from '../../../src/shared/api/basemap';

describe('basemap ranges', () => {
  it('reads the Range header of one range', () => {
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=10-5000', 1000)).toEqual({ start: 10, end: 999 });
    for (const bad of ['bytes=1000-', 'bytes=5-4', 'bytes=-0', 'bytes=-', 'bytes=0-1,3-4', 'x']) {
      expect(parseRange(bad, 1000)).toBe('unsatisfiable');
    }
  });

  it('downloads every byte once, in pieces no larger than asked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 999 }),
        (size, piece) => {
          const pieces = downloadPieces(size, piece);
          expect(pieces[0]?.start).toBe(0);
          expect(pieces.at(-1)?.end).toBe(size - 1);
          pieces.forEach((p, i) => {
            expect(p.index).toBe(i);
            expect(p.end - p.start + 1).toBeLessThanOrEqual(piece);
            if (i > 0) expect(p.start).toBe((pieces[i - 1]?.end ?? 0) + 1);
          });
        },
      ),
    );
  });

  it('finds the pieces a read needs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(6_000),
        fc.nat(2_000),
        (size, piece, offset, length) => {
          const needed = piecesCovering(offset, length, size, piece);
          const expected = downloadPieces(size, piece)
            .filter((p) => length > 0 && p.start < offset + length && p.end >= offset)
            .map((p) => p.index);
          expect(needed).toEqual(expected);
        },
      ),
    );
  });

  it('knows a PMTiles v3 header', () => {
    const header = new Uint8Array(127);
    header.set([...'PMTiles'].map((c) => c.charCodeAt(0)));
    header[7] = 3;
    expect(isPmtilesV3(header)).toBe(true);
    header[7] = 2;
    expect(isPmtilesV3(header)).toBe(false);
    expect(isPmtilesV3(new TextEncoder().encode('PMTiles\u0003'))).toBe(false);
  });
});
