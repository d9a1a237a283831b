import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../../src/client/features/map/labelPlacement';
import { HERE_RINGS, POINT_EDGE, POINT_RADIUS } from '../../../../src/client/features/map/mapMarks';
import { mapEn } from '../../../../src/client/features/map/messages.en';
import { mapTh } from '../../../../src/client/features/map/messages.th';
import { scaleBar, scaleLabel } from '../../../../src/client/features/map/scaleBar';
import { TAP_RADIUS, tapChoice } from '../../../../src/client/features/map/tapChoice';

type Box = { left: number; top: number; right: number; bottom: number };
const boxOf = (at: { x: number; y: number }, width: number, height: number): Box => ({
  left: at.x - width / 2,
  top: at.y - height / 2,
  right: at.x + width / 2,
  bottom: at.y + height / 2,
});
const overlap = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('village labels', () => {
  const screen = { left: 90, top: 75, right: 450, bottom: 375 };

  it('never draws a label over one placed before it', () => {
    // "หมู่ที่ 2 บ้านหนองแวง" and "หมู่ที่ 9 บ้านหัวขัว", centres 6 px apart.
    const labels = [
      { x: 250, y: 200, width: 150, height: 20 },
      { x: 256, y: 204, width: 140, height: 20 },
      { x: 250, y: 200, width: 120, height: 20 },
      { x: 260, y: 198, width: 100, height: 20 },
    ];
    const places = placeLabels(labels, screen);
    expect(places[0]).toEqual({ x: 250, y: 200 });
    const boxes = places.flatMap((place, i) => {
      const label = labels[i];
      return place && label ? [boxOf(place, label.width, label.height)] : [];
    });
    expect(boxes.length).toBeGreaterThan(1);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    }
    // Moved, not lost, where there is room above or below.
    expect(places[1]).not.toBeNull();
  });

  it('shifts a label at the edge of a narrow screen in, whole', () => {
    const labels = [
      { x: 440, y: 80, width: 150, height: 20 },
      { x: 95, y: 370, width: 150, height: 20 },
    ];
    const places = placeLabels(labels, screen);
    for (const [i, place] of places.entries()) {
      const label = labels[i];
      if (!place || !label) throw new Error('label left out');
      const box = boxOf(place, label.width, label.height);
      expect(box.left).toBeGreaterThanOrEqual(screen.left);
      expect(box.right).toBeLessThanOrEqual(screen.right);
      expect(box.top).toBeGreaterThanOrEqual(screen.top);
      expect(box.bottom).toBeLessThanOrEqual(screen.bottom);
    }
  });

  it('writes no label under the zoom buttons: moved below them, or left out', () => {
    const buttons = { left: 100, top: 85, right: 144, bottom: 173 };
    const places = placeLabels(
      [
        { x: 130, y: 125, width: 30, height: 20 },
        { x: 130, y: 165, width: 30, height: 20 },
      ],
      screen,
      [buttons],
    );
    for (const place of places) {
      if (!place) continue;
      const box = boxOf(place, 30, 20);
      const under =
        box.left < buttons.right &&
        buttons.left < box.right &&
        box.top < buttons.bottom &&
        buttons.top < box.bottom;
      expect(under).toBe(false);
    }
    // Just below the buttons there is room for the lower one.
    expect(places[1]).not.toBeNull();
  });

  it('leaves out a village whose centre is off screen', () => {
    expect(placeLabels([{ x: 500, y: 200, width: 100, height: 20 }], screen)).toEqual([null]);
  });
});

describe('a tap on the map', () => {
  const at = (distance: number, x: number, y: number, above = false) => ({
    distance,
    x,
    y,
    above,
  });

  it('zooms in around a clump of households at different spots', () => {
    const clump = [at(3, 1000, 1000), at(9, 1040, 1000), at(20, 1000, 1090)];
    expect(tapChoice(clump, 14, 21)).toEqual({ kind: 'zoom', zoom: 16 });
    expect(tapChoice(clump, 20, 21)).toEqual({ kind: 'zoom', zoom: 21 });
  });

  it('opens the nearest at the deepest zoom, or where all are at one spot', () => {
    const clump = [at(9, 1040, 1000), at(3, 1000, 1000)];
    expect(tapChoice(clump, 21, 21)).toEqual({ kind: 'open', index: 1 });
    const oneSpot = [at(5, 1000, 1000), at(5, 1000, 1000), at(5, 1000.2, 1000)];
    expect(tapChoice(oneSpot, 14, 21)).toEqual({ kind: 'open', index: 0 });
  });

  it('opens a point that stands alone; a request drawn above wins a tie', () => {
    expect(tapChoice([at(4, 1000, 1000), at(TAP_RADIUS + 1, 5000, 5000)], 14, 21)).toEqual({
      kind: 'open',
      index: 0,
    });
    expect(tapChoice([at(0, 1000, 1000), at(0, 1000, 1000, true)], 18, 21)).toEqual({
      kind: 'open',
      index: 1,
    });
    expect(tapChoice([at(TAP_RADIUS + 1, 0, 0)], 14, 21)).toEqual({ kind: 'none' });
    expect(tapChoice([], 14, 21)).toEqual({ kind: 'none' });
  });
});

describe('"you are here"', () => {
  it('is rings without an opaque fill, clear of the household point at the spot', () => {
    expect(HERE_RINGS.length).toBeGreaterThan(0);
    for (const ring of HERE_RINGS) {
      const filled = ring.fill !== false && (ring.fillOpacity ?? 0.2) >= 0.5;
      expect(filled).toBe(false);
      const inner = (ring.radius ?? 10) - (ring.weight ?? 3) / 2;
      expect(inner).toBeGreaterThan(POINT_RADIUS + POINT_EDGE / 2);
    }
  });
});

describe('the scale bar', () => {
  it('is a round distance that fits', () => {
    expect(scaleBar(2345)).toEqual({ meters: 2000, ratio: 2000 / 2345 });
    expect(scaleBar(160).meters).toBe(100);
    expect(scaleBar(399).meters).toBe(300);
    expect(scaleBar(7.2).meters).toBe(5);
    expect(scaleBar(0.7).meters).toBe(0.5);
  });

  const say = (messages: typeof mapEn) => ({
    meters: (n: number) => messages['map.scale.meters'].replace('{n}', String(n)),
    kilometres: (n: number) => messages['map.scale.kilometres'].replace('{n}', String(n)),
  });

  it('reads in Thai units on Thai screens and English on English', () => {
    expect(scaleLabel(2000, say(mapTh))).toBe('2 กม.');
    expect(scaleLabel(100, say(mapTh))).toBe('100 ม.');
    expect(scaleLabel(2000, say(mapEn))).toBe('2 km');
    expect(scaleLabel(100, say(mapEn))).toBe('100 m');
  });
});
