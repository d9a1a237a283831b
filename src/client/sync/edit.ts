import { uuidv7 } from '../../shared/ids';
import type { Clock } from '../../shared/sync/hlc';
import { DELETED_FIELD, mutationFieldValues } from '../../shared/sync/merge';
import type { FieldValues, Mutation, MutationOp, RecordType } from '../../shared/sync/protocol';
import { fieldSeqOf } from '../../shared/sync/pulled';
import { CURRENT_SCHEMA_VERSION } from '../../shared/sync/upgrade';
import type { OutboxRow, PendingRow, StoredRecord, TambonDatabase } from '../db/database';
import { readNextN, readSyncState, writeNextN, writeSyncState } from './syncState';

/** What a feature asks for: one change to one record. */
export interface RecordChange {
  op: MutationOp;
  type: RecordType;
  /** Omit for `create`: a UUIDv7 is made. */
  id?: string;
  villageId: string;
  /** Changed fields only. */
  patch?: FieldValues;
}

/** This device as the edit API needs it. */
export interface Device {
  database: TambonDatabase;
  clientId: string;
  clock: Clock;
}

export class EditError extends Error {
  constructor(
    readonly code: 'record_missing' | 'record_exists' | 'empty_change',
    readonly recordId: string,
  ) {
    super(`${code}: ${recordId}`);
    this.name = 'EditError';
  }
}

/**
 * Records one or more changes as ONE Dexie transaction over records, pending, outbox and meta:
 * either all of them are saved (local values visible at once, mutations queued in order) or
 * none is. Changes made together share a txId, so the server applies them all or none
 * (a household with its members). Returns the queued mutations.
 */
export async function edit(device: Device, changes: RecordChange[]): Promise<Mutation[]> {
  const { database } = device;
  const ids = changes.map((change) => change.id ?? uuidv7());
  const unique = [...new Set(ids)];
  return database.transaction(
    'rw',
    [database.records, database.pending, database.outbox, database.meta],
    async () => {
      // All reads at once, then all writes at once: a save of a household with its members is
      // two round trips to IndexedDB, not two per record.
      const [firstN, state, stored, pending] = await Promise.all([
        readNextN(database),
        readSyncState(database),
        database.records.bulkGet(unique),
        database.pending.bulkGet(unique),
      ]);
      const storedById = new Map(unique.map((id, i) => [id, stored[i]]));
      const pendingById = new Map(unique.map((id, i) => [id, pending[i]]));
      const txId = uuidv7();
      const queued: OutboxRow[] = [];
      changes.forEach((change, i) => {
        const id = ids[i] as string;
        const n = firstN + i;
        const mutation = queueChange(device, change, id, n, txId, {
          stored: storedById.get(id),
          pending: pendingById.get(id),
        });
        pendingById.set(id, withLocalValues(pendingById.get(id), mutation, n));
        queued.push({ ...mutation, n, bytes: JSON.stringify(mutation).length });
      });
      await Promise.all([
        database.outbox.bulkAdd(queued),
        database.pending.bulkPut(
          unique.flatMap((id) => {
            const row = pendingById.get(id);
            return row ? [row] : [];
          }),
        ),
        writeNextN(database, firstN + changes.length),
        writeSyncState(database, { ...state, lastHlc: device.clock.last() }),
      ]);
      return queued.map(({ n: _n, bytes: _bytes, ...mutation }) => mutation);
    },
  );
}

/** The mutation of one change, checked against the record as this edit found or left it. */
function queueChange(
  device: Device,
  change: RecordChange,
  id: string,
  n: number,
  txId: string,
  current: { stored: StoredRecord | undefined; pending: PendingRow | undefined },
): Mutation {
  const { stored, pending } = current;
  const known = stored !== undefined || pending !== undefined;
  if (change.op === 'create' && known) throw new EditError('record_exists', id);
  if (change.op !== 'create' && !known) throw new EditError('record_missing', id);
  const patch = change.patch ?? {};
  if ((change.op === 'patch' || change.op === 'resolve') && Object.keys(patch).length === 0) {
    throw new EditError('empty_change', id);
  }

  const mutation: Mutation = {
    mutationId: `${device.clientId}:${n}`,
    clientId: device.clientId,
    txId,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    hlc: device.clock.next(),
    op: change.op,
    type: change.type,
    id,
    villageId: change.villageId,
    patch,
    base: {},
  };
  for (const [field] of mutationFieldValues(mutation)) {
    mutation.base[field] = stored ? fieldSeqOf(stored, field) : 0;
  }
  return mutation;
}

function withLocalValues(
  pending: PendingRow | undefined,
  mutation: Mutation,
  n: number,
): PendingRow {
  const row: PendingRow = pending
    ? { ...pending, fields: { ...pending.fields }, fieldN: { ...pending.fieldN } }
    : {
        id: mutation.id,
        type: mutation.type,
        villageId: mutation.villageId,
        fields: {},
        fieldN: {},
      };
  row.villageId = mutation.villageId;
  for (const [field, value] of mutationFieldValues(mutation)) {
    if (field === DELETED_FIELD) {
      row.deleted = { value: value === true, n };
    } else {
      row.fields[field] = structuredClone(value);
      row.fieldN[field] = n;
    }
  }
  return row;
}
