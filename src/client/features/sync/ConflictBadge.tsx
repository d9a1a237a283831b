import { db } from '../../db/database';
import { t } from '../../ui/i18n';
import { fieldLabel } from '../../ui/i18n/recordText';
import { useLiveQuery } from '../../ui/useLiveQuery';

/** The fields of a record that hold an open conflict on this device. */
async function openConflictFields(
  recordId: string,
): Promise<Array<{ type: string; field: string }>> {
  const rows = await db().conflicts.where('recordId').equals(recordId).toArray();
  return rows.filter((row) => row.resolvedAt === null).map(({ type, field }) => ({ type, field }));
}

/** On a record page: "ข้อมูลขัดแย้ง: ถนน", linking to the sync page where it is settled. */
export function ConflictBadge({ recordId }: { recordId: string }) {
  const fields = useLiveQuery(() => openConflictFields(recordId), [recordId], []);
  if (fields.length === 0) return null;
  return (
    <p class="conflict-badge" data-testid="record-conflict">
      <a href="/sync">
        <span class="tag tag-off">{t('conflicts.badge', { count: fields.length })}</span>{' '}
        {fields.map(({ type, field }) => fieldLabel(type, field)).join(', ')}
      </a>
    </p>
  );
}
