import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readParcelLayer } from '../../../src/shared/geo/layer';
import { fromWgs84, type ProjectionCode } from '../../../src/shared/geo/projection';
import { writeShapefile, zipShapefile } from '../../../src/shared/geo/shapefileWriter';
import { metresBetween } from './utmReference';

const THAI_WORDS = ['ที่อยู่อาศัย', 'นาข้าว', 'สวนยางพารา', 'โฉนดที่ดิน', 'น.ส.3 ก', 'นายบุญมี สำรวจ'];

describe('a layer written as an office would, then read back', () => {
  it('keeps every code, Thai attribute and corner (within 2 cm: coordinates are kept to 1e-7°), whatever the projection and encoding', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ProjectionCode>(32647, 32648, 24047, 24048, 4326, 4240),
        fc.constantFrom('utf-8' as const, 'windows-874' as const),
        fc.boolean(),
        fc.array(
          fc.record({
            lon: fc.double({ min: 100, max: 105, noNaN: true }),
            lat: fc.double({ min: 14, max: 18, noNaN: true }),
            size: fc.double({ min: 5, max: 300, noNaN: true }),
            landUse: fc.constantFrom(...THAI_WORDS),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (projection, encoding, cpg, rows) => {
          const project = fromWgs84(projection);
          // Each parcel a square of `size` metres (or its size in degrees / 100,000) in the file's units.
          const shapes = rows.map(({ lon, lat, size }) => {
            const [x, y] = project([lon, lat]);
            const s = projection === 4326 || projection === 4240 ? size / 100_000 : size;
            return [
              [
                [
                  [x, y],
                  [x, y + s],
                  [x + s, y + s],
                  [x + s, y],
                  [x, y],
                ] as [number, number][],
              ],
            ];
          });
          const zip = zipShapefile(
            'layer',
            writeShapefile({
              shapes,
              fields: [
                { name: 'PARCEL_COD', type: 'C', length: 10 },
                { name: 'LANDUSE', type: 'C', length: 60 },
              ],
              rows: rows.map((row, i) => ({ PARCEL_COD: `01A${i + 1}`, LANDUSE: row.landUse })),
              encoding,
              projection,
              cpg,
            }),
          );
          const layer = readParcelLayer(zip);
          expect(layer.projection).toBe(projection);
          expect(layer.encoding).toBe(encoding);
          expect(layer.features.map((f) => f.attributes)).toEqual(
            rows.map((row, i) => ({ PARCEL_COD: `01A${i + 1}`, LANDUSE: row.landUse })),
          );
          layer.features.forEach((feature, i) => {
            const corner = feature.polygons[0]?.[0]?.[0] as [number, number];
            expect(metresBetween(corner, [rows[i]?.lon ?? 0, rows[i]?.lat ?? 0])).toBeLessThan(
              0.02,
            );
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
