import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backupDue,
  backupsToDelete,
  lastGood,
  lastScheduledTime,
} from '../../../src/server/backup/policy';
import { type BackupManifest, backupIsStale } from '../../../src/shared/api/backups';

const HOUR = 3_600_000;

function manifest(createdAt: string, verified: boolean, file = createdAt): BackupManifest {
  return {
    file,
    kind: 'sqlite',
    schema: null,
    createdAt,
    schemaVersion: 6,
    appVersion: 'test',
    bytes: 1,
    sha256: '0'.repeat(64),
    tables: {},
    verifiedAt: createdAt,
    verified,
    error: verified ? null : 'broken',
  };
}

const instant = fc
  .integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') })
  .map((ms) => new Date(ms));

describe('lastScheduledTime', () => {
  it('is the hour in Bangkok (UTC+7) on the same or the previous day', () => {
    expect(lastScheduledTime(new Date('2026-12-05T12:00:00Z'), 2).toISOString()).toBe(
      '2026-12-04T19:00:00.000Z',
    );
    expect(lastScheduledTime(new Date('2026-12-05T18:59:00Z'), 2).toISOString()).toBe(
      '2026-12-04T19:00:00.000Z',
    );
    expect(lastScheduledTime(new Date('2026-12-05T19:00:00Z'), 2).toISOString()).toBe(
      '2026-12-05T19:00:00.000Z',
    );
  });

  it('is never after now and less than a day before', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 23 }), (now, hour) => {
        const at = lastScheduledTime(now, hour).getTime();
        expect(at).toBeLessThanOrEqual(now.getTime());
        expect(now.getTime() - at).toBeLessThan(24 * HOUR);
        expect((at / HOUR + 7) % 24).toBe(hour);
      }),
    );
  });
});

describe('backupDue', () => {
  const now = new Date('2026-12-05T12:00:00Z');

  it('is due with no backup, not due after a good one since the hour', () => {
    expect(backupDue([], now, 2, null)).toBe(true);
    expect(backupDue([manifest('2026-12-04T20:00:00.000Z', true)], now, 2, null)).toBe(false);
    expect(backupDue([manifest('2026-12-04T18:00:00.000Z', true)], now, 2, null)).toBe(true);
  });

  it('a failed backup does not count, but is retried an hour later, not in a loop', () => {
    const failed = [manifest('2026-12-05T11:30:00.000Z', false)];
    expect(backupDue(failed, now, 2, new Date('2026-12-05T11:30:00Z'))).toBe(false);
    expect(backupDue(failed, now, 2, new Date('2026-12-05T10:59:00Z'))).toBe(true);
  });
});

describe('backupsToDelete', () => {
  it('deletes the oldest beyond N, failed ones first', () => {
    const list = [
      manifest('2026-12-01T00:00:00Z', true),
      manifest('2026-12-02T00:00:00Z', false),
      manifest('2026-12-03T00:00:00Z', true),
      manifest('2026-12-04T00:00:00Z', true),
    ];
    expect(backupsToDelete(list, 2)).toEqual(['2026-12-02T00:00:00Z', '2026-12-01T00:00:00Z']);
  });

  it('keeps N and never deletes the newest good backup', () => {
    const entry = fc.record({ at: instant, verified: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 30 }),
        fc.integer({ min: 0, max: 10 }),
        (entries, keep) => {
          const list = entries.map((e, i) => manifest(e.at.toISOString(), e.verified, `f${i}`));
          const deleted = backupsToDelete(list, keep);
          expect(new Set(deleted).size).toBe(deleted.length);
          expect(list.length - deleted.length).toBe(Math.min(list.length, Math.max(1, keep)));
          const newest = lastGood(list);
          if (newest) expect(deleted).not.toContain(newest.file);
        },
      ),
    );
  });
});

describe('backupIsStale', () => {
  it('is stale with no good backup or one older than two days', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    expect(backupIsStale(null, now)).toBe(true);
    expect(backupIsStale('2026-12-03T13:00:00Z', now)).toBe(false);
    expect(backupIsStale('2026-12-03T11:00:00Z', now)).toBe(true);
  });
});
