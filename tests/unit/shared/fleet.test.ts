import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  fleetWarnings,
  SILENT_AFTER_MS,
  type StoredDeviceReport,
} from '../../../src/shared/api/fleet';

const NOW = new Date('2026-12-05T03:00:00Z');
const SERVER = { appVersion: '0.2.0', schemaVersion: 1 };

function report(overrides: Partial<StoredDeviceReport> = {}): StoredDeviceReport {
  return {
    appVersion: '0.2.0',
    buildId: 'b',
    schemaVersion: 1,
    unsynced: 0,
    refused: 0,
    storageBytes: 1,
    persisted: true,
    reportedAt: NOW.toISOString(),
    ...overrides,
  };
}

const device = (r: StoredDeviceReport | null, lastSeenAt: string | null = NOW.toISOString()) => ({
  revokedAt: null,
  lastSeenAt,
  report: r,
});

describe('compareVersions', () => {
  it('compares parts as numbers', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.1.0', '0.2.0')).toBe(-1);
  });

  it('is antisymmetric', () => {
    const version = fc
      .array(fc.nat(30), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join('.'));
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
      }),
    );
  });
});

describe('fleetWarnings', () => {
  it('says nothing of a healthy, current device', () => {
    expect(fleetWarnings(device(report()), NOW, SERVER)).toEqual([]);
  });

  it('names an old app, an old schema, eviction risk and refused edits', () => {
    expect(fleetWarnings(device(report({ appVersion: '0.1.9' })), NOW, SERVER)).toEqual([
      'old_version',
    ]);
    expect(fleetWarnings(device(report({ schemaVersion: 0 })), NOW, SERVER)).toEqual([
      'old_version',
    ]);
    expect(fleetWarnings(device(report({ persisted: false, refused: 1 })), NOW, SERVER)).toEqual([
      'not_persistent',
      'refused',
    ]);
    expect(fleetWarnings(device(report({ persisted: null })), NOW, SERVER)).toEqual([]);
  });

  it('is silent exactly when the last sync (or, never reported, the last visit) is over 7 days old', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * 86_400_000 }), fc.boolean(), (age, reported) => {
        const at = new Date(NOW.getTime() - age).toISOString();
        const d = reported
          ? device(report({ reportedAt: at }), NOW.toISOString())
          : device(null, at);
        expect(fleetWarnings(d, NOW, SERVER).includes('silent')).toBe(age > SILENT_AFTER_MS);
      }),
    );
  });

  it('asks nothing of a revoked device', () => {
    const revoked = {
      ...device(report({ appVersion: '0.0.1', persisted: false }), null),
      revokedAt: NOW.toISOString(),
    };
    expect(fleetWarnings(revoked, NOW, SERVER)).toEqual([]);
  });
});
