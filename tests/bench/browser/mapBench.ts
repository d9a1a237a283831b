// The map bench of issue 16, in the bench page: the map screen's own drawing (`MapView`, Leaflet
// with its canvas renderer, no basemap) of a tambon's households and tax-map parcels. The Node
// side (../browserMap.ts) throttles the CPU and drags the map with the mouse; this side times
// the first paint and records every animation frame meanwhile.
import 'leaflet/dist/leaflet.css';
import { type MapData, type MapParcel, mapData } from '../../../src/client/features/map/mapModel';
import { MapView } from '../../../src/client/features/map/mapView';
import { householdRows } from '../../../src/client/records/householdRows';
import type { HouseholdView, PersonView } from '../../../src/client/records/people';
import { generateTambon } from '../../../src/server/demo/generator';
import { seededRandom } from '../../../src/server/demo/random';
import type { MultiPolygon } from '../../../src/shared/geo/geometry';
import type { Village } from '../../../src/shared/model/organization';
import { MAP_HEIGHT, MAP_WIDTH } from '../lib/mapSize';

const SURVEYOR = '01930000-0000-7000-8000-0000000000b1';
const VILLAGES = Array.from({ length: 10 }, (_, i) => ({
  id: `01930000-0000-7000-8000-0000000003${String(i).padStart(2, '0')}`,
  mooNo: i + 1,
  name: `บ้านทดสอบ ${i + 1}`,
})) as unknown as Village[];
/** Metres to degrees near the demo tambon (16°N). */
const LAT_M = 1 / 110_700;
const LON_M = 1 / 106_980;

let prepared: { rows: ReturnType<typeof householdRows>; parcels: MapParcel[] } | null = null;
let view: MapView | null = null;
let frames: number[] = [];
let recording = false;

function rectangle(lng: number, lat: number, w: number, h: number): MultiPolygon {
  const [dx, dy] = [w * LON_M, h * LAT_M];
  return [
    [
      [
        [lng, lat],
        [lng + dx, lat],
        [lng + dx, lat + dy],
        [lng, lat + dy],
        [lng, lat],
      ],
    ],
  ];
}

const nextFrame = () => new Promise<number>((done) => requestAnimationFrame(done));

export interface MapPaint {
  /** From the data in memory to the frame after Leaflet's canvas drew it. */
  firstPaintMs: number;
  /** Of which the links and gaps (`mapData`: `surveyGaps` over every household). */
  mapDataMs: number;
  /** Of which the Leaflet layers made (before the browser paints). */
  layersMs: number;
  points: number;
  parcels: number;
  orphans: number;
  zoom: number;
}

export const mapApi = {
  /**
   * A tambon of `households` households (with `people` members) and `parcels` parcels: one
   * around each house (25–45 m) and the rest rice fields 120–220 m from a house, as the demo
   * draws them. Not timed.
   */
  async prepareMap(options: { households: number; people: number; parcels: number; seed: number }) {
    const homes = generateTambon({
      seed: options.seed,
      households: options.households,
      people: options.people,
      villages: VILLAGES,
      surveyorId: SURVEYOR,
    });
    const view = <F>(r: { id: string; villageId: string; fields: F }) => ({
      id: r.id,
      villageId: r.villageId,
      fields: r.fields as Partial<F>,
      deleted: false,
      unsyncedFields: [],
    });
    const households = homes.map((home) => view(home.household)) as HouseholdView[];
    const people = homes.flatMap((home) => home.members.map(view)) as PersonView[];
    const random = seededRandom(options.seed);
    const between = (min: number, max: number) => min + random() * (max - min);
    const parcels: MapParcel[] = [];
    const add = (villageId: string, polygons: MultiPolygon, areaM2: number, code?: string) =>
      parcels.push({
        id: `parcel-${parcels.length}`,
        villageId,
        code: code ?? `${String((parcels.length % 9) + 1).padStart(2, '0')}E${parcels.length}`,
        polygons,
        areaM2,
      });
    const codes = new Set<string>();
    for (const household of households) {
      if (parcels.length >= options.parcels) break;
      const gps = household.fields.gps;
      if (!gps) continue;
      const [w, h] = [between(25, 45), between(25, 45)];
      const lng = gps.lng - w * LON_M * between(0.25, 0.75);
      const lat = gps.lat - h * LAT_M * between(0.25, 0.75);
      // A farmer's recorded parcel code names the parcel around the house, once.
      const code = household.fields.taxParcelCode;
      const own = code && !codes.has(code) ? code : undefined;
      if (own) codes.add(own);
      add(household.villageId, rectangle(lng, lat, w, h), w * h, own);
    }
    while (parcels.length < options.parcels) {
      const near = households[Math.floor(random() * households.length)] as HouseholdView;
      const gps = near.fields.gps ?? { lat: 16.05, lng: 103.65 };
      const angle = random() * 2 * Math.PI;
      const distance = between(120, 220);
      const [w, h] = [between(60, 110), between(80, 140)];
      add(
        near.villageId,
        rectangle(
          gps.lng + Math.cos(angle) * distance * LON_M,
          gps.lat + Math.sin(angle) * distance * LAT_M,
          w,
          h,
        ),
        w * h,
      );
    }
    prepared = { rows: householdRows(households, people, '2026-12-05'), parcels };
    return { households: households.length, people: people.length, parcels: parcels.length };
  },

  /** One timed first paint, in a fresh map element (the previous one removed, untimed). */
  async paintMap(): Promise<MapPaint> {
    if (!prepared) throw new Error('prepareMap first');
    view?.destroy();
    document.getElementById('map')?.remove();
    const element = document.createElement('div');
    element.id = 'map';
    element.style.width = `${MAP_WIDTH}px`;
    element.style.height = `${MAP_HEIGHT}px`;
    element.style.position = 'absolute';
    element.style.left = '0';
    element.style.top = '0';
    document.body.append(element);
    await nextFrame();
    const start = performance.now();
    const data: MapData = mapData(prepared.rows, prepared.parcels);
    const linked = performance.now();
    view = new MapView(element, { onHousehold: () => {}, onParcel: () => {} });
    view.setParcels(data.parcels, data.parcelsWithoutHousehold, data.index);
    view.setPoints(data.points);
    view.fitOnce(data.bounds, null);
    const layers = performance.now();
    // Leaflet's canvas draws in an animation frame; the frame after it is on screen.
    await nextFrame();
    await nextFrame();
    const painted = performance.now();
    return {
      firstPaintMs: painted - start,
      mapDataMs: linked - start,
      layersMs: layers - start,
      points: data.points.length,
      parcels: data.parcels.length,
      orphans: data.parcelsWithoutHousehold.size,
      zoom: view.map.getZoom(),
    };
  },

  /** Zooms the painted map to `zoom` around its centre (a village at 16, a street at 17). */
  async zoomMap(zoom: number) {
    if (!view) throw new Error('paintMap first');
    view.map.setZoom(zoom, { animate: false });
    await nextFrame();
    await nextFrame();
    return view.map.getZoom();
  },

  /** Starts recording the time between animation frames. */
  startFrames() {
    frames = [];
    recording = true;
    let last = performance.now();
    const tick = (now: number) => {
      if (!recording) return;
      frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  },

  /** Stops recording (after the frame that follows the last input) and returns the frames. */
  async stopFrames(): Promise<{ frames: number[]; lastDrawMs: number }> {
    await nextFrame();
    await nextFrame();
    recording = false;
    return { frames, lastDrawMs: view?.lastDrawMs ?? 0 };
  },
};
