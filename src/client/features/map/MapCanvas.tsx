import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { type Bbox, bboxOf, type MultiPolygon } from '../../../shared/geo/geometry';
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
const FOCUS_ZOOM = 18;

const PARCEL_STYLE = {
  color: PARCEL_COLOUR.line,
  weight: 1,
  fillColor: PARCEL_COLOUR.fill,
  fillOpacity: 0.5,
};
const ORPHAN_PARCEL_STYLE = {
  color: ORPHAN_COLOUR.line,
  weight: 1.5,
  dashArray: '4 3',
  fillColor: ORPHAN_COLOUR.fill,
  fillOpacity: 0.6,
};
const SELECTED_PARCEL_STYLE = { color: '#000', weight: 3, fillColor: '#ffeb3b', fillOpacity: 0.5 };

/** The element of the map, with what the end-to-end tests ask of it (where a place is drawn). */
export interface MapElement extends HTMLElement {
  tambonMap?: {
    pixelOf(position: Position): { x: number; y: number };
    /** The household points drawn now (after the filters). */
    drawnHouseholds(): Array<{ id: string; position: Position }>;
    /** The parcels drawn, with their bounding boxes. */
    drawnParcels(): Array<{ id: string; code: string; orphan: boolean; box: Bbox }>;
  };
}

function latLngs(polygons: MultiPolygon): L.LatLngExpression[][][] {
  return polygons.map((polygon) => polygon.map((ring) => ring.map(([lng, lat]) => [lat, lng])));
}

export interface MapCanvasProps {
  points: readonly MapHousehold[];
  parcels: readonly MapParcel[];
  orphanParcels: ReadonlySet<string>;
  bounds: Bbox | null;
  selectedParcelId: string | null;
  /** Where to look first instead of the whole extent (the household being linked). */
  focus: Position | null;
  here: { position: Position; accuracyM: number } | null;
  onHousehold: (point: MapHousehold) => void;
  onParcel: (parcel: MapParcel) => void;
  label: string;
}

/**
 * The Leaflet map (canvas renderer, no basemap): parcels under household points. Drawn again
 * only when what it shows changes; the bounds are fitted once, when there is first something.
 */
export function MapCanvas(props: MapCanvasProps) {
  const element = useRef<MapElement>(null);
  const state = useRef<{
    map: L.Map;
    renderer: L.Canvas;
    parcelLayer: L.LayerGroup;
    pointLayer: L.LayerGroup;
    hereLayer: L.LayerGroup;
    fitted: boolean;
    parcelPaths: Map<string, L.Polygon>;
  } | null>(null);
  const handlers = useRef(props);
  handlers.current = props;

  useEffect(() => {
    const container = element.current;
    if (!container) return;
    const renderer = L.canvas({ tolerance: TAP_TOLERANCE, padding: 0.2 });
    const map = L.map(container, {
      renderer,
      preferCanvas: true,
      attributionControl: false,
      zoomSnap: 0.5,
      maxZoom: 21,
    });
    map.setView([15, 101], 6);
    L.control.scale({ imperial: false, maxWidth: 150 }).addTo(map);
    state.current = {
      map,
      renderer,
      parcelLayer: L.layerGroup().addTo(map),
      pointLayer: L.layerGroup().addTo(map),
      hereLayer: L.layerGroup().addTo(map),
      fitted: false,
      parcelPaths: new Map(),
    };
    container.tambonMap = {
      pixelOf: ([lng, lat]) => {
        const point = map.latLngToContainerPoint([lat, lng]);
        return { x: point.x, y: point.y };
      },
      drawnHouseholds: () =>
        handlers.current.points.map((point) => ({
          id: point.row.household.id,
          position: point.position,
        })),
      drawnParcels: () =>
        handlers.current.parcels.map((parcel) => ({
          id: parcel.id,
          code: parcel.code,
          orphan: handlers.current.orphanParcels.has(parcel.id),
          box: bboxOf(parcel.polygons),
        })),
    };
    const resize = () => map.invalidateSize();
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    return () => {
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      delete container.tambonMap;
      map.remove();
      state.current = null;
    };
  }, []);

  useEffect(() => {
    const current = state.current;
    if (!current) return;
    current.parcelLayer.clearLayers();
    current.parcelPaths.clear();
    for (const parcel of props.parcels) {
      const path = L.polygon(latLngs(parcel.polygons), {
        renderer: current.renderer,
        ...(props.orphanParcels.has(parcel.id) ? ORPHAN_PARCEL_STYLE : PARCEL_STYLE),
        ...(parcel.id === props.selectedParcelId ? SELECTED_PARCEL_STYLE : {}),
      });
      path.on('click', () => handlers.current.onParcel(parcel));
      path.addTo(current.parcelLayer);
      current.parcelPaths.set(parcel.id, path);
    }
  }, [props.parcels, props.orphanParcels, props.selectedParcelId]);

  useEffect(() => {
    const current = state.current;
    if (!current) return;
    current.pointLayer.clearLayers();
    for (const point of props.points) {
      const [lng, lat] = point.position;
      const marker = L.circleMarker([lat, lng], {
        renderer: current.renderer,
        radius: POINT_RADIUS,
        color: '#ffffff',
        weight: 1.5,
        fillColor: TONE_COLOURS[pointTone(point)],
        fillOpacity: 1,
      });
      marker.on('click', (event) => {
        L.DomEvent.stop(event);
        handlers.current.onHousehold(point);
      });
      marker.addTo(current.pointLayer);
    }
  }, [props.points]);

  useEffect(() => {
    const current = state.current;
    if (!current) return;
    current.hereLayer.clearLayers();
    if (!props.here) return;
    const [lng, lat] = props.here.position;
    L.circle([lat, lng], {
      renderer: current.renderer,
      radius: props.here.accuracyM,
      color: '#0d47a1',
      weight: 1,
      fillOpacity: 0.1,
      interactive: false,
    }).addTo(current.hereLayer);
    L.circleMarker([lat, lng], {
      renderer: current.renderer,
      radius: 9,
      color: '#0d47a1',
      weight: 4,
      fillColor: '#ffffff',
      fillOpacity: 1,
      interactive: false,
    }).addTo(current.hereLayer);
    current.map.setView([lat, lng], Math.max(current.map.getZoom(), 17));
  }, [props.here]);

  useEffect(() => {
    const current = state.current;
    if (!current || current.fitted) return;
    if (props.focus) {
      current.map.setView([props.focus[1], props.focus[0]], FOCUS_ZOOM);
      current.fitted = true;
      return;
    }
    if (!props.bounds) return;
    const [west, south, east, north] = props.bounds;
    current.map.fitBounds(
      [
        [south, west],
        [north, east],
      ],
      { padding: [16, 16], maxZoom: 18 },
    );
    current.fitted = true;
  }, [props.bounds, props.focus]);

  return <section ref={element} class="map-canvas" data-testid="map" aria-label={props.label} />;
}
