// The basemap's raster tiles under the parcels and points (issue 16): a Leaflet GridLayer whose
// tiles are canvases painted from the PNGs the `pmtiles` library reads out of this device's
// copy (no network, no <img>: nothing for the CSP to allow). Past the file's last zoom the
// last zoom's tiles are stretched.
import * as L from 'leaflet';
import { PMTiles, type Source } from 'pmtiles';

/** Reads bytes of the file: db/basemapCopy.ts `basemapReader`. */
export interface BasemapBytes {
  key: string;
  read(offset: number, length: number): Promise<ArrayBuffer>;
}

/** Leaflet inserts an attribution as HTML: the admin's text goes in as text. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export class BasemapLayer extends L.GridLayer {
  /** Tiles painted so far (the end-to-end test reads it). */
  drawn = 0;
  private readonly archive: PMTiles;

  static async open(bytes: BasemapBytes, attribution: string): Promise<BasemapLayer> {
    const source: Source = {
      getKey: () => bytes.key,
      getBytes: async (offset, length) => ({ data: await bytes.read(offset, length) }),
    };
    const archive = new PMTiles(source);
    const header = await archive.getHeader();
    return new BasemapLayer(archive, {
      attribution: escapeHtml(attribution),
      minNativeZoom: header.minZoom,
      maxNativeZoom: header.maxZoom,
      bounds: L.latLngBounds([header.minLat, header.minLon], [header.maxLat, header.maxLon]),
      maxZoom: 21,
      className: 'map-basemap',
    });
  }

  private constructor(archive: PMTiles, options: L.GridLayerOptions) {
    super(options);
    this.archive = archive;
  }

  override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const canvas = document.createElement('canvas');
    const size = this.getTileSize();
    canvas.width = size.x;
    canvas.height = size.y;
    void this.paint(canvas, coords).then(
      () => done(undefined, canvas),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), canvas),
    );
    return canvas;
  }

  private async paint(canvas: HTMLCanvasElement, { x, y, z }: L.Coords): Promise<void> {
    const tile = await this.archive.getZxy(z, x, y);
    if (!tile) return;
    const image = await createImageBitmap(new Blob([tile.data], { type: 'image/png' }));
    canvas.getContext('2d')?.drawImage(image, 0, 0, canvas.width, canvas.height);
    image.close();
    this.drawn += 1;
  }
}
