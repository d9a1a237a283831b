import { useState } from 'preact/hooks';
import type { Village } from '../../../shared/model/organization';
import { seesAllVillages } from '../../../shared/model/roles';
import type { User } from '../../../shared/model/user';
import { isAdmin } from '../../session/roles';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { errorMessage } from '../../ui/errors';
import { t } from '../../ui/i18n';
import { adminApi } from './adminApi';
import { RemoteState } from './RemoteState';
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
      <RemoteState remote={users} />
      {users.data && users.data.length === 0 && <p class="muted">{t('users.empty')}</p>}
      {users.data && users.data.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('users.username')}</th>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.villages')}</th>
              <th scope="col">{t('users.status')}</th>
              {editable && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {[...users.data]
              .sort((a, b) => a.username.localeCompare(b.username))
              .map((user) => (
                <tr key={user.id} data-testid={`user-row-${user.username}`}>
                  <td data-label={t('users.username')} class="mono">
                    {user.username}
                  </td>
                  <td data-label={t('users.name')}>{user.name}</td>
                  <td data-label={t('users.role')}>{t(`role.${user.role}`)}</td>
                  <td data-label={t('users.villages')}>{villageSummary(user, villageList)}</td>
                  <td data-label={t('users.status')}>
                    <span class={user.disabled ? 'tag tag-off' : 'tag tag-on'}>
                      {user.disabled ? t('users.disabled') : t('users.active')}
                    </span>
                  </td>
                  {editable && (
                    <td data-label={t('common.actions')}>
                      <Button
                        onClick={() => show({ kind: 'edit', userId: user.id })}
                        testId={`edit-user-${user.username}`}
                      >
                        {t('common.edit')}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
          </tbody>
        </table>
      )}
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setDisabled = async (disabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await adminApi.updateUser(user.id, { disabled });
      onNotice(t('common.saved'));
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
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
