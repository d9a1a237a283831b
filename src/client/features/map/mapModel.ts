import type { Bbox } from '../../../shared/geo/geometry';
import { bboxOf, distanceM, extendBbox } from '../../../shared/geo/geometry';
import {
  linkHousehold,
  ParcelIndex,
  type ParcelLink,
  parcelsByCode,
} from '../../../shared/geo/parcels';
import type { Position } from '../../../shared/geo/projection';
import { HouseholdFields } from '../../../shared/model/household';
import type { CaseStatus } from '../../../shared/model/welfare';
import {
  type HouseholdFilters,
  type HouseholdRow,
  matchesFilters,
} from '../../records/householdRows';
import type { ParcelView } from '../../records/parcels';
import type { HouseholdView } from '../../records/people';
import type { RecordChange } from '../../sync/edit';

/**
 * What the map screen decides, as pure functions: which households it draws and in which
 * colour, which filters keep them (the lists' own `matchesFilters`, plus the map's), the survey
 * gaps between households and tax-map parcels, the nearest households, and the patch that
 * links a household to a tapped parcel.
 */

/** A tax-map parcel as the map draws it. */
export type MapParcel = ParcelView;

/** A service request (welfare case) with a location, drawn by its status. */
export interface MapCase {
  id: string;
  villageId: string;
  position: Position;
  status: CaseStatus;
  category: string;
}

/** Status colours of requests; drawn as squares so they never read as households. */
export const CASE_COLOURS: Record<CaseStatus, string> = {
  received: '#d84315',
  assessed: '#ef6c00',
  approved: '#f9a825',
  'in-progress': '#283593',
  done: '#2e7d32',
  rejected: '#757575',
};

/** A household with a GPS fix, as a point of the map. */
export interface MapHousehold {
  row: HouseholdRow;
  /** `[longitude, latitude]`. */
  position: Position;
  /** Active members entitled to an allowance they do not receive. */
  eligibleNotReceiving: boolean;
  link: ParcelLink<MapParcel>;
  /**
   * The device never received the members' health and disability answers (an admin's): the
   * flags worked out from them are unknown, not false.
   */
  answersWithheld: boolean;
}

export interface MapData {
  points: MapHousehold[];
  /** Households without a GPS fix: not on the map, counted and listed. */
  unplaced: HouseholdRow[];
  parcels: MapParcel[];
  /** Households (with or without a point) that no parcel is linked to. */
  householdsWithoutParcel: number;
  /** Ids of the parcels no household is linked to. */
  parcelsWithoutHousehold: Set<string>;
  /** Where the points and parcels are, or null when there is nothing to draw. */
  bounds: Bbox | null;
  /** The parcels by place, for the map's taps. */
  index: ParcelIndex<MapParcel>;
}

export function eligibleNotReceiving(row: HouseholdRow): boolean {
  return row.members.some(
    ({ profile }) => profile.active && profile.eligibleNotReceiving.length > 0,
  );
}

/**
 * The households and parcels of the device, linked by the import's own rules (`linkHousehold`,
 * as `surveyGaps` does), with the gaps both ways.
 */
export function mapData(
  rows: readonly HouseholdRow[],
  parcels: readonly MapParcel[],
  { answersWithheld = false }: { answersWithheld?: boolean } = {},
): MapData {
  const byCode = parcelsByCode(parcels);
  const index = new ParcelIndex(parcels);
  const linked = new Set<string>();
  const points: MapHousehold[] = [];
  const unplaced: HouseholdRow[] = [];
  let householdsWithoutParcel = 0;
  let bounds: Bbox | null = null;
  for (const row of rows) {
    const gps = row.household.fields.gps;
    const position: Position | undefined = gps ? [gps.lng, gps.lat] : undefined;
    const link = linkHousehold(
      {
        id: row.household.id,
        villageId: row.household.villageId,
        point: position,
        taxParcelCode: row.household.fields.taxParcelCode,
      },
      byCode,
      index,
    );
    if (link.parcel) linked.add(link.parcel.id);
    else householdsWithoutParcel += 1;
    if (!position) {
      unplaced.push(row);
      continue;
    }
    bounds = bounds ? extendBbox(bounds, [position]) : [...position, ...position];
    points.push({
      row,
      position,
      eligibleNotReceiving: eligibleNotReceiving(row),
      link,
      answersWithheld,
    });
  }
  for (const parcel of parcels) {
    const box = bboxOf(parcel.polygons);
    bounds = bounds
      ? extendBbox(bounds, [
          [box[0], box[1]],
          [box[2], box[3]],
        ])
      : box;
  }
  return {
    points,
    unplaced,
    parcels: [...parcels],
    householdsWithoutParcel,
    parcelsWithoutHousehold: new Set(
      parcels.filter((parcel) => !linked.has(parcel.id)).map((parcel) => parcel.id),
    ),
    bounds,
    index,
  };
}

export interface MapFilters extends HouseholdFilters {
  eligibleNotReceiving: boolean;
  unsynced: boolean;
  noParcel: boolean;
}

export const NO_MAP_FILTERS: MapFilters = {
  elderly: false,
  disabled: false,
  bedridden: false,
  adlGroup: '',
  missingData: false,
  eligibleNotReceiving: false,
  unsynced: false,
  noParcel: false,
};

/** The same flags as the household list (its `matchesFilters`), plus the map's own. */
export function matchesMapFilters(point: MapHousehold, filters: MapFilters): boolean {
  if (!matchesFilters(point.row, filters)) return false;
  if (filters.eligibleNotReceiving && !point.eligibleNotReceiving) return false;
  if (filters.unsynced && !point.row.unsynced) return false;
  if (filters.noParcel && point.link.parcel) return false;
  return true;
}

/** The colour of a point: its most pressing flag, in this order (the legend's order too). */
export const POINT_TONES = [
  'bedridden',
  'disabled',
  'elderly',
  'eligible',
  'missing',
  'plain',
] as const;
export type PointTone = (typeof POINT_TONES)[number];

export function pointTone(point: MapHousehold): PointTone {
  if (point.answersWithheld) return point.row.elderly ? 'elderly' : 'plain';
  if (point.row.bedridden) return 'bedridden';
  if (point.row.disabled) return 'disabled';
  if (point.row.elderly) return 'elderly';
  if (point.eligibleNotReceiving) return 'eligible';
  if (point.row.missingData) return 'missing';
  return 'plain';
}

/** The tones a device can draw: without the health and disability answers, only age. */
export function tonesShown(answersWithheld: boolean): readonly PointTone[] {
  return answersWithheld ? ['elderly', 'plain'] : POINT_TONES;
}

/** Fill colours of the tones, readable on white and printed in colour or grey. */
export const TONE_COLOURS: Record<PointTone, string> = {
  bedridden: '#c62828',
  disabled: '#6a1b9a',
  elderly: '#ef6c00',
  eligible: '#00838f',
  missing: '#f9a825',
  plain: '#1565c0',
};

/** Parcel outlines and fills: linked parcels quiet, parcels without a household loud. */
export const PARCEL_COLOUR = { line: '#5d4037', fill: '#d7ccc8' };
export const ORPHAN_COLOUR = { line: '#ad1457', fill: '#f8bbd0' };

export interface Nearby {
  point: MapHousehold;
  distanceM: number;
}

/** The `count` households nearest to `here`, nearest first (ties by house number order of input). */
export function nearestHouseholds(
  points: readonly MapHousehold[],
  here: Position,
  count: number,
): Nearby[] {
  return points
    .map((point) => ({ point, distanceM: distanceM(here, point.position) }))
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, Math.max(0, count));
}

export type ParcelLinkResult =
  | { ok: true; change: RecordChange }
  | { ok: false; reason: 'invalid_code' | 'same_parcel' };

/**
 * Links a household to a parcel tapped on the map: a patch of its `taxParcelCode` (the link
 * lives on the household's side and syncs with it). A code the household model does not accept
 * (`invalid_tax_parcel`) is refused here, with nothing saved.
 */
export function parcelLinkChange(household: HouseholdView, parcel: MapParcel): ParcelLinkResult {
  const code = parcel.code.trim().toUpperCase();
  if (!HouseholdFields.shape.taxParcelCode.safeParse(code).success) {
    return { ok: false, reason: 'invalid_code' };
  }
  if (household.fields.taxParcelCode === code) return { ok: false, reason: 'same_parcel' };
  return {
    ok: true,
    change: {
      op: 'patch',
      type: 'household',
      id: household.id,
      villageId: household.villageId,
      patch: { taxParcelCode: code },
    },
  };
}

/** Square metres as Thai land measure: 1 ไร่ = 4 งาน = 400 ตารางวา = 1,600 m². */
export function raiNganWah(areaM2: number): { rai: number; ngan: number; wah: number } {
  const wahTotal = Math.round(Math.max(0, areaM2) / 4);
  return {
    rai: Math.floor(wahTotal / 400),
    ngan: Math.floor((wahTotal % 400) / 100),
    wah: wahTotal % 100,
  };
}

/** The convex hull of `points`, counter-clockwise, without repeating the first (monotone chain). */
export function convexHull(points: readonly Position[]): Position[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: Position, a: Position, b: Position) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: Position[]) => {
    const hull: Position[] = [];
    for (const p of list) {
      while (hull.length >= 2 && cross(hull.at(-2) as Position, hull.at(-1) as Position, p) <= 0) {
        hull.pop();
      }
      hull.push(p);
    }
    hull.pop();
    return hull;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

export interface VillageOutline {
  villageId: string;
  /** The hull of the village's houses and parcels, `[lon, lat]`. */
  ring: Position[];
}

/**
 * Each village's outline as the map draws it without a basemap: the convex hull of its
 * households' points and its parcels' corners (the tambon has no drawn village boundaries).
 */
export function villageOutlines(data: MapData): VillageOutline[] {
  const byVillage = new Map<string, Position[]>();
  const add = (villageId: string, positions: readonly Position[]) => {
    const list = byVillage.get(villageId);
    if (list) list.push(...positions);
    else byVillage.set(villageId, [...positions]);
  };
  for (const point of data.points) add(point.row.household.villageId, [point.position]);
  for (const parcel of data.parcels) {
    const box = bboxOf(parcel.polygons);
    add(parcel.villageId, [
      [box[0], box[1]],
      [box[2], box[3]],
      [box[0], box[3]],
      [box[2], box[1]],
    ]);
  }
  return [...byVillage].flatMap(([villageId, positions]) => {
    const ring = convexHull(positions);
    return ring.length >= 3 ? [{ villageId, ring }] : [];
  });
}
