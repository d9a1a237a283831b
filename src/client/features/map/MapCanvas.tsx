import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import { type Bbox, bboxOf } from '../../../shared/geo/geometry';
import type { ParcelIndex } from '../../../shared/geo/parcels';
import type { Position } from '../../../shared/geo/projection';
import { basemapReader, readBasemapCopy } from '../../db/basemapCopy';
import { currentAccountId } from '../../session/end';
import { basemapRevision } from './basemap';
import { BasemapLayer } from './basemapLayer';
import type { MapCase, MapHousehold, MapParcel } from './mapModel';
import { FOCUS_ZOOM, MapView } from './mapView';

/** The element of the map, with what the end-to-end tests ask of it (where a place is drawn). */
export interface MapElement extends HTMLElement {
  tambonMap?: {
    pixelOf(position: Position): { x: number; y: number };
    /** Centres the map on a place, close up. */
    zoomTo(position: Position): void;
    /**
     * The household points drawn now (after the filters). Like the parcels and requests: none
     * before the first view is set, since until then the props hold places not yet on screen.
     */
    drawnHouseholds(): Array<{ id: string; position: Position }>;
    /** The service requests drawn. */
    drawnCases(): Array<{ id: string; position: Position }>;
    /** The parcels drawn, with their bounding boxes. */
    drawnParcels(): Array<{ id: string; code: string; orphan: boolean; box: Bbox }>;
    /** Basemap tiles painted from this device's copy so far. */
    basemapTiles(): number;
  };
}

export interface MapCanvasProps {
  points: readonly MapHousehold[];
  cases?: readonly MapCase[] | undefined;
  /** Village outlines with their names (under the parcels). */
  outlines?: ReadonlyArray<{ ring: readonly Position[]; label: string }> | undefined;
  onCase?: ((request: MapCase) => void) | undefined;
  parcels: readonly MapParcel[];
  orphanParcels: ReadonlySet<string>;
  /** The parcels by place (`mapData`'s), for the taps. */
  index?: ParcelIndex<MapParcel> | undefined;
  bounds: Bbox | null;
  selectedParcelId: string | null;
  /** Where to look first instead of the whole extent (the household being linked). */
  focus: Position | null;
  here: { position: Position; accuracyM: number } | null;
  onHousehold: (point: MapHousehold) => void;
  onParcel: (parcel: MapParcel) => void;
  /** Picking a location: a tap places it (`pin`) instead of opening a household or parcel. */
  onPlace?: ((position: Position) => void) | undefined;
  pin?: Position | null | undefined;
  label: string;
  testId?: string;
}

/**
 * The map screen's Leaflet view (`MapView`) in Preact: drawn again only when what it shows
 * changes; the first view is fitted once, when there is first something to show.
 */
export function MapCanvas(props: MapCanvasProps) {
  const element = useRef<MapElement>(null);
  const view = useRef<MapView | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const container = element.current;
    if (!container) return;
    const map = new MapView(container, {
      onHousehold: (point) => latest.current.onHousehold(point),
      onParcel: (parcel) => latest.current.onParcel(parcel),
      onCase: (request) => latest.current.onCase?.(request),
      onPlace: latest.current.onPlace && ((position) => latest.current.onPlace?.(position)),
    });
    view.current = map;
    const drawn = <T,>(shown: readonly T[]): readonly T[] => (map.viewSet ? shown : []);
    container.tambonMap = {
      pixelOf: (position) => map.pixelOf(position),
      zoomTo: ([lng, lat]) => map.map.setView([lat, lng], FOCUS_ZOOM),
      drawnHouseholds: () =>
        drawn(latest.current.points).map((point) => ({
          id: point.row.household.id,
          position: point.position,
        })),
      drawnCases: () =>
        drawn(latest.current.cases ?? []).map((request) => ({
          id: request.id,
          position: request.position,
        })),
      drawnParcels: () =>
        drawn(latest.current.parcels).map((parcel) => ({
          id: parcel.id,
          code: parcel.code,
          orphan: latest.current.orphanParcels.has(parcel.id),
          box: bboxOf(parcel.polygons),
        })),
      basemapTiles: () => map.basemapTiles(),
    };
    const resize = () => map.resize();
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    // Leaflet follows the window only: a scrollbar or a panel above can change the map's own
    // size, and a stale size puts the centre, and every tap, off by as much.
    const sized = new ResizeObserver(resize);
    sized.observe(container);
    return () => {
      sized.disconnect();
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      delete container.tambonMap;
      map.destroy();
      view.current = null;
    };
  }, []);

  // The basemap, when this user's copy is complete (again after a download or a deletion).
  const revision = basemapRevision.value;
  useEffect(() => {
    const userId = currentAccountId();
    let cancelled = false;
    void (async () => {
      const copy = userId ? await readBasemapCopy(userId) : null;
      const layer =
        userId && copy?.complete
          ? await BasemapLayer.open(basemapReader(userId, copy.info), copy.info.attribution)
          : null;
      if (!cancelled) view.current?.setBasemap(layer);
    })().catch(() => undefined); // a broken copy: the map without it, as before a download
    return () => {
      cancelled = true;
    };
  }, [revision]);

  useEffect(() => {
    view.current?.setParcels(props.parcels, props.orphanParcels, props.index);
    view.current?.select(latest.current.selectedParcelId);
  }, [props.parcels, props.orphanParcels, props.index]);

  useEffect(() => {
    view.current?.select(props.selectedParcelId);
  }, [props.selectedParcelId]);

  useEffect(() => {
    view.current?.setPoints(props.points);
  }, [props.points]);

  useEffect(() => {
    view.current?.setHere(props.here);
  }, [props.here]);

  useEffect(() => {
    view.current?.setCases(props.cases ?? []);
  }, [props.cases]);

  useEffect(() => {
    view.current?.setOutlines(props.outlines ?? []);
  }, [props.outlines]);

  useEffect(() => {
    view.current?.setPin(props.pin ?? null);
  }, [props.pin]);

  useEffect(() => {
    view.current?.fitOnce(props.bounds, props.focus);
  }, [props.bounds, props.focus]);

  return (
    <section
      ref={element}
      class="map-canvas"
      data-testid={props.testId ?? 'map'}
      aria-label={props.label}
    />
  );
}
