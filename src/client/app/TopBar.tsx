import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { online } from '../api/online';
import { useOpenConflictCount } from '../features/sync/openConflicts';
import { lockNow } from '../session/end';
import { mayReadAdmin, mayWorkCases } from '../session/roles';
import { currentUser, profile } from '../session/state';
import { t } from '../ui/i18n';

/** Pages reached from the home page's villages: home stays the current section there. */
const HOME_SECTIONS = ['/villages/', '/households/', '/people/'];

function NavLink({
  href,
  testId,
  label,
  count = 0,
  countLabel,
  layout = 0,
}: {
  href: string;
  testId: string;
  label: string;
  count?: number;
  countLabel?: string;
  /** Changes when the menu's widths change (a count appears), to bring the item back in sight. */
  layout?: number;
}) {
  const { path } = useLocation();
  const active =
    href === '/'
      ? path === '/' || HOME_SECTIONS.some((section) => path.startsWith(section))
      : path === href || path.startsWith(`${href}/`);
  const link = useRef<HTMLAnchorElement>(null);
  // The menu scrolls sideways on a phone: keep the current page's item in sight.
  useEffect(() => {
    if (active) link.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [active, layout]);
  return (
    <a ref={link} href={href} data-testid={testId} aria-current={active ? 'page' : undefined}>
      {label}
      {count > 0 && (
        <span class="nav-count" data-testid={`${testId}-count`} title={countLabel}>
          <span aria-hidden="true">{count}</span>
          <span class="visually-hidden">{countLabel}</span>
        </span>
      )}
    </a>
  );
}

/** Organization, current user, online state and the main navigation. */
export function TopBar() {
  const user = currentUser.value;
  const isOnline = online.value;
  const organization = profile.value?.organization;
  const conflicts = useOpenConflictCount(user?.id);
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
          aria-label={t('lock.now')}
        >
          <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 5a3 3 0 0 1 6 0v3H9V7Zm3 7a2 2 0 0 1 1 3.7V19h-2v-1.3A2 2 0 0 1 12 14Z"
            />
          </svg>
          <span class="lock-label">{t('lock.now')}</span>
        </button>
      </div>
      <nav class="topbar-nav" aria-label={t('nav.label')}>
        <NavLink href="/" testId="nav-home" label={t('nav.home')} />
        <NavLink href="/search" testId="nav-search" label={t('nav.search')} />
        <NavLink href="/map" testId="nav-map" label={t('nav.map')} />
        {mayWorkCases.value && (
          <>
            <NavLink href="/work" testId="nav-work" label={t('nav.work')} />
            <NavLink href="/cases" testId="nav-cases" label={t('nav.cases')} />
            <NavLink href="/reports" testId="nav-reports" label={t('nav.reports')} />
          </>
        )}
        <NavLink
          href="/sync"
          testId="nav-sync"
          label={t('nav.sync')}
          count={conflicts}
          countLabel={t('conflicts.badge', { count: conflicts })}
          layout={conflicts}
        />
        <NavLink
          href="/settings"
          testId="nav-settings"
          label={t('nav.settings')}
          layout={conflicts}
        />
        {mayReadAdmin.value && (
          <>
            <NavLink
              href="/import"
              testId="nav-import"
              label={t('nav.import')}
              layout={conflicts}
            />
            <NavLink href="/admin" testId="nav-admin" label={t('nav.admin')} layout={conflicts} />
          </>
        )}
      </nav>
    </header>
  );
}
