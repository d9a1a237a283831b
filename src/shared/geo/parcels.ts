// The rules that tie tax-map parcels to households and villages (issue 16), as pure functions:
// which parcel a household is on, the survey gaps (households without a parcel, parcels without
// a household), and which village an imported parcel belongs to.
import type { Bbox, MultiPolygon } from './geometry';
import { bboxOf, distanceToMultiPolygonM, inBbox, pointInMultiPolygon } from './geometry';
import type { Position } from './projection';

/** What the rules need of a parcel. */
export interface ParcelShape {
  code: string;
  polygons: MultiPolygon;
  areaM2: number;
}

/** What the rules need of a household. */
export interface HouseholdPoint {
  id: string;
  villageId: string;
  /** `[longitude, latitude]` of its GPS fix, if it has one. */
  point?: Position | undefined;
  taxParcelCode?: string | undefined;
}

/**
 * A parcel code in one canonical form, so the household's `01A001` finds the file's `01-A-001`
 * or `1 A 1`: upper case, separators dropped, leading zeros of each run of digits dropped.
 */
export function normalizeParcelCode(code: string): string {
  const compact = code.toUpperCase().replace(/[\s\-_./\\]+/g, '');
  return compact.replace(/\d+/g, (digits) => String(Number.parseInt(digits, 10)));
}

/** Parcels by their normalized code; the first of a code wins (the import refuses duplicates). */
export function parcelsByCode<P extends ParcelShape>(parcels: readonly P[]): Map<string, P> {
  const byCode = new Map<string, P>();
  for (const parcel of parcels) {
    const key = normalizeParcelCode(parcel.code);
    if (!byCode.has(key)) byCode.set(key, parcel);
  }
  return byCode;
}

/** About 330 m of latitude: the cell of the grids below. */
const CELL_DEG = 0.003;

const cellKey = (x: number, y: number) => `${x}:${y}`;
const cellOf = (value: number) => Math.floor(value / CELL_DEG);

/** Parcels by the grid cells their bounding boxes cover, for point look-ups. */
export class ParcelIndex<P extends ParcelShape> {
  private readonly cells = new Map<string, Array<{ parcel: P; box: Bbox }>>();

  constructor(readonly parcels: readonly P[]) {
    for (const parcel of parcels) {
      const box = bboxOf(parcel.polygons);
      for (let x = cellOf(box[0]); x <= cellOf(box[2]); x++) {
        for (let y = cellOf(box[1]); y <= cellOf(box[3]); y++) {
          const key = cellKey(x, y);
          const list = this.cells.get(key);
          if (list) list.push({ parcel, box });
          else this.cells.set(key, [{ parcel, box }]);
        }
      }
    }
  }

  /**
   * The parcel `point` falls in; where parcels overlap (a drawing error of the tax map), the
   * smallest, then the first by code, so the answer never depends on the file's order.
   */
  parcelAt(point: Position): P | null {
    const candidates = this.cells.get(cellKey(cellOf(point[0]), cellOf(point[1]))) ?? [];
    let best: P | null = null;
    for (const { parcel, box } of candidates) {
      if (!inBbox(point, box) || !pointInMultiPolygon(point, parcel.polygons)) continue;
      if (
        !best ||
        parcel.areaM2 < best.areaM2 ||
        (parcel.areaM2 === best.areaM2 && parcel.code < best.code)
      ) {
        best = parcel;
      }
    }
    return best;
  }
}

export type ParcelLink<P> =
  | { parcel: P; by: 'code' }
  | { parcel: P; by: 'location' }
  | { parcel: null; by: 'none'; reason: 'no_gps' | 'outside' | 'code_unknown' };

/**
 * A household's parcel: the one its `taxParcelCode` names (what the surveyor recorded, or set
 * by tapping the map, wins over where the GPS fix fell), else the one its GPS point falls in.
 * A code that names no parcel is a gap too (`code_unknown`): the map does not guess past it.
 */
export function linkHousehold<P extends ParcelShape>(
  household: HouseholdPoint,
  byCode: ReadonlyMap<string, P>,
  index: ParcelIndex<P>,
): ParcelLink<P> {
  const code = household.taxParcelCode?.trim();
  if (code) {
    const parcel = byCode.get(normalizeParcelCode(code));
    return parcel ? { parcel, by: 'code' } : { parcel: null, by: 'none', reason: 'code_unknown' };
  }
  if (!household.point) return { parcel: null, by: 'none', reason: 'no_gps' };
  const parcel = index.parcelAt(household.point);
  return parcel ? { parcel, by: 'location' } : { parcel: null, by: 'none', reason: 'outside' };
}

export interface SurveyGaps<P> {
  /** Each household's link, by household id. */
  links: Map<string, ParcelLink<P>>;
  householdsWithoutParcel: HouseholdPoint[];
  parcelsWithoutHousehold: P[];
}

/** Links every household, then lists the gaps the survey should close. */
export function surveyGaps<P extends ParcelShape>(
  households: readonly HouseholdPoint[],
  parcels: readonly P[],
): SurveyGaps<P> {
  const byCode = parcelsByCode(parcels);
  const index = new ParcelIndex(parcels);
  const links = new Map<string, ParcelLink<P>>();
  const linked = new Set<P>();
  const householdsWithoutParcel: HouseholdPoint[] = [];
  for (const household of households) {
    const link = linkHousehold(household, byCode, index);
    links.set(household.id, link);
    if (link.parcel) linked.add(link.parcel);
    else householdsWithoutParcel.push(household);
  }
  return {
    links,
    householdsWithoutParcel,
    parcelsWithoutHousehold: parcels.filter((parcel) => !linked.has(parcel)),
  };
}

/** How far a parcel's nearest household may be for the parcel to take its village. */
export const NEAREST_HOUSEHOLD_M = 300;

export type VillageAssignment =
  | { villageId: string; by: 'moo' | 'households' | 'nearest' }
  | { villageId: null; by: 'none' };

export interface VillageContext {
  villages: ReadonlyArray<{ id: string; mooNo: number }>;
  households: readonly HouseholdPoint[];
}

/** The หมู่ number a cell of a moo column gives: `3`, `03`, `หมู่ 3`, `ม.3`, `หมู่ที่ 3`. */
export function mooOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const digits = /^\s*(?:หมู่(?:ที่)?|ม\.?|moo|mu)?\s*0*(\d{1,2})(?:\.0+)?\s*$/i.exec(value);
  const moo = digits ? Number(digits[1]) : Number.NaN;
  return Number.isInteger(moo) && moo >= 1 && moo <= 99 ? moo : null;
}

/**
 * Decides the villages of imported parcels, in this order:
 * 1. the file's หมู่ column, when it names a village of the organization;
 * 2. the village of the households linked to the parcel (by `taxParcelCode`, or GPS inside it),
 *    the most of them (a tie: the lowest หมู่);
 * 3. the village of the nearest household within `NEAREST_HOUSEHOLD_M` of the parcel;
 * 4. none: the row is reported and not written.
 */
export class VillageAssigner {
  private readonly villageByMoo: Map<number, string>;
  private readonly mooOfVillage: Map<string, number>;
  private readonly byCode = new Map<string, HouseholdPoint[]>();
  private readonly cells = new Map<string, HouseholdPoint[]>();

  constructor(context: VillageContext) {
    this.villageByMoo = new Map(context.villages.map((v) => [v.mooNo, v.id]));
    this.mooOfVillage = new Map(context.villages.map((v) => [v.id, v.mooNo]));
    for (const household of context.households) {
      if (!this.mooOfVillage.has(household.villageId)) continue;
      const code = household.taxParcelCode?.trim();
      if (code) {
        const key = normalizeParcelCode(code);
        this.byCode.set(key, [...(this.byCode.get(key) ?? []), household]);
      }
      if (household.point) {
        const key = cellKey(cellOf(household.point[0]), cellOf(household.point[1]));
        const list = this.cells.get(key);
        if (list) list.push(household);
        else this.cells.set(key, [household]);
      }
    }
  }

  assign(parcel: ParcelShape, moo: number | null): VillageAssignment {
    const byMoo = moo === null ? undefined : this.villageByMoo.get(moo);
    if (byMoo) return { villageId: byMoo, by: 'moo' };
    const box = bboxOf(parcel.polygons);
    const inside = this.nearby(box, 0).filter(
      (h) => h.point && !h.taxParcelCode?.trim() && pointInMultiPolygon(h.point, parcel.polygons),
    );
    const linked = [...(this.byCode.get(normalizeParcelCode(parcel.code)) ?? []), ...inside];
    if (linked.length > 0) return { villageId: this.mostCommon(linked), by: 'households' };
    let nearest: { villageId: string; distance: number; moo: number } | null = null;
    for (const household of this.nearby(box, NEAREST_HOUSEHOLD_M)) {
      const distance = distanceToMultiPolygonM(household.point as Position, parcel.polygons);
      const moo = this.mooOfVillage.get(household.villageId) as number;
      if (
        distance <= NEAREST_HOUSEHOLD_M &&
        (!nearest ||
          distance < nearest.distance ||
          (distance === nearest.distance && moo < nearest.moo))
      ) {
        nearest = { villageId: household.villageId, distance, moo };
      }
    }
    return nearest
      ? { villageId: nearest.villageId, by: 'nearest' }
      : { villageId: null, by: 'none' };
  }

  private mostCommon(households: readonly HouseholdPoint[]): string {
    const counts = new Map<string, number>();
    for (const h of households) counts.set(h.villageId, (counts.get(h.villageId) ?? 0) + 1);
    return [...counts].sort(
      ([a, countA], [b, countB]) =>
        countB - countA ||
        (this.mooOfVillage.get(a) as number) - (this.mooOfVillage.get(b) as number),
    )[0]?.[0] as string;
  }

  /** Households with a GPS point in the grid cells around `box` grown by `marginM`. */
  private nearby(box: Bbox, marginM: number): HouseholdPoint[] {
    const dy = marginM / 111_320;
    const dx = dy / Math.cos(((box[1] + box[3]) / 2) * (Math.PI / 180));
    const found: HouseholdPoint[] = [];
    for (let x = cellOf(box[0] - dx); x <= cellOf(box[2] + dx); x++) {
      for (let y = cellOf(box[1] - dy); y <= cellOf(box[3] + dy); y++) {
        found.push(...(this.cells.get(cellKey(x, y)) ?? []));
      }
    }
    return found;
  }
}
