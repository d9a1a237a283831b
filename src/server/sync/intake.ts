// Intake: a push's mutations parsed, upgraded and clock-clamped one by one (anything wrong is a
// quarantine reason, never an error of the whole push), and grouped into runs of one txId.
import { clampHlc } from '../../shared/sync/hlc';
import { Mutation, mutationCounter } from '../../shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION, upgradeMutation } from '../../shared/sync/upgrade';
import type { Rejection } from './policy';

/** One pushed mutation, checked as far as it can be without the database. */
export interface Incoming {
  /** As pushed, kept whole if it is quarantined. */
  raw: unknown;
  mutationId: string;
  n: number;
  clientId: string;
  /** Mutations of one run of equal txIds land together or not at all. */
  txId: string;
  /** Parsed, upgraded to the current schema version, HLC clamped. Null when invalid. */
  mutation: Mutation | null;
  clamped: boolean;
  /** Decided before any record is read (invalid, unsupported version, revoked device). */
  rejection: Rejection | null;
}

/**
 * Parses and upgrades one pushed mutation. Anything wrong with it is a quarantine reason, not
 * an error of the whole push: one bad mutation never blocks the queue behind it.
 */
export function prepareIncoming(
  raw: { mutationId: string; clientId: string } & Record<string, unknown>,
  serverNow: number,
): Incoming {
  const base = {
    raw,
    mutationId: raw.mutationId,
    n: mutationCounter(raw.mutationId),
    clientId: raw.clientId,
    txId: typeof raw.txId === 'string' && raw.txId.length > 0 ? raw.txId : raw.mutationId,
    clamped: false,
  };
  const parsed = Mutation.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    return { ...base, mutation: null, rejection: { reason: 'invalid_fields', details } };
  }
  if (parsed.data.schemaVersion > CURRENT_SCHEMA_VERSION) {
    return {
      ...base,
      mutation: null,
      rejection: {
        reason: 'schema_unsupported',
        details: { schemaVersion: parsed.data.schemaVersion, current: CURRENT_SCHEMA_VERSION },
      },
    };
  }
  const upgraded = upgradeMutation(parsed.data);
  const { hlc, clamped } = clampHlc(upgraded.hlc, serverNow);
  return { ...base, mutation: { ...upgraded, hlc }, clamped, rejection: null };
}

/** Splits mutations into runs of equal txId, in order: each run lands whole or not at all. */
export function txRuns(incoming: Incoming[]): Incoming[][] {
  const runs: Incoming[][] = [];
  for (const item of incoming) {
    const last = runs.at(-1);
    if (last && (last[0] as Incoming).txId === item.txId) last.push(item);
    else runs.push([item]);
  }
  return runs;
}
