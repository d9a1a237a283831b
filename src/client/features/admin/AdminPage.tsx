import { useEffect, useRef } from 'preact/hooks';
import { isAdmin } from '../../session/roles';
import { Banner } from '../../ui/Banner';
import { t } from '../../ui/i18n';
import { AuditPanel } from './AuditPanel';
import { BackupsPanel } from './BackupsPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { DevicesPanel } from './DevicesPanel';
import { PrivacyRequestsPanel } from './PrivacyRequestsPanel';
import { QuarantinePanel } from './QuarantinePanel';
import { UsersPanel } from './UsersPanel';
import { VillagesPanel } from './VillagesPanel';

const SECTIONS = [
  'users',
  'villages',
  'devices',
  'quarantine',
  'conflicts',
  'privacy',
  'audit',
  'backups',
] as const;
/** The sections where supervisors act (the rest they only read). */
const REVIEW: readonly Section[] = ['quarantine', 'conflicts', 'privacy'];
/** Sections only admins see (`canReadAudit`). */
const ADMIN_ONLY: readonly Section[] = ['audit', 'backups'];
type Section = (typeof SECTIONS)[number];

function isSection(value: string | undefined): value is Section {
  return (SECTIONS as readonly (string | undefined)[]).includes(value);
}

/**
 * /admin/users, /admin/villages, /admin/devices, and the review of sync: /admin/quarantine,
 * /admin/conflicts, the PDPA requests (/admin/privacy) and, for admins, the audit log
 * (/admin/audit) and backups (/admin/backups) (lazy chunk; admin and supervisor).
 */
export default function AdminPage({ section }: { section?: string | undefined }) {
  const visible = SECTIONS.filter((name) => isAdmin.value || !ADMIN_ONLY.includes(name));
  const current: Section = isSection(section) && visible.includes(section) ? section : 'users';
  const currentTab = useRef<HTMLAnchorElement>(null);
  // The tabs scroll sideways on a phone: keep the open one in sight.
  useEffect(() => {
    currentTab.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <section class="page-section page-wide" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      <nav class="tabs" aria-label={t('admin.sections')}>
        {visible.map((name) => (
          <a
            key={name}
            ref={name === current ? currentTab : undefined}
            href={`/admin/${name}`}
            class="tab"
            aria-current={name === current ? 'page' : undefined}
            data-testid={`admin-${name}`}
          >
            {t(`admin.${name}`)}
          </a>
        ))}
      </nav>
      {!isAdmin.value && !REVIEW.includes(current) && (
        <Banner tone="info">{t('admin.readOnly')}</Banner>
      )}
      {current === 'users' && <UsersPanel />}
      {current === 'villages' && <VillagesPanel />}
      {current === 'devices' && <DevicesPanel />}
      {current === 'quarantine' && <QuarantinePanel />}
      {current === 'conflicts' && <ConflictsPanel />}
      {current === 'privacy' && <PrivacyRequestsPanel />}
      {current === 'audit' && <AuditPanel />}
      {current === 'backups' && <BackupsPanel />}
    </section>
  );
}
