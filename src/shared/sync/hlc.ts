/**
 * Hybrid logical clock. On the wire an HLC is a string that sorts in time order:
 * `<ISO-8601 UTC ms>-<counter as 4 hex>-<clientId>`, e.g. `2026-11-21T05:19:00.000Z-0000-3f9a…`.
 * Comparing two HLC strings compares (time, counter, clientId): a total order, so every device
 * and the server pick the same winner for concurrent edits.
 */

const MAX_COUNTER = 0xffff;
const ISO_LENGTH = 24; // 2026-11-21T05:19:00.000Z
const HLC_PATTERN =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([A-Za-z0-9_-]{8,64})$/;

export interface HlcParts {
  millis: number;
  counter: number;
  clientId: string;
}

export function formatHlc({ millis, counter, clientId }: HlcParts): string {
  return `${new Date(millis).toISOString()}-${counter.toString(16).padStart(4, '0')}-${clientId}`;
}

export function parseHlc(hlc: string): HlcParts | null {
  const match = HLC_PATTERN.exec(hlc);
  if (!match) return null;
  const [, iso, counter, clientId] = match as unknown as [string, string, string, string];
  const millis = Date.parse(iso);
  if (Number.isNaN(millis) || iso.length !== ISO_LENGTH) return null;
  return { millis, counter: Number.parseInt(counter, 16), clientId };
}

export function isHlc(value: string): boolean {
  return parseHlc(value) !== null;
}

/** Negative when a happened before b. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Clock {
  /** A new HLC for a local event, later than every HLC this clock issued or received. */
  next(): string;
  /** Folds in an HLC seen from elsewhere, so the next local event sorts after it. */
  observe(remote: string): void;
  /** Sets the difference between the server's clock and this device's (`serverTime - now`). */
  setServerOffset(offsetMs: number): void;
  /** The last HLC issued or observed, for persisting across restarts. */
  last(): string | null;
}

/**
 * The physical part is `now() + serverOffset`, so a device whose own clock is a year off still
 * stamps edits near server time once it has synced. `restore` continues from a persisted HLC.
 */
export function createClock(
  clientId: string,
  options: { now?: () => number; serverOffsetMs?: number; restore?: string | null } = {},
): Clock {
  const now = options.now ?? Date.now;
  let offset = options.serverOffsetMs ?? 0;
  const restored = options.restore ? parseHlc(options.restore) : null;
  let state = { millis: restored?.millis ?? 0, counter: restored?.counter ?? 0 };
  let lastIssued: string | null = options.restore ?? null;

  function advance(physical: number): void {
    if (physical > state.millis) {
      state = { millis: physical, counter: 0 };
    } else if (state.counter < MAX_COUNTER) {
      state = { millis: state.millis, counter: state.counter + 1 };
    } else {
      state = { millis: state.millis + 1, counter: 0 };
    }
  }

  return {
    next() {
      advance(now() + offset);
      lastIssued = formatHlc({ ...state, clientId });
      return lastIssued;
    },
    observe(remote) {
      const parts = parseHlc(remote);
      if (!parts) return;
      if (
        parts.millis > state.millis ||
        (parts.millis === state.millis && parts.counter > state.counter)
      ) {
        state = { millis: parts.millis, counter: parts.counter };
      }
    },
    setServerOffset(offsetMs) {
      offset = offsetMs;
    },
    last() {
      return lastIssued;
    },
  };
}

/**
 * The server never rejects a skewed clock; it keeps HLCs in a plausible window instead, and
 * flags the ones it moved. More than a day ahead of it: clamped to its own time (so one bad
 * clock can't win every future conflict). Before 2020 (a phone whose clock was never set, or a
 * crafted year 0000): lifted to 2020-01-01, where it loses every concurrent edit, as it would
 * have, without putting impossible dates into the history.
 */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
export const MIN_HLC_MILLIS = Date.UTC(2020, 0, 1);

export function clampHlc(hlc: string, serverNow: number): { hlc: string; clamped: boolean } {
  const parts = parseHlc(hlc);
  if (!parts) return { hlc, clamped: false };
  if (parts.millis > serverNow + MAX_CLOCK_AHEAD_MS) {
    return { hlc: formatHlc({ ...parts, millis: serverNow }), clamped: true };
  }
  if (parts.millis < MIN_HLC_MILLIS) {
    return { hlc: formatHlc({ ...parts, millis: MIN_HLC_MILLIS }), clamped: true };
  }
  return { hlc, clamped: false };
}
