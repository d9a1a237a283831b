import { useLocation } from 'preact-iso';
import { online } from '../sync/online';
import { t } from '../ui/i18n';
import { currentUser, lockNow, mayReadAdmin, mayWorkCases, profile } from './session';

/** Pages reached from the home page's villages: home stays the current section there. */
const HOME_SECTIONS = ['/villages/', '/households/', '/people/'];

function NavLink({ href, testId, label }: { href: string; testId: string; label: string }) {
  const { path } = useLocation();
  const active =
    href === '/'
      ? path === '/' || HOME_SECTIONS.some((section) => path.startsWith(section))
      : path === href || path.startsWith(`${href}/`);
  return (
    <a href={href} data-testid={testId} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );
}

/** Organization, current user, online state and the main navigation. */
export function TopBar() {
  const user = currentUser.value;
  const isOnline = online.value;
  const organization = profile.value?.organization;
  return (
    <header class="topbar">
      <div class="topbar-row">
        <a href="/" class="brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span class="brand-name">{organization?.name ?? t('app.name')}</span>
        </a>
        <span
          class={isOnline ? 'online-status is-online' : 'online-status is-offline'}
          data-testid="online-status"
          data-online={String(isOnline)}
        >
          {isOnline ? t('status.online') : t('status.offline')}
        </span>
        {user && (
          <span
            class="current-user"
            title={t('status.currentUser', { name: user.name, username: user.username })}
          >
            <span class="current-user-name">{user.name}</span>{' '}
            <span data-testid="current-user">{user.username}</span>
          </span>
        )}
        <button
          type="button"
          class="lock-button"
          onClick={() => lockNow('manual')}
          data-testid="lock-now"
          title={t('lock.now')}
        >
          {t('lock.now')}
        </button>
      </div>
      <nav class="topbar-nav" aria-label={t('nav.label')}>
        <NavLink href="/" testId="nav-home" label={t('nav.home')} />
        <NavLink href="/search" testId="nav-search" label={t('nav.search')} />
        {mayWorkCases.value && (
          <>
            <NavLink href="/work" testId="nav-work" label={t('nav.work')} />
            <NavLink href="/cases" testId="nav-cases" label={t('nav.cases')} />
            <NavLink href="/reports" testId="nav-reports" label={t('nav.reports')} />
          </>
        )}
        <NavLink href="/sync" testId="nav-sync" label={t('nav.sync')} />
        <NavLink href="/settings" testId="nav-settings" label={t('nav.settings')} />
        {mayReadAdmin.value && <NavLink href="/admin" testId="nav-admin" label={t('nav.admin')} />}
      </nav>
    </header>
  );
}
