import { useState } from 'preact/hooks';
import { isAdmin } from '../../session/roles';
import { profile } from '../../session/state';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { t } from '../../ui/i18n';
import { adminApi } from './adminApi';
import { RemoteTable } from './RemoteTable';
import { useRemote } from './useRemote';
import { VillageForm } from './VillageForm';

type View = { kind: 'list' } | { kind: 'create' } | { kind: 'edit'; villageId: string };

/** The หมู่บ้าน of the organization; admins add and edit them. */
export function VillagesPanel() {
  const villages = useRemote(adminApi.villages);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [notice, setNotice] = useState<string | null>(null);
  const editable = isAdmin.value;
  const subdistrictCode = profile.value?.organization?.subdistrictCode ?? null;

  const backToList = (message: string | null) => {
    setView({ kind: 'list' });
    setNotice(message);
    void villages.reload();
  };

  const editing =
    view.kind === 'edit' ? villages.data?.find((v) => v.id === view.villageId) : undefined;
  if (editable && (view.kind === 'create' || editing)) {
    return (
      <VillageForm
        key={editing?.id ?? 'new'}
        village={editing}
        subdistrictCode={subdistrictCode}
        onSaved={(mooNo) =>
          backToList(editing ? t('common.saved') : t('villages.created', { mooNo }))
        }
        onCancel={() => backToList(null)}
      />
    );
  }

  return (
    <section aria-labelledby="admin-villages-title">
      <div class="section-head">
        <h2 id="admin-villages-title">{t('admin.villages')}</h2>
        {editable && (
          <Button
            variant="primary"
            onClick={() => setView({ kind: 'create' })}
            testId="village-create"
          >
            {t('villages.create')}
          </Button>
        )}
      </div>
      {notice && <Banner tone="success">{notice}</Banner>}
      <RemoteTable
        remote={villages}
        items={villages.data && [...villages.data].sort((a, b) => a.mooNo - b.mooNo)}
        empty={t('villages.empty')}
        rowKey={(village) => village.id}
        rowData={(village) => ({ 'data-testid': `village-row-${village.mooNo}` })}
        columns={[
          { label: t('villages.mooNo'), cell: (village) => village.mooNo },
          { label: t('villages.name'), cell: (village) => village.name },
          { label: t('villages.code'), class: 'mono', cell: (village) => village.code },
          editable && {
            label: t('common.actions'),
            cell: (village) => (
              <Button
                onClick={() => setView({ kind: 'edit', villageId: village.id })}
                testId={`edit-village-${village.mooNo}`}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
    </section>
  );
}
