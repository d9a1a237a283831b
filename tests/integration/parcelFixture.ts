// A tax-map parcel layer as an office's program writes it: a zipped Shapefile in Indian 1975 /
// UTM zone 48N with TIS-620 Thai attributes and no .cpg, made from parcels described in metres
// around WGS 84 points (the households' GPS fixes).
import type { MultiPolygon } from '../../src/shared/geo/geometry';
import { fromWgs84, type Position, type ProjectionCode } from '../../src/shared/geo/projection';
import { writeShapefile, zipShapefile } from '../../src/shared/geo/shapefileWriter';

export interface FixtureParcel {
  code: string;
  /** Centre of the parcel, WGS 84 `[longitude, latitude]`. */
  centre: Position;
  /** Offset of the centre, metres east and north (a parcel beside a house, not around it). */
  offsetM?: [number, number];
  sizeM?: number;
  moo?: string;
  landUse?: string;
  owner?: string;
}

/** A square `sizeM` wide around `centre` (+ offset), in the projection's metres, clockwise. */
function square(project: (p: Position) => Position, parcel: FixtureParcel): MultiPolygon {
  const [e, n] = project(parcel.centre);
  const [dx, dy] = parcel.offsetM ?? [0, 0];
  const half = (parcel.sizeM ?? 40) / 2;
  const [x0, y0, x1, y1] = [e + dx - half, n + dy - half, e + dx + half, n + dy + half];
  return [
    [
      [
        [x0, y0],
        [x0, y1],
        [x1, y1],
        [x1, y0],
        [x0, y0],
      ],
    ],
  ];
}

export function parcelLayerZip(
  parcels: readonly FixtureParcel[],
  projection: ProjectionCode = 24048,
): Uint8Array {
  const project = fromWgs84(projection);
  const withMoo = parcels.some((p) => p.moo !== undefined);
  const files = writeShapefile({
    shapes: parcels.map((parcel) => square(project, parcel)),
    fields: [
      { name: 'PARCEL_COD', type: 'C', length: 12 },
      ...(withMoo ? [{ name: 'MOO', type: 'C' as const, length: 3 }] : []),
      { name: 'LANDUSE', type: 'C', length: 40 },
      { name: 'OWNER', type: 'C', length: 40 },
      { name: 'RAI', type: 'N', length: 8, decimals: 2 },
    ],
    rows: parcels.map((parcel) => ({
      PARCEL_COD: parcel.code,
      ...(withMoo ? { MOO: parcel.moo ?? '' } : {}),
      LANDUSE: parcel.landUse ?? 'ที่อยู่อาศัย',
      OWNER: parcel.owner ?? 'นายทองดี มีนา',
      RAI: 1,
    })),
    encoding: 'windows-874',
    projection,
  });
  return zipShapefile('parcels', files);
}
