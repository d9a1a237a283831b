import { useEffect, useState } from 'preact/hooks';
import { deviceLock } from '../../security/deviceLock';
import { platformAuthenticatorAvailable } from '../../security/platformKey';
import { choosePlatformUnlock } from '../../security/platformUnlock';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { t } from '../../ui/i18n';
import { useAction } from '../../ui/useAction';

/**
 * How this device's data is protected, said plainly: the phone's own screen lock (a copy cannot
 * be opened without the phone), or a PIN only (a copy can be opened by guessing it). Offers the
 * switch where the browser has a platform authenticator.
 */
export function ProtectionCard() {
  const lock = deviceLock.value;
  const [available, setAvailable] = useState(false);
  const { busy, error, submit } = useAction(() => t('platform.failed'));
  useEffect(() => {
    void platformAuthenticatorAvailable().then(setAvailable);
  }, []);
  if (lock.state !== 'unlocked') return null;
  const platform = Boolean(lock.account.platformKey);
  const onSwitch = () => void submit(choosePlatformUnlock);
  return (
    <section
      class="card"
      aria-labelledby="settings-protection"
      data-testid="settings-protection"
      data-protection={platform ? 'platform' : 'pin-only'}
    >
      <h2 id="settings-protection">{t('settings.protection')}</h2>
      {platform ? (
        <p>{t('settings.protectionPlatform')}</p>
      ) : (
        <Banner tone="warning" testId="settings-pin-only">
          {t('settings.protectionPinOnly')}
        </Banner>
      )}
      {error && (
        <Banner tone="error" testId="settings-protection-error">
          {error}
        </Banner>
      )}
      {available && (
        <Button
          onClick={onSwitch}
          busy={busy}
          busyLabel={t('pin.saving')}
          testId="settings-use-platform"
        >
          {t(platform ? 'settings.protectionRenewPlatform' : 'pin.platformUse')}
        </Button>
      )}
    </section>
  );
}
