// The map figures of issue 16 in Debian's Chromium: the map screen's drawing (`MapView`) of
// 5,000 households and 10,000 tax-map parcels with the CPU slowed 4x (the cheap-phone stand-in
// of docs/architecture.md §7): the first paint, then the frames of the map dragged with the
// mouse as a finger pans it (the bench page served by `vite preview`; no server).
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../e2e/support/env';
import type { MapPaint } from './browser/mapBench';
import { THROTTLE_RATE } from './browserSearch';
import { MAP_HEIGHT, MAP_WIDTH } from './lib/mapSize';
import { callBench, freePort } from './lib/page';

export const MAP_HOUSEHOLDS = 5000;
export const MAP_PEOPLE = 20000;
export const MAP_PARCELS = 10_000;
/** Drags per pan measurement, each this many pixels in this many mouse moves. */
const DRAGS = 6;
const DRAG_PX = 180;
const DRAG_STEPS = 20;
/** The village-level view (about 1.2 km across a phone) where a surveyor pans most. */
export const VILLAGE_ZOOM = 16;

export interface MapRun {
  paint: MapPaint;
  /** Frame times while panning the first view (the whole tambon), then the village view. */
  panFrames: number[];
  villagePanFrames: number[];
  /** The last redraw of each view (at a drag's end), ms. */
  redrawMs: number;
  villageRedrawMs: number;
}

export interface MapResults {
  households: number;
  parcels: number;
  runs: MapRun[];
}

/** Drags the map with the mouse, as a finger pans it, back and forth. */
async function pan(page: Page): Promise<{ frames: number[]; lastDrawMs: number }> {
  await callBench(page, 'startFrames');
  const [cx, cy] = [MAP_WIDTH / 2, MAP_HEIGHT / 2];
  for (let i = 0; i < DRAGS; i++) {
    const direction = i % 2 === 0 ? 1 : -1;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + direction * DRAG_PX, cy + (direction * DRAG_PX) / 2, {
      steps: DRAG_STEPS,
    });
    await page.mouse.up();
  }
  return callBench(page, 'stopFrames');
}

export async function mapBench(options: {
  seed: number;
  runs: number;
  tmpRoot: string;
  log: (line: string) => void;
}): Promise<MapResults> {
  const { seed, runs, tmpRoot, log } = options;
  const root = join(tmpRoot, 'map');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  process.env.XDG_CONFIG_HOME = join(root, 'xdg');
  const configFile = resolve('tests/bench/vite.config.ts');
  await build({ configFile, logLevel: 'warn' });
  const port = await freePort();
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(join(root, 'profile'), {
      ...chromiumLaunchOptions(),
      headless: true,
      serviceWorkers: 'block',
      viewport: { width: MAP_WIDTH, height: MAP_HEIGHT },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
    const cdp = await context.newCDPSession(page);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'bench' in window);
    log(
      `  preparing ${MAP_HOUSEHOLDS.toLocaleString('en-US')} households and ${MAP_PARCELS.toLocaleString('en-US')} parcels…`,
    );
    const prepared = await callBench(page, 'prepareMap', {
      households: MAP_HOUSEHOLDS,
      people: MAP_PEOPLE,
      parcels: MAP_PARCELS,
      seed,
    });
    const results: MapResults = {
      households: prepared.households,
      parcels: prepared.parcels,
      runs: [],
    };
    for (let run = 1; run <= runs; run++) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
      try {
        const paint = await callBench(page, 'paintMap');
        const whole = await pan(page);
        await callBench(page, 'zoomMap', VILLAGE_ZOOM);
        const village = await pan(page);
        const [panFrames, villagePanFrames] = [whole.frames, village.frames];
        results.runs.push({
          paint,
          panFrames,
          villagePanFrames,
          redrawMs: whole.lastDrawMs,
          villageRedrawMs: village.lastDrawMs,
        });
        log(
          `  run ${run}: first paint ${paint.firstPaintMs.toFixed(0)} ms (links ${paint.mapDataMs.toFixed(0)}, layers ${(paint.layersMs - paint.mapDataMs).toFixed(0)}), ${panFrames.length} + ${villagePanFrames.length} pan frames, redraw ${whole.lastDrawMs.toFixed(0)} / ${village.lastDrawMs.toFixed(0)} ms, slowest frame ${Math.max(...panFrames).toFixed(0)} / ${Math.max(...villagePanFrames).toFixed(0)} ms`,
        );
      } finally {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      }
    }
    return results;
  } finally {
    await context?.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}
