// The fleet (issue 17): each device tells the server, after every sync, which app it runs and
// what it holds back; admins see every device with warnings. `POST /api/device/report`.
import { z } from 'zod';

/** A device that has not synced for longer than this is silent. */
export const SILENT_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

export const DeviceReport = z.object({
  /** The app's version (package.json) and its build. */
  appVersion: z.string().trim().min(1).max(40),
  buildId: z.string().trim().max(40).default(''),
  /** The record schema version the app writes (shared/sync/upgrade.ts). */
  schemaVersion: z.number().int().min(0).max(1000),
  /** Edits waiting to be sent. */
  unsynced: z.number().int().min(0).max(10_000_000),
  /** Edits the server refused, kept on the device for a supervisor to see. */
  refused: z.number().int().min(0).max(10_000_000),
  /** `navigator.storage.estimate()`; null where the browser does not say. */
  storageBytes: z.number().int().min(0).max(1e15).nullable(),
  /** `navigator.storage.persisted()`: the browser may not evict the data. */
  persisted: z.boolean().nullable(),
});
export type DeviceReport = z.input<typeof DeviceReport>;

export const StoredDeviceReport = DeviceReport.extend({ reportedAt: z.string() });
export type StoredDeviceReport = z.infer<typeof StoredDeviceReport>;

export const FLEET_WARNINGS = ['silent', 'old_version', 'not_persistent', 'refused'] as const;
export type FleetWarning = (typeof FLEET_WARNINGS)[number];

/** Numeric parts of `1.2.10` compared as numbers; a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * What an admin should look at for one device, from the state the server keeps of it. A
 * revoked device needs nothing; one that never reported is silent once it was last seen long
 * enough ago.
 */
export function fleetWarnings(
  device: {
    revokedAt: string | null;
    lastSeenAt: string | null;
    report: StoredDeviceReport | null;
  },
  now: Date,
  server: { appVersion: string; schemaVersion: number },
): FleetWarning[] {
  if (device.revokedAt) return [];
  const warnings: FleetWarning[] = [];
  const lastSync = device.report?.reportedAt ?? device.lastSeenAt;
  if (!lastSync || now.getTime() - Date.parse(lastSync) > SILENT_AFTER_MS) warnings.push('silent');
  const report = device.report;
  if (report) {
    if (
      compareVersions(report.appVersion, server.appVersion) < 0 ||
      report.schemaVersion < server.schemaVersion
    ) {
      warnings.push('old_version');
    }
    if (report.persisted === false) warnings.push('not_persistent');
    if (report.refused > 0) warnings.push('refused');
  }
  return warnings;
}
