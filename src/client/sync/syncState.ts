import type { SyncState, TambonDatabase } from '../db/database';

export function initialSyncState(): SyncState {
  return {
    cursors: {},
    scopeVersion: null,
    lastHlc: null,
    serverOffsetMs: 0,
    lastSyncAt: null,
  };
}

/** Reads the sync bookkeeping; call inside a transaction that includes `meta`. */
export async function readSyncState(database: TambonDatabase): Promise<SyncState> {
  const row = await database.meta.get('sync');
  return { ...initialSyncState(), ...(row?.value as SyncState | undefined) };
}

export async function writeSyncState(database: TambonDatabase, state: SyncState): Promise<void> {
  await database.meta.put({ key: 'sync', value: state });
}

/** Reads the device's next mutation counter; call inside a transaction that includes `meta`. */
export async function readNextN(database: TambonDatabase): Promise<number> {
  const row = await database.meta.get('nextN');
  return typeof row?.value === 'number' ? row.value : 1;
}

export async function writeNextN(database: TambonDatabase, nextN: number): Promise<void> {
  await database.meta.put({ key: 'nextN', value: nextN });
}
