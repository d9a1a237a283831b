// What quarantine keeps of a refused mutation: the row, with the mutation whole where it can be
// (so a reviewer can accept it) and without what must not be stored.
import { ERASED_VALUE } from '../../shared/api/privacy';
import { uuidv7 } from '../../shared/ids';
import { Uuid } from '../../shared/model/organization';
import { MAX_FIELD_DEPTH } from '../../shared/sync/limits';
import { RecordType } from '../../shared/sync/protocol';
import { deeperThan, jsonBytes } from '../../shared/sync/validate';
import type { QuarantineRecord } from '../store';
import type { Incoming } from './intake';
import type { Rejection } from './policy';

/**
 * How deep a pushed mutation may nest: its fields sit two levels down (`patch.<field>`). The
 * policy refuses a deeper field before anything is stored; a refused mutation is bounded before
 * it is written to quarantine as JSON (which would recurse through every level).
 */
const MAX_MUTATION_DEPTH = MAX_FIELD_DEPTH + 2;

/** The quarantine row of a refused mutation, as `keptInQuarantine` keeps it. */
export function quarantineRow(
  incoming: Incoming,
  userId: string,
  rejection: Rejection,
  at: string,
): QuarantineRecord {
  const raw = (incoming.raw ?? {}) as Record<string, unknown>;
  const uuidOf = (value: unknown) => (Uuid.safeParse(value).success ? (value as string) : null);
  const type = RecordType.safeParse(raw.type);
  const mutation = keptInQuarantine(raw, rejection);
  return {
    id: uuidv7(Date.parse(at)),
    mutationId: incoming.mutationId,
    clientId: incoming.clientId,
    userId,
    villageId: uuidOf(raw.villageId),
    type: type.success ? type.data : null,
    recordId: uuidOf(raw.id),
    txId: typeof raw.txId === 'string' ? raw.txId.slice(0, 100) : null,
    mutation,
    reason: rejection.reason,
    details: rejection.details ?? null,
    createdAt: at,
    status: 'open',
    handledBy: null,
    handledAt: null,
    note: null,
  };
}

/**
 * The mutation as quarantine keeps it: whole, so a reviewer can accept it, except what must not
 * be stored: erased data, and values past the bounds (nothing could accept them; a 200,000-deep
 * array could not even be written as JSON).
 */
function keptInQuarantine(raw: Record<string, unknown>, rejection: Rejection): unknown {
  if (rejection.reason === 'field_erased') return withoutErasedValues(raw, rejection.details);
  if (rejection.reason === 'too_deep' || rejection.reason === 'too_large') {
    return withoutValuesPastBounds(raw, rejection.reason);
  }
  // Refused for another reason (say, not a valid mutation at all) and deep somewhere.
  if (deeperThan(raw, MAX_MUTATION_DEPTH)) return withoutValuesPastBounds(raw, 'too_deep');
  return raw;
}

/** The mutation with each value past a bound (deep, or over a kilobyte) replaced by a note. */
function withoutValuesPastBounds(raw: Record<string, unknown>, reason: string): unknown {
  const small = (value: unknown) =>
    !deeperThan(value, MAX_FIELD_DEPTH) && jsonBytes(value) <= QUARANTINE_VALUE_BYTES;
  const keep = (value: unknown) => (small(value) ? value : { omitted: reason });
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => {
      if (key !== 'patch' || value === null || typeof value !== 'object' || Array.isArray(value)) {
        return [key, keep(value)];
      }
      const patch = Object.entries(value).map(([field, fieldValue]) => [field, keep(fieldValue)]);
      return [key, Object.fromEntries(patch)];
    }),
  );
}

const QUARANTINE_VALUE_BYTES = 1024;

/** The erased data is not kept in quarantine either: the reviewer sees which fields, not values. */
function withoutErasedValues(raw: Record<string, unknown>, details: unknown): unknown {
  const fields = (details as { fields: string[] }).fields;
  const patch = { ...(raw.patch as Record<string, unknown>) };
  for (const field of fields) patch[field] = ERASED_VALUE;
  return { ...raw, patch };
}
