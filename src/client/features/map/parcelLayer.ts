// Importing the tax map's parcel layer (issue 16), admins: the file's bytes to
// /api/parcels/preview, then to /api/parcels/import, and the preview's drawing (the sample
// parcels over the households' GPS points) fitted to the layer, so a wrong projection shows.
// Types only from shared/api/parcels: its schemas import the layer reader and proj4, which
// would land in the first-load vendor chunk (the server checks its answers against them).
import type { ParcelImportResult, ParcelPreview as Preview } from '../../../shared/api/parcels';
import { GEO_ERROR_CODES, type GeoErrorCode } from '../../../shared/geo/errors';
import { type Bbox, bboxOf } from '../../../shared/geo/geometry';
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
  /** Household points inside the frame, in drawing units. */
  points: Array<[x: number, y: number]>;
  /** Households left out of the frame (a `parcels` frame only). */
  outside: number;
  /** A house dot's radius in drawing units: a few pixels wherever the drawing is shown. */
  dot: number;
}

/**
 * What the preview's drawing is fitted to: the layer's parcels (grown a little, so a house just
 * off a parcel shows beside it), or all the households' points too.
 */
export type PreviewFrame = 'parcels' | 'all';

/** Drawing units per full width: the panel's width on a PC; CSS shrinks it on a phone. */
export const PREVIEW_WIDTH = 640;
/** Margin around the layer's box, as a share of its larger side... */
const FRAME_GROWTH = 0.15;
/** ...and at least this many degrees (about 20 m), so one small parcel still has surroundings. */
const FRAME_MIN_MARGIN = 0.0002;
/** The drawing is never flatter than this (height / width), so a strip of parcels stays tall. */
const MIN_ASPECT = 0.5;

/**
 * The sample's outlines and the households' points in a `width`-wide drawing fitted to the
 * frame (equirectangular, x shrunk by cos(latitude) so shapes keep their proportions). The
 * drawing always takes the full width (the frame is widened when taller than wide) and is at
 * most as tall as wide; points outside the frame are counted, not drawn.
 */
export function previewDrawing(
  preview: Preview,
  frame: PreviewFrame = 'parcels',
  width = PREVIEW_WIDTH,
): PreviewDrawing {
  let [west, south, east, north] = preview.bbox;
  if (frame === 'all') {
    for (const { point } of preview.households) {
      west = Math.min(west, point[0]);
      east = Math.max(east, point[0]);
      south = Math.min(south, point[1]);
      north = Math.max(north, point[1]);
    }
  }
  return drawBox(
    preview.sample,
    preview.households,
    [west, south, east, north],
    width,
    FRAME_GROWTH,
    width / 100,
  );
}

/** How many parcels are shown close up under the drawing. */
export const CLOSE_UPS = 4;

/**
 * A few sample parcels close up (houses on or beside a parcel first), each in a drawing of its
 * own `width` around it and its surroundings: on a whole-tambon drawing a parcel is a few pixels,
 * here a house dot is plainly inside or outside it.
 */
export function parcelCloseUps(
  preview: Preview,
  count = CLOSE_UPS,
  width = 240,
): Array<PreviewDrawing & { code: string }> {
  const boxes = preview.sample.map((parcel) => ({ parcel, box: bboxOf(parcel.polygons) }));
  const near = (box: Bbox) =>
    preview.households.some(
      ({ point }) =>
        point[0] >= box[0] - CLOSE_UP_REACH &&
        point[0] <= box[2] + CLOSE_UP_REACH &&
        point[1] >= box[1] - CLOSE_UP_REACH &&
        point[1] <= box[3] + CLOSE_UP_REACH,
    );
  const chosen = [
    ...boxes.filter(({ box }) => near(box)),
    ...boxes.filter(({ box }) => !near(box)),
  ].slice(0, count);
  return chosen.map(({ parcel, box }) => ({
    code: parcel.code,
    ...drawBox(preview.sample, preview.households, box, width, CLOSE_UP_GROWTH, width / 40),
  }));
}

/** Degrees (about 50 m) around a parcel where a house counts as beside it. */
const CLOSE_UP_REACH = 0.0005;
/** A close-up shows as much again around its parcel on every side. */
const CLOSE_UP_GROWTH = 1;

function drawBox(
  sample: Preview['sample'],
  households: Preview['households'],
  [west, south, east, north]: Bbox,
  width: number,
  growth: number,
  dot: number,
): PreviewDrawing {
  const shrink = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const grow = Math.max(Math.max((east - west) * shrink, north - south) * growth, FRAME_MIN_MARGIN);
  // Grown evenly in ground distance, then widened or heightened to the drawing's shape.
  let spanX = (east - west) * shrink + 2 * grow;
  let spanY = north - south + 2 * grow;
  const centreX = ((west + east) / 2) * shrink;
  const centreY = (south + north) / 2;
  spanX = Math.max(spanX, spanY);
  spanY = Math.max(spanY, spanX * MIN_ASPECT);
  const left = centreX - spanX / 2;
  const top = centreY + spanY / 2;
  const scale = width / spanX;
  const height = Math.round(spanY * scale);
  const at = (lon: number, lat: number): [number, number] => [
    Math.round((lon * shrink - left) * scale * 10) / 10,
    Math.round((top - lat) * scale * 10) / 10,
  ];
  // Only parcels that reach into the frame.
  const frame: Bbox = [left / shrink, top - spanY, (left + spanX) / shrink, top];
  const parcels = sample
    .filter((parcel) => overlaps(bboxOf(parcel.polygons), frame))
    .map((parcel) =>
      parcel.polygons
        .flat()
        .map((ring) => `M${ring.map(([lon, lat]) => at(lon, lat).join(' ')).join('L')}Z`)
        .join(''),
    );
  const points: Array<[number, number]> = [];
  let outside = 0;
  for (const { point } of households) {
    const [x, y] = at(point[0], point[1]);
    if (x < 0 || x > width || y < 0 || y > height) outside += 1;
    else points.push([x, y]);
  }
  return { width, height, parcels, points, outside, dot };
}

function overlaps(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}
