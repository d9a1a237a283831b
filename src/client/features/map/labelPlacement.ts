/** A name to write on the map: centred on `x`, `y` (canvas pixels), `width` by `height` px. */
export interface LabelToPlace {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the canvas on screen, in canvas pixels. */
export interface VisibleArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room kept between two names, and between a name and the screen's edge. */
export const LABEL_GAP = 4;

/**
 * Where each label goes (its centre), or null where it is left out: a label whose anchor is off
 * screen is left out; one that would run over the edge is shifted in; one that would cover a
 * label placed before it is tried just above and just below its anchor, else left out. Earlier
 * labels win, so a steady order keeps the same names on screen from one redraw to the next.
 * `covered`: parts of the screen no label goes under (the zoom buttons).
 */
export function placeLabels(
  labels: readonly LabelToPlace[],
  area: VisibleArea,
  covered: readonly VisibleArea[] = [],
): Array<{ x: number; y: number } | null> {
  const placed: VisibleArea[] = [...covered];
  return labels.map((label) => {
    if (label.x < area.left || label.x > area.right || label.y < area.top || label.y > area.bottom)
      return null;
    for (const dy of [0, -(label.height + LABEL_GAP), label.height + LABEL_GAP]) {
      const x = shiftIn(label.x, label.width, area.left, area.right);
      const y = shiftIn(label.y + dy, label.height, area.top, area.bottom);
      const box = {
        left: x - label.width / 2,
        top: y - label.height / 2,
        right: x + label.width / 2,
        bottom: y + label.height / 2,
      };
      const clashes = placed.some(
        (other) =>
          box.left < other.right + LABEL_GAP &&
          other.left < box.right + LABEL_GAP &&
          box.top < other.bottom + LABEL_GAP &&
          other.top < box.bottom + LABEL_GAP,
      );
      if (!clashes) {
        placed.push(box);
        return { x, y };
      }
    }
    return null;
  });
}

/** The centre that keeps `size` within [low, high] less the gap (the low edge first if too big). */
function shiftIn(centre: number, size: number, low: number, high: number): number {
  const min = low + LABEL_GAP + size / 2;
  const max = high - LABEL_GAP - size / 2;
  return Math.max(min, Math.min(max, centre));
}
