import { useState } from 'preact/hooks';
import { DEPENDENCY_GROUP_CODE } from '../../../shared/rules/adl';
import { mayOpenCase } from '../../../shared/rules/caseStatus';
import { type PersonProfile, personProfile } from '../../../shared/rules/personProfile';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import { logSensitiveView } from '../../privacy/deviceEvents';
import {
  consentText,
  mayRevealNationalId,
  nationalIdText,
  noticeText,
  useSensitiveViewLog,
} from '../../privacy/personPrivacy';
import type { PersonView } from '../../records/people';
import { currentUser } from '../../session/state';
import { Banner } from '../../ui/Banner';
import { Button, LinkButton } from '../../ui/Button';
import { t } from '../../ui/i18n';
import { fieldLabel } from '../../ui/i18n/recordText';
import { PersonBadges } from '../../ui/record/Badges';
import { Fact, maybe } from '../../ui/record/Fact';
import {
  bahtText,
  birthDateText,
  memberStatusText,
  missingText,
  numberText,
  personName,
  yesNo,
} from '../../ui/record/labels';
import { RecordLoading, RecordMissing } from '../../ui/record/RecordPageStatus';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { ConflictBadge } from '../sync/public';
import { loadPersonDetail, type PersonDetail } from './householdQueries';
import { MemberActions } from './MemberActions';

function PersonalCard({ person, derived }: { person: PersonView; derived: PersonProfile }) {
  const f = person.fields;
  return (
    <section class="card" aria-labelledby="person-profile">
      <h2 id="person-profile">{t('hh.person.profile')}</h2>
      <dl class="facts hh-facts">
        <Fact view={person} field="nationalId" label={fieldLabel('person', 'nationalId')}>
          {f.nationalId && <NationalId person={person} nationalId={f.nationalId} />}
        </Fact>
        <Fact view={person} field="birthDate" label={fieldLabel('person', 'birthDate')}>
          {f.birthDate && birthDateText(f.birthDate, f.birthDatePrecision)}
        </Fact>
        <dt>{t('hh.field.age')}</dt>
        <dd data-testid="person-age">
          {derived.age === null ? t('hh.value.unknown') : t('hh.value.age', { age: derived.age })}
        </dd>
        <Fact view={person} field="sex" label={fieldLabel('person', 'sex')}>
          {maybe(f.sex, (v) => t(`hh.sex.${v}`))}
        </Fact>
        <Fact view={person} field="relationToHead" label={fieldLabel('person', 'relationToHead')}>
          {maybe(f.relationToHead, (v) => t(`hh.relation.${v}`))}
        </Fact>
        <Fact view={person} field="residesActually" label={fieldLabel('person', 'residesActually')}>
          {maybe(f.residesActually, yesNo)}
        </Fact>
        <Fact view={person} field="education" label={fieldLabel('person', 'education')}>
          {maybe(f.education, (v) => t(`hh.education.${v}`))}
        </Fact>
        <Fact view={person} field="occupation" label={fieldLabel('person', 'occupation')}>
          {maybe(f.occupation, (v) => t(`hh.occupation.${v}`))}
        </Fact>
        <Fact
          view={person}
          field="incomeMonthlyTHB"
          label={fieldLabel('person', 'incomeMonthlyTHB')}
        >
          {maybe(f.incomeMonthlyTHB, bahtText)}
        </Fact>
        <Fact
          view={person}
          field="stateWelfareCard"
          label={fieldLabel('person', 'stateWelfareCard')}
        >
          {maybe(f.stateWelfareCard, yesNo)}
        </Fact>
      </dl>
    </section>
  );
}

/**
 * Masked for everyone at first; roles that need the whole number reveal it with a tap, which is
 * logged as a view of the person's sensitive data (once per opening of the page).
 */
function NationalId({ person, nationalId }: { person: PersonView; nationalId: string }) {
  const [revealed, setRevealed] = useState(false);
  const [logged, setLogged] = useState(false);
  const toggle = () => {
    if (!revealed && !logged) {
      setLogged(true);
      void logSensitiveView(person);
    }
    setRevealed(!revealed);
  };
  return (
    <span class="hh-national-id">
      <span class="mono" data-testid="person-national-id" data-masked={String(!revealed)}>
        {nationalIdText(nationalId, revealed)}
      </span>
      {mayRevealNationalId() && (
        <Button
          variant="quiet"
          testId="person-national-id-reveal"
          aria-label={revealed ? undefined : t('hh.privacy.nationalIdShowLabel')}
          onClick={toggle}
        >
          {revealed ? t('hh.privacy.nationalIdHide') : t('hh.privacy.nationalIdShow')}
        </Button>
      )}
    </span>
  );
}

function PrivacyCard({ person }: { person: PersonView }) {
  return (
    <section class="card" aria-labelledby="person-privacy">
      <h2 id="person-privacy">{t('hh.privacy.title')}</h2>
      <dl class="facts hh-facts">
        <Fact view={person} field="privacyNoticeVersion" label={t('hh.privacy.notice')}>
          <span data-testid="person-privacy-notice">{noticeText(person.fields)}</span>
        </Fact>
        <Fact
          view={person}
          field="sensitiveDataConsent"
          label={fieldLabel('person', 'sensitiveDataConsent')}
        >
          <span data-testid="person-privacy-consent">{consentText(person.fields)}</span>
        </Fact>
      </dl>
    </section>
  );
}

function HealthCard({ person, derived }: { person: PersonView; derived: PersonProfile }) {
  const f = person.fields;
  return (
    <section class="card" aria-labelledby="person-health">
      <h2 id="person-health">{t('hh.person.health')}</h2>
      <dl class="facts hh-facts">
        <Fact view={person} field="healthScheme" label={fieldLabel('person', 'healthScheme')}>
          {maybe(f.healthScheme, (v) => t(`hh.healthScheme.${v}`))}
        </Fact>
        <Fact view={person} field="chronicDiseases" label={fieldLabel('person', 'chronicDiseases')}>
          {f.chronicDiseases && f.chronicDiseases.length > 0
            ? f.chronicDiseases.join(', ')
            : undefined}
        </Fact>
        <Fact view={person} field="adl" label={fieldLabel('person', 'adl')}>
          {derived.adlScore !== null && derived.adlGroup !== null
            ? `${derived.adlScore}/20 · ${t(`hh.adl.${derived.adlGroup}`)} (${DEPENDENCY_GROUP_CODE[derived.adlGroup]})`
            : undefined}
        </Fact>
        <Fact view={person} field="disabilityCard" label={fieldLabel('person', 'disabilityCard')}>
          {maybe(f.disabilityCard, yesNo)}
        </Fact>
        <Fact view={person} field="disabilityTypes" label={fieldLabel('person', 'disabilityTypes')}>
          {f.disabilityTypes && f.disabilityTypes.length > 0
            ? f.disabilityTypes.map((type) => t(`hh.disability.${type}`)).join(', ')
            : undefined}
        </Fact>
        <Fact view={person} field="bedridden" label={fieldLabel('person', 'bedridden')}>
          {f.bedridden === undefined && derived.adlScore === null
            ? undefined
            : yesNo(derived.bedridden)}
        </Fact>
      </dl>
    </section>
  );
}

function allowanceText(amount: number, receiving: boolean | undefined): string {
  if (amount === 0) return t('hh.person.noAllowance');
  const status = receiving ? t('hh.badge.receiving') : t('hh.badge.notReceiving');
  return `${t('hh.value.thbMonth', { amount: numberText(amount) })} · ${status}`;
}

function WelfareCard({ person, derived }: { person: PersonView; derived: PersonProfile }) {
  const f = person.fields;
  return (
    <section class="card" aria-labelledby="person-welfare">
      <h2 id="person-welfare">{t('hh.person.welfare')}</h2>
      <dl class="facts hh-facts">
        <dt>{t('hh.person.elderly')}</dt>
        <dd>
          {derived.elderlyBand !== null
            ? t('hh.person.elderlyBand', { band: derived.elderlyBand })
            : yesNo(derived.age === null ? undefined : derived.elderly)}
        </dd>
        <dt>{t('hh.person.elderlyAllowance')}</dt>
        <dd data-testid="person-elderly-allowance">
          {allowanceText(derived.elderlyAllowanceTHB, f.receivesElderlyAllowance)}
        </dd>
        <dt>{t('hh.person.disabilityAllowance')}</dt>
        <dd data-testid="person-disability-allowance">
          {allowanceText(derived.disabilityAllowanceTHB, f.receivesDisabilityAllowance)}
        </dd>
      </dl>
    </section>
  );
}

/** `/people/:personId`: one person's answers and everything the welfare rules derive from them. */
export function PersonPage({ personId }: { personId: string }) {
  const detail = useLiveQuery(
    async () => loadPersonDetail(db(), personId),
    [personId],
    undefined as PersonDetail | null | undefined,
  );
  // The page always shows health, disability and ADL answers: opening it is an audited view.
  useSensitiveViewLog(detail?.person ?? null);
  if (detail === undefined) return <RecordLoading />;
  if (detail === null) {
    return <RecordMissing message={t('hh.person.notFound')} testId="person-page-missing" />;
  }
  const { person, household } = detail;
  const derived = personProfile(person.fields, bangkokDate());
  const status = person.fields.memberStatus ?? 'active';
  return (
    <section class="page-section" data-testid="person-page">
      {household && !household.deleted && (
        <p>
          <a href={`/households/${household.id}`} data-testid="person-household">
            ← {t('hh.page.title', { houseNo: household.fields.houseNo ?? '' })}
          </a>
        </p>
      )}
      <h1>{personName(person)}</h1>
      <ConflictBadge recordId={person.id} />
      {person.deleted && <Banner tone="warning">{t('hh.person.removed')}</Banner>}
      {status !== 'active' && (
        <p class="hh-member-status" data-testid="member-status" data-status={status}>
          {memberStatusText(status, person.fields.memberStatusDate)}
        </p>
      )}
      <PersonBadges person={person} profile={derived} />
      {derived.active && derived.missing.length > 0 && (
        <Banner tone="warning">
          {t('hh.page.missing', { fields: missingText(derived.missing) })}
        </Banner>
      )}
      <MemberActions person={person} removed={person.deleted} open />
      {!person.deleted && currentUser.value && mayOpenCase(currentUser.value.role) && (
        <div class="actions">
          <LinkButton href={`/cases/new?personId=${person.id}`} testId="person-open-case">
            {t('caseForm.openCase')}
          </LinkButton>
        </div>
      )}
      <PersonalCard person={person} derived={derived} />
      <HealthCard person={person} derived={derived} />
      <WelfareCard person={person} derived={derived} />
      <PrivacyCard person={person} />
    </section>
  );
}

export default PersonPage;
