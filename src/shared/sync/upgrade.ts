import type { Mutation } from './protocol';

/**
 * Schema versions change additively: a new version may add fields or rename one through an
 * upgrade step, never drop data. The server upgrades every pushed mutation to the current
 * version before it merges; unknown fields pass through untouched.
 */
export const CURRENT_SCHEMA_VERSION = 1;
/** Clients below this get 426 and keep working offline until the app updates. */
export const MIN_SCHEMA_VERSION = 1;

export type MutationUpgrade = (mutation: Mutation) => Mutation;

/** `UPGRADES[v]` turns a version-v mutation into version v+1. */
export const UPGRADES: Readonly<Record<number, MutationUpgrade>> = {};

export function upgradeMutation(
  mutation: Mutation,
  target: number = CURRENT_SCHEMA_VERSION,
  upgrades: Readonly<Record<number, MutationUpgrade>> = UPGRADES,
): Mutation {
  let upgraded = mutation;
  for (let version = mutation.schemaVersion; version < target; version++) {
    const step = upgrades[version];
    upgraded = { ...(step ? step(upgraded) : upgraded), schemaVersion: version + 1 };
  }
  return upgraded;
}
