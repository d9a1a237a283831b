import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '../../../src/shared/geo/errors';
import {
  areaM2,
  centroid,
  distanceToMultiPolygonM,
  type MultiPolygon,
  pointInMultiPolygon,
} from '../../../src/shared/geo/geometry';
import type { LayerFeature } from '../../../src/shared/geo/layer';
import {
  type HouseholdPoint,
  linkHousehold,
  mooOf,
  normalizeParcelCode,
  ParcelIndex,
  parcelsByCode,
  surveyGaps,
  VillageAssigner,
} from '../../../src/shared/geo/parcels';
import { parcelCodeColumns, planParcels } from '../../../src/shared/geo/plan';
import type { Position } from '../../../src/shared/geo/projection';

/** Degrees of longitude and latitude per metre near Roi Et (16°N). */
const LAT_M = 1 / 110_700;
const LON_M = 1 / 106_980;

/** A rectangle of w × h metres, south-west corner at `origin`, counter-clockwise. */
function rect(origin: Position, w: number, h: number): MultiPolygon {
  const [x, y] = origin;
  const [dx, dy] = [w * LON_M, h * LAT_M];
  return [
    [
      [
        [x, y],
        [x + dx, y],
        [x + dx, y + dy],
        [x, y + dy],
        [x, y],
      ],
    ],
  ];
}

const O: Position = [103.65, 16.05];
const at = (east: number, north: number): Position => [O[0] + east * LON_M, O[1] + north * LAT_M];

const parcel = (code: string, east: number, north: number, w = 40, h = 40) => {
  const polygons = rect(at(east, north), w, h);
  return { code, polygons, areaM2: areaM2(polygons) };
};

describe('geometry', () => {
  it('measures a 40 × 50 m rectangle as 2,000 m² (within 1%) and finds its centre', () => {
    const shape = rect(O, 40, 50);
    expect(areaM2(shape)).toBeGreaterThan(1980);
    expect(areaM2(shape)).toBeLessThan(2020);
    const [cx, cy] = centroid(shape);
    expect(cx).toBeCloseTo(O[0] + 20 * LON_M, 9);
    expect(cy).toBeCloseTo(O[1] + 25 * LAT_M, 9);
  });

  it('subtracts holes from the area and from the inside', () => {
    const outer = rect(O, 100, 100)[0]?.[0] ?? [];
    const hole = rect(at(40, 40), 20, 20)[0]?.[0] ?? [];
    const shape: MultiPolygon = [[outer, hole]];
    expect(areaM2(shape)).toBeCloseTo(areaM2(rect(O, 100, 100)) - areaM2(rect(O, 20, 20)), -1);
    expect(pointInMultiPolygon(at(50, 50), shape)).toBe(false);
    expect(pointInMultiPolygon(at(10, 10), shape)).toBe(true);
  });

  it('measures the distance from outside to the nearest edge', () => {
    const shape = rect(O, 40, 40);
    expect(distanceToMultiPolygonM(at(20, 20), shape)).toBe(0);
    expect(distanceToMultiPolygonM(at(140, 20), shape)).toBeCloseTo(100, 0);
  });

  it('a point strictly inside a rectangle is inside, one outside is not (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5, max: 500, noNaN: true }),
        fc.double({ min: 5, max: 500, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (w, h, u, v) => {
          const shape = rect(O, w, h);
          expect(pointInMultiPolygon(at(u * w, v * h), shape)).toBe(true);
          expect(pointInMultiPolygon(at(w + 1 + u * w, v * h), shape)).toBe(false);
          const c = centroid(shape);
          expect(pointInMultiPolygon(c, shape)).toBe(true);
        },
      ),
    );
  });
});

describe('parcel codes', () => {
  it('matches the same code written differently', () => {
    expect(normalizeParcelCode('01A001')).toBe(normalizeParcelCode('01-a-001'));
    expect(normalizeParcelCode('01 A 001')).toBe('1A1');
    expect(normalizeParcelCode('1/ก/23')).toBe('1ก23');
    expect(normalizeParcelCode('01A010')).not.toBe(normalizeParcelCode('01A001'));
  });

  it('reads หมู่ cells', () => {
    expect(mooOf('3')).toBe(3);
    expect(mooOf('03')).toBe(3);
    expect(mooOf('หมู่ 3')).toBe(3);
    expect(mooOf('หมู่ที่ 12')).toBe(12);
    expect(mooOf('ม.4')).toBe(4);
    expect(mooOf('4.0')).toBe(4);
    expect(mooOf('')).toBeNull();
    expect(mooOf('0')).toBeNull();
    expect(mooOf('บ้านพระเจ้า')).toBeNull();
  });

  it('finds the code columns of a layer', () => {
    expect(parcelCodeColumns(['OBJECTID', 'PARCEL_COD', 'MOO'])).toEqual({ code: 'PARCEL_COD' });
    expect(parcelCodeColumns(['ZONE', 'BLOCK', 'LOT', 'RAI'])).toEqual({
      zone: 'ZONE',
      block: 'BLOCK',
      lot: 'LOT',
    });
    expect(parcelCodeColumns(['รหัสแปลง'])).toEqual({ code: 'รหัสแปลง' });
    expect(parcelCodeColumns(['ZONE', 'RAI'])).toBeNull();
  });
});

describe('linking households to parcels', () => {
  const parcels = [parcel('01A001', 0, 0), parcel('01A002', 100, 0), parcel('01A003', 200, 0)];
  const byCode = parcelsByCode(parcels);
  const index = new ParcelIndex(parcels);
  const household = (over: Partial<HouseholdPoint>): HouseholdPoint => ({
    id: 'h',
    villageId: 'v1',
    ...over,
  });

  it('takes the parcel a GPS point falls in', () => {
    const link = linkHousehold(household({ point: at(120, 20) }), byCode, index);
    expect(link).toMatchObject({ by: 'location', parcel: { code: '01A002' } });
  });

  it('takes the taxParcelCode over the GPS point, in any spelling', () => {
    const link = linkHousehold(
      household({ point: at(120, 20), taxParcelCode: '01-A-003' }),
      byCode,
      index,
    );
    expect(link).toMatchObject({ by: 'code', parcel: { code: '01A003' } });
  });

  it('a code that names no parcel is a gap, not a fall-back to the GPS point', () => {
    const link = linkHousehold(
      household({ point: at(120, 20), taxParcelCode: '09Z999' }),
      byCode,
      index,
    );
    expect(link).toEqual({ parcel: null, by: 'none', reason: 'code_unknown' });
  });

  it('no GPS and no code, or outside every parcel: no parcel', () => {
    expect(linkHousehold(household({}), byCode, index)).toMatchObject({ reason: 'no_gps' });
    expect(linkHousehold(household({ point: at(60, 20) }), byCode, index)).toMatchObject({
      reason: 'outside',
    });
  });

  it('where parcels overlap, the smallest one, whatever the order', () => {
    const big = parcel('BIG', 0, 0, 100, 100);
    const small = parcel('SMALL', 10, 10, 20, 20);
    for (const order of [
      [big, small],
      [small, big],
    ]) {
      expect(new ParcelIndex(order).parcelAt(at(15, 15))?.code).toBe('SMALL');
    }
  });

  it('lists the survey gaps both ways', () => {
    const households: HouseholdPoint[] = [
      household({ id: 'a', point: at(20, 20) }),
      household({ id: 'b', taxParcelCode: '01A002' }),
      household({ id: 'c', point: at(500, 500) }),
      household({ id: 'd' }),
    ];
    const gaps = surveyGaps(households, parcels);
    expect(gaps.householdsWithoutParcel.map((h) => h.id)).toEqual(['c', 'd']);
    expect(gaps.parcelsWithoutHousehold.map((p) => p.code)).toEqual(['01A003']);
    expect(gaps.links.get('b')).toMatchObject({ by: 'code' });
  });

  it('every household is either linked or a gap, and every parcel too (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            east: fc.integer({ min: -100, max: 400 }),
            north: fc.integer({ min: -100, max: 200 }),
            code: fc.option(fc.constantFrom('01A001', '01A002', '01A003', '09Z999'), {
              nil: undefined,
            }),
          }),
          { maxLength: 30 },
        ),
        (rows) => {
          const households = rows.map((row, i) =>
            household({ id: `h${i}`, point: at(row.east, row.north), taxParcelCode: row.code }),
          );
          const gaps = surveyGaps(households, parcels);
          const linked = households.filter((h) => gaps.links.get(h.id)?.parcel);
          expect(linked.length + gaps.householdsWithoutParcel.length).toBe(households.length);
          const used = new Set(linked.map((h) => gaps.links.get(h.id)?.parcel?.code));
          for (const p of parcels) {
            expect(used.has(p.code)).toBe(!gaps.parcelsWithoutHousehold.includes(p));
          }
        },
      ),
    );
  });
});

describe('the village of an imported parcel', () => {
  const villages = [
    { id: 'v1', mooNo: 1 },
    { id: 'v2', mooNo: 2 },
    { id: 'v3', mooNo: 3 },
  ];

  it('takes the หมู่ column first, then the households inside, then the nearest within 300 m', () => {
    const households: HouseholdPoint[] = [
      { id: 'a', villageId: 'v1', point: at(10, 10) },
      { id: 'b', villageId: 'v2', point: at(20, 20) },
      { id: 'c', villageId: 'v2', point: at(30, 30) },
      { id: 'd', villageId: 'v3', point: at(1000, 0) },
      { id: 'e', villageId: 'v1', taxParcelCode: '05C5' },
    ];
    const assigner = new VillageAssigner({ villages, households });
    const home = parcel('01A001', 0, 0);
    expect(assigner.assign(home, 3)).toEqual({ villageId: 'v3', by: 'moo' });
    // A หมู่ the organization does not have: decided as if the column were empty.
    expect(assigner.assign(home, 9)).toEqual({ villageId: 'v2', by: 'households' });
    expect(assigner.assign(home, null)).toEqual({ villageId: 'v2', by: 'households' });
    // Linked by its code, far from its household.
    expect(assigner.assign(parcel('05-C-005', 3000, 3000), null)).toEqual({
      villageId: 'v1',
      by: 'households',
    });
    expect(assigner.assign(parcel('01A009', 1100, 0), null)).toEqual({
      villageId: 'v3',
      by: 'nearest',
    });
    expect(assigner.assign(parcel('01A010', 1400, 0), null)).toEqual({
      villageId: null,
      by: 'none',
    });
  });

  it('a tie between villages goes to the lower หมู่', () => {
    const households: HouseholdPoint[] = [
      { id: 'a', villageId: 'v2', point: at(10, 10) },
      { id: 'b', villageId: 'v1', point: at(20, 20) },
    ];
    const assigner = new VillageAssigner({ villages, households });
    expect(assigner.assign(parcel('X', 0, 0), null)).toEqual({ villageId: 'v1', by: 'households' });
  });

  it('plans a layer: codes, villages, and the rows it leaves out', () => {
    const feature = (record: number, attributes: Record<string, string>, east: number) => ({
      record,
      attributes,
      polygons: rect(at(east, 0), 40, 40),
    });
    const features: LayerFeature[] = [
      feature(1, { PARCEL_COD: '01A001' }, 0),
      feature(2, { PARCEL_COD: '01A002', MOO: '2' }, 5000),
      feature(3, { PARCEL_COD: '' }, 0),
      feature(4, { PARCEL_COD: '01-A-001' }, 0),
      feature(5, { PARCEL_COD: '01A003' }, 9000),
      {
        record: 6,
        attributes: { PARCEL_COD: '01A004' },
        // 60 islands: more than a parcel record holds.
        polygons: Array.from({ length: 60 }, (_, i) => rect(at(i * 2, 0), 1, 1)[0] ?? []),
      },
    ];
    const plan = planParcels(
      { columns: ['PARCEL_COD', 'MOO'], features },
      { villages, households: [{ id: 'a', villageId: 'v1', point: at(10, 10) }] },
    );
    expect(plan.parcels.map((p) => [p.code, p.villageId, p.by])).toEqual([
      ['01A001', 'v1', 'households'],
      ['01A002', 'v2', 'moo'],
    ]);
    expect(plan.parcels[0]?.areaM2).toBeGreaterThan(1580);
    expect(plan.problems).toEqual([
      { record: 3, reason: 'no_code' },
      { record: 4, reason: 'duplicate_code', code: '01-A-001', firstRecord: 1 },
      { record: 5, reason: 'no_village', code: '01A003' },
      { record: 6, reason: 'bad_shape', code: '01A004' },
    ]);
    expect(() => planParcels({ columns: ['RAI'], features }, { villages, households: [] })).toThrow(
      GeoError,
    );
  });
});
