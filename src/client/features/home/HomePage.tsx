import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Village } from '../../../shared/model/organization';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import type { VillageOverview } from '../../records/villageOverview';
import { isAdmin } from '../../session/roles';
import { currentUser, profile } from '../../session/state';
import { dateTime, numberText } from '../../ui/format';
import { t } from '../../ui/i18n';
import { useLiveQuery } from '../../ui/useLiveQuery';

const NO_OVERVIEWS: Record<string, VillageOverview> = {};

type HouseholdQueries = typeof import('../../records/villageOverview');
let householdQueries: Promise<HouseholdQueries> | null = null;

/**
 * The counting code (records, welfare rules) as a lazy chunk, ~4.5 KB gzip: the home page is
 * the first paint and must stay within the first-load budget (docs/architecture.md §7).
 */
function useHouseholdQueries(): HouseholdQueries | null {
  const [queries, setQueries] = useState<HouseholdQueries | null>(null);
  useEffect(() => {
    let mounted = true;
    householdQueries ??= import('../../records/villageOverview');
    void householdQueries.then((loaded) => mounted && setQueries(loaded));
    return () => {
      mounted = false;
    };
  }, []);
  return queries;
}

/**
 * Admins' notices (no recent good backup), loaded only for admins: the admin feature's code
 * and zod stay out of everyone's first load.
 */
function AdminNotices() {
  const [Notice, setNotice] = useState<ComponentType | null>(null);
  const admin = isAdmin.value;
  useEffect(() => {
    if (!admin) return;
    let mounted = true;
    void import('../admin/public').then(
      (loaded) => mounted && setNotice(() => loaded.BackupWarning),
    );
    return () => {
      mounted = false;
    };
  }, [admin]);
  return admin && Notice ? <Notice /> : null;
}

/** What this device holds for a village: households, people and what needs attention. */
function VillageCounts({ overview }: { overview: VillageOverview | undefined }) {
  if (!overview) return null;
  if (overview.households === 0) {
    return <span class="muted small">{t('hh.home.empty')}</span>;
  }
  const count = (value: number) => ({ count: numberText(value) });
  return (
    <span class="village-counts small" data-testid="village-counts">
      <span data-count="households">{t('hh.home.households', count(overview.households))}</span>
      <span data-count="people">{t('hh.home.people', count(overview.people))}</span>
      <span data-count="elderly">{t('hh.home.elderly', count(overview.elderly))}</span>
      <span data-count="bedridden">{t('hh.home.bedridden', count(overview.bedridden))}</span>
      {overview.missingData > 0 && (
        <span data-count="missing" class="village-count-warn">
          {t('hh.home.missing', count(overview.missingData))}
        </span>
      )}
      {overview.waiting > 0 && (
        <span data-count="waiting">{t('hh.home.waiting', count(overview.waiting))}</span>
      )}
    </span>
  );
}

function VillageItem({ village, overview }: { village: Village; overview?: VillageOverview }) {
  return (
    <li class="item" data-testid={`village-${village.mooNo}`}>
      <a class="village-link" href={`/villages/${village.id}`}>
        <span class="item-badge">{t('home.mooNo', { mooNo: village.mooNo })}</span>
        <span class="item-title">
          <span class="village-name">{village.name}</span>
          <VillageCounts overview={overview} />
        </span>
      </a>
    </li>
  );
}

/**
 * Greeting, search, the user's villages (from the cached `/api/me`) with what this device holds
 * for each, and the organization.
 */
export function HomePage() {
  const user = currentUser.value;
  const cached = profile.value;
  const organization = cached?.organization ?? null;
  const villages = [...(cached?.villages ?? [])].sort((a, b) => a.mooNo - b.mooNo);
  const villageIds = villages.map((village) => village.id);
  const queries = useHouseholdQueries();
  const overviews = useLiveQuery(
    async () =>
      queries ? queries.loadVillageOverviews(db(), villageIds, bangkokDate()) : NO_OVERVIEWS,
    [villageIds.join(), queries],
    NO_OVERVIEWS,
  );
  if (!user) return null;
  return (
    <section class="page-section" data-testid="home-page">
      <h1>{t('home.greeting', { name: user.name })}</h1>
      <p class="lead">{t('home.role', { role: t(`role.${user.role}`) })}</p>
      <AdminNotices />

      <a class="home-search" href="/search" data-testid="home-search">
        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" class="home-search-icon">
          <circle cx="10" cy="10" r="6.5" />
          <path d="M15 15l6 6" />
        </svg>
        {t('hh.home.search')}
      </a>

      <section class="card" aria-labelledby="home-villages">
        <h2 id="home-villages">{t('home.villages')}</h2>
        <ul class="item-list" data-testid="village-list">
          {villages.map((village) => (
            <VillageItem key={village.id} village={village} overview={overviews[village.id]} />
          ))}
        </ul>
        {cached && villages.length === 0 && <p class="muted">{t('home.noVillages')}</p>}
        {cached && (
          <p class="muted small">{t('home.updatedAt', { date: dateTime(cached.fetchedAt) })}</p>
        )}
      </section>

      <section class="card" aria-labelledby="home-organization">
        <h2 id="home-organization">{t('home.organization')}</h2>
        {organization ? (
          <>
            <p class="organization-name" data-testid="organization-name">
              {organization.name}
            </p>
            <p class="muted">
              {t('home.organizationAddress', {
                subdistrict: organization.subdistrictNameTh,
                district: organization.districtNameTh,
                province: organization.provinceNameTh,
              })}
            </p>
          </>
        ) : (
          <p class="muted">{t('home.profileMissing')}</p>
        )}
      </section>
    </section>
  );
}
