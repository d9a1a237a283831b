import type { ConflictEntry } from '../../../shared/api/syncAdmin';
import type { User } from '../../../shared/model/user';
import type { FieldVersion } from '../../../shared/sync/protocol';
import { dateTime } from '../../ui/format';
import { t } from '../../ui/i18n';
import { fieldLabel, type RefNames, refText, valueText } from '../../ui/i18n/recordText';
import {
  mergeNames,
  recordLabel,
  referencedIds,
  useRecordNames,
} from '../../ui/record/recordLabel';
import { adminApi } from './adminApi';
import { MoreButton, RemoteTable } from './RemoteTable';
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
      <RemoteTable
        remote={list.remote}
        items={list.items}
        empty={t('reviewConflicts.empty')}
        rowKey={(conflict) => conflict.id}
        rowData={(conflict) => ({ 'data-testid': `conflict-row-${conflict.id}` })}
        columns={[
          {
            label: t('quarantine.village'),
            cell: (conflict) => villageLabel(villages.data, conflict.villageId),
          },
          {
            label: t('reviewConflicts.record'),
            cell: (conflict) => (
              <>
                {t(`record.type.${conflict.type}`)} ·{' '}
                {recordNames.get(conflict.recordId) ??
                  recordLabel(null, conflict.recordId, conflict.type)}
              </>
            ),
          },
          {
            label: t('reviewConflicts.field'),
            cell: (conflict) => fieldLabel(conflict.type, conflict.field),
          },
          {
            label: t('conflicts.current'),
            testId: 'conflict-winner',
            cell: (conflict) => (
              <VersionCell conflict={conflict} version={conflict.winner} names={names} />
            ),
          },
          {
            label: t('conflicts.other'),
            testId: 'conflict-loser',
            cell: (conflict) => (
              <VersionCell conflict={conflict} version={conflict.loser} names={names} />
            ),
          },
          {
            label: t('reviewConflicts.createdAt'),
            cell: (conflict) => dateTime(conflict.createdAt),
          },
        ]}
      />
      <MoreButton list={list} />
    </section>
  );
}
