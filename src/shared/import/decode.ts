import { parseCsv } from '../csv';
import type { SheetRow } from './cells';

export type TextEncoding = 'utf-8' | 'windows-874';

/** The one text API shared needs; browsers, workers and Node all have it (shared has no DOM lib). */
declare const TextDecoder: new (
  label: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => { decode(bytes: Uint8Array): string };

/**
 * The text of a CSV file's bytes: UTF-8 (with or without a BOM), or TIS-620 / Windows-874, which
 * Thai Excel still writes with "CSV (Comma delimited)". A file that is not valid UTF-8 and has
 * bytes in the Thai range of TIS-620 (0xA1–0xFB) is read as Windows-874 (a superset of TIS-620).
 * Anything else not UTF-8 is read as UTF-8 with replacement characters, for the preview to show.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    if (hasThaiSingleBytes(bytes))
      return { text: new TextDecoder('windows-874').decode(bytes), encoding: 'windows-874' };
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  }
}

/** Bytes known to be in `encoding` as text (a Shapefile's `.dbf` says or shows which). */
export function decodeBytesAs(bytes: Uint8Array, encoding: TextEncoding): string {
  return new TextDecoder(encoding).decode(bytes);
}

function hasThaiSingleBytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0xa1 && byte <= 0xfb) return true;
  return false;
}

/** A CSV file's bytes as sheet rows, with the encoding found. */
export function readCsvBytes(bytes: Uint8Array): { rows: SheetRow[]; encoding: TextEncoding } {
  const { text, encoding } = decodeCsvBytes(bytes);
  return { rows: parseCsv(text), encoding };
}
