import * as L from 'leaflet';
import type { Bbox, MultiPolygon } from '../../../shared/geo/geometry';
import type { Position } from '../../../shared/geo/projection';
import {
  type MapHousehold,
  type MapParcel,
  ORPHAN_COLOUR,
  PARCEL_COLOUR,
  pointTone,
  TONE_COLOURS,
} from './mapModel';

/** Radius of a household point, and the extra around it a finger may miss by (44 px across). */
const POINT_RADIUS = 7;
const TAP_TOLERANCE = 15;
/** Close enough to tell a house's parcel from its neighbours'. */
export const FOCUS_ZOOM = 18;

const PARCEL_STYLE: L.PathOptions = {
  color: PARCEL_COLOUR.line,
  weight: 1,
  fillColor: PARCEL_COLOUR.fill,
  fillOpacity: 0.5,
};
const ORPHAN_PARCEL_STYLE: L.PathOptions = {
  color: ORPHAN_COLOUR.line,
  weight: 1.5,
  dashArray: '4 3',
  fillColor: ORPHAN_COLOUR.fill,
  fillOpacity: 0.6,
};
const SELECTED_PARCEL_STYLE = {
  color: '#000',
  weight: 3,
  dashArray: '',
  fillColor: '#ffeb3b',
  fillOpacity: 0.5,
};

function latLngs(polygons: MultiPolygon): L.LatLngExpression[][][] {
  return polygons.map((polygon) => polygon.map((ring) => ring.map(([lng, lat]) => [lat, lng])));
}

export interface MapViewHandlers {
  onHousehold: (point: MapHousehold) => void;
  onParcel: (parcel: MapParcel) => void;
}

/**
 * The Leaflet map of the map screen, without Preact (the bench page drives it too): one canvas
 * renderer, parcels under household points under "my position", no basemap.
 */
export class MapView {
  readonly map: L.Map;
  private readonly renderer: L.Canvas;
  private readonly parcelLayer: L.LayerGroup;
  private readonly pointLayer: L.LayerGroup;
  private readonly hereLayer: L.LayerGroup;
  private fitted = false;
  private readonly paths = new Map<string, { path: L.Polygon; style: L.PathOptions }>();
  private selected: string | null = null;

  constructor(
    container: HTMLElement,
    private readonly handlers: MapViewHandlers,
  ) {
    this.renderer = L.canvas({ tolerance: TAP_TOLERANCE, padding: 0.2 });
    this.map = L.map(container, {
      renderer: this.renderer,
      preferCanvas: true,
      attributionControl: false,
      zoomSnap: 0.5,
      maxZoom: 21,
    });
    this.map.setView([15, 101], 6);
    L.control.scale({ imperial: false, maxWidth: 150 }).addTo(this.map);
    this.parcelLayer = L.layerGroup().addTo(this.map);
    this.pointLayer = L.layerGroup().addTo(this.map);
    this.hereLayer = L.layerGroup().addTo(this.map);
  }

  /** Draws the parcels again (under the points, whatever was drawn before). */
  setParcels(parcels: readonly MapParcel[], orphans: ReadonlySet<string>): void {
    this.parcelLayer.clearLayers();
    this.paths.clear();
    for (const parcel of parcels) {
      const style = orphans.has(parcel.id) ? ORPHAN_PARCEL_STYLE : PARCEL_STYLE;
      const path = L.polygon(latLngs(parcel.polygons), { renderer: this.renderer, ...style });
      path.on('click', () => this.handlers.onParcel(parcel));
      path.addTo(this.parcelLayer);
      this.paths.set(parcel.id, { path, style });
    }
    // The canvas draws and hit-tests in the order paths were added: points stay on top.
    for (const layer of [this.pointLayer, this.hereLayer]) {
      layer.eachLayer((path) => (path as L.Path).bringToFront());
    }
    this.selected = null;
  }

  /** Outlines the tapped parcel (and no other). */
  select(parcelId: string | null): void {
    if (this.selected) {
      const before = this.paths.get(this.selected);
      before?.path.setStyle({ ...before.style, dashArray: before.style.dashArray ?? '' });
    }
    this.selected = parcelId;
    const now = parcelId ? this.paths.get(parcelId) : undefined;
    now?.path.setStyle(SELECTED_PARCEL_STYLE);
  }

  setPoints(points: readonly MapHousehold[]): void {
    this.pointLayer.clearLayers();
    for (const point of points) {
      const [lng, lat] = point.position;
      const marker = L.circleMarker([lat, lng], {
        renderer: this.renderer,
        radius: POINT_RADIUS,
        color: '#ffffff',
        weight: 1.5,
        fillColor: TONE_COLOURS[pointTone(point)],
        fillOpacity: 1,
      });
      marker.on('click', (event) => {
        L.DomEvent.stop(event);
        this.handlers.onHousehold(point);
      });
      marker.addTo(this.pointLayer);
    }
  }

  /** "My position": a ring with its accuracy circle, brought into view. */
  setHere(here: { position: Position; accuracyM: number } | null): void {
    this.hereLayer.clearLayers();
    if (!here) return;
    const [lng, lat] = here.position;
    L.circle([lat, lng], {
      renderer: this.renderer,
      radius: here.accuracyM,
      color: '#0d47a1',
      weight: 1,
      fillOpacity: 0.1,
      interactive: false,
    }).addTo(this.hereLayer);
    L.circleMarker([lat, lng], {
      renderer: this.renderer,
      radius: 9,
      color: '#0d47a1',
      weight: 4,
      fillColor: '#ffffff',
      fillOpacity: 1,
      interactive: false,
    }).addTo(this.hereLayer);
    this.map.setView([lat, lng], Math.max(this.map.getZoom(), 17));
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

  resize(): void {
    this.map.invalidateSize();
  }

  destroy(): void {
    this.map.remove();
  }
}
