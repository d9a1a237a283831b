// @vitest-environment happy-dom
// The admins' backups panel and home warning: each backup's test restore in Thai, and a warning
// when none passed in the last two days.
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupsPanel } from '../../../../src/client/features/admin/BackupsPanel';
import { BackupWarning } from '../../../../src/client/features/admin/BackupWarning';
import { session } from '../../../../src/client/session/state';
import type { BackupManifest } from '../../../../src/shared/api/backups';
import { SURVEYOR, stubApi } from '../helpers';

const HOUR = 3_600_000;

function backup(ageHours: number, verified: boolean): BackupManifest {
  const createdAt = new Date(Date.now() - ageHours * HOUR).toISOString();
  return {
    file: `tambon-field-${createdAt}.sqlite.gz`,
    kind: 'sqlite',
    schema: null,
    createdAt,
    schemaVersion: 6,
    appVersion: '0.1.0',
    bytes: 5 * 1024 * 1024,
    sha256: 'a'.repeat(64),
    tables: { records: 25_000 },
    verifiedAt: createdAt,
    verified,
    error: verified ? null : 'SQLite integrity check: database disk image is malformed',
  };
}

function signIn(role: 'admin' | 'supervisor') {
  session.value = {
    token: 't',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { ...SURVEYOR, role },
  };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  session.value = null;
});

describe('backups panel', () => {
  beforeEach(() => signIn('admin'));

  it('lists each backup with its size, records and test restore in Thai, never the error text', async () => {
    const good = backup(5, true);
    const failed = backup(1, false);
    const list = { backups: [failed, good], lastGoodAt: good.createdAt, scheduled: true };
    stubApi({ 'GET /api/admin/backups': [200, list] });
    render(<BackupsPanel />);
    await waitFor(() => expect(screen.getAllByTestId('backup-row')).toHaveLength(2));
    const rows = screen.getAllByTestId('backup-row');
    expect(rows[0]?.textContent).toContain('ตรวจไม่ผ่าน ใช้กู้คืนไม่ได้');
    expect(rows[1]?.textContent).toContain('ตรวจแล้ว ใช้กู้คืนได้');
    expect(rows[1]?.textContent).toContain('5.2 เมกะไบต์');
    expect(rows[1]?.textContent).toContain('25,000');
    expect(document.body.textContent).not.toContain('malformed');
    expect(screen.queryByText('ไม่มีข้อมูลสำรองที่ตรวจการกู้คืนแล้วในช่วง 2 วันที่ผ่านมา')).toBeNull();
  });

  it('warns when the last good backup is older than two days, and when none are scheduled', async () => {
    const old = backup(60, true);
    stubApi({
      'GET /api/admin/backups': [
        200,
        { backups: [old], lastGoodAt: old.createdAt, scheduled: false },
      ],
    });
    render(<BackupsPanel />);
    await screen.findByText('ไม่มีข้อมูลสำรองที่ตรวจการกู้คืนแล้วในช่วง 2 วันที่ผ่านมา');
    expect(screen.getByText(/ไม่ได้ตั้งให้สำรองข้อมูลอัตโนมัติ/)).toBeTruthy();
  });
});

describe('home backup warning', () => {
  it('shows admins a link to the backups when the last good one is stale', async () => {
    signIn('admin');
    stubApi({
      'GET /api/admin/backups': [200, { backups: [], lastGoodAt: null, scheduled: true }],
    });
    render(<BackupWarning />);
    const link = await screen.findByTestId('backup-warning');
    expect(link.getAttribute('href')).toBe('/admin/backups');
  });

  it('says nothing when a recent backup passed', async () => {
    signIn('admin');
    const fetch = stubApi({
      'GET /api/admin/backups': [
        200,
        { backups: [], lastGoodAt: new Date().toISOString(), scheduled: true },
      ],
    });
    render(<BackupWarning />);
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(screen.queryByTestId('backup-warning')).toBeNull();
  });

  it('asks nothing for other roles', () => {
    signIn('supervisor');
    const fetch = stubApi({});
    render(<BackupWarning />);
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.queryByTestId('backup-warning')).toBeNull();
  });
});
