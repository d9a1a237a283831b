import { uuidv7 } from '../../shared/ids';
import type { Clock } from '../../shared/sync/hlc';
import { DELETED_FIELD, mutationFieldValues } from '../../shared/sync/merge';
import type { FieldValues, Mutation, MutationOp, RecordType } from '../../shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION } from '../../shared/sync/upgrade';
import type { OutboxRow, PendingRow, TambonDatabase } from '../db/database';
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
  return database.transaction(
    'rw',
    [database.records, database.pending, database.outbox, database.meta],
    async () => {
      let n = await readNextN(database);
      const txId = uuidv7();
      const queued: Mutation[] = [];
      for (const change of changes) {
        queued.push(await queueChange(device, change, n, txId));
        n += 1;
      }
      await writeNextN(database, n);
      const state = await readSyncState(database);
      await writeSyncState(database, { ...state, lastHlc: device.clock.last() });
      return queued;
    },
  );
}

async function queueChange(
  device: Device,
  change: RecordChange,
  n: number,
  txId: string,
): Promise<Mutation> {
  const { database } = device;
  const id = change.id ?? uuidv7();
  const [stored, pending] = await Promise.all([database.records.get(id), database.pending.get(id)]);
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
    mutation.base[field] = stored?.fieldMeta[field]?.seq ?? 0;
  }

  const outboxRow: OutboxRow = { ...mutation, n, bytes: JSON.stringify(mutation).length };
  await database.outbox.add(outboxRow);
  await database.pending.put(withLocalValues(pending, mutation, n));
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
