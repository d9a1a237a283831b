import { effect } from '@preact/signals';
import * as L from 'leaflet';
import type { Bbox, MultiPolygon } from '../../../shared/geo/geometry';
import { ParcelIndex } from '../../../shared/geo/parcels';
import type { Position } from '../../../shared/geo/projection';
import { t } from '../../ui/i18n';
import type { BasemapLayer } from './basemapLayer';
import { placeLabels, type VisibleArea } from './labelPlacement';
import { HERE_ACCURACY, HERE_RINGS, POINT_EDGE, POINT_RADIUS } from './mapMarks';
import {
  CASE_COLOURS,
  type MapCase,
  type MapHousehold,
  type MapParcel,
  ORPHAN_COLOUR,
  PARCEL_COLOUR,
  POINT_TONES,
  type PointTone,
  pointTone,
  TONE_COLOURS,
} from './mapModel';
import { scaleBar, scaleLabel } from './scaleBar';
import { TAP_RADIUS, type TapCandidate, tapChoice } from './tapChoice';

/** Half the side of a service request's square. */
const CASE_HALF = 7;
/** Close enough to tell a house's parcel from its neighbours'. */
export const FOCUS_ZOOM = 18;
/** The canvas reaches this share of the view beyond each edge, so a pan shows drawn parcels. */
const PADDING = 0.25;
/** Parcels smaller than this on screen (px) are drawn as a dot of their box: no outline to see. */
const SMALL_PX = 6;
/** Below this zoom the outlines of parcels without a household are solid: dashes would not show. */
const DASH_ZOOM = 16;

/**
 * Web Mercator pixels at zoom 0, as Leaflet's EPSG:3857 computes them (`map.project(…, 0)`),
 * without making an object per vertex.
 */
const MAX_LATITUDE = 85.0511287798;
function mercatorX(lng: number): number {
  return 256 * (lng / 360 + 0.5);
}
function mercatorY(lat: number): number {
  const sin = Math.sin((Math.max(Math.min(MAX_LATITUDE, lat), -MAX_LATITUDE) * Math.PI) / 180);
  return 256 * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
}

/** Village names' type size (px). */
const LABEL_PX = 14;
/** From this zoom (a few houses across the screen) each point has its house number beside it. */
const HOUSE_NUMBER_ZOOM = 17;
const HOUSE_NUMBER_PX = 13;
/** The widest the scale bar grows (px). */
const SCALE_WIDTH = 150;

/**
 * Leaflet's scale bar (its look and place), in the screen's language: Leaflet writes "m" and
 * "km" whatever the language, and has no way to say them otherwise.
 */
class ScaleControl extends L.Control {
  private readonly line = L.DomUtil.create('div', 'leaflet-control-scale-line');
  private map: L.Map | null = null;
  private stopLanguage: (() => void) | null = null;

  constructor() {
    super({ position: 'bottomleft' });
  }

  override onAdd(map: L.Map): HTMLElement {
    const container = L.DomUtil.create('div', 'leaflet-control-scale');
    container.appendChild(this.line);
    this.map = map;
    map.on('move', this.update, this);
    // `t()` reads the language: a switch writes the bar again.
    this.stopLanguage = effect(() => this.update());
    return container;
  }

  override onRemove(map: L.Map): void {
    map.off('move', this.update, this);
    this.stopLanguage?.();
    this.map = null;
  }

  private update(): void {
    const map = this.map;
    if (!map) return;
    const y = map.getSize().y / 2;
    const maxMeters = map.distance(
      map.containerPointToLatLng([0, y]),
      map.containerPointToLatLng([SCALE_WIDTH, y]),
    );
    if (!(maxMeters > 0)) return;
    const { meters, ratio } = scaleBar(maxMeters);
    this.line.style.width = `${Math.round(SCALE_WIDTH * ratio)}px`;
    this.line.textContent = scaleLabel(meters, {
      meters: (n) => t('map.scale.meters', { n }),
      kilometres: (n) => t('map.scale.kilometres', { n }),
    });
  }
}

interface ParcelShape {
  parcel: MapParcel;
  /** Each ring as x, y pairs in Web Mercator pixels at zoom 0. */
  rings: Float64Array[];
  /** West, north, east, south at zoom 0 (y grows southwards). */
  box: [number, number, number, number];
  orphan: boolean;
}

interface PointShape {
  point: MapHousehold;
  x: number;
  y: number;
  tone: PointTone;
}

export interface MapViewHandlers {
  onHousehold: (point: MapHousehold) => void;
  onCase?: ((request: MapCase) => void) | undefined;
  onParcel: (parcel: MapParcel) => void;
  /** When set, a tap places a location (a house being surveyed) instead of opening anything. */
  onPlace?: ((position: Position) => void) | undefined;
}

/**
 * The Leaflet map of the map screen, without Preact (the bench page drives it too). Leaflet
 * gives the view (pan, zoom, scale, controls, "my position"); the parcels and household points
 * are drawn by one canvas of this class in a few batched paths (one per style), from
 * coordinates projected once, and a tap is matched here: the nearest point within a finger's
 * reach, else the parcel under it (`ParcelIndex`). 15,000 Leaflet layers would take seconds to
 * make on a cheap phone; these take milliseconds.
 */
export class MapView {
  readonly map: L.Map;
  private readonly canvas: HTMLCanvasElement;
  private readonly hereLayer: L.LayerGroup;
  private readonly pinLayer: L.LayerGroup;
  private readonly scale: ScaleControl;
  private parcels: ParcelShape[] = [];
  private parcelIndex = new ParcelIndex<MapParcel>([]);
  private points: PointShape[] = [];
  private outlines: Array<{ xy: Float64Array; label: string; x: number; y: number }> = [];
  private cases: Array<{ request: MapCase; x: number; y: number }> = [];
  private selected: string | null = null;
  private basemap: BasemapLayer | null = null;
  private attribution: L.Control.Attribution | null = null;
  private fitted = false;
  /** The canvas's top-left corner in layer pixels. */
  private topLeft = L.point(0, 0);
  private frame = 0;
  /** How long the last full redraw took (ms): the bench reports it. */
  lastDrawMs = 0;
  /** One household point per tone, drawn once and stamped (cheaper than an arc each). */
  private readonly sprites = new Map<PointTone, HTMLCanvasElement>();

  constructor(
    container: HTMLElement,
    private readonly handlers: MapViewHandlers,
  ) {
    this.map = L.map(container, {
      preferCanvas: true,
      attributionControl: false,
      zoomAnimation: false,
      zoomSnap: 0.5,
      maxZoom: 21,
    });
    this.map.setView([15, 101], 6);
    this.scale = new ScaleControl().addTo(this.map);
    this.canvas = L.DomUtil.create('canvas', 'map-features');
    this.map.getPanes().overlayPane.appendChild(this.canvas);
    this.hereLayer = L.layerGroup().addTo(this.map);
    this.pinLayer = L.layerGroup().addTo(this.map);
    this.map.on('moveend resize', this.redraw, this);
    this.map.on('click', this.tap, this);
  }

  /** Draws the parcels anew (under the points). */
  setParcels(
    parcels: readonly MapParcel[],
    orphans: ReadonlySet<string>,
    index: ParcelIndex<MapParcel> = new ParcelIndex(parcels),
  ): void {
    this.parcels = parcels.map((parcel) => {
      const box: [number, number, number, number] = [
        Number.POSITIVE_INFINITY,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
      ];
      const rings: Float64Array[] = [];
      for (const polygon of parcel.polygons as MultiPolygon) {
        for (const ring of polygon) {
          const xy = new Float64Array(ring.length * 2);
          ring.forEach(([lng, lat], i) => {
            const x = mercatorX(lng);
            const y = mercatorY(lat);
            xy[2 * i] = x;
            xy[2 * i + 1] = y;
            if (x < box[0]) box[0] = x;
            if (y < box[1]) box[1] = y;
            if (x > box[2]) box[2] = x;
            if (y > box[3]) box[3] = y;
          });
          rings.push(xy);
        }
      }
      return { parcel, rings, box, orphan: orphans.has(parcel.id) };
    });
    this.parcelIndex = index;
    this.requestRedraw();
  }

  /** Outlines the tapped parcel (and no other). */
  select(parcelId: string | null): void {
    this.selected = parcelId;
    this.requestRedraw();
  }

  setPoints(points: readonly MapHousehold[]): void {
    this.points = points.map((point) => ({
      point,
      x: mercatorX(point.position[0]),
      y: mercatorY(point.position[1]),
      tone: pointTone(point),
    }));
    this.requestRedraw();
  }

  /** Village outlines with their names, under everything (the map has no basemap). */
  setOutlines(outlines: ReadonlyArray<{ ring: readonly Position[]; label: string }>): void {
    this.outlines = outlines.map(({ ring, label }) => {
      const xy = new Float64Array(ring.length * 2);
      let [sx, sy] = [0, 0];
      ring.forEach(([lng, lat], i) => {
        xy[2 * i] = mercatorX(lng);
        xy[2 * i + 1] = mercatorY(lat);
        sx += xy[2 * i] as number;
        sy += xy[2 * i + 1] as number;
      });
      return { xy, label, x: sx / ring.length, y: sy / ring.length };
    });
    this.requestRedraw();
  }

  /** Service requests with a location, as squares by status (above the households). */
  setCases(cases: readonly MapCase[]): void {
    this.cases = cases.map((request) => ({
      request,
      x: mercatorX(request.position[0]),
      y: mercatorY(request.position[1]),
    }));
    this.requestRedraw();
  }

  /** "My position": rings the house there shows through, its accuracy circle; brought into view. */
  setHere(here: { position: Position; accuracyM: number } | null): void {
    this.hereLayer.clearLayers();
    if (!here) return;
    const [lng, lat] = here.position;
    L.circle([lat, lng], { ...HERE_ACCURACY, radius: here.accuracyM }).addTo(this.hereLayer);
    for (const ring of HERE_RINGS) L.circleMarker([lat, lng], ring).addTo(this.hereLayer);
    this.map.setView([lat, lng], Math.max(this.map.getZoom(), 17));
  }

  /** The location being placed: a pin (a black ring around a white dot). */
  setPin(position: Position | null): void {
    this.pinLayer.clearLayers();
    if (!position) return;
    const [lng, lat] = position;
    L.circleMarker([lat, lng], {
      radius: 11,
      color: '#000000',
      weight: 4,
      fillColor: '#ffffff',
      fillOpacity: 1,
      interactive: false,
    }).addTo(this.pinLayer);
  }

  /** Whether the first view is set: before it the map stands over all of Thailand. */
  get viewSet(): boolean {
    return this.fitted;
  }

  /** The first view: around `focus` if given, else the whole extent; once only. */
  fitOnce(bounds: Bbox | null, focus: Position | null): void {
    if (this.fitted) return;
    if (focus) {
      this.map.setView([focus[1], focus[0]], FOCUS_ZOOM);
      this.fitted = true;
      return;
    }
    if (!bounds) return;
    const [west, south, east, north] = bounds;
    this.map.fitBounds(
      [
        [south, west],
        [north, east],
      ],
      { padding: [16, 16], maxZoom: 18 },
    );
    this.fitted = true;
  }

  pixelOf([lng, lat]: Position): { x: number; y: number } {
    const point = this.map.latLngToContainerPoint([lat, lng]);
    return { x: point.x, y: point.y };
  }

  /** Shows this basemap under everything (null: none), with its attribution. */
  setBasemap(layer: BasemapLayer | null): void {
    if (this.basemap) this.map.removeLayer(this.basemap);
    this.basemap = layer;
    if (layer) {
      this.attribution ??= L.control.attribution({ prefix: false }).addTo(this.map);
      layer.addTo(this.map);
    }
  }

  /** Basemap tiles painted so far. */
  basemapTiles(): number {
    return this.basemap?.drawn ?? 0;
  }

  resize(): void {
    this.map.invalidateSize();
    this.redraw();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.map.off('moveend resize', this.redraw, this);
    this.map.off('click', this.tap, this);
    this.scale.remove();
    this.map.remove();
  }

  /**
   * A point or request within a finger's reach (`tapChoice`: a clump zooms in around the tap),
   * else the parcel under the tap.
   */
  private tap(event: L.LeafletMouseEvent): void {
    if (this.handlers.onPlace) {
      this.handlers.onPlace([event.latlng.lng, event.latlng.lat]);
      return;
    }
    const zoom = this.map.getZoom();
    const maxZoom = this.map.getMaxZoom();
    const scale = this.map.getZoomScale(zoom, 0);
    const deepest = this.map.getZoomScale(maxZoom, 0);
    const at = this.map.project(event.latlng, zoom);
    const candidates: TapCandidate[] = [];
    const opens: Array<() => void> = [];
    const near = (x: number, y: number, above: boolean, open: () => void) => {
      const distance = Math.hypot(x * scale - at.x, y * scale - at.y);
      if (distance > TAP_RADIUS) return;
      candidates.push({ distance, x: x * deepest, y: y * deepest, above });
      opens.push(open);
    };
    for (const shape of this.points) {
      near(shape.x, shape.y, false, () => this.handlers.onHousehold(shape.point));
    }
    const onCase = this.handlers.onCase;
    if (onCase) {
      // Requests are drawn above households.
      for (const shape of this.cases) near(shape.x, shape.y, true, () => onCase(shape.request));
    }
    const choice = tapChoice(candidates, zoom, maxZoom);
    if (choice.kind === 'zoom') {
      this.map.setView(event.latlng, choice.zoom);
      return;
    }
    if (choice.kind === 'open') {
      opens[choice.index]?.();
      return;
    }
    const parcel = this.parcelIndex.parcelAt([event.latlng.lng, event.latlng.lat]);
    if (parcel) this.handlers.onParcel(parcel);
  }

  private requestRedraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.redraw();
    });
  }

  /** Draws everything in view (and the padding around it) in one pass. */
  private redraw(): void {
    const start = performance.now();
    this.draw();
    this.lastDrawMs = performance.now() - start;
  }

  private sprite(tone: PointTone, ratio: number): HTMLCanvasElement {
    const cached = this.sprites.get(tone);
    const side = Math.ceil((POINT_RADIUS + 2) * 2 * ratio);
    if (cached && cached.width === side) return cached;
    const sprite = document.createElement('canvas');
    sprite.width = side;
    sprite.height = side;
    const context = sprite.getContext('2d');
    if (context) {
      context.scale(ratio, ratio);
      context.beginPath();
      context.arc(POINT_RADIUS + 2, POINT_RADIUS + 2, POINT_RADIUS, 0, 2 * Math.PI);
      context.fillStyle = TONE_COLOURS[tone];
      context.fill();
      context.strokeStyle = '#ffffff';
      context.lineWidth = POINT_EDGE;
      context.stroke();
    }
    this.sprites.set(tone, sprite);
    return sprite;
  }

  private draw(): void {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    const size = this.map.getSize();
    const pad = size.multiplyBy(PADDING).round();
    const width = size.x + 2 * pad.x;
    const height = size.y + 2 * pad.y;
    this.topLeft = this.map.containerPointToLayerPoint(pad.multiplyBy(-1));
    L.DomUtil.setPosition(this.canvas, this.topLeft);
    const ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * ratio))
      this.canvas.width = Math.round(width * ratio);
    if (this.canvas.height !== Math.round(height * ratio)) {
      this.canvas.height = Math.round(height * ratio);
    }
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    const context = this.canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);

    const scale = this.map.getZoomScale(this.map.getZoom(), 0);
    const origin = this.map.getPixelOrigin().add(this.topLeft);
    const [ox, oy] = [origin.x, origin.y];
    const view: [number, number, number, number] = [
      ox / scale,
      oy / scale,
      (ox + width) / scale,
      (oy + height) / scale,
    ];
    const inView = (box: [number, number, number, number]) =>
      box[2] >= view[0] && box[0] <= view[2] && box[3] >= view[1] && box[1] <= view[3];
    const trace = (shape: ParcelShape) => {
      for (const ring of shape.rings) {
        context.moveTo((ring[0] as number) * scale - ox, (ring[1] as number) * scale - oy);
        for (let i = 2; i < ring.length; i += 2) {
          context.lineTo((ring[i] as number) * scale - ox, (ring[i + 1] as number) * scale - oy);
        }
        context.closePath();
      }
    };

    if (this.outlines.length > 0) {
      context.beginPath();
      for (const { xy } of this.outlines) {
        context.moveTo((xy[0] as number) * scale - ox, (xy[1] as number) * scale - oy);
        for (let i = 2; i < xy.length; i += 2) {
          context.lineTo((xy[i] as number) * scale - ox, (xy[i + 1] as number) * scale - oy);
        }
        context.closePath();
      }
      context.fillStyle = '#ffffff';
      context.globalAlpha = 0.6;
      context.fill();
      context.globalAlpha = 1;
      context.strokeStyle = '#546e7a';
      context.lineWidth = 2;
      context.setLineDash([8, 6]);
      context.stroke();
      context.setLineDash([]);
    }

    const groups: Array<{ orphan: boolean; colour: { line: string; fill: string } }> = [
      { orphan: false, colour: PARCEL_COLOUR },
      { orphan: true, colour: ORPHAN_COLOUR },
    ];
    let selected: ParcelShape | null = null;
    const small = SMALL_PX / scale;
    for (const { orphan, colour } of groups) {
      // Parcels a few pixels across: their boxes, filled in the outline's colour.
      context.beginPath();
      for (const shape of this.parcels) {
        if (shape.orphan !== orphan || !inView(shape.box)) continue;
        const [west, north, east, south] = shape.box;
        if (east - west >= small || south - north >= small) continue;
        const w = Math.max(1, (east - west) * scale);
        const h = Math.max(1, (south - north) * scale);
        context.rect(west * scale - ox, north * scale - oy, w, h);
      }
      context.fillStyle = colour.line;
      context.globalAlpha = 0.6;
      context.fill();
      context.beginPath();
      for (const shape of this.parcels) {
        if (shape.orphan !== orphan || !inView(shape.box)) continue;
        if (shape.parcel.id === this.selected) selected = shape;
        const [west, north, east, south] = shape.box;
        if (east - west < small && south - north < small) continue;
        trace(shape);
      }
      context.globalAlpha = orphan ? 0.6 : 0.5;
      context.fillStyle = colour.fill;
      context.fill('evenodd');
      context.globalAlpha = 1;
      context.strokeStyle = colour.line;
      context.lineWidth = orphan ? 1.5 : 1;
      context.setLineDash(orphan && this.map.getZoom() >= DASH_ZOOM ? [4, 3] : []);
      context.stroke();
    }
    context.setLineDash([]);
    if (selected) {
      context.beginPath();
      trace(selected);
      context.globalAlpha = 0.5;
      context.fillStyle = '#ffeb3b';
      context.fill('evenodd');
      context.globalAlpha = 1;
      context.strokeStyle = '#000';
      context.lineWidth = 3;
      context.stroke();
    }

    // The most pressing flags last, so they are on top.
    const half = POINT_RADIUS + 2;
    for (const tone of [...POINT_TONES].reverse()) {
      const sprite = this.sprite(tone, ratio);
      for (const shape of this.points) {
        if (shape.tone !== tone) continue;
        const x = shape.x * scale - ox;
        const y = shape.y * scale - oy;
        if (x < -half || y < -half || x > width + half || y > height + half) continue;
        context.drawImage(sprite, x - half, y - half, 2 * half, 2 * half);
      }
    }

    for (const { request, x: px, y: py } of this.cases) {
      const x = px * scale - ox;
      const y = py * scale - oy;
      if (x < -half || y < -half || x > width + half || y > height + half) continue;
      context.fillStyle = CASE_COLOURS[request.status];
      context.strokeStyle = '#ffffff';
      context.lineWidth = 2;
      context.fillRect(x - CASE_HALF, y - CASE_HALF, 2 * CASE_HALF, 2 * CASE_HALF);
      context.strokeRect(x - CASE_HALF, y - CASE_HALF, 2 * CASE_HALF, 2 * CASE_HALF);
    }

    // Village names last, readable over the points (a white halo), then, close up, each
    // house's number beside its point: none over another, none cut by the screen's edge
    // (`placeLabels`, village names first).
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.lineJoin = 'round';
    const area = { left: pad.x, top: pad.y, right: pad.x + size.x, bottom: pad.y + size.y };
    const names = this.outlines.map(({ label, x, y }) => ({
      text: label,
      font: `600 ${LABEL_PX}px Sarabun, sans-serif`,
      x: x * scale - ox,
      y: y * scale - oy,
      offset: 0,
    }));
    const houseNumbers =
      this.map.getZoom() < HOUSE_NUMBER_ZOOM
        ? []
        : this.points.flatMap(({ point, x, y }) => {
            const text = point.row.household.fields?.houseNo ?? '';
            const at = { x: x * scale - ox, y: y * scale - oy };
            const onScreen =
              at.x >= area.left && at.x <= area.right && at.y >= area.top && at.y <= area.bottom;
            return text && onScreen
              ? [{ text, font: `${HOUSE_NUMBER_PX}px Sarabun, sans-serif`, ...at, offset: half }]
              : [];
          });
    const labels = [...names, ...houseNumbers];
    const places = placeLabels(
      labels.map(({ text, font, x, y, offset }) => {
        context.font = font;
        // The halo is 2 px wide on each side; a house number stands right of its point.
        const width = context.measureText(text).width + 4;
        return { x: x + (offset ? offset + width / 2 : 0), y, width, height: LABEL_PX + 6 };
      }),
      area,
      this.controlBoxes(pad),
    );
    labels.forEach(({ text, font }, i) => {
      const place = places[i];
      if (!place) return;
      context.font = font;
      context.strokeStyle = '#ffffff';
      context.lineWidth = 4;
      context.strokeText(text, place.x, place.y);
      context.fillStyle = '#263238';
      context.fillText(text, place.x, place.y);
    });
  }

  /** The map's buttons (zoom), in canvas pixels: no name is written under them. */
  private controlBoxes(pad: L.Point): VisibleArea[] {
    const frame = this.map.getContainer().getBoundingClientRect();
    return [...this.map.getContainer().querySelectorAll('.leaflet-control-zoom')].flatMap(
      (control) => {
        const box = control.getBoundingClientRect();
        if (box.width === 0) return [];
        const left = box.left - frame.left + pad.x;
        const top = box.top - frame.top + pad.y;
        return [{ left, top, right: left + box.width, bottom: top + box.height }];
      },
    );
  }
}
