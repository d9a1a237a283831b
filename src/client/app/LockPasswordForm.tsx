import { useState } from 'preact/hooks';
import type { DeviceAccount } from '../security/accounts';
import { MAX_PIN_FAILURES } from '../security/deviceLock';
import { unlockPassword } from '../session/signIn';
import { ActionForm } from '../ui/ActionForm';
import { Banner } from '../ui/Banner';
import { TextField } from '../ui/Field';
import { dateTime } from '../ui/format';
import { t } from '../ui/i18n';
import { useAction } from '../ui/useAction';

/** The password unlocks offline too; each wrong one doubles the wait before the next try. */
export default function PasswordForm({
  account,
  pinLockedOut,
}: {
  account: DeviceAccount;
  pinLockedOut: boolean;
}) {
  const [password, setPassword] = useState('');
  const action = useAction();
  const onSubmit = async () => {
    if (!password) return;
    await action.submit(async () => {
      const result = await unlockPassword(password);
      if (result.ok) return;
      const wait = result.retryAt
        ? ` ${t('lock.waitUntil', { time: dateTime(result.retryAt) })}`
        : '';
      action.setError(`${t('lock.wrongPassword')}${wait}`);
    });
    setPassword('');
  };
  return (
    <ActionForm
      action={action}
      onSubmit={() => void onSubmit()}
      testId="password-form"
      errorTestId="lock-password-error"
      submitLabel={t('lock.unlock')}
      busyLabel={t('lock.unlocking')}
      submitTestId="lock-password-submit"
    >
      {pinLockedOut && account.pinKey && (
        <Banner tone="warning" testId="lock-password-required">
          {t('lock.passwordRequired', { max: MAX_PIN_FAILURES })}
        </Banner>
      )}
      <TextField
        id="lock-password"
        label={t('lock.password')}
        type="password"
        autoComplete="current-password"
        maxLength={128}
        value={password}
        onInput={setPassword}
        testId="lock-password"
      />
    </ActionForm>
  );
}
