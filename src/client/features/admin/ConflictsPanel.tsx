import type { ConflictEntry } from '../../../shared/api/syncAdmin';
import type { User } from '../../../shared/model/user';
import type { FieldVersion } from '../../../shared/sync/protocol';
import { dateTime } from '../../ui/format';
import { t } from '../../ui/i18n';
import { fieldLabel, fieldValueText } from '../sync/recordLabel';
import { adminApi } from './adminApi';
import { MoreButton } from './QuarantinePanel';
import { RemoteState } from './RemoteState';
import { hlcDateTime, villageLabel } from './reviewText';
import { type Page, usePaged } from './usePaged';
import { useRemote } from './useRemote';

const loadConflicts = (before?: string): Promise<Page<ConflictEntry>> =>
  adminApi.conflicts(before).then((r) => ({ items: r.conflicts, nextBefore: r.nextBefore }));

function VersionCell({ version, users }: { version: FieldVersion; users: readonly User[] | null }) {
  const user = users?.find((u) => u.id === version.by);
  const who = user ? `${user.name} (${user.username})` : t('quarantine.unknownUser');
  return (
    <>
      <strong class="conflict-value-text">{fieldValueText(version.value)}</strong>
      <br />
      <span class="muted small">{t('conflicts.by', { who, date: hlcDateTime(version.hlc) })}</span>
    </>
  );
}

/**
 * ข้อมูลขัดแย้ง: fields two people changed at about the same time, with both values, who set
 * each and when. Staff settle them on their devices (a `resolve` edit); this list is for review.
 */
export function ConflictsPanel() {
  const list = usePaged(loadConflicts);
  const villages = useRemote(adminApi.villages);
  const users = useRemote(adminApi.users);
  return (
    <section aria-labelledby="admin-conflicts-title">
      <div class="section-head">
        <h2 id="admin-conflicts-title">{t('admin.conflicts')}</h2>
      </div>
      <p class="muted">{t('reviewConflicts.intro')}</p>
      <RemoteState remote={list.remote} />
      {list.items && list.items.length === 0 && <p class="muted">{t('reviewConflicts.empty')}</p>}
      {list.items && list.items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('quarantine.village')}</th>
              <th scope="col">{t('reviewConflicts.record')}</th>
              <th scope="col">{t('reviewConflicts.field')}</th>
              <th scope="col">{t('conflicts.current')}</th>
              <th scope="col">{t('conflicts.other')}</th>
              <th scope="col">{t('reviewConflicts.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((conflict) => (
              <tr key={conflict.id} data-testid={`conflict-row-${conflict.id}`}>
                <td data-label={t('quarantine.village')}>
                  {villageLabel(villages.data, conflict.villageId)}
                </td>
                <td data-label={t('reviewConflicts.record')}>
                  {t(`record.type.${conflict.type}`)}{' '}
                  <span class="mono small">{conflict.recordId.slice(-6)}</span>
                </td>
                <td data-label={t('reviewConflicts.field')}>{fieldLabel(conflict.field)}</td>
                <td data-label={t('conflicts.current')} data-testid="conflict-winner">
                  <VersionCell version={conflict.winner} users={users.data} />
                </td>
                <td data-label={t('conflicts.other')} data-testid="conflict-loser">
                  <VersionCell version={conflict.loser} users={users.data} />
                </td>
                <td data-label={t('reviewConflicts.createdAt')}>{dateTime(conflict.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MoreButton
        hasMore={list.hasMore}
        busy={list.loadingMore}
        error={list.moreError}
        onMore={list.loadMore}
      />
    </section>
  );
}
