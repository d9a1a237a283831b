import { online } from '../../api/online';
import { db } from '../../db/database';
import { deviceSync, saveChanges } from '../../sync/deviceSync';
import type { SyncProgress } from '../../sync/engine';
import { syncStatus } from '../../sync/scheduler';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { bytes, dateTime } from '../../ui/format';
import { isMessageKey, t } from '../../ui/i18n';
import { fieldLabel, refText, valueText } from '../../ui/i18n/recordText';
import { FailedPhotos } from '../../ui/PhotoFailures';
import { recordLabel } from '../../ui/record/recordLabel';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { loadSyncOverview, type SyncOverview } from './syncQueries';
import { useUserNames } from './userNames';

const EMPTY: SyncOverview = {
  lastSyncAt: null,
  waitingMutations: 0,
  waitingBytes: 0,
  waitingPhotos: 0,
  waitingPhotoBytes: 0,
  failedPhotos: [],
  waiting: [],
  quarantined: [],
  conflicts: [],
  names: new Map(),
};

function reasonText(reason: string): string {
  const key = `sync.quarantine.${reason}`;
  return isMessageKey(key) ? t(key as 'sync.quarantine.unknown') : t('sync.quarantine.unknown');
}

function errorText(code: string): string {
  const key = `error.${code}`;
  return isMessageKey(key) ? t(key as 'error.unknown') : t('error.unknown');
}

function progressText(progress: SyncProgress): string {
  if (progress.phase === 'photos') {
    return t('sync.uploadingPhotos', { size: bytes(progress.bytesLeft ?? 0) });
  }
  return t(progress.phase === 'push' ? 'sync.pushing' : 'sync.pulling', { done: progress.done });
}

function SyncStatusCard({ overview }: { overview: SyncOverview }) {
  const status = syncStatus.value;
  const syncing = status.phase === 'syncing';
  const progress = status.progress;
  return (
    <section class="card" aria-labelledby="sync-status" data-testid="sync-status">
      <h2 id="sync-status">{t('sync.title')}</h2>
      <p data-testid="sync-last" data-at={overview.lastSyncAt ?? ''}>
        {overview.lastSyncAt
          ? t('sync.lastSync', { date: dateTime(overview.lastSyncAt) })
          : t('sync.never')}
      </p>
      <p data-testid="sync-waiting" data-count={overview.waitingMutations}>
        {overview.waitingMutations === 0 && overview.waitingPhotos === 0
          ? t('sync.allSent')
          : t('sync.waiting', {
              count: overview.waitingMutations,
              size: bytes(overview.waitingBytes),
            })}
      </p>
      {overview.waitingPhotos > 0 && (
        <p>
          {t('sync.waitingPhotos', {
            count: overview.waitingPhotos,
            size: bytes(overview.waitingPhotoBytes),
          })}
        </p>
      )}
      {syncing && (
        <div class="sync-progress" role="status">
          <progress data-testid="sync-progress" />
          <span>{progress ? progressText(progress) : t('sync.syncing')}</span>
        </div>
      )}
      {status.lastError && !syncing && (
        <Banner tone={status.lastError === 'offline' ? 'info' : 'warning'} testId="sync-error">
          {status.retryAt
            ? t('sync.retryAt', {
                reason: errorText(status.lastError),
                time: dateTime(status.retryAt),
              })
            : t('sync.failed', { reason: errorText(status.lastError) })}
        </Banner>
      )}
      <div class="actions">
        <Button
          variant="primary"
          testId="sync-now"
          busy={syncing}
          busyLabel={t('sync.syncing')}
          disabled={!online.value || !deviceSync.value}
          onClick={() => void deviceSync.value?.requestSync()}
        >
          {t('sync.now')}
        </Button>
      </div>
    </section>
  );
}

function RecordStates({ overview }: { overview: SyncOverview }) {
  const empty = overview.waiting.length === 0 && overview.quarantined.length === 0;
  return (
    <section class="card" aria-labelledby="sync-records">
      <h2 id="sync-records">{t('sync.recordsTitle')}</h2>
      {empty && <p class="muted">{t('sync.noRecords')}</p>}
      <ul class="item-list" data-testid="sync-records">
        {overview.waiting.map((entry) => (
          <li key={`w-${entry.recordId}`} class="item" data-state="waiting">
            <span class="tag">{t('sync.state.waiting')}</span>
            <span class="item-title">
              {t(`record.type.${entry.type}`)} ·{' '}
              {recordLabel(entry.record, entry.recordId, entry.type)}
            </span>
            <span class="muted small">{t('sync.mutations', { count: entry.mutations })}</span>
          </li>
        ))}
        {overview.quarantined.map((row) => (
          <li
            key={`q-${row.mutationId}`}
            class="item"
            data-state="quarantined"
            data-testid="sync-quarantined"
          >
            <span class="tag tag-off">{t('sync.state.quarantined')}</span>
            <span class="item-title">
              {t(`record.type.${row.type}`)} · {recordLabel(row.record, row.recordId, row.type)}
            </span>
            <span class="small">{reasonText(row.reason)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const RECORD_PAGES: Partial<Record<string, string>> = {
  household: '/households/',
  person: '/people/',
  case: '/cases/',
};

/** The record's own page, where it can be read whole (and shows the conflict badge). */
function RecordLink({ type, id, children }: { type: string; id: string; children: string }) {
  const page = RECORD_PAGES[type];
  return page ? (
    <a href={`${page}${id}`} class="tap-link" data-testid="conflict-record-link">
      {children}
    </a>
  ) : (
    children
  );
}

function ConflictList({ overview }: { overview: SyncOverview }) {
  const users = useUserNames();
  const who = (by: string) => refText('user', by, users);
  const hlcDate = (hlc: string) => dateTime(hlc.slice(0, 24));
  const keep = (conflict: SyncOverview['conflicts'][number], value: unknown) =>
    saveChanges([
      {
        op: 'resolve',
        type: conflict.type,
        id: conflict.recordId,
        villageId: conflict.villageId,
        patch: { [conflict.field]: value },
      },
    ]);
  return (
    <section class="card" aria-labelledby="sync-conflicts" data-testid="conflict-list">
      <h2 id="sync-conflicts">{t('conflicts.title')}</h2>
      {overview.conflicts.length === 0 ? (
        <p class="muted">{t('conflicts.empty')}</p>
      ) : (
        <p class="muted">{t('conflicts.intro')}</p>
      )}
      {overview.conflicts.map((conflict) => {
        const chosen = conflict.record?.unsyncedFields.includes(conflict.field) ?? false;
        return (
          <article key={conflict.id} class="conflict" data-testid={`conflict-${conflict.field}`}>
            <h3>
              {t(`record.type.${conflict.type}`)} ·{' '}
              <RecordLink type={conflict.type} id={conflict.recordId}>
                {recordLabel(conflict.record, conflict.recordId, conflict.type)}
              </RecordLink>
            </h3>
            <p>{t('conflicts.field', { field: fieldLabel(conflict.type, conflict.field) })}</p>
            <div class="conflict-values">
              {(
                [
                  ['winner', t('conflicts.current'), conflict.winner],
                  ['loser', t('conflicts.other'), conflict.loser],
                ] as const
              ).map(([side, title, version]) => (
                <div key={side} class="conflict-value" data-testid={`conflict-${side}`}>
                  <strong>{title}</strong>
                  <p class="conflict-value-text">
                    {valueText(conflict.type, conflict.field, version.value, overview.names)}
                  </p>
                  <p class="muted small">
                    {t('conflicts.by', { who: who(version.by), date: hlcDate(version.hlc) })}
                  </p>
                  <Button
                    testId={`keep-${side}`}
                    disabled={chosen}
                    onClick={() => void keep(conflict, version.value)}
                  >
                    {t('conflicts.keep')}
                  </Button>
                </div>
              ))}
            </div>
            {chosen && <p class="small">{t('conflicts.chosen')}</p>}
          </article>
        );
      })}
    </section>
  );
}

/** Sync: last sync, what waits, progress, per-record state and the conflicts to settle. */
export function SyncPage() {
  const overview = useLiveQuery(() => loadSyncOverview(db()), [], EMPTY);
  return (
    <section class="page-section" data-testid="sync-page">
      <SyncStatusCard overview={overview} />
      <ConflictList overview={overview} />
      <RecordStates overview={overview} />
      <FailedPhotos photos={overview.failedPhotos} />
    </section>
  );
}

export default SyncPage;
