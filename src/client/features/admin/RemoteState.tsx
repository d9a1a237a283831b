import { ApiError } from '../../api/http';
import { online } from '../../api/online';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { errorMessage } from '../../ui/errors';
import { t } from '../../ui/i18n';
import type { Remote } from './useRemote';

/** Loading, offline and error states of an admin list; renders nothing once data is there. */
export function RemoteState({ remote }: { remote: Remote<unknown> }) {
  const offline =
    !online.value || (remote.error instanceof ApiError && remote.error.code === 'offline');
  if (offline) return <Banner tone="info">{t('admin.onlineOnly')}</Banner>;
  if (remote.error) {
    return (
      <Banner tone="error">
        {t('admin.loadFailed')}: {errorMessage(remote.error)}{' '}
        <Button variant="quiet" onClick={() => void remote.reload()}>
          {t('common.retry')}
        </Button>
      </Banner>
    );
  }
  if (remote.loading && remote.data === null) return <p class="muted">{t('common.loading')}</p>;
  return null;
}
