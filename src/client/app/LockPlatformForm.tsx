import { unlockPlatform } from '../session/signIn';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { t } from '../ui/i18n';
import { useAction } from '../ui/useAction';

/** On a device set up with its screen lock: the phone's own prompt opens the data. */
export default function LockPlatformForm({ onUsePassword }: { onUsePassword: () => void }) {
  const { busy, error, setError, submit } = useAction(() => t('platform.failed'));
  const onUnlock = () =>
    void submit(async () => {
      if (!(await unlockPlatform()).ok) setError(t('platform.failed'));
    });
  return (
    <div data-testid="platform-unlock">
      {error && (
        <Banner tone="error" testId="platform-unlock-error">
          {error}
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
