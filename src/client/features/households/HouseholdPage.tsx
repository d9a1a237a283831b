import { mayOpenCase } from '../../../shared/rules/caseStatus';
import { surveyRound } from '../../../shared/rules/personProfile';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import type { MemberRow } from '../../records/householdRows';
import type { HouseholdView, PersonView } from '../../records/people';
import { currentUser, profile } from '../../session/state';
import { Banner } from '../../ui/Banner';
import { LinkButton } from '../../ui/Button';
import { date } from '../../ui/format';
import { t } from '../../ui/i18n';
import { fieldLabel } from '../../ui/i18n/recordText';
import { PhotoList } from '../../ui/Photo';
import { PersonBadges, Unsynced } from '../../ui/record/Badges';
import { Fact, maybe } from '../../ui/record/Fact';
import {
  bahtText,
  houseCodeText,
  landText,
  memberStatusText,
  missingText,
  numberText,
  personName,
  yesNo,
} from '../../ui/record/labels';
import { RecordLoading, RecordMissing } from '../../ui/record/RecordPageStatus';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { ConflictBadge } from '../sync/public';
import { HouseMap } from './HouseMap';
import { type HouseholdDetail, loadHouseholdDetail } from './householdQueries';
import { MemberActions } from './MemberActions';

function SummaryCard({
  household,
  villageName,
}: {
  household: HouseholdView;
  villageName: string;
}) {
  const f = household.fields;
  const user = currentUser.value;
  const surveyor =
    f.surveyorId && user && f.surveyorId === user.id
      ? t('hh.page.surveyorYou', { name: user.name })
      : t('hh.page.surveyorOther');
  return (
    <section class="card" aria-labelledby="hh-summary">
      <h2 id="hh-summary">{t('hh.page.summary')}</h2>
      <dl class="facts hh-facts">
        <Fact view={household} field="houseNo" label={t('hh.page.address')}>
          {t('hh.page.addressLine', {
            houseNo: f.houseNo ?? '',
            mooNo: f.mooNo ?? '',
            villageName,
          })}
          {f.soi && ` ${fieldLabel('household', 'soi')} ${f.soi}`}
          {f.road && ` ${fieldLabel('household', 'road')} ${f.road}`}
          {f.postalCode && ` ${f.postalCode}`}
        </Fact>
        <Fact view={household} field="houseCode" label={fieldLabel('household', 'houseCode')}>
          {f.houseCode && <span class="mono">{houseCodeText(f.houseCode)}</span>}
        </Fact>
        <Fact view={household} field="surveyDate" label={fieldLabel('household', 'surveyDate')}>
          {f.surveyDate && (
            <>
              {date(f.surveyDate)}
              <br />
              <span class="muted small" data-testid="survey-round">
                {t('hh.page.surveyRound', { year: surveyRound(f.surveyDate) })}
              </span>
            </>
          )}
        </Fact>
        <Fact view={household} field="surveyorId" label={fieldLabel('household', 'surveyorId')}>
          {f.surveyorId && surveyor}
        </Fact>
        <Fact
          view={household}
          field="privacyNoticeGiven"
          label={fieldLabel('household', 'privacyNoticeGiven')}
        >
          {f.privacyNoticeGiven === undefined
            ? undefined
            : f.privacyNoticeGiven
              ? t('hh.value.given')
              : t('hh.value.notGiven')}
        </Fact>
        <Fact view={household} field="tenure" label={fieldLabel('household', 'tenure')}>
          {maybe(f.tenure, (v) => t(`hh.tenure.${v}`))}
        </Fact>
        <Fact view={household} field="landDocType" label={fieldLabel('household', 'landDocType')}>
          {maybe(f.landDocType, (v) => t(`hh.landDocType.${v}`))}
        </Fact>
        <Fact
          view={household}
          field="inForestReserve"
          label={fieldLabel('household', 'inForestReserve')}
        >
          {maybe(f.inForestReserve, yesNo)}
        </Fact>
        {f.taxParcelCode && (
          <Fact
            view={household}
            field="taxParcelCode"
            label={fieldLabel('household', 'taxParcelCode')}
          >
            <span class="mono">{f.taxParcelCode}</span>
          </Fact>
        )}
      </dl>
    </section>
  );
}

function LivingCard({ household }: { household: HouseholdView }) {
  const f = household.fields;
  return (
    <section class="card" aria-labelledby="hh-living">
      <h2 id="hh-living">{t('hh.page.living')}</h2>
      <dl class="facts hh-facts">
        <Fact
          view={household}
          field="houseCondition"
          label={fieldLabel('household', 'houseCondition')}
        >
          {maybe(f.houseCondition, (v) => t(`hh.houseCondition.${v}`))}
        </Fact>
        <Fact
          view={household}
          field="drinkingWater"
          label={fieldLabel('household', 'drinkingWater')}
        >
          {maybe(f.drinkingWater, (v) => t(`hh.drinkingWater.${v}`))}
        </Fact>
        <Fact view={household} field="toilet" label={fieldLabel('household', 'toilet')}>
          {maybe(f.toilet, yesNo)}
        </Fact>
        <Fact view={household} field="electricity" label={fieldLabel('household', 'electricity')}>
          {maybe(f.electricity, (v) => t(`hh.electricity.${v}`))}
        </Fact>
        <Fact
          view={household}
          field="wasteDisposal"
          label={fieldLabel('household', 'wasteDisposal')}
        >
          {maybe(f.wasteDisposal, (v) => t(`hh.wasteDisposal.${v}`))}
        </Fact>
      </dl>
    </section>
  );
}

function IncomeCard({ household, members }: { household: HouseholdView; members: MemberRow[] }) {
  const f = household.fields;
  const active = members.filter((member) => member.profile.active);
  const reported = active.filter((member) => member.person.fields.incomeMonthlyTHB !== undefined);
  const income = reported.reduce((sum, m) => sum + (m.person.fields.incomeMonthlyTHB ?? 0), 0);
  const welfareCards = active.filter((m) => m.person.fields.stateWelfareCard === true).length;
  return (
    <section class="card" aria-labelledby="hh-income">
      <h2 id="hh-income">{t('hh.page.income')}</h2>
      <dl class="facts hh-facts">
        <dt>{t('hh.page.incomeTotal')}</dt>
        <dd data-testid="household-income">
          {reported.length > 0 ? bahtText(income) : t('hh.value.unknown')}
        </dd>
        <Fact
          view={household}
          field="householdDebtTHB"
          label={fieldLabel('household', 'householdDebtTHB')}
        >
          {maybe(f.householdDebtTHB, bahtText)}
        </Fact>
        <Fact
          view={household}
          field="farmLandSqWah"
          label={fieldLabel('household', 'farmLandSqWah')}
        >
          {maybe(f.farmLandSqWah, landText)}
        </Fact>
        <dt>{t('hh.page.welfareCards')}</dt>
        <dd>{t('hh.page.peopleCount', { count: numberText(welfareCards) })}</dd>
      </dl>
    </section>
  );
}

function PhotosCard({ household }: { household: HouseholdView }) {
  const photos = household.fields.photos ?? [];
  return (
    <section class="card" aria-labelledby="hh-photos">
      <h2 id="hh-photos">
        {fieldLabel('household', 'photos')} <Unsynced view={household} field="photos" />
      </h2>
      {photos.length === 0 ? (
        <p class="muted">{t('hh.page.noPhotos')}</p>
      ) : (
        <PhotoList photos={photos} />
      )}
    </section>
  );
}

function MemberLine({ person, age }: { person: PersonView; age: number | null }) {
  const f = person.fields;
  const status = f.memberStatus ?? 'active';
  return (
    <span class="hh-member-line">
      <a href={`/people/${person.id}`} class="hh-member-name">
        {personName(person)}
      </a>
      <span class="muted small">
        {[
          age === null ? null : t('hh.value.age', { age }),
          f.relationToHead ? t(`hh.relation.${f.relationToHead}`) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
      {status !== 'active' && (
        <span class="hh-member-status" data-testid="member-status" data-status={status}>
          {memberStatusText(status, f.memberStatusDate)}
        </span>
      )}
    </span>
  );
}

function MemberItem({ member }: { member: MemberRow }) {
  const { person, profile: derived } = member;
  return (
    <li
      class={derived.active ? 'hh-member' : 'hh-member hh-member-former'}
      data-testid={`member-row-${person.id}`}
      data-status={person.fields.memberStatus ?? 'active'}
    >
      <MemberLine person={person} age={derived.age} />
      <PersonBadges person={person} profile={derived} />
      <MemberActions person={person} showProfileLink />
    </li>
  );
}

function MembersCard({ detail }: { detail: HouseholdDetail }) {
  const { members } = detail.row;
  const current = members.filter((member) => member.profile.active);
  const former = members.filter((member) => !member.profile.active);
  return (
    <section class="card" aria-labelledby="hh-members" data-testid="member-list">
      <div class="section-head">
        <h2 id="hh-members">
          {t('hh.page.members')} ({numberText(current.length)})
        </h2>
        <LinkButton
          href={`/households/${detail.row.household.id}/members/new`}
          variant="primary"
          testId="member-add"
        >
          {t('hh.page.addMember')}
        </LinkButton>
      </div>
      {current.length === 0 && <p class="muted">{t('hh.page.noMembers')}</p>}
      <ul class="hh-members">
        {current.map((member) => (
          <MemberItem key={member.person.id} member={member} />
        ))}
      </ul>
      {former.length > 0 && (
        <>
          <h3>{t('hh.page.formerMembers')}</h3>
          <ul class="hh-members" data-testid="former-members">
            {former.map((member) => (
              <MemberItem key={member.person.id} member={member} />
            ))}
          </ul>
        </>
      )}
      {detail.removed.length > 0 && (
        <details class="hh-removed" data-testid="removed-members">
          <summary>
            {t('hh.page.removedMembers')} ({numberText(detail.removed.length)})
          </summary>
          <p class="muted small">{t('hh.page.removedHint')}</p>
          <ul class="hh-members">
            {detail.removed.map((person) => (
              <li
                key={person.id}
                class="hh-member hh-member-former"
                data-testid={`removed-row-${person.id}`}
              >
                <span class="hh-member-line">
                  <span class="hh-member-name">{personName(person)}</span>
                </span>
                <MemberActions person={person} removed />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/**
 * `/households/:householdId`: the household, its members (with history), photos and location.
 * Opened from the map (`?from=map`), its back link returns to the map, else to the village list.
 */
export function HouseholdPage({
  householdId,
  query,
}: {
  householdId: string;
  /** The URL's query, as the router gives it. */
  query?: Record<string, string> | undefined;
}) {
  const detail = useLiveQuery(
    async () => loadHouseholdDetail(db(), householdId, bangkokDate()),
    [householdId],
    undefined as HouseholdDetail | null | undefined,
  );
  if (detail === undefined) return <RecordLoading />;
  if (detail === null) {
    return <RecordMissing message={t('hh.page.notFound')} testId="household-page-missing" />;
  }
  const { household } = detail.row;
  const village = profile.value?.villages.find((v) => v.id === household.villageId);
  const missing = detail.row.householdMissing;
  return (
    <section class="page-section hh-page" data-testid="household-page">
      <p>
        {query?.from === 'map' ? (
          <a href="/map" data-testid="household-back">
            ← {t('hh.page.backToMap')}
          </a>
        ) : (
          <a href={`/villages/${household.villageId}`} data-testid="household-back">
            ← {t('hh.page.back')}
          </a>
        )}
      </p>
      <h1>
        {t('hh.page.title', { houseNo: household.fields.houseNo ?? '' })}
        {village && (
          <span class="hh-title-village">
            {' '}
            {t('home.mooNo', { mooNo: village.mooNo })} {village.name}
          </span>
        )}
      </h1>
      <ConflictBadge recordId={household.id} />
      <div class="actions hh-page-actions">
        <LinkButton href={`/households/${household.id}/edit`} testId="household-edit">
          {t('hh.page.edit')}
        </LinkButton>
        <LinkButton href={`/map?household=${household.id}`} testId="household-map">
          {t('map.showOnMap')}
        </LinkButton>
        {currentUser.value && mayOpenCase(currentUser.value.role) && (
          <LinkButton href={`/cases/new?householdId=${household.id}`} testId="household-open-case">
            {t('caseForm.openCase')}
          </LinkButton>
        )}
      </div>
      {missing.length > 0 && (
        <Banner tone="warning" testId="household-missing">
          {t('hh.page.missing', { fields: missingText(missing) })}
        </Banner>
      )}
      <MembersCard detail={detail} />
      <SummaryCard household={household} villageName={village?.name ?? ''} />
      <HouseMap
        household={household}
        neighbours={detail.neighbours}
        mooNo={household.fields.mooNo ?? village?.mooNo ?? ''}
      />
      <LivingCard household={household} />
      <IncomeCard household={household} members={detail.row.members} />
      <PhotosCard household={household} />
    </section>
  );
}

export default HouseholdPage;
