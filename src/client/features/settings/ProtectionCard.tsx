import { useEffect, useState } from 'preact/hooks';
import { deviceLock } from '../../security/deviceLock';
import { platformAuthenticatorAvailable } from '../../security/platformKey';
import { choosePlatformUnlock } from '../../security/platformUnlock';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { t } from '../../ui/i18n';

/**
 * How this device's data is protected, said plainly: the phone's own screen lock (a copy cannot
 * be opened without the phone), or a PIN only (a copy can be opened by guessing it). Offers the
 * switch where the browser has a platform authenticator.
 */
export function ProtectionCard() {
  const lock = deviceLock.value;
  const [available, setAvailable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void platformAuthenticatorAvailable().then(setAvailable);
  }, []);
  if (lock.state !== 'unlocked') return null;
  const platform = Boolean(lock.account.platformKey);
  const onSwitch = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await choosePlatformUnlock();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
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
      {failed && (
        <Banner tone="error" testId="settings-protection-error">
          {t('platform.failed')}
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
