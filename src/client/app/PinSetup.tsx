import { useEffect, useState } from 'preact/hooks';
import { choosePin, PIN_PATTERN } from '../security/deviceLock';
import { platformAuthenticatorAvailable } from '../security/platformKey';
import { choosePlatformUnlock } from '../security/platformUnlock';
import { ActionForm } from '../ui/ActionForm';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { PinField } from '../ui/Field';
import { t } from '../ui/i18n';
import { useAction } from '../ui/useAction';

/** PINs anyone would try first. */
export function isGuessablePin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const same = digits.every((d) => d === digits[0]);
  const step = (by: number) =>
    digits.every((d, i) => i === 0 || d === ((digits[i - 1] ?? 0) + by + 10) % 10);
  return same || step(1) || step(-1);
}

/**
 * After the first sign-in (and after a forgotten PIN): the user chooses how to open their data
 * daily — the phone's own fingerprint or screen lock where the browser offers PRF (a copied
 * profile is then useless), else a PIN.
 */
export default function PinSetup() {
  const [platform, setPlatform] = useState<'unknown' | 'offered' | 'unavailable'>('unknown');
  useEffect(() => {
    void platformAuthenticatorAvailable().then((available) => {
      if (available) setPlatform((now) => (now === 'unknown' ? 'offered' : now));
    });
  }, []);
  return (
    <main class="login" id="main">
      {platform !== 'unknown' && (
        <PlatformChoice
          unavailable={platform === 'unavailable'}
          onFail={() => setPlatform('unavailable')}
        />
      )}
      <PinChoice />
    </main>
  );
}

function PlatformChoice({ unavailable, onFail }: { unavailable: boolean; onFail: () => void }) {
  const { busy, submit } = useAction();
  const onUse = async () => {
    if (!(await submit(choosePlatformUnlock))) onFail();
  };
  return (
    <section class="card login-card" data-testid="platform-setup">
      <h1>{t('lock.platform')}</h1>
      {unavailable ? (
        <Banner tone="info" testId="platform-unavailable">
          {t('pin.platformUnavailable')}
        </Banner>
      ) : (
        <>
          <p class="muted">{t('pin.platformIntro')}</p>
          <Button
            variant="primary"
            onClick={onUse}
            busy={busy}
            busyLabel={t('pin.saving')}
            testId="platform-use"
          >
            {t('pin.platformUse')}
          </Button>
        </>
      )}
    </section>
  );
}

function PinChoice() {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const action = useAction();
  const onSubmit = () => {
    if (!PIN_PATTERN.test(pin)) return action.setError(t('lock.pinFormat'));
    if (isGuessablePin(pin)) return action.setError(t('pin.tooSimple'));
    if (pin !== again) return action.setError(t('pin.mismatch'));
    void action.submit(() => choosePin(pin));
  };
  return (
    <ActionForm
      action={action}
      onSubmit={onSubmit}
      class="card login-card"
      testId="pin-setup"
      errorTestId="pin-setup-error"
      submitLabel={t('pin.save')}
      busyLabel={t('pin.saving')}
      submitTestId="pin-save"
    >
      <h1>{t('pin.title')}</h1>
      <p class="muted">{t('pin.intro')}</p>
      <PinField id="pin-new" label={t('pin.new')} value={pin} onInput={setPin} testId="pin-new" />
      <PinField
        id="pin-confirm"
        label={t('pin.confirm')}
        value={again}
        onInput={setAgain}
        testId="pin-confirm"
      />
    </ActionForm>
  );
}
