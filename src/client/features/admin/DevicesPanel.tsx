import { useState } from 'preact/hooks';
import type { Device } from '../../../shared/api/admin';
import { isAdmin } from '../../session/roles';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { bytes, dateTime, numberText } from '../../ui/format';
import { t } from '../../ui/i18n';
import { useAction } from '../../ui/useAction';
import { adminApi } from './adminApi';
import { RemoteTable } from './RemoteTable';
import { useRemote } from './useRemote';

/** Most recently seen first; never-seen devices last. */
function byLastSeen(a: Device, b: Device): number {
  return (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? '');
}

/** Devices that have signed in; an admin revokes a lost one (it wipes itself at next contact). */
export function DevicesPanel() {
  const devices = useRemote(adminApi.devices);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const { busy, error, submit } = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const editable = isAdmin.value;

  const revoke = async (device: Device) => {
    setNotice(null);
    await submit(async () => {
      await adminApi.revokeDevice(device.clientId);
      setNotice(t('devices.revoked'));
      void devices.reload();
    });
    setRevoking(null);
  };

  return (
    <section aria-labelledby="admin-devices-title">
      <div class="section-head">
        <h2 id="admin-devices-title">{t('admin.devices')}</h2>
      </div>
      {notice && <Banner tone="success">{notice}</Banner>}
      {error && <Banner tone="error">{error}</Banner>}
      <RemoteTable
        remote={devices}
        items={devices.data && [...devices.data].sort(byLastSeen)}
        empty={t('devices.empty')}
        rowKey={(device) => device.clientId}
        rowData={(device) => ({ 'data-testid': `device-row-${device.clientId}` })}
        columns={[
          { label: t('devices.user'), class: 'mono', cell: (device) => device.username },
          { label: t('devices.name'), cell: (device) => device.name ?? t('devices.unnamed') },
          {
            label: t('devices.lastSeen'),
            cell: (device) =>
              device.lastSeenAt ? dateTime(device.lastSeenAt) : t('devices.never'),
          },
          { label: t('devices.app'), cell: (device) => <AppCell device={device} /> },
          {
            label: t('devices.lastSync'),
            cell: (device) =>
              device.report ? dateTime(device.report.reportedAt) : t('devices.notReported'),
          },
          { label: t('devices.unsynced'), cell: (device) => <UnsyncedCell device={device} /> },
          { label: t('devices.storage'), cell: (device) => <StorageCell device={device} /> },
          { label: t('devices.warnings'), cell: (device) => <WarningsCell device={device} /> },
          { label: t('devices.status'), cell: (device) => <DeviceStatus device={device} /> },
          editable && {
            label: t('common.actions'),
            cell: (device) =>
              !device.revokedAt && (
                <Button
                  variant="danger"
                  onClick={() => setRevoking(device)}
                  testId={`revoke-${device.clientId}`}
                >
                  {t('devices.revoke')}
                </Button>
              ),
          },
        ]}
      />
      {revoking && (
        <ConfirmDialog
          title={t('devices.revokeTitle')}
          confirmLabel={t('devices.revoke')}
          danger
          busy={busy}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
          testId="revoke-dialog"
        >
          <p>
            {t('devices.revokeConfirm', {
              name: revoking.name ?? t('devices.unnamed'),
              username: revoking.username,
            })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function AppCell({ device }: { device: Device }) {
  if (!device.report) return <span class="muted">{t('devices.notReported')}</span>;
  return (
    <span data-testid="device-app-version">
      {device.report.appVersion}
      {device.report.buildId && <span class="muted small"> ({device.report.buildId})</span>}
    </span>
  );
}

function UnsyncedCell({ device }: { device: Device }) {
  const report = device.report;
  if (!report) return null;
  return (
    <span data-testid="device-unsynced">
      {t('devices.unsyncedCount', { count: numberText(report.unsynced) })}
      {report.refused > 0 && (
        <span class="muted small">
          {' · '}
          {t('devices.refusedCount', { count: numberText(report.refused) })}
        </span>
      )}
    </span>
  );
}

function StorageCell({ device }: { device: Device }) {
  const report = device.report;
  if (!report || report.storageBytes === null) return null;
  return (
    <span>
      {bytes(report.storageBytes)}
      {report.persisted && <span class="muted small"> · {t('devices.persisted')}</span>}
    </span>
  );
}

function WarningsCell({ device }: { device: Device }) {
  if (device.warnings.length === 0) return null;
  return (
    <span class="device-warnings" data-testid="device-warnings">
      {device.warnings.map((warning) => (
        <span key={warning} class="tag tag-off">
          {t(`devices.warning.${warning}`)}
        </span>
      ))}
    </span>
  );
}

function DeviceStatus({ device }: { device: Device }) {
  return device.revokedAt ? (
    <span class="tag tag-off">{t('devices.revokedAt', { date: dateTime(device.revokedAt) })}</span>
  ) : (
    <span class="tag tag-on">{t('devices.active')}</span>
  );
}
