// @vitest-environment happy-dom
import * as L from 'leaflet';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapHousehold } from '../../../../src/client/features/map/mapModel';
import { MapView } from '../../../../src/client/features/map/mapView';
import { setLanguage } from '../../../../src/client/ui/i18n';
import type { Position } from '../../../../src/shared/geo/projection';

// A phone's map: 360 × 300 px (happy-dom lays nothing out).
const WIDTH = 360;
const HEIGHT = 300;
const CENTRE: [number, number] = [16.05, 103.65];

let container: HTMLElement;
let view: MapView;
const onHousehold = vi.fn();
let texts: Array<{ text: string; x: number; y: number }>;

/** A 2D context that only notes the text written (happy-dom draws nothing). */
function recordingContext(): CanvasRenderingContext2D {
  return new Proxy({} as Record<string | symbol, unknown>, {
    get(target, key) {
      if (key === 'fillText') {
        return (text: string, x: number, y: number) => texts.push({ text, x, y });
      }
      if (key === 'measureText') return (text: string) => ({ width: text.length * 8 });
      if (key in target) return target[key];
      return () => undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

beforeEach(() => {
  texts = [];
  onHousehold.mockClear();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    () => recordingContext() as never,
  );
  container = document.createElement('div');
  Object.defineProperty(container, 'clientWidth', { value: WIDTH });
  Object.defineProperty(container, 'clientHeight', { value: HEIGHT });
  document.body.appendChild(container);
  view = new MapView(container, { onHousehold, onParcel: vi.fn() });
  view.map.setView(CENTRE, 15);
});

afterEach(async () => {
  // Leaflet's own canvas (the "here" rings) draws a frame later: let it, before the map goes.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  view.destroy();
  container.remove();
  vi.restoreAllMocks();
  await setLanguage('th');
});

/** Where a pixel of the map (from its top-left corner) is, as `[lng, lat]`. */
function at(x: number, y: number): Position {
  const { lat, lng } = view.map.containerPointToLatLng([x, y]);
  return [lng, lat];
}

function household(id: string, position: Position, houseNo?: string): MapHousehold {
  return {
    row: { household: { id, fields: { houseNo } } },
    position,
    eligibleNotReceiving: false,
  } as unknown as MapHousehold;
}

function tapAt(x: number, y: number): void {
  const [lng, lat] = at(x, y);
  view.map.fire('click', { latlng: L.latLng(lat, lng) });
}

/** A village outline: a square 40 px across around `x`, `y`, named `label`. */
function village(label: string, x: number, y: number) {
  return {
    label,
    ring: [at(x - 20, y - 20), at(x + 20, y - 20), at(x + 20, y + 20), at(x - 20, y + 20)],
  };
}

describe('the map view', () => {
  it('zooms in around a tap on a clump of households instead of opening one', () => {
    view.setPoints([household('h1', at(180, 150)), household('h2', at(192, 152))]);
    const [lng, lat] = at(184, 150);
    tapAt(184, 150);
    expect(onHousehold).not.toHaveBeenCalled();
    expect(view.map.getZoom()).toBe(17);
    const centre = view.map.getCenter();
    // The tapped spot, not where it was before.
    expect(centre.lat).toBeCloseTo(lat, 5);
    expect(centre.lng).toBeCloseTo(lng, 5);
  });

  it('opens a household that stands alone, and one of several at one spot', () => {
    view.setPoints([
      household('alone', at(60, 60)),
      household('a', at(250, 200)),
      household('b', at(250, 200)),
    ]);
    tapAt(63, 62);
    expect(onHousehold).toHaveBeenLastCalledWith(expect.objectContaining({ position: at(60, 60) }));
    tapAt(252, 201);
    expect(onHousehold).toHaveBeenCalledTimes(2);
    expect(view.map.getZoom()).toBe(15);
  });

  /** The boxes of the names written, in map pixels (the canvas reaches a quarter beyond). */
  function written() {
    const pad = { x: Math.round(WIDTH * 0.25), y: Math.round(HEIGHT * 0.25) };
    return texts.map(({ text, x, y }) => ({
      text,
      left: x - pad.x - (text.length * 8) / 2,
      right: x - pad.x + (text.length * 8) / 2,
      top: y - pad.y - 10,
      bottom: y - pad.y + 10,
    }));
  }

  it('writes no village name over another', () => {
    view.setOutlines([village('หมู่ที่ 2 บ้านหนองแวง', 180, 150), village('หมู่ที่ 9 บ้านหัวขัว', 186, 154)]);
    view.resize();
    const boxes = written();
    expect(boxes.map((box) => box.text)).toContain('หมู่ที่ 2 บ้านหนองแวง');
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap =
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `${a.text} over ${b.text}`).toBe(false);
      }
    }
  });

  it('shifts a village name at the edge of a 360 px screen in, not cut', () => {
    view.setOutlines([village('หมู่ที่ 5 บ้านโนนสวรรค์', 350, 60), village('หมู่ที่ 7 บ้านดอนแดง', 10, 290)]);
    view.resize();
    const boxes = written();
    expect(boxes).toHaveLength(2);
    for (const box of boxes) {
      expect(box.left, box.text).toBeGreaterThanOrEqual(0);
      expect(box.right, box.text).toBeLessThanOrEqual(WIDTH);
      expect(box.top, box.text).toBeGreaterThanOrEqual(0);
      expect(box.bottom, box.text).toBeLessThanOrEqual(HEIGHT);
    }
  });

  it('writes each house number beside its point from close up, none over another or a village name', () => {
    const houses = () => [
      household('a', at(100, 100), '12'),
      household('b', at(104, 102), '12/1'),
      household('c', at(250, 220), '45'),
      household('off', at(500, 500), '99'),
    ];
    view.setPoints(houses());
    view.setOutlines([village('หมู่ที่ 2 บ้านหนองแวง', 250, 222)]);
    view.resize();
    expect(texts.map((t) => t.text)).toEqual(['หมู่ที่ 2 บ้านหนองแวง']);

    texts = [];
    view.map.setView(view.map.getCenter(), 17);
    const close = houses();
    view.setPoints(close);
    view.setOutlines([village('หมู่ที่ 2 บ้านหนองแวง', 250, 222)]);
    view.resize();
    const boxes = written();
    const shown = boxes.map((box) => box.text);
    expect(shown[0]).toBe('หมู่ที่ 2 บ้านหนองแวง');
    expect(shown).toEqual(expect.arrayContaining(['12', '45']));
    expect(shown).not.toContain('99');
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap =
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `${a.text} over ${b.text}`).toBe(false);
      }
    }
    // Beside its point, not on it.
    const twelve = boxes.find((box) => box.text === '12');
    expect(twelve?.left).toBeGreaterThan(100);
  });

  it('rings "you are here" without hiding the household under it', () => {
    view.setHere({ position: at(180, 150), accuracyM: 8 });
    const marks: L.CircleMarker[] = [];
    view.map.eachLayer((layer) => {
      if (layer instanceof L.CircleMarker && !(layer instanceof L.Circle)) marks.push(layer);
    });
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) {
      const { fill, fillOpacity } = mark.options;
      expect(fill !== false && (fillOpacity ?? 0.2) >= 0.5).toBe(false);
    }
    // The accuracy circle stays.
    let circles = 0;
    view.map.eachLayer((layer) => {
      if (layer instanceof L.Circle) circles++;
    });
    expect(circles).toBe(1);
  });

  it('writes the scale in Thai units on Thai screens, English on English', async () => {
    const scale = () => container.querySelector('.leaflet-control-scale')?.textContent ?? '';
    view.map.setView(CENTRE, 12);
    expect(scale()).toMatch(/^\d+ กม\.$/);
    view.map.setView(CENTRE, 17);
    expect(scale()).toMatch(/^\d+ ม\.$/);
    await setLanguage('en');
    expect(scale()).toMatch(/^\d+ m$/);
  });
});
