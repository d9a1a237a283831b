/**
 * Seeds (and fast-check paths) of simulation runs that once failed, replayed first on every
 * run so a fixed bug stays fixed. Add the `seed` and `path` fast-check prints on a failure.
 */
export const REPLAY_SEEDS: Array<{ seed: number; path?: string; note: string }> = [];
