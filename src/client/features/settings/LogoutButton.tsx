import { useState } from 'preact/hooks';
import { logout } from '../../session/end';
import { currentUser } from '../../session/state';
import { deviceSync } from '../../sync/deviceSync';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { t } from '../../ui/i18n';
import { useAction } from '../../ui/useAction';

type Unsynced = { edits: number; photos: number };

/** The export and the counts are their own chunk (they bring the cipher); loaded on click. */
const unsyncedExport = () => import('../../security/unsyncedExport');

/**
 * Logging out deletes this user's data from the device, so what never reached the server is
 * offered first: sync it now, or save it as an encrypted file. Only then can it be deleted.
 */
export function LogoutButton() {
  const [unsynced, setUnsynced] = useState<Unsynced | null>(null);
  const [asking, setAsking] = useState(false);
  const { running: busy, error, setError, submit } = useAction<'sync' | 'export' | 'logout'>();
  const [exported, setExported] = useState<string | null>(null);

  const start = async () => {
    const counts = await (await unsyncedExport()).countUnsynced();
    setAsking(true);
    setUnsynced(counts.edits + counts.photos > 0 ? counts : null);
  };
  const leave = () => submit(logout, 'logout');
  const syncNow = async () => {
    const synced = await submit(async () => deviceSync.value?.requestSync(), 'sync');
    const counts = await (await unsyncedExport()).countUnsynced();
    if (counts.edits + counts.photos === 0) setUnsynced(null);
    else {
      setUnsynced(counts);
      if (synced) setError(t('logout.stillUnsynced'));
    }
  };
  const exportFile = async () => {
    const user = currentUser.value;
    if (!user) return;
    await submit(async () => {
      const file = await (await unsyncedExport()).exportUnsynced(user.id);
      download(file);
      setExported(file.name);
    }, 'export');
  };
  const cancel = () => {
    setAsking(false);
    setExported(null);
    setError(null);
  };

  return (
    <>
      <Button variant="danger" onClick={start} testId="logout">
        {t('logout.button')}
      </Button>
      {asking && !unsynced && (
        <ConfirmDialog
          title={t('logout.button')}
          confirmLabel={t('logout.button')}
          danger
          busy={busy === 'logout'}
          onConfirm={leave}
          onCancel={cancel}
          testId="logout-confirm"
        >
          <p>{t('logout.confirm')}</p>
        </ConfirmDialog>
      )}
      {asking && unsynced && (
        <section class="card" data-testid="logout-unsynced" aria-labelledby="logout-unsynced-title">
          <h3 id="logout-unsynced-title">{t('logout.unsynced.title')}</h3>
          <p>{t('logout.unsynced.body', { edits: unsynced.edits, photos: unsynced.photos })}</p>
          {error && <Banner tone="warning">{error}</Banner>}
          {exported && (
            <Banner tone="success" testId="logout-exported">
              {t('logout.exported', { file: exported })}
            </Banner>
          )}
          <div class="actions">
            <Button
              variant="primary"
              onClick={syncNow}
              busy={busy === 'sync'}
              busyLabel={t('logout.syncing')}
              testId="logout-sync"
            >
              {t('logout.syncNow')}
            </Button>
            <Button onClick={exportFile} busy={busy === 'export'} testId="logout-export">
              {t('logout.export')}
            </Button>
            <Button onClick={cancel} testId="logout-cancel">
              {t('logout.cancel')}
            </Button>
            {exported && (
              <Button
                variant="danger"
                onClick={leave}
                busy={busy === 'logout'}
                testId="logout-anyway"
              >
                {t('logout.anyway')}
              </Button>
            )}
          </div>
        </section>
      )}
    </>
  );
}

function download(file: File): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
