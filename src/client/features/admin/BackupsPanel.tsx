import { type BackupManifest, backupIsStale } from '../../../shared/api/backups';
import { Banner } from '../../ui/Banner';
import { bytes, dateTime, numberText } from '../../ui/format';
import { t } from '../../ui/i18n';
import { adminApi } from './adminApi';
import { RemoteTable } from './RemoteTable';
import { useRemote } from './useRemote';

/** The server's own backups, each with whether its test restore passed (admins). */
export function BackupsPanel() {
  const backups = useRemote(adminApi.backups);
  const list = backups.data;
  return (
    <section aria-labelledby="admin-backups-title">
      <div class="section-head">
        <h2 id="admin-backups-title">{t('admin.backups')}</h2>
      </div>
      <p class="muted">{t('backups.lead')}</p>
      {list && !list.scheduled && <Banner tone="error">{t('backups.notScheduled')}</Banner>}
      {list && backupIsStale(list.lastGoodAt, new Date()) && (
        <Banner tone="error">{t('backups.stale')}</Banner>
      )}
      {list?.lastGoodAt && (
        <p data-testid="backups-last-good">
          {t('backups.lastGood', { date: dateTime(list.lastGoodAt) })}
        </p>
      )}
      <RemoteTable
        remote={backups}
        items={list ? list.backups : null}
        empty={t('backups.empty')}
        rowKey={(backup) => backup.file}
        rowData={() => ({ 'data-testid': 'backup-row' })}
        columns={[
          { label: t('backups.takenAt'), cell: (backup) => dateTime(backup.createdAt) },
          {
            label: t('backups.size'),
            cell: (backup) => bytes(backup.bytes),
          },
          { label: t('backups.records'), cell: (backup) => numberText(recordsOf(backup)) },
          {
            label: t('backups.check'),
            cell: (backup) =>
              backup.verified ? (
                <span class="tag tag-on">{t('backups.verified')}</span>
              ) : (
                <span class="tag tag-off">{t('backups.failed')}</span>
              ),
          },
        ]}
      />
      <p class="muted small">{t('backups.howToRestore')}</p>
    </section>
  );
}

function recordsOf(backup: BackupManifest): number {
  return backup.tables.records ?? 0;
}
