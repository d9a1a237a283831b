// Importing the tax map's parcel layer (issue 16), admins: the file's bytes to
// /api/parcels/preview, then to /api/parcels/import, and the preview's drawing (the sample
// parcels over the households' GPS points) fitted to the layer, so a wrong projection shows.
// Types only from shared/api/parcels: its schemas import the layer reader and proj4, which
// would land in the first-load vendor chunk (the server checks its answers against them).
import type { ParcelImportResult, ParcelPreview as Preview } from '../../../shared/api/parcels';
import { GEO_ERROR_CODES, type GeoErrorCode } from '../../../shared/geo/errors';
import { uuidv7 } from '../../../shared/ids';
import { withSession } from '../../api/authenticated';
import { okOrThrow } from '../../api/blobsHttp';
import { ApiError } from '../../api/http';

/** Why the server refused the file (a reader's code), or why the request failed. */
export type LayerRefusal = GeoErrorCode | 'forbidden' | 'failed';

async function send(
  step: 'preview' | 'import',
  file: File,
  idempotencyKey: string = uuidv7(),
): Promise<unknown | LayerRefusal> {
  try {
    const response = await withSession(async (token) =>
      okOrThrow(
        await fetch(`/api/parcels/${step}?fileName=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/octet-stream',
            'Idempotency-Key': idempotencyKey,
          },
          body: file,
          cache: 'no-store',
        }),
      ),
    );
    return await response.json();
  } catch (error) {
    if (!(error instanceof ApiError)) return 'failed';
    const code = error.fieldIssues.find(
      (issue) => issue.path === 'body' && isGeoErrorCode(issue.message),
    )?.message;
    if (code) return code as GeoErrorCode;
    if (error.status === 413) return 'too_large';
    if (error.status === 403) return 'forbidden';
    return 'failed';
  }
}

function isGeoErrorCode(text: string): text is GeoErrorCode {
  return (GEO_ERROR_CODES as readonly string[]).includes(text);
}

/** What importing `file` would write (nothing is written), or why it cannot be read. */
export async function previewParcelLayer(file: File): Promise<Preview | LayerRefusal> {
  const answer = await send('preview', file);
  return typeof answer === 'string' ? (answer as LayerRefusal) : (answer as Preview);
}

/**
 * Imports `file`'s parcels (the server reads it again), or why it could not. `key`: the same
 * for the same confirmation sent again, so the parcels are written once.
 */
export async function importParcelLayer(
  file: File,
  key: string,
): Promise<ParcelImportResult | LayerRefusal> {
  const answer = await send('import', file, key);
  return typeof answer === 'string' ? (answer as LayerRefusal) : (answer as ParcelImportResult);
}

export interface PreviewDrawing {
  width: number;
  height: number;
  /** One SVG path per sample parcel (all its rings). */
  parcels: string[];
  /** Household points in drawing units. */
  points: Array<[x: number, y: number]>;
}

/**
 * The sample's outlines and the households' points in a `width`-wide drawing fitted to the
 * layer's box and the points (equirectangular, x shrunk by cos(latitude) so shapes keep their
 * proportions): points away from the parcels stay in the picture.
 */
export function previewDrawing(preview: Preview, width = 320): PreviewDrawing {
  let [west, south, east, north] = preview.bbox;
  for (const { point } of preview.households) {
    west = Math.min(west, point[0]);
    east = Math.max(east, point[0]);
    south = Math.min(south, point[1]);
    north = Math.max(north, point[1]);
  }
  const shrink = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * shrink, 1e-6);
  const spanY = Math.max(north - south, 1e-6);
  const margin = 4;
  const scale = (width - 2 * margin) / Math.max(spanX, spanY);
  const height = Math.round(spanY * scale + 2 * margin);
  const drawWidth = Math.round(spanX * scale + 2 * margin);
  const at = (lon: number, lat: number): [number, number] => [
    Math.round(((lon - west) * shrink * scale + margin) * 10) / 10,
    Math.round(((north - lat) * scale + margin) * 10) / 10,
  ];
  const parcels = preview.sample.map((parcel) =>
    parcel.polygons
      .flat()
      .map((ring) => `M${ring.map(([lon, lat]) => at(lon, lat).join(' ')).join('L')}Z`)
      .join(''),
  );
  return {
    width: drawWidth,
    height,
    parcels,
    points: preview.households.map(({ point }) => at(point[0], point[1])),
  };
}
