import { useMemo, useState } from 'preact/hooks';
import type { AttachmentRef } from '../../../../shared/model/household';
import {
  DISABILITY_TYPES,
  PRIVACY_NOTICE_VERSION,
  type SensitiveDataConsent,
} from '../../../../shared/model/person';
import { ADL_ITEMS, type AdlItem } from '../../../../shared/rules/adl';
import { bangkokDate } from '../../../../shared/rules/thaiDate';
import { db } from '../../../db/database';
import {
  consentOptions,
  mayRevealNationalId,
  nationalIdText,
  noticeText,
  useSensitiveViewLog,
} from '../../../privacy/personPrivacy';
import {
  getHousehold,
  getPerson,
  type HouseholdView,
  type PersonView,
} from '../../../records/people';
import { currentUser } from '../../../session/state';
import { saveChanges } from '../../../sync/deviceSync';
import { Banner } from '../../../ui/Banner';
import { CheckboxField } from '../../../ui/CheckboxField';
import { DatePartsField } from '../../../ui/DatePartsField';
import { CheckboxGroup, SelectField, TextField } from '../../../ui/Field';
import { bindCheckbox, bindText, saveErrorMessage } from '../../../ui/form/bind';
import { FormFrame, useSurveyForm } from '../../../ui/form/FormFrame';
import { FormSection as Section } from '../../../ui/form/FormSection';
import { definedOnly, editedFields, fromJsonList, jsonList } from '../../../ui/form/formValues';
import { type Form, useForm } from '../../../ui/form/useForm';
import { useLoaded } from '../../../ui/form/useLoaded';
import { t } from '../../../ui/i18n';
import { fieldLabel } from '../../../ui/i18n/recordText';
import { PhotosField } from '../../../ui/PhotosField';
import { usePeopleIndex } from '../../search/public';
import { patchChange } from '../householdRecords';
import { AdlFields } from './AdlFields';
import {
  educationChoices,
  healthSchemeChoices,
  occupationChoices,
  relationChoices,
  sexChoices,
  titleChoices,
} from './choices';
import { NationalIdField } from './NationalIdField';
import { PersonDerived } from './PersonDerived';
import {
  adlControl,
  birthDateParts,
  COMMON_CHRONIC_DISEASES,
  consentValues,
  hasCurrentNotice,
  newPersonValues,
  noticeValues,
  PERSON_FORM_FIELDS,
  type PersonFormContext,
  type PersonFormData,
  type PersonFormValues,
  type PrivacyValues,
  personAnswers,
  personFormSchema,
  personInput,
  personValues,
} from './personForm';

/** `PersonFields.idCardPhotos` allows 5: the picker stops there (the schema still checks). */
const MAX_ID_CARD_PHOTOS = 5;

interface PersonTarget {
  household: HouseholdView | null;
  householdId: string;
  villageId: string;
  /** Absent for a new member. */
  person: PersonView | null;
}

/**
 * The member form (docs/domain.md §3 C–F): with `householdId` a new member of that household, with
 * `personId` an edit of that person.
 */
export default function PersonFormPage(props: { householdId?: string; personId?: string }) {
  const { householdId, personId } = props;
  const loaded = useLoaded(() => loadTarget(householdId, personId), [householdId, personId]);
  if (loaded.status === 'loading') return <p class="muted">{t('common.loading')}</p>;
  const target = loaded.status === 'ready' ? loaded.value : null;
  if (!target) {
    return (
      <Banner tone="error" testId="person-form-missing">
        {personId ? t('survey.person.notFound') : t('survey.household.notFound')}
      </Banner>
    );
  }
  return <PersonForm key={personId ?? householdId} target={target} />;
}

async function loadTarget(
  householdId: string | undefined,
  personId: string | undefined,
): Promise<PersonTarget | null> {
  const database = db();
  if (personId) {
    const person = await getPerson(database, personId);
    const ofHousehold = person?.fields.householdId;
    if (!person || person.deleted || !ofHousehold) return null;
    const household = await getHousehold(database, ofHousehold);
    return { household, householdId: ofHousehold, villageId: person.villageId, person };
  }
  const household = householdId ? await getHousehold(database, householdId) : null;
  if (!household || household.deleted) return null;
  return { household, householdId: household.id, villageId: household.villageId, person: null };
}

function PersonForm({ target }: { target: PersonTarget }) {
  const { person, householdId } = target;
  const people = usePeopleIndex();
  const [context] = useState<PersonFormContext>(() => ({
    householdId,
    today: bangkokDate(),
    editsNationalId: mayRevealNationalId(),
    storedNationalId: person?.fields.nationalId,
  }));
  const [initial] = useState(() =>
    person ? personValues(person.fields, context.editsNationalId) : newPersonValues(),
  );
  // An edit form shows the person's health and disability answers, as their page does.
  useSensitiveViewLog(person);
  const schema = useMemo(() => personFormSchema(context), [context]);
  const form = useForm({ initial, schema, describeError: saveErrorMessage });

  /** Saves on this device; back to the household afterwards. */
  const save = async (data: PersonFormData): Promise<string> => {
    if (!person) {
      const patch = definedOnly({ ...data, householdId });
      await saveChanges([{ op: 'create', type: 'person', villageId: target.villageId, patch }]);
    } else {
      const edited = editedFields(
        PERSON_FORM_FIELDS,
        personInput(initial, context),
        personInput(form.values, context),
      );
      const change = patchChange(person, 'person', definedOnly(data), edited);
      if (change) await saveChanges([change]);
    }
    return `/households/${householdId}`;
  };
  const frame = useSurveyForm({
    form,
    initial,
    formKey: person ? `person:${person.id}` : `person:new:${householdId}`,
    save,
  });

  const name = [person?.fields.firstName, person?.fields.lastName].filter(Boolean).join(' ');
  const house = target.household?.fields;
  return (
    <FormFrame
      title={person ? t('survey.person.editTitle', { name }) : t('survey.person.newTitle')}
      subtitle={
        house?.houseNo !== undefined
          ? t('survey.person.household', { houseNo: house.houseNo, mooNo: house.mooNo ?? '' })
          : undefined
      }
      testPrefix="person"
      backHref={`/households/${householdId}`}
      {...frame}
    >
      <GeneralSection form={form} context={context} people={people} personId={person?.id} />
      <EducationSection form={form} />
      <HealthSection form={form} />
      <DisabilitySection form={form} />
      <WelfareSection form={form} context={context} />
      <PrivacySection form={form} stored={initial} />
    </FormFrame>
  );
}

type PersonForm = Form<PersonFormValues, ReturnType<typeof personFormSchema>>;

interface SectionProps {
  form: PersonForm;
}

function GeneralSection({
  form,
  context,
  people,
  personId,
}: SectionProps & {
  context: PersonFormContext;
  people: ReturnType<typeof usePeopleIndex>;
  personId: string | undefined;
}) {
  const birthError = form.error('birthDay') ?? form.error('birthMonth') ?? form.error('birthYear');
  const idCardPhotos = fromJsonList<AttachmentRef>(form.values.idCardPhotos) ?? [];
  return (
    <Section id="person-section-general" title={t('survey.section.general')}>
      {context.editsNationalId ? (
        <NationalIdField
          value={form.values.nationalId}
          onInput={(value) => form.set('nationalId', value)}
          onBlur={() => form.touch('nationalId')}
          error={form.error('nationalId')}
          people={people}
          personId={personId}
        />
      ) : (
        <MaskedNationalId nationalId={context.storedNationalId} />
      )}
      <SelectField
        {...bindText(form, 'person', 'titlePrefix')}
        label={fieldLabel('person', 'titlePrefix')}
        options={titleChoices()}
      />
      <TextField
        {...bindText(form, 'person', 'firstName')}
        label={fieldLabel('person', 'firstName')}
        maxLength={100}
        autoComplete="off"
      />
      <TextField
        {...bindText(form, 'person', 'lastName')}
        label={fieldLabel('person', 'lastName')}
        maxLength={100}
        autoComplete="off"
      />
      <SelectField
        {...bindText(form, 'person', 'sex')}
        label={fieldLabel('person', 'sex')}
        options={sexChoices()}
      />
      <DatePartsField
        id="person-birthDate"
        legend={fieldLabel('person', 'birthDate')}
        hint={t('survey.person.birthDateHint')}
        value={birthDateParts(form.values)}
        onChange={(parts) => {
          form.set('birthDay', parts.day);
          form.set('birthMonth', parts.month);
          form.set('birthYear', parts.year);
        }}
        allowUnknown
        error={birthError}
        testId="person-birth"
      />
      <PersonDerived
        answers={personAnswers(form.values, context)}
        today={context.today}
        show="age"
      />
      <SelectField
        {...bindText(form, 'person', 'relationToHead')}
        label={fieldLabel('person', 'relationToHead')}
        options={relationChoices()}
      />
      <CheckboxField
        {...bindCheckbox(form, 'person', 'residesActually')}
        label={t('survey.person.residesActually')}
        hint={t('survey.person.residesActuallyHint')}
      />
      <PhotosField
        id="person-idCardPhotos"
        legend={fieldLabel('person', 'idCardPhotos')}
        hint={t('survey.person.idCardPhotosHint')}
        photos={idCardPhotos}
        onChange={(next) => form.set('idCardPhotos', jsonList(next))}
        max={MAX_ID_CARD_PHOTOS}
        error={form.error('idCardPhotos')}
        camera
        testId="person-idCardPhotos"
      />
    </Section>
  );
}

function EducationSection({ form }: SectionProps) {
  return (
    <Section id="person-section-education" title={t('survey.section.education')}>
      <SelectField
        {...bindText(form, 'person', 'education')}
        label={fieldLabel('person', 'education')}
        options={educationChoices()}
      />
      <SelectField
        {...bindText(form, 'person', 'occupation')}
        label={fieldLabel('person', 'occupation')}
        options={occupationChoices()}
      />
      <TextField
        {...bindText(form, 'person', 'incomeMonthlyTHB')}
        label={t('survey.person.incomeMonthlyTHB')}
        inputMode="decimal"
        maxLength={15}
        autoComplete="off"
      />
    </Section>
  );
}

function HealthSection({ form }: SectionProps) {
  const scores = Object.fromEntries(
    ADL_ITEMS.map((item) => [item, form.values[adlControl(item)]]),
  ) as Record<AdlItem, string>;
  return (
    <Section id="person-section-health" title={t('survey.section.health')}>
      <SelectField
        {...bindText(form, 'person', 'healthScheme')}
        label={fieldLabel('person', 'healthScheme')}
        options={healthSchemeChoices()}
      />
      <CheckboxGroup
        id="person-chronicDiseases"
        legend={fieldLabel('person', 'chronicDiseases')}
        options={COMMON_CHRONIC_DISEASES.map(({ code, value }) => ({
          value,
          label: t(`survey.disease.${code}`),
          testId: `person-disease-${code}`,
        }))}
        selected={form.values.chronicDiseases}
        onChange={(selected) => form.set('chronicDiseases', selected)}
      />
      <TextField
        {...bindText(form, 'person', 'chronicOther')}
        label={t('survey.person.chronicOther')}
        hint={t('survey.person.chronicOtherHint')}
        maxLength={300}
        autoComplete="off"
      />
      <AdlFields
        scores={scores}
        onChange={(item, score) => form.set(adlControl(item), score)}
        onClear={() => {
          for (const item of ADL_ITEMS) form.set(adlControl(item), '');
        }}
        error={(item) => form.error(adlControl(item))}
      />
      <CheckboxField
        {...bindCheckbox(form, 'person', 'bedridden')}
        label={t('survey.person.bedridden')}
      />
    </Section>
  );
}

function DisabilitySection({ form }: SectionProps) {
  return (
    <Section id="person-section-disability" title={t('survey.section.disability')}>
      <CheckboxField
        {...bindCheckbox(form, 'person', 'disabilityCard')}
        label={t('survey.person.disabilityCard')}
      />
      <CheckboxGroup
        id="person-disabilityTypes"
        legend={fieldLabel('person', 'disabilityTypes')}
        options={DISABILITY_TYPES.map((type) => ({
          value: String(type),
          label: `${type}. ${t(`hh.disability.${type}`)}`,
          testId: `person-disabilityType-${type}`,
        }))}
        selected={form.values.disabilityTypes}
        onChange={(selected) => form.set('disabilityTypes', selected)}
        error={form.error('disabilityTypes')}
      />
    </Section>
  );
}

function WelfareSection({ form, context }: SectionProps & { context: PersonFormContext }) {
  return (
    <Section id="person-section-welfare" title={t('survey.section.welfare')}>
      <PersonDerived
        answers={personAnswers(form.values, context)}
        today={context.today}
        show="welfare"
      />
      <CheckboxField
        {...bindCheckbox(form, 'person', 'stateWelfareCard')}
        label={t('survey.person.stateWelfareCard')}
      />
      <CheckboxField
        {...bindCheckbox(form, 'person', 'receivesElderlyAllowance')}
        label={fieldLabel('person', 'receivesElderlyAllowance')}
      />
      <CheckboxField
        {...bindCheckbox(form, 'person', 'receivesDisabilityAllowance')}
        label={fieldLabel('person', 'receivesDisabilityAllowance')}
      />
    </Section>
  );
}

/** For roles that see national IDs masked: shown as they see it, never typed, checked or sent. */
function MaskedNationalId({ nationalId }: { nationalId: string | undefined }) {
  return (
    <TextField
      id="person-nationalId"
      label={t('survey.person.nationalId')}
      hint={t('hh.privacy.nationalIdMasked')}
      value={nationalId ? nationalIdText(nationalId, false) : ''}
      onInput={() => undefined}
      disabled
      testId="person-nationalId"
    />
  );
}

/**
 * The PDPA notice (docs/domain.md §5.3) and consent to sensitive data (§5.2). Ticking the notice
 * records its version, the time and the signed-in user; a notice already given in this version
 * is shown, not asked again.
 */
function PrivacySection({ form, stored }: SectionProps & { stored: PrivacyValues }) {
  const setAll = (next: Partial<PrivacyValues>) => {
    for (const [name, value] of Object.entries(next)) form.set(name as keyof PrivacyValues, value);
  };
  const now = () => new Date().toISOString();
  const storedConsent = (stored.sensitiveDataConsent || undefined) as
    | SensitiveDataConsent
    | undefined;
  const consentChoices = [
    { value: '', label: t('hh.privacy.consentNone') },
    ...consentOptions(storedConsent).map((consent) => ({
      value: consent,
      label: t(`hh.privacy.consent.${consent}`),
    })),
  ];
  return (
    <Section id="person-section-privacy" title={t('hh.privacy.title')}>
      {hasCurrentNotice(stored) ? (
        <p data-testid="person-privacyNotice-given">
          {t('hh.privacy.notice')}: {noticeText(stored)}
        </p>
      ) : (
        <CheckboxField
          id="person-privacyNotice"
          testId="person-privacyNotice"
          label={t('hh.privacy.noticeGiven', { version: PRIVACY_NOTICE_VERSION })}
          hint={t('hh.privacy.noticeHint')}
          checked={hasCurrentNotice(form.values)}
          onChange={(given) =>
            setAll(noticeValues(given, stored, currentUser.value?.id ?? '', now()))
          }
        />
      )}
      <SelectField
        id="person-sensitiveDataConsent"
        testId="person-sensitiveDataConsent"
        label={fieldLabel('person', 'sensitiveDataConsent')}
        value={form.values.sensitiveDataConsent}
        options={consentChoices}
        onChange={(consent) => setAll(consentValues(consent, stored, now()))}
        error={form.error('sensitiveDataConsent')}
      />
    </Section>
  );
}
