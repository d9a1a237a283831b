// Reading the files of a zipped Shapefile with fflate, within limits: only the layer's own
// files are inflated, each at most the size its directory entry declares (fflate inflates into a
// buffer of that size, so a lying entry is cut short, never grown: no zip bomb gets past it),
// and the declared sizes are checked before anything is inflated.
import { unzipSync } from 'fflate';
import { GeoError } from './errors';

export interface ZipLimits {
  /** Most bytes one inflated file may have. */
  maxFileBytes: number;
  /** Most bytes all inflated files together may have. */
  maxTotalBytes: number;
}

/** Extensions of the files a parcel layer is read from; the rest of a zip is left unread. */
const LAYER_EXTENSIONS = ['shp', 'dbf', 'prj', 'cpg', 'geojson', 'json'] as const;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The layer files of a zip by path (folders kept; `__MACOSX/` and dot files skipped). */
export function readZip(bytes: Uint8Array, limits: ZipLimits): Map<string, Uint8Array> {
  let total = 0;
  let tooLarge: GeoError | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!wanted(file.name)) return false;
        total += file.originalSize;
        if (file.originalSize > limits.maxFileBytes || total > limits.maxTotalBytes) {
          tooLarge ??= new GeoError('too_large', {
            file: file.name.slice(-100),
            limit: Math.min(limits.maxFileBytes, limits.maxTotalBytes),
          });
          return false;
        }
        return true;
      },
    });
  } catch {
    throw new GeoError('not_zip');
  }
  if (tooLarge) throw tooLarge;
  return new Map(Object.entries(files));
}

function wanted(name: string): boolean {
  const base = name.split('/').at(-1) ?? '';
  if (name.startsWith('__MACOSX/') || base.startsWith('.') || base === '') return false;
  const extension = base.split('.').at(-1)?.toLowerCase() ?? '';
  return (LAYER_EXTENSIONS as readonly string[]).includes(extension);
}
