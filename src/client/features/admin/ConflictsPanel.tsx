import type { ConflictEntry } from '../../../shared/api/syncAdmin';
import type { User } from '../../../shared/model/user';
import type { FieldVersion } from '../../../shared/sync/protocol';
import { dateTime } from '../../ui/format';
import { t } from '../../ui/i18n';
import { fieldLabel, type RefNames, refText, valueText } from '../../ui/i18n/recordText';
import { mergeNames, recordLabel, referencedIds, useRecordNames } from '../sync/recordLabel';
import { adminApi } from './adminApi';
import { MoreButton } from './QuarantinePanel';
import { RemoteState } from './RemoteState';
import { hlcDateTime, villageLabel } from './reviewText';
import { type Page, usePaged } from './usePaged';
import { useRemote } from './useRemote';

const loadConflicts = (before?: string): Promise<Page<ConflictEntry>> =>
  adminApi.conflicts(before).then((r) => ({ items: r.conflicts, nextBefore: r.nextBefore }));

function VersionCell({
  conflict,
  version,
  names,
}: {
  conflict: ConflictEntry;
  version: FieldVersion;
  names: RefNames;
}) {
  const who = refText('user', version.by, names);
  return (
    <>
      <strong class="conflict-value-text">
        {valueText(conflict.type, conflict.field, version.value, names)}
      </strong>
      <br />
      <span class="muted small">{t('conflicts.by', { who, date: hlcDateTime(version.hlc) })}</span>
    </>
  );
}

/** `สมชาย ใจดี (somchai)` by user id. */
export function userNames(users: readonly User[] | null): Map<string, string> {
  return new Map((users ?? []).map((u) => [u.id, `${u.name} (${u.username})`]));
}

/**
 * ข้อมูลขัดแย้ง: fields two people changed at about the same time, with both values, who set
 * each and when. Staff settle them on their devices (a `resolve` edit); this list is for review.
 */
export function ConflictsPanel() {
  const list = usePaged(loadConflicts);
  const villages = useRemote(adminApi.villages);
  const users = useRemote(adminApi.users);
  const items = list.items ?? [];
  const recordNames = useRecordNames(
    items.flatMap((c) => [
      c.recordId,
      ...referencedIds(c.type, [
        [c.field, c.winner.value],
        [c.field, c.loser.value],
      ]),
    ]),
  );
  const names = mergeNames(recordNames, userNames(users.data));
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
                  {t(`record.type.${conflict.type}`)} ·{' '}
                  {recordNames.get(conflict.recordId) ??
                    recordLabel(null, conflict.recordId, conflict.type)}
                </td>
                <td data-label={t('reviewConflicts.field')}>
                  {fieldLabel(conflict.type, conflict.field)}
                </td>
                <td data-label={t('conflicts.current')} data-testid="conflict-winner">
                  <VersionCell conflict={conflict} version={conflict.winner} names={names} />
                </td>
                <td data-label={t('conflicts.other')} data-testid="conflict-loser">
                  <VersionCell conflict={conflict} version={conflict.loser} names={names} />
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
