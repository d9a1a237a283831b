import { useState } from 'preact/hooks';
import type { Device } from '../../../shared/api/admin';
import { isAdmin } from '../../session/roles';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { errorMessage } from '../../ui/errors';
import { dateTime } from '../../ui/format';
import { t } from '../../ui/i18n';
import { adminApi } from './adminApi';
import { RemoteState } from './RemoteState';
import { useRemote } from './useRemote';

/** Most recently seen first; never-seen devices last. */
function byLastSeen(a: Device, b: Device): number {
  return (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? '');
}

/** Devices that have signed in; an admin revokes a lost one (it wipes itself at next contact). */
export function DevicesPanel() {
  const devices = useRemote(adminApi.devices);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const editable = isAdmin.value;

  const revoke = async (device: Device) => {
    setBusy(true);
    try {
      await adminApi.revokeDevice(device.clientId);
      setNotice({ tone: 'success', text: t('devices.revoked') });
      void devices.reload();
    } catch (failure) {
      setNotice({ tone: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  return (
    <section aria-labelledby="admin-devices-title">
      <div class="section-head">
        <h2 id="admin-devices-title">{t('admin.devices')}</h2>
      </div>
      {notice && <Banner tone={notice.tone}>{notice.text}</Banner>}
      <RemoteState remote={devices} />
      {devices.data && devices.data.length === 0 && <p class="muted">{t('devices.empty')}</p>}
      {devices.data && devices.data.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('devices.user')}</th>
              <th scope="col">{t('devices.name')}</th>
              <th scope="col">{t('devices.lastSeen')}</th>
              <th scope="col">{t('devices.status')}</th>
              {editable && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {[...devices.data].sort(byLastSeen).map((device) => (
              <tr key={device.clientId} data-testid={`device-row-${device.clientId}`}>
                <td data-label={t('devices.user')} class="mono">
                  {device.username}
                </td>
                <td data-label={t('devices.name')}>{device.name ?? t('devices.unnamed')}</td>
                <td data-label={t('devices.lastSeen')}>
                  {device.lastSeenAt ? dateTime(device.lastSeenAt) : t('devices.never')}
                </td>
                <td data-label={t('devices.status')}>
                  {device.revokedAt ? (
                    <span class="tag tag-off">
                      {t('devices.revokedAt', { date: dateTime(device.revokedAt) })}
                    </span>
                  ) : (
                    <span class="tag tag-on">{t('devices.active')}</span>
                  )}
                </td>
                {editable && (
                  <td data-label={t('common.actions')}>
                    {!device.revokedAt && (
                      <Button
                        variant="danger"
                        onClick={() => setRevoking(device)}
                        testId={`revoke-${device.clientId}`}
                      >
                        {t('devices.revoke')}
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
