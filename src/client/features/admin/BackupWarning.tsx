import { useEffect, useState } from 'preact/hooks';
import { backupIsStale } from '../../../shared/api/backupAge';
import { api } from '../../api/authenticated';
import { online } from '../../api/online';
import { isAdmin } from '../../session/roles';
import { Banner } from '../../ui/Banner';
import { t } from '../../ui/i18n';

/**
 * On admins' home screen: a warning when the server has no backup that passed its test
 * restore in the last two days. Says nothing offline or to other roles.
 */
export function BackupWarning() {
  const [stale, setStale] = useState(false);
  const admin = isAdmin.value;
  const isOnline = online.value;
  useEffect(() => {
    if (!admin || !isOnline) return;
    let mounted = true;
    api<{ lastGoodAt: string | null }>('/api/admin/backups')
      .then((list) => mounted && setStale(backupIsStale(list.lastGoodAt, new Date())))
      .catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, [admin, isOnline]);
  if (!admin || !stale) return null;
  return (
    <Banner tone="error">
      <a href="/admin/backups" data-testid="backup-warning">
        {t('home.backupStale')}
      </a>
    </Banner>
  );
}
