import { Banner } from '../Banner';
import { LinkButton } from '../Button';
import { t } from '../i18n';

/** A record page while its record is read from the device. */
export function RecordLoading() {
  return (
    <p class="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/** A record page whose record is not on this device: why, and the way home. */
export function RecordMissing({ message, testId }: { message: string; testId: string }) {
  return (
    <section class="page-section" data-testid={testId}>
      <Banner tone="warning">{message}</Banner>
      <LinkButton href="/">{t('notFound.home')}</LinkButton>
    </section>
  );
}
