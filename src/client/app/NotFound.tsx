import { LinkButton } from '../ui/Button';
import { t } from '../ui/i18n';

export function NotFound() {
  return (
    <section class="page-section" data-testid="not-found-page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <LinkButton href="/" variant="primary">
        {t('notFound.home')}
      </LinkButton>
    </section>
  );
}

export function Forbidden() {
  return (
    <section class="page-section" data-testid="forbidden-page">
      <h1>{t('forbidden.title')}</h1>
      <LinkButton href="/" variant="primary">
        {t('notFound.home')}
      </LinkButton>
    </section>
  );
}
