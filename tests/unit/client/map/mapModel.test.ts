import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convexHull,
  eligibleNotReceiving,
  type MapHousehold,
  type MapParcel,
  mapData,
  matchesMapFilters,
  NO_MAP_FILTERS,
  nearestHouseholds,
  parcelLinkChange,
  pointTone,
  raiNganWah,
  tonesShown,
  villageOutlines,
} from '../../../../src/client/features/map/mapModel';
import { type HouseholdRow, householdRow } from '../../../../src/client/records/householdRows';
import { parcelGaps } from '../../../../src/client/records/parcels';
import type { HouseholdView, PersonView } from '../../../../src/client/records/people';
import { distanceM, type MultiPolygon } from '../../../../src/shared/geo/geometry';
import { surveyGaps } from '../../../../src/shared/geo/parcels';
import type { Position } from '../../../../src/shared/geo/projection';
import type { HouseholdFields } from '../../../../src/shared/model/household';
import type { PersonFields } from '../../../../src/shared/model/person';
import { personProfile } from '../../../../src/shared/rules/personProfile';
import { ADL_BEDBOUND } from '../search/fixtures';

const TODAY = '2025-10-01';
const VILLAGE = '01900000-0000-7000-8000-000000000001';
const ORIGIN: Position = [103.65, 16.05];
const LAT_M = 1 / 110_700;
const LON_M = 1 / 106_980;

let next = 0;
const id = () => `01900000-0000-7000-8000-${String(++next).padStart(12, '0')}`;

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

function at(east: number, north: number): Position {
  return [ORIGIN[0] + east * LON_M, ORIGIN[1] + north * LAT_M];
}

function household(fields: Partial<HouseholdFields>, unsyncedFields: string[] = []): HouseholdView {
  return {
    id: id(),
    villageId: VILLAGE,
    fields: { houseNo: '1', mooNo: 1, ...fields },
    deleted: false,
    unsyncedFields,
  };
}

function person(fields: Partial<PersonFields>): PersonView {
  return {
    id: id(),
    villageId: VILLAGE,
    fields: {
      titlePrefix: 'mr',
      firstName: 'สมชาย',
      lastName: 'ใจดี',
      nationalId: '1234567890121',
      birthDate: '1985-01-01',
      sex: 'M',
      relationToHead: 'head',
      memberStatus: 'active',
      ...fields,
    },
    deleted: false,
    unsyncedFields: [],
  };
}

function row(view: HouseholdView, people: PersonView[] = [person({})]): HouseholdRow {
  return householdRow(
    view,
    people.map((p) => ({ person: p, profile: personProfile(p.fields, TODAY) })),
  );
}

function gps([lng, lat]: Position) {
  return { gps: { lat, lng } };
}

function parcel(code: string, polygons: MultiPolygon): MapParcel {
  return { id: id(), villageId: VILLAGE, code, polygons, areaM2: 1_000 };
}

describe('mapData', () => {
  const onParcel = parcel('01A1', rect(at(0, 0), 40, 40));
  const empty = parcel('01A2', rect(at(100, 0), 40, 40));
  const coded = parcel('01A3', rect(at(200, 0), 40, 40));

  it('places households by GPS, links them to parcels and lists the gaps both ways', () => {
    const inside = row(household({ houseNo: '1', ...gps(at(10, 10)) }));
    const byCode = row(household({ houseNo: '2', ...gps(at(500, 500)), taxParcelCode: '01A003' }));
    const outside = row(household({ houseNo: '3', ...gps(at(900, 900)) }));
    const noGps = row(household({ houseNo: '4' }));
    const data = mapData([inside, byCode, outside, noGps], [onParcel, empty, coded]);

    expect(data.points.map((p) => p.row.household.fields.houseNo)).toEqual(['1', '2', '3']);
    expect(data.unplaced.map((r) => r.household.fields.houseNo)).toEqual(['4']);
    expect(data.points[0]?.link).toMatchObject({ parcel: onParcel, by: 'location' });
    expect(data.points[1]?.link).toMatchObject({ parcel: coded, by: 'code' });
    expect(data.points[2]?.link.parcel).toBeNull();
    // The household outside every parcel and the one without GPS.
    expect(data.householdsWithoutParcel).toBe(2);
    expect([...data.parcelsWithoutHousehold]).toEqual([empty.id]);
    const [west, south, east, north] = data.bounds ?? [0, 0, 0, 0];
    expect(west).toBeCloseTo(ORIGIN[0], 6);
    expect(south).toBeCloseTo(ORIGIN[1], 6);
    expect(east).toBeCloseTo(at(900, 900)[0], 6);
    expect(north).toBeCloseTo(at(900, 900)[1], 6);
  });

  it('has no bounds when there is nothing to draw', () => {
    expect(mapData([row(household({}))], []).bounds).toBeNull();
  });
});

describe('filters and colours', () => {
  const point = (r: HouseholdRow, parcels: MapParcel[] = []): MapHousehold => {
    const found = mapData([r], parcels).points[0];
    if (!found) throw new Error('no point');
    return found;
  };
  const bedridden = point(
    row(household(gps(at(0, 0))), [person({ birthDate: '1940-01-01', adl: ADL_BEDBOUND })]),
  );
  const plain = point(row(household(gps(at(0, 0)))));

  it('keeps only bedridden households under the bedridden flag, as the list does', () => {
    const filters = { ...NO_MAP_FILTERS, bedridden: true };
    expect(matchesMapFilters(bedridden, filters)).toBe(true);
    expect(matchesMapFilters(plain, filters)).toBe(false);
    expect(matchesMapFilters(plain, NO_MAP_FILTERS)).toBe(true);
  });

  it('filters by pending sync and by a missing parcel', () => {
    const pending = point(row(household(gps(at(0, 0)), ['soi'])));
    expect(matchesMapFilters(pending, { ...NO_MAP_FILTERS, unsynced: true })).toBe(true);
    expect(matchesMapFilters(plain, { ...NO_MAP_FILTERS, unsynced: true })).toBe(false);
    const linked = point(row(household(gps(at(5, 5)))), [parcel('01A9', rect(at(0, 0), 10, 10))]);
    expect(matchesMapFilters(linked, { ...NO_MAP_FILTERS, noParcel: true })).toBe(false);
    expect(matchesMapFilters(plain, { ...NO_MAP_FILTERS, noParcel: true })).toBe(true);
  });

  it('finds members entitled to an allowance they do not receive', () => {
    const elderly = row(household({}), [
      person({ birthDate: '1950-01-01', receivesElderlyAllowance: false }),
    ]);
    expect(eligibleNotReceiving(elderly)).toBe(true);
    expect(eligibleNotReceiving(row(household({})))).toBe(false);
  });

  it('colours a point by its most pressing flag', () => {
    expect(pointTone(bedridden)).toBe('bedridden');
    // The fixtures lack required survey answers: the point is marked for them.
    expect(plain.row.missingData).toBe(true);
    expect(pointTone(plain)).toBe('missing');
    expect(pointTone({ ...plain, row: { ...plain.row, missingData: false } })).toBe('plain');
    expect(pointTone({ ...plain, eligibleNotReceiving: true })).toBe('eligible');
  });

  it("on a device without health and disability answers (an admin's), colours by age only", () => {
    const withheld = {
      ...bedridden,
      row: { ...bedridden.row, elderly: false },
      answersWithheld: true,
    };
    expect(pointTone(withheld)).toBe('plain');
    expect(pointTone({ ...withheld, row: { ...withheld.row, elderly: true } })).toBe('elderly');
    expect(pointTone({ ...plain, answersWithheld: true, eligibleNotReceiving: true })).toBe(
      'plain',
    );
    expect(tonesShown(true)).toEqual(['elderly', 'plain']);
    expect(tonesShown(false)).toContain('bedridden');
    expect(
      mapData([row(household({ gps: { lat: 16, lng: 103 } }))], [], { answersWithheld: true })
        .points[0]?.answersWithheld,
    ).toBe(true);
  });
});

describe('nearestHouseholds', () => {
  it('returns the nearest first, never more than asked, none nearer left out', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -2000, max: 2000 })),
          {
            maxLength: 30,
          },
        ),
        fc.tuple(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -2000, max: 2000 })),
        fc.integer({ min: 0, max: 10 }),
        (offsets, [hx, hy], count) => {
          const points = mapData(
            offsets.map(([e, n]) => row(household(gps(at(e, n))))),
            [],
          ).points;
          const here = at(hx, hy);
          const nearest = nearestHouseholds(points, here, count);
          expect(nearest.length).toBe(Math.min(count, points.length));
          for (let i = 1; i < nearest.length; i++) {
            expect(nearest[i - 1]?.distanceM).toBeLessThanOrEqual(nearest[i]?.distanceM ?? 0);
          }
          const kept = new Set(nearest.map((n) => n.point));
          const farthest = nearest.at(-1)?.distanceM ?? 0;
          for (const p of points) {
            if (!kept.has(p) && nearest.length === count && count > 0) {
              expect(distanceM(here, p.position)).toBeGreaterThanOrEqual(farthest);
            }
          }
        },
      ),
    );
  });
});

describe('parcelLinkChange', () => {
  const target = parcel('01AB123', rect(at(0, 0), 10, 10));

  it('patches only the household taxParcelCode', () => {
    const view = household({});
    expect(parcelLinkChange(view, target)).toEqual({
      ok: true,
      change: {
        op: 'patch',
        type: 'household',
        id: view.id,
        villageId: VILLAGE,
        patch: { taxParcelCode: '01AB123' },
      },
    });
  });

  it('refuses a code the survey does not accept, and a link already made', () => {
    expect(parcelLinkChange(household({}), parcel('1-ก-23', rect(at(0, 0), 1, 1)))).toEqual({
      ok: false,
      reason: 'invalid_code',
    });
    expect(parcelLinkChange(household({ taxParcelCode: '01AB123' }), target)).toEqual({
      ok: false,
      reason: 'same_parcel',
    });
  });
});

describe('raiNganWah', () => {
  it('writes square metres as rai, ngan and square wah', () => {
    expect(raiNganWah(1_600)).toEqual({ rai: 1, ngan: 0, wah: 0 });
    expect(raiNganWah(1_600 + 400 * 2 + 4 * 37)).toEqual({ rai: 1, ngan: 2, wah: 37 });
    expect(raiNganWah(0)).toEqual({ rai: 0, ngan: 0, wah: 0 });
  });
});

describe('the gaps of the map and of the lists', () => {
  it('are those of surveyGaps, for any households and parcels', () => {
    const cell = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }));
    fc.assert(
      fc.property(
        fc.array(fc.option(cell, { nil: undefined }), { maxLength: 20 }),
        fc.uniqueArray(cell, { maxLength: 15, selector: ([x, y]) => `${x}:${y}` }),
        fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }), {
          maxLength: 20,
        }),
        (houses, lots, codes) => {
          const parcels = lots.map(([x, y], i) =>
            parcel(`01A${i + 1}`, rect(at(x * 50, y * 50), 40, 40)),
          );
          const views = houses.map((place, i) => {
            const code = codes[i];
            return household({
              houseNo: String(i + 1),
              ...(place ? gps(at(place[0] * 50 + 20, place[1] * 50 + 20)) : {}),
              ...(code === undefined ? {} : { taxParcelCode: `01A${code}` }),
            });
          });
          const expected = surveyGaps(
            views.map((v) => ({
              id: v.id,
              villageId: v.villageId,
              point: v.fields.gps ? ([v.fields.gps.lng, v.fields.gps.lat] as Position) : undefined,
              taxParcelCode: v.fields.taxParcelCode,
            })),
            parcels,
          );
          const data = mapData(
            views.map((v) => row(v)),
            parcels,
          );
          expect(data.householdsWithoutParcel).toBe(expected.householdsWithoutParcel.length);
          expect([...data.parcelsWithoutHousehold].sort()).toEqual(
            expected.parcelsWithoutHousehold.map((p) => p.id).sort(),
          );
          for (const point of data.points) {
            expect(point.link.parcel?.id).toBe(
              expected.links.get(point.row.household.id)?.parcel?.id,
            );
          }
          const listGaps = parcelGaps(views, parcels);
          if (parcels.length === 0) {
            expect(listGaps).toBeNull();
          } else {
            expect([...(listGaps?.withoutParcel ?? [])].sort()).toEqual(
              expected.householdsWithoutParcel.map((h) => h.id).sort(),
            );
            expect(listGaps?.parcelsWithoutHousehold.map((p) => p.id).sort()).toEqual(
              expected.parcelsWithoutHousehold.map((p) => p.id).sort(),
            );
          }
        },
      ),
    );
  });
});

describe('convexHull', () => {
  it('keeps every point inside or on the hull, with hull corners from the points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
          minLength: 3,
          maxLength: 40,
        }),
        (raw) => {
          const points = raw.map(([x, y]) => [x, y] as Position);
          const hull = convexHull(points);
          for (const corner of hull) {
            expect(points.some((p) => p[0] === corner[0] && p[1] === corner[1])).toBe(true);
          }
          if (hull.length < 3) return;
          // Counter-clockwise: every point is left of (or on) every edge.
          for (let i = 0; i < hull.length; i++) {
            const a = hull[i] as Position;
            const b = hull[(i + 1) % hull.length] as Position;
            for (const p of points) {
              expect(
                (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]),
              ).toBeGreaterThanOrEqual(0);
            }
          }
        },
      ),
    );
  });

  it('outlines each village from its houses and parcels', () => {
    const data = mapData(
      [row(household(gps(at(0, 0)))), row(household(gps(at(100, 0))))],
      [parcel('01A1', rect(at(0, 100), 40, 40))],
    );
    const [outline] = villageOutlines(data);
    expect(outline?.villageId).toBe(VILLAGE);
    expect(outline?.ring.length).toBeGreaterThanOrEqual(4);
  });
});
