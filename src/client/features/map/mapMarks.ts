import type { CircleMarkerOptions } from 'leaflet';

/** Radius of a household point (px), and its white edge. */
export const POINT_RADIUS = 7;
export const POINT_EDGE = 1.5;

const HERE_BLUE = '#0d47a1';
/** Clear of a household point with its edge, and a little air, so the house stood at shows. */
const HERE_RADIUS = POINT_RADIUS + POINT_EDGE + 5;

/**
 * "You are here": two rings and no fill (a white one under a blue one, to read on any colour),
 * wide enough that the household point at the spot shows whole inside them.
 */
export const HERE_RINGS: readonly CircleMarkerOptions[] = [
  { radius: HERE_RADIUS, color: '#ffffff', weight: 6, fill: false, interactive: false },
  { radius: HERE_RADIUS, color: HERE_BLUE, weight: 3, fill: false, interactive: false },
];

/** The accuracy circle around it: faint, so what is under it shows. */
export const HERE_ACCURACY: CircleMarkerOptions = {
  color: HERE_BLUE,
  weight: 1,
  fillOpacity: 0.1,
  interactive: false,
};
