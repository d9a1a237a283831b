import { useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { uuidv7 } from '../../../../shared/ids';
import type { AttachmentRef, GpsFix } from '../../../../shared/model/household';
import type { WelfareCaseFields } from '../../../../shared/model/welfare';
import { bangkokDate } from '../../../../shared/rules/thaiDate';
import { db } from '../../../db/database';
import { getHousehold, getPerson } from '../../../records/people';
import { currentUser, profile } from '../../../session/state';
import { saveChanges } from '../../../sync/deviceSync';
import { Banner } from '../../../ui/Banner';
import { SelectField, TextField } from '../../../ui/Field';
import { bindText, saveErrorMessage } from '../../../ui/form/bind';
import { FormFrame, useSurveyForm } from '../../../ui/form/FormFrame';
import { FormSection as Section } from '../../../ui/form/FormSection';
import {
  definedOnly,
  fromJsonList,
  fromJsonText,
  jsonList,
  jsonText,
} from '../../../ui/form/formValues';
import { type Form, useForm } from '../../../ui/form/useForm';
import { useLoaded } from '../../../ui/form/useLoaded';
import { GpsField } from '../../../ui/GpsField';
import { t } from '../../../ui/i18n';
import { fieldLabel } from '../../../ui/i18n/recordText';
import { PhotosField } from '../../../ui/PhotosField';
import { PickOnMap } from '../../map/public';
import { openCaseChanges } from '../caseChanges';
import { CaseBeneficiary, type IntakeBeneficiary } from './CaseBeneficiary';
import { FormDateField, TextAreaField } from './CaseFormFields';
import { categoryChoices, channelChoices, priorityChoices } from './caseFormKit';
import {
  asksLocation,
  type CaseIntakeContext,
  type CaseIntakeData,
  type CaseIntakeValues,
  intakeFormSchema,
  isProgramApplication,
  newIntakeValues,
} from './intakeForm';

/** `WelfareCaseFields.photos` allows 10. */
const MAX_CASE_PHOTOS = 10;

interface IntakeRequest {
  personId?: string | undefined;
  householdId?: string | undefined;
  program?: string | undefined;
}

/**
 * A new case (docs/domain.md §3G): about a person or a household (`?personId=`, `?householdId=`),
 * an application for an allowance (`&program=`), or a request about a place in a village.
 */
export default function CaseIntakePage() {
  const { query } = useLocation();
  const request: IntakeRequest = {
    personId: query.personId || undefined,
    householdId: query.householdId || undefined,
    program: query.program || undefined,
  };
  const loaded = useLoaded(
    () => loadIntakeBeneficiary(request),
    [request.personId, request.householdId],
  );
  const about = request.personId ?? request.householdId;
  return (
    <div class="case-form" data-testid="case-intake">
      {loaded.status === 'loading' && <p class="muted">{t('common.loading')}</p>}
      {loaded.status !== 'loading' &&
        (about && (loaded.status === 'failed' || !loaded.value) ? (
          <Banner tone="error" testId="case-intake-missing">
            {t('caseForm.intake.beneficiaryMissing')}
          </Banner>
        ) : (
          <IntakeForm
            key={`${about ?? ''}:${request.program ?? ''}`}
            request={request}
            beneficiary={loaded.status === 'ready' ? loaded.value : null}
          />
        ))}
    </div>
  );
}

/** The person and/or household the new case is about, or null when it is about neither. */
async function loadIntakeBeneficiary(request: IntakeRequest): Promise<IntakeBeneficiary | null> {
  const database = db();
  const person = request.personId ? await getPerson(database, request.personId) : null;
  if (request.personId && (!person || person.deleted)) return null;
  const householdId = request.householdId ?? person?.fields.householdId;
  const household = householdId ? await getHousehold(database, householdId) : null;
  if (request.householdId && (!household || household.deleted)) return null;
  if (!person && !household) return null;
  return { person, household, villageId: person?.villageId ?? household?.villageId ?? '' };
}

/** Someone who takes requests at the office, or a surveyor meeting people in the field. */
function defaultChannel(): string {
  return currentUser.value?.role === 'surveyor' ? 'field-visit' : 'walk-in';
}

/** A user of one village only has nothing to choose. */
function onlyVillage(): string {
  const villages = profile.value?.villages ?? [];
  return villages.length === 1 ? (villages[0]?.id ?? '') : '';
}

function IntakeForm(props: { request: IntakeRequest; beneficiary: IntakeBeneficiary | null }) {
  const { request, beneficiary } = props;
  const [context] = useState<CaseIntakeContext>(() => ({
    today: bangkokDate(),
    personId: beneficiary?.person?.id,
    householdId: beneficiary?.household?.id,
    villageId: beneficiary?.villageId,
    programCode: isProgramApplication(request.program) ? request.program : undefined,
  }));
  const [initial] = useState(() =>
    newIntakeValues(context, { channel: defaultChannel(), village: onlyVillage() }),
  );
  const schema = useMemo(() => intakeFormSchema(context), [context]);
  const form = useForm({ initial, schema, describeError: saveErrorMessage });

  const save = async (data: CaseIntakeData): Promise<string> => {
    const { villageId, ...fields } = data;
    const now = new Date().toISOString();
    const caseId = uuidv7();
    // A welfare officer who takes a request in looks after it; a surveyor's waits for one.
    const user = currentUser.value;
    const assignedTo = user?.role === 'welfare' ? user.id : undefined;
    const opened = definedOnly({ ...fields, receivedAt: now, assignedTo }) as Omit<
      WelfareCaseFields,
      'status'
    >;
    await saveChanges(openCaseChanges(villageId, opened, now, caseId));
    return `/cases/${caseId}`;
  };
  const frame = useSurveyForm({
    form,
    initial,
    formKey: `case:new:${request.personId ?? request.householdId ?? 'place'}:${request.program ?? ''}`,
    save,
  });
  const backHref = request.personId
    ? `/people/${request.personId}`
    : request.householdId
      ? `/households/${request.householdId}`
      : '/cases';

  return (
    <FormFrame
      title={
        context.programCode
          ? t('caseForm.intake.applicationTitle', { program: t(`program.${context.programCode}`) })
          : t('caseForm.intake.title')
      }
      testPrefix="case"
      backHref={backHref}
      {...frame}
    >
      <RequestSection form={form} beneficiary={beneficiary} />
      {asksLocation(form.values, context) && (
        <LocationSection form={form} villageId={context.villageId ?? form.values.village} />
      )}
      <FollowUpSection form={form} />
    </FormFrame>
  );
}

interface SectionProps {
  form: Form<CaseIntakeValues, ReturnType<typeof intakeFormSchema>>;
}

function RequestSection({
  form,
  beneficiary,
}: SectionProps & { beneficiary: IntakeBeneficiary | null }) {
  return (
    <Section id="case-section-request" title={t('caseForm.intake.section.request')}>
      {beneficiary ? (
        <CaseBeneficiary beneficiary={beneficiary} />
      ) : (
        <SelectField
          {...bindText(form, 'case', 'village')}
          label={t('caseForm.intake.village')}
          options={villageChoices()}
        />
      )}
      <SelectField
        {...bindText(form, 'case', 'category')}
        label={fieldLabel('case', 'category')}
        options={categoryChoices()}
      />
      <TextAreaField
        {...bindText(form, 'case', 'description')}
        label={fieldLabel('case', 'description')}
        hint={t('caseForm.intake.descriptionHint')}
        maxLength={2000}
        rows={4}
      />
      <SelectField
        {...bindText(form, 'case', 'channel')}
        label={fieldLabel('case', 'channel')}
        options={channelChoices()}
      />
      <SelectField
        {...bindText(form, 'case', 'priority')}
        label={fieldLabel('case', 'priority')}
        options={priorityChoices()}
      />
    </Section>
  );
}

/** The user's villages. */
function villageChoices() {
  const villages = profile.value?.villages ?? [];
  return [
    { value: '', label: t('caseForm.choose') },
    ...villages.map((v) => ({
      value: v.id,
      label: t('caseForm.village', { mooNo: v.mooNo, name: v.name }),
    })),
  ];
}

function LocationSection({ form, villageId }: SectionProps & { villageId: string }) {
  const gps = fromJsonText<GpsFix>(form.values.gps) ?? null;
  return (
    <Section id="case-section-location" title={t('caseForm.intake.section.location')}>
      <GpsField
        id="case-gps"
        label={t('caseForm.intake.gps')}
        value={gps}
        onChange={(fix) => form.set('gps', jsonText(fix))}
        error={form.error('gps')}
        testId="case-gps"
      >
        <PickOnMap
          value={gps}
          onPick={(fix) => form.set('gps', jsonText(fix))}
          prompt={t('caseForm.intake.pickPrompt')}
          label={t('caseForm.intake.pickLabel')}
          villageId={villageId}
          testId="case-gps-map"
        />
      </GpsField>
      <TextField
        {...bindText(form, 'case', 'locationNote')}
        id="case-location-note"
        testId="case-location-note"
        label={fieldLabel('case', 'locationNote')}
        hint={t('caseForm.intake.locationNoteHint')}
        maxLength={200}
        autoComplete="off"
      />
    </Section>
  );
}

function FollowUpSection({ form }: SectionProps) {
  const photos = fromJsonList<AttachmentRef>(form.values.photos) ?? [];
  return (
    <Section id="case-section-follow-up" title={t('caseForm.intake.section.followUp')}>
      <FormDateField
        form={form}
        name="due"
        legend={fieldLabel('case', 'dueDate')}
        hint={t('caseForm.intake.dueHint')}
        testId="case-due"
      />
      <PhotosField
        id="case-photos"
        legend={fieldLabel('case', 'photos')}
        hint={t('caseForm.photosHint')}
        photos={photos}
        onChange={(next) => form.set('photos', jsonList(next))}
        max={MAX_CASE_PHOTOS}
        error={form.error('photos')}
        camera
        testId="case-photos"
      />
    </Section>
  );
}
