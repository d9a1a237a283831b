// Reprojection of a parcel layer to WGS84 longitude/latitude, chosen by reading the `.prj` WKT
// (or a GeoJSON `crs`). Only the projections Thai tax-map programs write are known; anything
// else is refused with `projection_unknown`, never guessed: a wrong guess lands parcels
// hundreds of metres (a datum) or hundreds of kilometres (a zone) away.
import proj4 from 'proj4';
import { GeoError } from './errors';

/** The EPSG codes of the projections a parcel layer may be in. */
export const KNOWN_PROJECTIONS = {
  4326: 'WGS 84 (longitude, latitude)',
  4240: 'Indian 1975 (longitude, latitude)',
  32647: 'WGS 84 / UTM zone 47N',
  32648: 'WGS 84 / UTM zone 48N',
  24047: 'Indian 1975 / UTM zone 47N',
  24048: 'Indian 1975 / UTM zone 48N',
} as const;
export type ProjectionCode = keyof typeof KNOWN_PROJECTIONS;

/**
 * Indian 1975 to WGS 84 as used for Thailand: EPSG:1304 (the 3-parameter shift of the Royal
 * Thai Survey Department). A `.prj` carries no shift, and PROJ's default for the datum
 * (EPSG:1812) lands ~190 m off in Roi Et; no shift at all, ~400 m. So this one is always
 * applied, whatever the file says.
 */
export const INDIAN_1975_TO_WGS84 = '+towgs84=210,814,289,0,0,0,0';

/** Everest 1830 (1937 Adjustment), the ellipsoid of Indian 1975. */
const EVEREST_1830 = '+a=6377276.345 +rf=300.8017';

/** The proj4 definition of each known projection. */
export const PROJ4_DEFINITIONS: Record<ProjectionCode, string> = {
  4326: '+proj=longlat +datum=WGS84 +no_defs',
  4240: `+proj=longlat ${EVEREST_1830} ${INDIAN_1975_TO_WGS84} +no_defs`,
  32647: '+proj=utm +zone=47 +datum=WGS84 +units=m +no_defs',
  32648: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs',
  24047: `+proj=utm +zone=47 ${EVEREST_1830} ${INDIAN_1975_TO_WGS84} +units=m +no_defs`,
  24048: `+proj=utm +zone=48 ${EVEREST_1830} ${INDIAN_1975_TO_WGS84} +units=m +no_defs`,
};

const WGS84 = PROJ4_DEFINITIONS[4326];

export function isProjectionCode(code: number): code is ProjectionCode {
  return Object.hasOwn(KNOWN_PROJECTIONS, code);
}

type Datum = 'wgs84' | 'indian1975';

/** Words of the WKT, lower case, with `_` and `-` as spaces: `D_Indian_1975` → `d indian 1975`. */
function words(text: string): string {
  return text.toLowerCase().replace(/[_-]+/g, ' ');
}

function datumOf(wkt: string): Datum | null {
  const datum = /DATUM\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1];
  const name = words(datum ?? /GEOGCS\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? '');
  if (/\bindian 1975\b/.test(name)) return 'indian1975';
  if (/\bwgs ?(19)?84\b/.test(name) || /\bworld geodetic system 1984\b/.test(name)) return 'wgs84';
  return null;
}

/** `PARAMETER["Central_Meridian",105.0]` → 105 (any case, `_` or space). */
function parameter(wkt: string, name: string): number | null {
  const pattern = new RegExp(
    `PARAMETER\\s*\\[\\s*"${name.replace(/ /g, '[_ ]')}"\\s*,\\s*(-?[\\d.]+(?:[eE][-+]?\\d+)?)`,
    'i',
  );
  const value = pattern.exec(wkt)?.[1];
  return value === undefined ? null : Number(value);
}

/** The EPSG code the WKT's outermost AUTHORITY names, if it is one we know. */
function authorityCode(wkt: string): ProjectionCode | null {
  // The outermost AUTHORITY of OGC WKT is the last one of the text.
  const all = [...wkt.matchAll(/AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const code = Number(all.at(-1)?.[1]);
  return isProjectionCode(code) ? code : null;
}

const near = (value: number | null, expected: number) =>
  value !== null && Math.abs(value - expected) < 1e-6;

/**
 * The projection a `.prj` (ESRI or OGC WKT) describes, from its datum, and for a projected one
 * its UTM zone (from the central meridian, checked against the name when it names a zone).
 * Throws `projection_unknown` for anything else: another datum, another zone, another
 * projection, feet, or a name and parameters that disagree.
 */
export function projectionOfPrj(wkt: string): ProjectionCode {
  const text = wkt.replace(/^\uFEFF/, '').trim();
  const unknown = (reason: string) =>
    new GeoError('projection_unknown', { reason, prj: text.slice(0, 120) });
  const byAuthority = authorityCode(text);
  const datum = datumOf(text);
  const projected = /^PROJCS\s*\[/i.test(text);
  const geographic = /^GEOGCS\s*\[/i.test(text);
  if (!projected && !geographic) throw unknown('not_wkt');
  if (!datum) throw unknown('datum');
  if (geographic) {
    const code: ProjectionCode = datum === 'wgs84' ? 4326 : 4240;
    if (byAuthority !== null && byAuthority !== code) throw unknown('authority');
    return code;
  }
  const projection = words(/PROJECTION\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '');
  if (projection !== 'transverse mercator') throw unknown('projection');
  // The linear unit is the last UNIT of the text (the angular one of GEOGCS comes before it).
  const unit = [...text.matchAll(/UNIT\s*\[\s*"[^"]*"\s*,\s*([\d.eE+-]+)/gi)].at(-1)?.[1];
  if (unit !== undefined && !near(Number(unit), 1)) throw unknown('unit');
  const meridian = parameter(text, 'central meridian');
  const zone = near(meridian, 99) ? 47 : near(meridian, 105) ? 48 : null;
  if (zone === null) throw unknown('zone');
  const checks: Array<[string, number]> = [
    ['scale factor', 0.9996],
    ['false easting', 500000],
    ['false northing', 0],
    ['latitude of origin', 0],
  ];
  for (const [name, expected] of checks) {
    const value = parameter(text, name);
    if (value !== null && !near(value, expected)) throw unknown(name.replace(/ /g, '_'));
  }
  const name = words(/^PROJCS\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '');
  const namedZone = /\butm zone (\d{1,2}) ?([ns])?\b/.exec(name);
  if (namedZone && (Number(namedZone[1]) !== zone || namedZone[2] === 's'))
    throw unknown('zone_name');
  const code: ProjectionCode =
    datum === 'wgs84' ? (zone === 47 ? 32647 : 32648) : zone === 47 ? 24047 : 24048;
  if (byAuthority !== null && byAuthority !== code) throw unknown('authority');
  return code;
}

/**
 * A GeoJSON `crs` member (GeoJSON 2008; RFC 7946 dropped it: no member means WGS 84):
 * `{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32648"}}` or `EPSG:32648`.
 */
export function projectionOfCrsName(name: string): ProjectionCode {
  if (/^urn:ogc:def:crs:OGC:1\.3:CRS84$/i.test(name)) return 4326;
  const code = Number(/^(?:urn:ogc:def:crs:)?EPSG:(?:[\d.]*:)?(\d+)$/i.exec(name.trim())?.[1]);
  if (!isProjectionCode(code))
    throw new GeoError('projection_unknown', { crs: name.slice(0, 120) });
  return code;
}

export type Position = [number, number];

/** A function taking `[x, y]` of `code` to `[longitude, latitude]` on WGS 84. */
export function toWgs84(code: ProjectionCode): (point: Position) => Position {
  if (code === 4326) return (point) => [point[0], point[1]];
  const converter = proj4(PROJ4_DEFINITIONS[code], WGS84);
  return (point) => {
    const [x, y] = converter.forward([point[0], point[1]]);
    return [x as number, y as number];
  };
}

/** The inverse: WGS 84 `[longitude, latitude]` to `[x, y]` of `code` (the demo writes its layer so). */
export function fromWgs84(code: ProjectionCode): (point: Position) => Position {
  if (code === 4326) return (point) => [point[0], point[1]];
  const converter = proj4(WGS84, PROJ4_DEFINITIONS[code]);
  return (point) => {
    const [x, y] = converter.forward([point[0], point[1]]);
    return [x as number, y as number];
  };
}
