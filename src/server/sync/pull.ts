// POST /api/sync/pull (docs/architecture.md §5): all newer than the device's cursors, from one
// snapshot, only for the villages the user may see (decided in SQL).

import { fieldAccess, maskedRecordFields, shownFieldValue } from '../../shared/model/masking';
import type { RoleName } from '../../shared/model/roles';
import { formatHlc, parseHlc } from '../../shared/sync/hlc';
import type {
  Conflict,
  Cursors,
  PulledRecord,
  PullResponse,
  SyncRecord,
} from '../../shared/sync/protocol';
import { toPulledRecord } from '../../shared/sync/pulled';
import type { ConflictRecord, DepartureRecord, Store } from '../store';

export interface PullInput {
  userId: string;
  clientId: string;
  cursors: Cursors;
  limit: number;
  serverTime: string;
}

/**
 * Villages are read in หมู่ order, each from its cursor in seq order, until `limit` records and
 * departures have been taken in all. A village's new cursor is the last seq delivered, or its
 * bucket's seq when nothing newer is left (so a seq used only by a conflict is passed too).
 * Conflicts ride along with the seqs delivered. Cursors of villages the user may not see are
 * ignored; a cursor ahead of the bucket (a database restored from backup) is set back to it.
 */
export function runPull(store: Store, input: PullInput): Promise<PullResponse> {
  return store.snapshot(async (tx) => {
    const villages = await tx.visibleVillages(input.userId);
    const user = await tx.getUser(input.userId);
    // No user (deleted meanwhile): the strictest role's view.
    const role: RoleName = user?.role ?? 'admin';
    const villageIds = villages.map((v) => v.id);
    const [buckets, scopeVersion, ackedThroughN] = [
      await tx.bucketSeqs(villageIds),
      await tx.getScopeVersion(input.userId),
      await tx.getClientCounter(input.clientId),
    ];
    const changes: PulledRecord[] = [];
    const departures: PullResponse['departures'] = [];
    const conflicts: Conflict[] = [];
    const cursors: Cursors = {};
    let remaining = input.limit;
    let hasMore = false;

    for (const villageId of villageIds) {
      const bucket = buckets.get(villageId) ?? 0;
      const cursor = Object.hasOwn(input.cursors, villageId) ? (input.cursors[villageId] ?? 0) : 0;
      if (cursor >= bucket) {
        cursors[villageId] = bucket;
        continue;
      }
      if (remaining === 0) {
        cursors[villageId] = cursor;
        hasMore = true;
        continue;
      }
      const records = await tx.recordsSince(villageId, cursor, remaining + 1);
      const gone = await tx.departuresSince(villageId, cursor, remaining + 1);
      const items: Array<{ seq: number; record?: SyncRecord; departure?: DepartureRecord }> = [
        ...records.map((record) => ({ seq: record.seq, record })),
        ...gone.map((departure) => ({ seq: departure.seq, departure })),
      ].sort((a, b) => a.seq - b.seq);
      const taken = items.slice(0, remaining);
      const more = items.length > remaining;
      const through = more ? (taken.at(-1)?.seq ?? cursor) : bucket;
      for (const item of taken) {
        if (item.record) {
          changes.push(toPulledRecord(recordForRole(item.record, role)));
        }
        if (item.departure) {
          departures.push({
            id: item.departure.recordId,
            villageId: item.departure.villageId,
            seq: item.departure.seq,
          });
        }
      }
      for (const conflict of await tx.conflictsBetween(villageId, cursor, through)) {
        conflicts.push(
          withoutOtherDevices(publicConflict(conflictForRole(conflict, role)), input.clientId),
        );
      }
      cursors[villageId] = through;
      remaining -= taken.length;
      hasMore ||= more;
    }

    return {
      changes,
      departures,
      cursors,
      hasMore,
      ackedThroughN,
      conflicts,
      scope: { version: scopeVersion, villages },
      serverTime: input.serverTime,
    };
  });
}

/** A record as `role` may hold it on a device (masking.ts): masked IDs, withheld fields left out. */
export function recordForRole(record: SyncRecord, role: RoleName): SyncRecord {
  const fields = maskedRecordFields(role, record.type, record.fields);
  // A withheld field's write seq is left out too: that a disease was ever recorded is health data.
  const fieldMeta = Object.fromEntries(
    Object.entries(record.fieldMeta).filter(
      ([field]) => fieldAccess(role, record.type, field) !== 'withheld',
    ),
  );
  const metaKept = Object.keys(fieldMeta).length === Object.keys(record.fieldMeta).length;
  if (fields === record.fields && metaKept) return record;
  return { ...record, fields, fieldMeta: metaKept ? record.fieldMeta : fieldMeta };
}

/** Both sides of a conflict as `role` may see them. */
export function conflictForRole<T extends Conflict>(conflict: T, role: RoleName): T {
  const show = (version: Conflict['winner']) => {
    const value = shownFieldValue(role, conflict.type, conflict.field, version.value);
    return value === version.value ? version : { ...version, value };
  };
  return { ...conflict, winner: show(conflict.winner), loser: show(conflict.loser) };
}

export function publicConflict(conflict: ConflictRecord): Conflict {
  return {
    id: conflict.id,
    recordId: conflict.recordId,
    type: conflict.type,
    villageId: conflict.villageId,
    field: conflict.field,
    winner: conflict.winner,
    loser: conflict.loser,
    createdAt: conflict.createdAt,
    resolvedAt: conflict.resolvedAt,
  };
}

/** The clock name that stands in for every device but the puller's own in conflict HLCs. */
export const OTHER_DEVICE = 'another-device';

/**
 * A conflict as a device may see it: when each side was written, but not which other device
 * wrote it. A device id is no one else's business (nor a handle to sign in with); `by` still
 * names the user, and the device's own edits keep its id.
 */
export function withoutOtherDevices(conflict: Conflict, clientId: string): Conflict {
  const own = (hlc: string) => {
    const parts = parseHlc(hlc);
    return !parts || parts.clientId === clientId
      ? hlc
      : formatHlc({ ...parts, clientId: OTHER_DEVICE });
  };
  return {
    ...conflict,
    winner: { ...conflict.winner, hlc: own(conflict.winner.hlc) },
    loser: { ...conflict.loser, hlc: own(conflict.loser.hlc) },
  };
}
