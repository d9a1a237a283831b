import { useState } from 'preact/hooks';
import { ChangePasswordRequest } from '../../../shared/api/auth';
import { api } from '../../api/authenticated';
import { ApiError } from '../../api/http';
import { online } from '../../api/online';
import { rewrapWithPassword } from '../../security/deviceLock';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { errorMessage } from '../../ui/errors';
import { TextField } from '../../ui/Field';
import { useForm } from '../../ui/form/useForm';
import { t } from '../../ui/i18n';

const EMPTY = { currentPassword: '', newPassword: '' };

function passwordError(error: unknown): string {
  // A wrong current password is not a reason to sign this device out: the server says so
  // with `invalid_credentials` (401) or a 403.
  if (error instanceof ApiError && (error.code === 'invalid_credentials' || error.status === 403)) {
    return t('password.wrongCurrent');
  }
  return errorMessage(error);
}

/** Needs the network; the new password is checked with the shared schema as you type. */
export default function ChangePasswordForm() {
  const form = useForm({
    initial: EMPTY,
    schema: ChangePasswordRequest,
    describeError: passwordError,
  });
  const [done, setDone] = useState(false);
  const isOnline = online.value;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setDone(false);
    const newPassword = form.values.newPassword;
    const ok = await form.submit((body) => api('/api/me/password', { method: 'POST', body }));
    if (ok) {
      // From now on the new password, not the old one, opens this device's data.
      await rewrapWithPassword(newPassword);
      form.reset(EMPTY);
      setDone(true);
    }
  };

  return (
    <form
      class="form"
      data-testid="change-password-form"
      aria-labelledby="change-password-title"
      onSubmit={onSubmit}
      noValidate
    >
      <h3 id="change-password-title">{t('password.title')}</h3>
      <TextField
        id="current-password"
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        value={form.values.currentPassword}
        onInput={(value) => form.set('currentPassword', value)}
        onBlur={() => form.touch('currentPassword')}
        error={form.error('currentPassword')}
        testId="current-password"
      />
      <TextField
        id="new-password"
        label={t('password.new')}
        type="password"
        autoComplete="new-password"
        value={form.values.newPassword}
        onInput={(value) => form.set('newPassword', value)}
        onBlur={() => form.touch('newPassword')}
        error={form.error('newPassword')}
        testId="new-password"
      />
      {!isOnline && <Banner tone="info">{t('password.onlineOnly')}</Banner>}
      {form.formError && <Banner tone="error">{form.formError}</Banner>}
      {done && <Banner tone="success">{t('password.changed')}</Banner>}
      <div class="actions">
        <Button
          type="submit"
          variant="primary"
          busy={form.submitting}
          busyLabel={t('common.saving')}
          disabled={!isOnline}
          testId="change-password-submit"
        >
          {t('password.submit')}
        </Button>
      </div>
    </form>
  );
}
