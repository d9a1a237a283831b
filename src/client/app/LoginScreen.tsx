import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { online } from '../api/online';
import { type DeviceAccount, listAccounts } from '../security/accounts';
import { chooseAccount, deviceLock } from '../security/deviceLock';
import { login } from '../session/signIn';
import { signedOutReason } from '../session/state';
import { ActionForm } from '../ui/ActionForm';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';
import { TextField } from '../ui/Field';
import { waitTime } from '../ui/format';
import { t } from '../ui/i18n';
import { useAction } from '../ui/useAction';

/** The message for a failed sign-in: wrong password, throttled (with the wait), offline… */
export function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'too_many_requests' && error.retryAfterSeconds) {
    return `${t('error.too_many_requests')} ${t('login.retryIn', { time: waitTime(error.retryAfterSeconds) })}`;
  }
  return errorMessage(error);
}

/** Sign-in needs the network once; after that the session is kept on the device. */
export function LoginScreen() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(loginErrorMessage);
  const reason = signedOutReason.value;

  const onSubmit = async () => {
    if (!username.trim() || !password) return action.setError(t('login.required'));
    if (!online.value) return action.setError(t('error.offline'));
    if (!(await action.submit(() => login(username, password)))) setPassword('');
  };

  return (
    <main class="login" id="main">
      <ActionForm
        action={action}
        onSubmit={() => void onSubmit()}
        class="card login-card"
        testId="login-form"
        errorTestId="login-error"
        submitLabel={t('login.submit')}
        busyLabel={t('login.submitting')}
        submitTestId="login-submit"
      >
        <div class="login-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <h1>{t('app.name')}</h1>
        </div>
        <h2>{t('login.title')}</h2>
        <p class="muted">{t('login.intro')}</p>
        {reason && !action.error && <Banner tone="warning">{t(`logout.reason.${reason}`)}</Banner>}
        <TextField
          id="login-username"
          label={t('login.username')}
          value={username}
          onInput={setUsername}
          autoComplete="username"
          maxLength={64}
          testId="login-username"
        />
        <TextField
          id="login-password"
          label={t('login.password')}
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          maxLength={128}
          testId="login-password"
        />
      </ActionForm>
      <DeviceAccounts />
    </main>
  );
}

/** The other users of this browser: each opens their own data with their own PIN, offline too. */
function DeviceAccounts() {
  const [accounts, setAccounts] = useState<DeviceAccount[]>([]);
  // Read again whenever the lock changes: a logout or a remote wipe removes an account.
  const lock = deviceLock.value;
  useEffect(() => {
    void listAccounts().then(setAccounts, () => undefined);
  }, [lock]);
  if (accounts.length === 0) return null;
  return (
    <section
      class="card login-card"
      aria-labelledby="device-accounts"
      data-testid="device-accounts"
    >
      <h2 id="device-accounts">{t('accounts.title')}</h2>
      <ul class="account-list">
        {accounts.map((account) => (
          <li key={account.userId}>
            <Button
              onClick={() => chooseAccount(account.userId)}
              testId={`account-${account.username}`}
            >
              {t('accounts.open', { name: account.name })}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
