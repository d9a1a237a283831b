import { Button } from '../ui/Button';
import { t } from '../ui/i18n';
import { acceptUpdate, updateState } from './update';

/** "A new version is available — reload", deferred while a form holds unsaved input. */
export function UpdateBanner() {
  const { phase } = updateState.value;
  if (phase === 'none') return null;
  return (
    <div class="update-banner" role="status" data-testid="update-banner">
      <div class="update-banner-inner">
        <strong>{t('update.available')}</strong>
        {phase === 'available' && (
          <Button variant="primary" onClick={acceptUpdate} testId="update-accept">
            {t('update.accept')}
          </Button>
        )}
        {phase === 'deferred' && <span data-testid="update-deferred">{t('update.deferred')}</span>}
        {phase === 'applying' && <span>{t('update.applying')}</span>}
      </div>
    </div>
  );
}
