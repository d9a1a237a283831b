// Plane and sphere geometry of parcels in WGS 84 longitude/latitude: point in polygon, area,
// centroid, distances and bounding boxes. Positions are `[longitude, latitude]` as in GeoJSON.
import type { Position } from './projection';

/** A closed ring: first and last positions equal. */
export type Ring = Position[];
/** The outer ring, then its holes. */
export type Polygon = Ring[];
export type MultiPolygon = Polygon[];

/** `[west, south, east, north]`. */
export type Bbox = [number, number, number, number];

/** The radius the area and distance formulas take (WGS 84's equatorial radius, as GIS tools do). */
const EARTH_RADIUS_M = 6_378_137;
const RAD = Math.PI / 180;

/** Ray casting; a point on an edge may fall either side. */
export function pointInRing(point: Position, ring: Ring): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(point: Position, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !pointInRing(point, outer)) return false;
  return !holes.some((hole) => pointInRing(point, hole));
}

export function pointInMultiPolygon(point: Position, polygons: MultiPolygon): boolean {
  return polygons.some((polygon) => pointInPolygon(point, polygon));
}

/**
 * The area a ring encloses on the sphere, in m² (the spherical excess formula GIS tools use;
 * within a fraction of a percent of the ellipsoid for parcels). Positive whatever the winding.
 */
export function ringAreaM2(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [lon1, lat1] = ring[i] as Position;
    const [lon2, lat2] = ring[i + 1] as Position;
    sum += (lon2 - lon1) * RAD * (2 + Math.sin(lat1 * RAD) + Math.sin(lat2 * RAD));
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

/** Outer rings less their holes, in m². */
export function areaM2(polygons: MultiPolygon): number {
  let total = 0;
  for (const [outer, ...holes] of polygons) {
    if (!outer) continue;
    total += ringAreaM2(outer) - holes.reduce((sum, hole) => sum + ringAreaM2(hole), 0);
  }
  return Math.max(0, total);
}

/** Planar signed area (shoelace) in the ring's own units: > 0 counter-clockwise. */
export function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/**
 * The area-weighted centroid of the outer rings (holes ignored: a parcel's centroid is where
 * its label goes, not a survey figure). A degenerate shape gives the mean of its vertices.
 */
export function centroid(polygons: MultiPolygon): Position {
  let ax = 0;
  let ay = 0;
  let total = 0;
  let mx = 0;
  let my = 0;
  let count = 0;
  for (const [outer] of polygons) {
    if (!outer || outer.length === 0) continue;
    // Relative to the first vertex: exact enough at parcel sizes, no cancellation at 100°E.
    const [x0, y0] = outer[0] as Position;
    for (let i = 0; i < outer.length - 1; i++) {
      const [x1, y1] = outer[i] as Position;
      const [x2, y2] = outer[i + 1] as Position;
      const [u1, v1, u2, v2] = [x1 - x0, y1 - y0, x2 - x0, y2 - y0];
      const cross = u1 * v2 - u2 * v1;
      total += cross;
      ax += (u1 + u2 + 3 * x0) * cross;
      ay += (v1 + v2 + 3 * y0) * cross;
      mx += x1;
      my += y1;
      count++;
    }
  }
  if (Math.abs(total) < 1e-18) return count === 0 ? [0, 0] : [mx / count, my / count];
  return [ax / (3 * total), ay / (3 * total)];
}

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres from `point` to the nearest edge of the polygons (0 inside). */
export function distanceToMultiPolygonM(point: Position, polygons: MultiPolygon): number {
  if (pointInMultiPolygon(point, polygons)) return 0;
  // A local plane around the point: metres east and north.
  const kx = Math.cos(point[1] * RAD) * RAD * EARTH_RADIUS_M;
  const ky = RAD * EARTH_RADIUS_M;
  let best = Number.POSITIVE_INFINITY;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i < ring.length - 1; i++) {
        const [x1, y1] = ring[i] as Position;
        const [x2, y2] = ring[i + 1] as Position;
        const ax = (x1 - point[0]) * kx;
        const ay = (y1 - point[1]) * ky;
        const bx = (x2 - point[0]) * kx;
        const by = (y2 - point[1]) * ky;
        const dx = bx - ax;
        const dy = by - ay;
        const length2 = dx * dx + dy * dy;
        const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
  }
  return best;
}

export function bboxOf(polygons: MultiPolygon): Bbox {
  const box: Bbox = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const polygon of polygons) for (const ring of polygon) extendBbox(box, ring);
  return box;
}

export function extendBbox(box: Bbox, positions: readonly Position[]): Bbox {
  for (const [x, y] of positions) {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
  return box;
}

export function inBbox(point: Position, box: Bbox): boolean {
  return point[0] >= box[0] && point[0] <= box[2] && point[1] >= box[1] && point[1] <= box[3];
}

/** Decimal places of stored coordinates: 1e-7° is ~1 cm. */
export const COORDINATE_DECIMALS = 7;

export function roundCoordinate(value: number): number {
  const factor = 10 ** COORDINATE_DECIMALS;
  return Math.round(value * factor) / factor;
}

export function roundPolygons(polygons: MultiPolygon): MultiPolygon {
  return polygons.map((polygon) =>
    polygon.map((ring) => ring.map(([x, y]): Position => [roundCoordinate(x), roundCoordinate(y)])),
  );
}
