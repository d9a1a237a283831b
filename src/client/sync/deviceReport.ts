import type { DeviceReport } from '../../shared/api/fleet';
import { CURRENT_SCHEMA_VERSION } from '../../shared/sync/upgrade';
import type { TambonDatabase } from '../db/database';

type Send = <T>(path: string, options: { method: 'POST'; body: unknown }) => Promise<T>;

export interface AppBuild {
  appVersion: string;
  buildId: string;
}

/**
 * What the device tells the server after each sync, for the admins' fleet view: its app, the
 * edits it still holds (waiting, or refused and kept for a supervisor) and its storage.
 */
export async function deviceReport(
  database: TambonDatabase,
  build: AppBuild,
): Promise<DeviceReport> {
  const [unsynced, refused, storage] = await Promise.all([
    database.outbox.count(),
    database.quarantined.count(),
    storageState(),
  ]);
  return {
    appVersion: build.appVersion,
    buildId: build.buildId,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    unsynced,
    refused,
    ...storage,
  };
}

async function storageState(): Promise<Pick<DeviceReport, 'storageBytes' | 'persisted'>> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => undefined),
    storage?.persisted?.().catch(() => undefined),
  ]);
  return {
    storageBytes: typeof estimate?.usage === 'number' ? Math.round(estimate.usage) : null,
    persisted: typeof persisted === 'boolean' ? persisted : null,
  };
}

export async function sendDeviceReport(
  database: TambonDatabase,
  build: AppBuild,
  send: Send,
): Promise<void> {
  await send('/api/device/report', { method: 'POST', body: await deviceReport(database, build) });
}
