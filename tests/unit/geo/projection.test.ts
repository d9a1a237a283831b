import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '../../../src/shared/geo/errors';
import {
  fromWgs84,
  type ProjectionCode,
  projectionOfCrsName,
  projectionOfPrj,
  toWgs84,
} from '../../../src/shared/geo/projection';
import { ESRI_PRJ } from '../../../src/shared/geo/shapefileWriter';
import {
  EVEREST_1830,
  geocentricTranslation,
  metresBetween,
  utmInverse,
  WGS84,
} from './utmReference';

/** Points around Roi Et (zone 48) and of western Thailand (zone 47), easting/northing. */
const ZONE_48_POINTS: Array<[number, number]> = [
  [285_000, 1_777_000],
  [270_512.3, 1_776_840.9],
  [300_000, 1_790_000],
  [230_000, 1_760_000],
  [420_000, 1_600_000],
];
const ZONE_47_POINTS: Array<[number, number]> = [
  [660_000, 1_520_000],
  [500_000, 1_600_000],
  [800_000, 1_700_000],
];

function expectWithin(code: ProjectionCode, point: [number, number], expected: [number, number]) {
  const got = toWgs84(code)(point);
  expect(metresBetween(got, expected)).toBeLessThan(1);
}

describe('reprojection to WGS 84', () => {
  it('UTM 48N on WGS 84 matches the transverse Mercator formulas within 1 m', () => {
    for (const [e, n] of ZONE_48_POINTS) {
      const ref = utmInverse(e, n, 48, WGS84);
      expectWithin(32648, [e, n], [ref.lon, ref.lat]);
    }
  });

  it('UTM 47N on WGS 84 matches within 1 m', () => {
    for (const [e, n] of ZONE_47_POINTS) {
      const ref = utmInverse(e, n, 47, WGS84);
      expectWithin(32647, [e, n], [ref.lon, ref.lat]);
    }
  });

  it('Indian 1975 / UTM 48N matches Everest 1830 UTM, then the EPSG:1304 shift, within 1 m', () => {
    for (const [e, n] of ZONE_48_POINTS) {
      const onEverest = utmInverse(e, n, 48, EVEREST_1830);
      const ref = geocentricTranslation(onEverest, EVEREST_1830, WGS84, [210, 814, 289]);
      expectWithin(24048, [e, n], [ref.lon, ref.lat]);
    }
  });

  it('Indian 1975 / UTM 47N and geographic Indian 1975 take the same shift', () => {
    for (const [e, n] of ZONE_47_POINTS) {
      const onEverest = utmInverse(e, n, 47, EVEREST_1830);
      const ref = geocentricTranslation(onEverest, EVEREST_1830, WGS84, [210, 814, 289]);
      expectWithin(24047, [e, n], [ref.lon, ref.lat]);
      expectWithin(4240, [onEverest.lon, onEverest.lat], [ref.lon, ref.lat]);
    }
  });

  it('applies the Indian 1975 datum shift: ~400 m from reading the same numbers as WGS 84', () => {
    const point: [number, number] = [285_000, 1_777_000];
    const shifted = toWgs84(24048)(point);
    const unshifted = utmInverse(point[0], point[1], 48, EVEREST_1830);
    const distance = metresBetween(shifted, [unshifted.lon, unshifted.lat]);
    expect(distance).toBeGreaterThan(350);
    expect(distance).toBeLessThan(450);
  });

  it('WGS 84 longitude/latitude passes through', () => {
    expect(toWgs84(4326)([103.65, 16.05])).toEqual([103.65, 16.05]);
  });

  it('fromWgs84 then toWgs84 gives the point back within a centimetre (property)', () => {
    const codes: ProjectionCode[] = [32647, 32648, 24047, 24048, 4240];
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.double({ min: 98, max: 106, noNaN: true }),
        fc.double({ min: 6, max: 20, noNaN: true }),
        (code, lon, lat) => {
          const back = toWgs84(code)(fromWgs84(code)([lon, lat]));
          expect(metresBetween(back, [lon, lat])).toBeLessThan(0.01);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const OGC_24048 =
  'PROJCS["Indian 1975 / UTM zone 48N",GEOGCS["Indian 1975",DATUM["Indian_1975",SPHEROID["Everest 1830 (1937 Adjustment)",6377276.345,300.8017,AUTHORITY["EPSG","7015"]],TOWGS84[293,836,318,0.5,1.6,-2.8,2.1],AUTHORITY["EPSG","6240"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4240"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",105],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","24048"]]';
const OGC_32647 =
  'PROJCS["WGS 84 / UTM zone 47N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",99],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","32647"]]';

function codeOf(error: unknown): string | undefined {
  return error instanceof GeoError ? `${error.code}:${error.params.reason ?? ''}` : undefined;
}

function refusal(prj: string): string | undefined {
  try {
    projectionOfPrj(prj);
    return undefined;
  } catch (error) {
    return codeOf(error);
  }
}

describe('reading the .prj', () => {
  it('knows the ESRI .prj of each known projection', () => {
    for (const [code, prj] of Object.entries(ESRI_PRJ)) {
      expect(projectionOfPrj(prj)).toBe(Number(code));
    }
  });

  it('reads OGC WKT with EPSG authorities, and ignores the TOWGS84 a file carries', () => {
    expect(projectionOfPrj(OGC_24048)).toBe(24048);
    expect(projectionOfPrj(`\uFEFF${OGC_32647}\r\n`)).toBe(32647);
  });

  it('refuses what it does not know, with a reason, rather than guessing', () => {
    const esri48 = ESRI_PRJ[32648];
    expect(refusal('')).toBe('projection_unknown:not_wkt');
    expect(refusal(esri48.replace('D_WGS_1984', 'D_Kertau'))).toBe('projection_unknown:datum');
    expect(refusal(esri48.replace('"Central_Meridian",105.0', '"Central_Meridian",111.0'))).toBe(
      'projection_unknown:zone',
    );
    expect(refusal(esri48.replace('"False_Northing",0.0', '"False_Northing",10000000.0'))).toBe(
      'projection_unknown:false_northing',
    );
    expect(refusal(esri48.replace('UNIT["Meter",1.0]', 'UNIT["Foot_US",0.3048006096012192]'))).toBe(
      'projection_unknown:unit',
    );
    expect(refusal(esri48.replace('Transverse_Mercator', 'Lambert_Conformal_Conic'))).toBe(
      'projection_unknown:projection',
    );
    // A name saying zone 47 over zone 48 parameters: the file contradicts itself.
    expect(refusal(esri48.replace('UTM_Zone_48N', 'UTM_Zone_47N'))).toBe(
      'projection_unknown:zone_name',
    );
    expect(refusal(OGC_32647.replace('"32647"]]', '"32648"]]'))).toBe(
      'projection_unknown:authority',
    );
  });

  it('reads a GeoJSON crs name', () => {
    expect(projectionOfCrsName('urn:ogc:def:crs:EPSG::32648')).toBe(32648);
    expect(projectionOfCrsName('EPSG:24048')).toBe(24048);
    expect(projectionOfCrsName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
    expect(() => projectionOfCrsName('EPSG:3857')).toThrow(GeoError);
  });
});
