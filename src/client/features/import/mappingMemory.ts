import type { ImportField, ImportKind } from '../../../shared/import';

/**
 * The mapping a user confirmed, per kind (`rememberMapping`: header → field), kept on this
 * device for the office's next file of the same kind. Headers only, no one's data.
 */
type Remembered = Record<string, ImportField | null>;

const key = (kind: ImportKind) => `tambon.import.mapping.${kind}`;

export function recalledMapping(kind: ImportKind): Remembered {
  try {
    const stored = globalThis.localStorage?.getItem(key(kind));
    const parsed: unknown = stored ? JSON.parse(stored) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Remembered) : {};
  } catch {
    return {};
  }
}

export function keepMapping(kind: ImportKind, remembered: Remembered): void {
  try {
    const merged = { ...recalledMapping(kind), ...remembered };
    globalThis.localStorage?.setItem(key(kind), JSON.stringify(merged));
  } catch {
    // A full or blocked storage only costs the guess next time.
  }
}
