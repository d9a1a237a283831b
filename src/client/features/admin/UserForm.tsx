import {
  CreateUserRequest,
  ResetPasswordRequest,
  UpdateUserRequest,
} from '../../../shared/api/admin';
import type { Village } from '../../../shared/model/organization';
import { ROLES, type Role, type User } from '../../../shared/model/user';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { CheckboxGroup, SelectField, TextField } from '../../ui/Field';
import { useForm } from '../../ui/form/useForm';
import { t } from '../../ui/i18n';
import { adminApi, changedFields } from './adminApi';

function villageOptions(villages: readonly Village[]) {
  return [...villages]
    .sort((a, b) => a.mooNo - b.mooNo)
    .map((village) => ({
      value: village.id,
      label: `${t('home.mooNo', { mooNo: village.mooNo })} ${village.name}`,
      testId: `user-village-${village.mooNo}`,
    }));
}

function roleOptions() {
  return ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
}

interface RoleAndVillageFieldsProps {
  villages: readonly Village[];
  role: Role;
  villageIds: readonly string[];
  onRole: (role: Role) => void;
  onVillages: (villageIds: string[]) => void;
  roleError?: string | undefined;
  villagesError?: string | undefined;
}

/** What an account may do and where: shared by the create and edit forms. */
function RoleAndVillageFields(props: RoleAndVillageFieldsProps) {
  return (
    <>
      <SelectField
        id="user-role"
        label={t('users.role')}
        value={props.role}
        options={roleOptions()}
        onChange={props.onRole}
        error={props.roleError}
      />
      <CheckboxGroup
        id="user-villages"
        legend={t('users.villages')}
        options={villageOptions(props.villages)}
        selected={props.villageIds}
        onChange={props.onVillages}
        error={props.villagesError}
        empty={t('users.noVillagesYet')}
      />
    </>
  );
}

interface CreateUserFormProps {
  villages: readonly Village[];
  onDone: (username?: string) => void;
}

const NEW_USER = {
  username: '',
  name: '',
  password: '',
  role: 'surveyor' as Role,
  villageIds: [] as readonly string[],
};

/** A new account: username, name, first password, role and villages (CreateUserRequest). */
export function CreateUserForm({ villages, onDone }: CreateUserFormProps) {
  const form = useForm({
    initial: NEW_USER,
    schema: CreateUserRequest,
    toInput: (v: typeof NEW_USER) => ({ ...v, villageIds: [...v.villageIds] }),
  });
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    let created = '';
    const ok = await form.submit(async (body) => {
      await adminApi.createUser(body);
      created = body.username;
    });
    if (ok) {
      form.reset(NEW_USER);
      onDone(created);
    }
  };
  return (
    <form class="form card" data-testid="user-form" onSubmit={onSubmit} noValidate>
      <h2>{t('users.createTitle')}</h2>
      <TextField
        id="user-username"
        label={t('users.username')}
        value={form.values.username}
        onInput={(value) => form.set('username', value)}
        onBlur={() => form.touch('username')}
        error={form.error('username')}
        autoComplete="off"
        maxLength={32}
      />
      <TextField
        id="user-name"
        label={t('users.name')}
        value={form.values.name}
        onInput={(value) => form.set('name', value)}
        onBlur={() => form.touch('name')}
        error={form.error('name')}
        autoComplete="off"
        maxLength={200}
      />
      <TextField
        id="user-password"
        label={t('users.password')}
        type="password"
        value={form.values.password}
        onInput={(value) => form.set('password', value)}
        onBlur={() => form.touch('password')}
        error={form.error('password')}
        autoComplete="new-password"
        maxLength={128}
      />
      <RoleAndVillageFields
        villages={villages}
        role={form.values.role}
        villageIds={form.values.villageIds}
        onRole={(value) => form.set('role', value)}
        onVillages={(value) => form.set('villageIds', value)}
        roleError={form.error('role')}
        villagesError={form.error('villageIds')}
      />
      {form.formError && <Banner tone="error">{form.formError}</Banner>}
      <div class="actions">
        <Button onClick={() => onDone()}>{t('common.cancel')}</Button>
        <Button
          type="submit"
          variant="primary"
          busy={form.submitting}
          busyLabel={t('common.saving')}
          testId="user-submit"
        >
          {t('users.create')}
        </Button>
      </div>
    </form>
  );
}

interface EditUserFormProps {
  user: User;
  villages: readonly Village[];
  onSaved: () => void;
  onCancel: () => void;
}

/** Name, role and villages of an account; only the changed fields are sent. */
export function EditUserForm({ user, villages, onSaved, onCancel }: EditUserFormProps) {
  const initial = {
    name: user.name,
    role: user.role,
    villageIds: user.villageIds as readonly string[],
  };
  const form = useForm({
    initial,
    schema: UpdateUserRequest,
    toInput: (v: typeof initial) => ({ ...v, villageIds: [...v.villageIds] }),
  });
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const ok = await form.submit(async (body) => {
      const changes = changedFields(user, body);
      if (Object.keys(changes).length > 0) await adminApi.updateUser(user.id, changes);
    });
    if (ok) {
      form.reset(form.values);
      onSaved();
    }
  };
  return (
    <form class="form" data-testid="user-form" onSubmit={onSubmit} noValidate>
      <TextField
        id="user-name"
        label={t('users.name')}
        value={form.values.name}
        onInput={(value) => form.set('name', value)}
        onBlur={() => form.touch('name')}
        error={form.error('name')}
        autoComplete="off"
        maxLength={200}
      />
      <RoleAndVillageFields
        villages={villages}
        role={form.values.role}
        villageIds={form.values.villageIds}
        onRole={(value) => form.set('role', value)}
        onVillages={(value) => form.set('villageIds', value)}
        roleError={form.error('role')}
        villagesError={form.error('villageIds')}
      />
      {form.formError && <Banner tone="error">{form.formError}</Banner>}
      <div class="actions">
        <Button onClick={onCancel}>{t('common.back')}</Button>
        <Button
          type="submit"
          variant="primary"
          busy={form.submitting}
          busyLabel={t('common.saving')}
          disabled={!form.isDirty}
          testId="user-submit"
        >
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}

const NO_PASSWORD = { password: '' };

/** Sets a new password for another user (ResetPasswordRequest). */
export function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const form = useForm({ initial: NO_PASSWORD, schema: ResetPasswordRequest });
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const ok = await form.submit((body) => adminApi.resetPassword(user.id, body.password).then());
    if (ok) {
      form.reset(NO_PASSWORD);
      onDone();
    }
  };
  return (
    <form
      class="form form-section"
      data-testid="reset-password-form"
      onSubmit={onSubmit}
      noValidate
    >
      <h3>{t('users.resetPasswordTitle', { username: user.username })}</h3>
      <TextField
        id="reset-password"
        label={t('users.newPassword')}
        type="password"
        value={form.values.password}
        onInput={(value) => form.set('password', value)}
        onBlur={() => form.touch('password')}
        error={form.error('password')}
        autoComplete="new-password"
        maxLength={128}
      />
      {form.formError && <Banner tone="error">{form.formError}</Banner>}
      <div class="actions">
        <Button
          type="submit"
          busy={form.submitting}
          busyLabel={t('common.saving')}
          testId="reset-password-submit"
        >
          {t('users.resetPassword')}
        </Button>
      </div>
    </form>
  );
}
