import { useState } from 'preact/hooks';
import { unlockPlatform } from '../session/signIn';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { t } from '../ui/i18n';

/** On a device set up with its screen lock: the phone's own prompt opens the data. */
export default function LockPlatformForm({ onUsePassword }: { onUsePassword: () => void }) {
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const onUnlock = async () => {
    setBusy(true);
    try {
      setFailed(!(await unlockPlatform()).ok);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="platform-unlock">
      {failed && (
        <Banner tone="error" testId="platform-unlock-error">
          {t('platform.failed')}
        </Banner>
      )}
      <Button
        variant="primary"
        onClick={onUnlock}
        busy={busy}
        busyLabel={t('lock.unlocking')}
        testId="platform-unlock-button"
      >
        {t('lock.platform')}
      </Button>
      <Button variant="quiet" onClick={onUsePassword} testId="lock-use-password">
        {t('lock.platformUsePassword')}
      </Button>
    </div>
  );
}
