// Independent reference formulas for the reprojection tests, written from the published
// sources, not from proj4:
// - UTM (transverse Mercator) inverse: J. P. Snyder, "Map Projections: A Working Manual",
//   USGS Professional Paper 1395 (1987), pp. 63-64, eqs. 3-21 and 8-17 to 8-25 (series to e1^4;
//   sub-millimetre within a few degrees of the central meridian).
// - Geocentric translation (3 parameters) through ECEF: IOGP/EPSG Guidance Note 7-2, §2.4.3.1
//   (geographic/geocentric conversions, EPSG method 9602) and §2.4.4.1 (method 9603).

export interface Ellipsoid {
  a: number;
  /** Inverse flattening. */
  rf: number;
}

export const WGS84: Ellipsoid = { a: 6_378_137, rf: 298.257223563 };
/** Everest 1830 (1937 Adjustment), EPSG:7015: the ellipsoid of Indian 1975. */
export const EVEREST_1830: Ellipsoid = { a: 6_377_276.345, rf: 300.8017 };

const RAD = Math.PI / 180;

/** UTM north easting/northing of `zone` to latitude/longitude (degrees) on `ellipsoid`. */
export function utmInverse(
  easting: number,
  northing: number,
  zone: number,
  ellipsoid: Ellipsoid,
): { lat: number; lon: number } {
  const k0 = 0.9996;
  const { a } = ellipsoid;
  const f = 1 / ellipsoid.rf;
  const e2 = f * (2 - f);
  const ep2 = e2 / (1 - e2);
  const lon0 = (zone * 6 - 183) * RAD;
  const x = easting - 500_000;
  const M = northing / k0;
  const mu = M / (a * (1 - e2 / 4 - (3 * e2 ** 2) / 64 - (5 * e2 ** 3) / 256));
  const e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
  const phi1 =
    mu +
    ((3 * e1) / 2 - (27 * e1 ** 3) / 32) * Math.sin(2 * mu) +
    ((21 * e1 ** 2) / 16 - (55 * e1 ** 4) / 32) * Math.sin(4 * mu) +
    ((151 * e1 ** 3) / 96) * Math.sin(6 * mu) +
    ((1097 * e1 ** 4) / 512) * Math.sin(8 * mu);
  const sin1 = Math.sin(phi1);
  const cos1 = Math.cos(phi1);
  const C1 = ep2 * cos1 ** 2;
  const T1 = Math.tan(phi1) ** 2;
  const N1 = a / Math.sqrt(1 - e2 * sin1 ** 2);
  const R1 = (a * (1 - e2)) / (1 - e2 * sin1 ** 2) ** 1.5;
  const D = x / (N1 * k0);
  const lat =
    phi1 -
    ((N1 * Math.tan(phi1)) / R1) *
      (D ** 2 / 2 -
        ((5 + 3 * T1 + 10 * C1 - 4 * C1 ** 2 - 9 * ep2) * D ** 4) / 24 +
        ((61 + 90 * T1 + 298 * C1 + 45 * T1 ** 2 - 252 * ep2 - 3 * C1 ** 2) * D ** 6) / 720);
  const lon =
    lon0 +
    (D -
      ((1 + 2 * T1 + C1) * D ** 3) / 6 +
      ((5 - 2 * C1 + 28 * T1 - 3 * C1 ** 2 + 8 * ep2 + 24 * T1 ** 2) * D ** 5) / 120) /
      cos1;
  return { lat: lat / RAD, lon: lon / RAD };
}

/** Latitude/longitude on `from` shifted by (dx, dy, dz) metres to `to` (EPSG 9602 + 9603). */
export function geocentricTranslation(
  point: { lat: number; lon: number },
  from: Ellipsoid,
  to: Ellipsoid,
  shift: [number, number, number],
): { lat: number; lon: number } {
  const toEcef = (lat: number, lon: number, e: Ellipsoid) => {
    const f = 1 / e.rf;
    const e2 = f * (2 - f);
    const phi = lat * RAD;
    const lambda = lon * RAD;
    const nu = e.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
    return [
      nu * Math.cos(phi) * Math.cos(lambda),
      nu * Math.cos(phi) * Math.sin(lambda),
      nu * (1 - e2) * Math.sin(phi),
    ] as const;
  };
  const [x0, y0, z0] = toEcef(point.lat, point.lon, from);
  const [x, y, z] = [x0 + shift[0], y0 + shift[1], z0 + shift[2]];
  const f = 1 / to.rf;
  const e2 = f * (2 - f);
  const p = Math.hypot(x, y);
  let phi = Math.atan2(z, p * (1 - e2));
  for (let i = 0; i < 10; i++) {
    const nu = to.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
    phi = Math.atan2(z + e2 * nu * Math.sin(phi), p);
  }
  return { lat: phi / RAD, lon: Math.atan2(y, x) / RAD };
}

/** Great-circle metres between two lon/lat points (enough to compare within 1 m). */
export function metresBetween(a: [number, number], b: [number, number]): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}
