import { useState } from 'preact/hooks';
import type { Village } from '../../../shared/model/organization';
import { seesAllVillages } from '../../../shared/model/roles';
import type { User } from '../../../shared/model/user';
import { isAdmin } from '../../session/roles';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { t } from '../../ui/i18n';
import { useAction } from '../../ui/useAction';
import { adminApi } from './adminApi';
import { RemoteTable } from './RemoteTable';
import { CreateUserForm, EditUserForm, ResetPasswordForm } from './UserForm';
import { useRemote } from './useRemote';

type View = { kind: 'list' } | { kind: 'create' } | { kind: 'edit'; userId: string };

function villageSummary(user: User, villages: readonly Village[]): string {
  if (seesAllVillages(user.role)) return t('users.allVillages');
  const moo = villages
    .filter((village) => user.villageIds.includes(village.id))
    .map((village) => village.mooNo)
    .sort((a, b) => a - b);
  return moo.length ? moo.map((mooNo) => t('home.mooNo', { mooNo })).join(', ') : t('common.none');
}

/** Users of the organization; admins add and change them, supervisors only read. */
export function UsersPanel() {
  const users = useRemote(adminApi.users);
  const villages = useRemote(adminApi.villages);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [notice, setNotice] = useState<string | null>(null);
  const editable = isAdmin.value;
  const villageList = villages.data ?? [];

  const show = (next: View, message: string | null = null) => {
    setView(next);
    setNotice(message);
  };

  if (view.kind === 'create' && editable) {
    return (
      <CreateUserForm
        villages={villageList}
        onDone={(username) => {
          show({ kind: 'list' }, username ? t('users.created', { username }) : null);
          void users.reload();
        }}
      />
    );
  }

  const editing = view.kind === 'edit' ? users.data?.find((u) => u.id === view.userId) : undefined;
  if (editing && editable) {
    return (
      <UserEditor
        user={editing}
        villages={villageList}
        notice={notice}
        onNotice={setNotice}
        onChanged={() => void users.reload()}
        onBack={() => show({ kind: 'list' })}
      />
    );
  }

  return (
    <section aria-labelledby="admin-users-title">
      <div class="section-head">
        <h2 id="admin-users-title">{t('admin.users')}</h2>
        {editable && (
          <Button variant="primary" onClick={() => show({ kind: 'create' })} testId="user-create">
            {t('users.create')}
          </Button>
        )}
      </div>
      {notice && <Banner tone="success">{notice}</Banner>}
      <RemoteTable
        remote={users}
        items={users.data && [...users.data].sort((a, b) => a.username.localeCompare(b.username))}
        empty={t('users.empty')}
        rowKey={(user) => user.id}
        rowData={(user) => ({ 'data-testid': `user-row-${user.username}` })}
        columns={[
          { label: t('users.username'), class: 'mono', cell: (user) => user.username },
          { label: t('users.name'), cell: (user) => user.name },
          { label: t('users.role'), cell: (user) => t(`role.${user.role}`) },
          { label: t('users.villages'), cell: (user) => villageSummary(user, villageList) },
          {
            label: t('users.status'),
            cell: (user) => (
              <span class={user.disabled ? 'tag tag-off' : 'tag tag-on'}>
                {user.disabled ? t('users.disabled') : t('users.active')}
              </span>
            ),
          },
          editable && {
            label: t('common.actions'),
            cell: (user) => (
              <Button
                onClick={() => show({ kind: 'edit', userId: user.id })}
                testId={`edit-user-${user.username}`}
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

interface UserEditorProps {
  user: User;
  villages: readonly Village[];
  notice: string | null;
  onNotice: (message: string | null) => void;
  onChanged: () => void;
  onBack: () => void;
}

/** One user: name/role/villages, disable or enable, and a new password. */
function UserEditor({ user, villages, notice, onNotice, onChanged, onBack }: UserEditorProps) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, submit } = useAction();

  const setDisabled = async (disabled: boolean) => {
    await submit(async () => {
      await adminApi.updateUser(user.id, { disabled });
      onNotice(t('common.saved'));
      onChanged();
    });
    setConfirming(false);
  };

  return (
    <section class="card" aria-labelledby="user-editor-title" data-testid="user-editor">
      <h2 id="user-editor-title">{t('users.editTitle', { username: user.username })}</h2>
      {notice && <Banner tone="success">{notice}</Banner>}
      {error && <Banner tone="error">{error}</Banner>}
      <EditUserForm
        user={user}
        villages={villages}
        onSaved={() => {
          onNotice(t('common.saved'));
          onChanged();
        }}
        onCancel={onBack}
      />
      <div class="actions">
        <span class={user.disabled ? 'tag tag-off' : 'tag tag-on'}>
          {user.disabled ? t('users.disabled') : t('users.active')}
        </span>
        {user.disabled ? (
          <Button busy={busy} onClick={() => void setDisabled(false)} testId="user-enable">
            {t('users.enable')}
          </Button>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)} testId="user-disable">
            {t('users.disable')}
          </Button>
        )}
      </div>
      <ResetPasswordForm
        user={user}
        onDone={() => onNotice(t('users.passwordReset', { username: user.username }))}
      />
      {confirming && (
        <ConfirmDialog
          title={t('users.disable')}
          confirmLabel={t('users.disable')}
          danger
          busy={busy}
          onConfirm={() => void setDisabled(true)}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('users.disableConfirm', { username: user.username })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
