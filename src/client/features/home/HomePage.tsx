import { currentUser, profile } from '../../app/session';
import { dateTime } from '../../ui/format';
import { t } from '../../ui/i18n';

/** Greeting, organization and the user's villages (from the cached `/api/me`). */
export function HomePage() {
  const user = currentUser.value;
  const cached = profile.value;
  if (!user) return null;
  const organization = cached?.organization ?? null;
  const villages = [...(cached?.villages ?? [])].sort((a, b) => a.mooNo - b.mooNo);
  return (
    <section class="page-section" data-testid="home-page">
      <h1>{t('home.greeting', { name: user.name })}</h1>
      <p class="lead">{t('home.role', { role: t(`role.${user.role}`) })}</p>

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

      <section class="card" aria-labelledby="home-villages">
        <h2 id="home-villages">{t('home.villages')}</h2>
        <ul class="item-list" data-testid="village-list">
          {villages.map((village) => (
            <li key={village.id} class="item" data-testid={`village-${village.mooNo}`}>
              <span class="item-badge">{t('home.mooNo', { mooNo: village.mooNo })}</span>
              <span class="item-title">{village.name}</span>
            </li>
          ))}
        </ul>
        {cached && villages.length === 0 && <p class="muted">{t('home.noVillages')}</p>}
        {cached && (
          <p class="muted small">{t('home.updatedAt', { date: dateTime(cached.fetchedAt) })}</p>
        )}
      </section>
    </section>
  );
}
