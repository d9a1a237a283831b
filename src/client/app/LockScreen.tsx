import { useState } from 'preact/hooks';
import { lazy } from 'preact-iso';
import type { DeviceAccount } from '../security/accounts';
import { type LockReason, MAX_PIN_FAILURES, PIN_PATTERN } from '../security/deviceLock';
import { switchUser } from '../session/end';
import { unlockPin } from '../session/signIn';
import { ActionForm } from '../ui/ActionForm';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { PinField } from '../ui/Field';
import { t } from '../ui/i18n';
import { useAction } from '../ui/useAction';

/** Asked only after a forgotten PIN: loaded then (from the precache when offline). */
const PasswordForm = lazy(() => import('./LockPasswordForm'));
/** Only on a device set up with its own screen lock. */
const PlatformForm = lazy(() => import('./LockPlatformForm'));

/**
 * The lock: the PIN opens this user's data; after 5 wrong PINs, or on request, the password
 * does (offline too, slower after each wrong try). Nothing stored is touched by a lock-out.
 */
export function LockScreen({ account, reason }: { account: DeviceAccount; reason: LockReason }) {
  const platform = Boolean(account.platformKey);
  const pinLockedOut = !platform && (account.pinFailures >= MAX_PIN_FAILURES || !account.pinKey);
  const [usePassword, setUsePassword] = useState(false);
  const daily = platform ? (
    <PlatformForm onUsePassword={() => setUsePassword(true)} />
  ) : (
    <PinForm account={account} onUsePassword={() => setUsePassword(true)} />
  );
  return (
    <main class="login" id="main">
      <section class="card login-card" data-testid="lock-screen">
        <div class="login-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <h1>{t('lock.title')}</h1>
        </div>
        <p class="muted">
          {t(platform ? 'lock.introPlatform' : 'lock.intro', { name: account.name })}
        </p>
        {(reason === 'idle' || reason === 'password-changed') && (
          <Banner tone="info" testId="lock-reason">
            {t(`lock.reason.${reason}`)}
          </Banner>
        )}
        {pinLockedOut || usePassword ? (
          <PasswordForm account={account} pinLockedOut={pinLockedOut} />
        ) : (
          daily
        )}
        <Button variant="secondary" onClick={switchUser} testId="lock-switch-user">
          {t('lock.switchUser')}
        </Button>
      </section>
    </main>
  );
}

function PinForm({
  account,
  onUsePassword,
}: {
  account: DeviceAccount;
  onUsePassword: () => void;
}) {
  const [pin, setPin] = useState('');
  const action = useAction();
  const onSubmit = async () => {
    if (!PIN_PATTERN.test(pin)) return action.setError(t('lock.pinFormat'));
    await action.submit(async () => {
      const result = await unlockPin(pin);
      if (!result.ok && !result.passwordRequired) {
        action.setError(t('lock.wrongPin', { left: MAX_PIN_FAILURES - result.failures }));
      }
    });
    setPin('');
  };
  return (
    <ActionForm
      action={action}
      onSubmit={() => void onSubmit()}
      testId="pin-form"
      data={{ 'data-failures': account.pinFailures }}
      errorTestId="pin-error"
      submitLabel={t('lock.unlock')}
      busyLabel={t('lock.unlocking')}
      submitTestId="pin-submit"
      footer={
        <>
          {/* Tries left from an earlier visit; right after a wrong PIN the error says it. */}
          {!action.error && account.pinFailures > 0 && (
            <p class="muted">
              {t('lock.wrongPin', { left: MAX_PIN_FAILURES - account.pinFailures })}
            </p>
          )}
          <Button variant="quiet" onClick={onUsePassword} testId="lock-use-password">
            {t('lock.usePassword')}
          </Button>
        </>
      }
    >
      <PinField
        id="lock-pin"
        label={t('lock.pin')}
        value={pin}
        onInput={setPin}
        testId="pin-input"
      />
    </ActionForm>
  );
}
