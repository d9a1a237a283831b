import { useEffect, useState } from 'preact/hooks';
import { ErrorBoundary, lazy } from 'preact-iso';
import { appVersion, buildId } from '../../app/version';
import { getClientId } from '../../db/meta';
import { switchUser } from '../../session/end';
import { currentUser } from '../../session/state';
import { Button } from '../../ui/Button';
import { LANGUAGES, language, setLanguage, t } from '../../ui/i18n';
import { LogoutButton } from './LogoutButton';
import { ProtectionCard } from './ProtectionCard';
import { StorageCard } from './StorageCard';

/** Its own chunk: the form brings zod (the shared schema), which the first load does without. */
const ChangePasswordForm = lazy(() => import('./ChangePasswordForm'));

function LanguageCard() {
  return (
    <section class="card" aria-labelledby="settings-language">
      <fieldset class="segmented">
        <legend id="settings-language">{t('settings.language')}</legend>
        {LANGUAGES.map((code) => (
          <label key={code} class="segmented-option">
            <input
              type="radio"
              name="language"
              value={code}
              checked={language.value === code}
              onChange={() => setLanguage(code)}
              data-testid={`language-${code}`}
            />
            <span lang={code}>{t(`language.${code}`)}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function AccountCard() {
  const user = currentUser.value;
  if (!user) return null;
  return (
    <section class="card" aria-labelledby="settings-account">
      <h2 id="settings-account">{t('settings.account')}</h2>
      <p>
        {user.name} ({user.username}) · {t(`role.${user.role}`)}
      </p>
      <ErrorBoundary>
        <ChangePasswordForm />
      </ErrorBoundary>
      <div class="actions">
        <Button onClick={switchUser} testId="switch-user">
          {t('lock.switchUser')}
        </Button>
        <LogoutButton />
      </div>
    </section>
  );
}

function AboutCard() {
  const [clientId, setClientId] = useState<string | null>(null);
  useEffect(() => {
    void getClientId().then(setClientId, () => undefined);
  }, []);
  return (
    <section class="card" aria-labelledby="settings-about">
      <h2 id="settings-about">{t('settings.about')}</h2>
      <dl class="facts">
        <dt>{t('settings.version')}</dt>
        <dd>{appVersion}</dd>
        <dt>{t('settings.buildId')}</dt>
        <dd data-testid="settings-build-id">{buildId}</dd>
        <dt>{t('settings.clientId')}</dt>
        {clientId ? (
          <dd class="mono" data-testid="settings-client-id">
            {clientId}
          </dd>
        ) : (
          <dd>{t('common.none')}</dd>
        )}
      </dl>
    </section>
  );
}

export default function SettingsPage() {
  return (
    <section class="page-section" data-testid="settings-page">
      <h1>{t('settings.title')}</h1>
      <LanguageCard />
      <AccountCard />
      <ProtectionCard />
      <StorageCard />
      <AboutCard />
    </section>
  );
}
