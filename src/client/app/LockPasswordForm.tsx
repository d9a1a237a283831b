import { useState } from 'preact/hooks';
import type { DeviceAccount } from '../security/accounts';
import { MAX_PIN_FAILURES } from '../security/deviceLock';
import { unlockPassword } from '../session/signIn';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { TextField } from '../ui/Field';
import { dateTime } from '../ui/format';
import { t } from '../ui/i18n';

/** The password unlocks offline too; each wrong one doubles the wait before the next try. */
export default function PasswordForm({
  account,
  pinLockedOut,
}: {
  account: DeviceAccount;
  pinLockedOut: boolean;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!password) return;
    setBusy(true);
    try {
      const result = await unlockPassword(password);
      if (!result.ok) {
        const wait = result.retryAt
          ? ` ${t('lock.waitUntil', { time: dateTime(result.retryAt) })}`
          : '';
        setError(`${t('lock.wrongPassword')}${wait}`);
      }
    } finally {
      setPassword('');
      setBusy(false);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="password-form">
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
      {error && (
        <Banner tone="error" testId="lock-password-error">
          {error}
        </Banner>
      )}
      <Button
        type="submit"
        variant="primary"
        busy={busy}
        busyLabel={t('lock.unlocking')}
        testId="lock-password-submit"
      >
        {t('lock.unlock')}
      </Button>
    </form>
  );
}
