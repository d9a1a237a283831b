/** How far (px) from a point a finger may land and still mean it (a 44 px target). */
export const TAP_RADIUS = 22;
/** How many zoom levels a tap on a clump goes in (four times closer). */
export const CLUMP_ZOOM_STEP = 2;

/** Something tappable near the tap: its distance from it now, and its place at the map's deepest zoom. */
export interface TapCandidate {
  /** Pixels from the tap at the current zoom. */
  distance: number;
  /** Its position in pixels at the deepest zoom (Web Mercator). */
  x: number;
  y: number;
  /** Drawn above the others (a service request over a household): wins a tie. */
  above?: boolean;
}

export type TapChoice =
  | { kind: 'open'; index: number }
  | { kind: 'zoom'; zoom: number }
  | { kind: 'none' };

/**
 * What a tap does. Several things within reach that a deeper zoom would part: zoom in around
 * the tap, so the next tap can pick one (opening whichever is nearest would open a stranger's
 * house). One thing, several at one spot (they never part), or the deepest zoom already: open
 * the nearest, the one drawn above on a tie.
 */
export function tapChoice(
  candidates: readonly TapCandidate[],
  zoom: number,
  maxZoom: number,
): TapChoice {
  let best = -1;
  for (const [index, candidate] of candidates.entries()) {
    if (candidate.distance > TAP_RADIUS) continue;
    const current = candidates[best];
    if (
      !current ||
      candidate.distance < current.distance ||
      (candidate.distance === current.distance && candidate.above && !current.above)
    )
      best = index;
  }
  const nearest = candidates[best];
  if (!nearest) return { kind: 'none' };
  const apart = candidates.some(
    (candidate) =>
      candidate.distance <= TAP_RADIUS &&
      Math.hypot(candidate.x - nearest.x, candidate.y - nearest.y) >= 1,
  );
  if (apart && zoom < maxZoom) {
    return { kind: 'zoom', zoom: Math.min(maxZoom, zoom + CLUMP_ZOOM_STEP) };
  }
  return { kind: 'open', index: best };
}
