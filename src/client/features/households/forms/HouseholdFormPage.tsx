import { useMemo, useState } from 'preact/hooks';
import { uuidv7 } from '../../../../shared/ids';
import type { AttachmentRef, GpsFix, HouseholdFields } from '../../../../shared/model/household';
import type { PersonFields } from '../../../../shared/model/person';
import { bangkokDate } from '../../../../shared/rules/thaiDate';
import { db } from '../../../db/database';
import { getHousehold, type HouseholdView } from '../../../records/people';
import { currentUser, profile } from '../../../session/state';
import { saveChanges } from '../../../sync/deviceSync';
import { Banner } from '../../../ui/Banner';
import { CheckboxField } from '../../../ui/CheckboxField';
import { DatePartsField } from '../../../ui/DatePartsField';
import { SelectField, TextField } from '../../../ui/Field';
import { bindCheckbox, bindText, saveErrorMessage } from '../../../ui/form/bind';
import { FormFrame, useSurveyForm } from '../../../ui/form/FormFrame';
import { FormSection as Section } from '../../../ui/form/FormSection';
import {
  definedOnly,
  editedFields,
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
import { createHouseholdChanges, patchChange } from '../householdRecords';
import {
  drinkingWaterChoices,
  electricityChoices,
  houseConditionChoices,
  landDocChoices,
  tenureChoices,
  titleChoices,
  wasteChoices,
} from './choices';
import {
  farmLandParts,
  HOUSEHOLD_FORM_FIELDS,
  HOUSEHOLD_FORMAT_MESSAGES,
  type HouseholdFormContext,
  type HouseholdFormData,
  type HouseholdFormValues,
  householdFormSchema,
  householdInput,
  householdValues,
  newHouseholdValues,
  surveyDateParts,
} from './householdForm';
import { LandAreaField } from './LandAreaField';

/** `HouseholdFields.photos` allows 20: the picker stops there (the schema still checks). */
const MAX_HOUSE_PHOTOS = 20;

type HouseholdTarget =
  | { kind: 'create'; villageId: string; mooNo: number; villageName: string }
  | { kind: 'edit'; record: HouseholdView };

/**
 * The household survey form (docs/domain.md §2–§3 A, B, D): with `villageId` a new household of
 * that village and its head, with `householdId` an edit of that household.
 */
export default function HouseholdFormPage(props: { villageId?: string; householdId?: string }) {
  if (props.householdId) return <EditHousehold householdId={props.householdId} />;
  return <NewHousehold villageId={props.villageId ?? ''} />;
}

function NewHousehold({ villageId }: { villageId: string }) {
  const village = profile.value?.villages.find((v) => v.id === villageId);
  if (!village) {
    return (
      <Banner tone="error" testId="household-form-missing">
        {t('survey.household.noVillage')}
      </Banner>
    );
  }
  const target = {
    kind: 'create',
    villageId,
    mooNo: village.mooNo,
    villageName: village.name,
  } as const;
  return <HouseholdForm key={villageId} target={target} />;
}

function EditHousehold({ householdId }: { householdId: string }) {
  const loaded = useLoaded(() => getHousehold(db(), householdId), [householdId]);
  if (loaded.status === 'loading') return <p class="muted">{t('common.loading')}</p>;
  const record = loaded.status === 'ready' ? loaded.value : null;
  if (!record || record.deleted) {
    return (
      <Banner tone="error" testId="household-form-missing">
        {t('survey.household.notFound')}
      </Banner>
    );
  }
  return <HouseholdForm key={householdId} target={{ kind: 'edit', record }} />;
}

/** An older record without its หมู่: the village it belongs to says. */
function villageMooNo(record: HouseholdView | null): number {
  return profile.value?.villages.find((v) => v.id === record?.villageId)?.mooNo ?? 0;
}

function formKeyOf(target: HouseholdTarget): string {
  return target.kind === 'create'
    ? `household:new:${target.villageId}`
    : `household:${target.record.id}`;
}

function HouseholdForm({ target }: { target: HouseholdTarget }) {
  const creating = target.kind === 'create';
  const record = target.kind === 'edit' ? target.record : null;
  const [context] = useState<HouseholdFormContext>(() => ({
    creating,
    mooNo: target.kind === 'create' ? target.mooNo : (record?.fields.mooNo ?? villageMooNo(record)),
    surveyorId: record?.fields.surveyorId ?? currentUser.value?.id ?? '',
    today: bangkokDate(),
  }));
  const [initial] = useState(() =>
    record
      ? householdValues(record.fields)
      : newHouseholdValues(context.today, profile.value?.organization?.postalCode),
  );
  const schema = useMemo(() => householdFormSchema(context), [context]);
  const form = useForm({
    initial,
    schema,
    formatMessages: HOUSEHOLD_FORMAT_MESSAGES,
    describeError: saveErrorMessage,
  });

  /** Saves on this device (one transaction, queued for the server); returns the household id. */
  const save = async (data: HouseholdFormData): Promise<string> => {
    const { head, ...fields } = data;
    if (target.kind === 'create') {
      const householdId = uuidv7();
      const household = definedOnly(fields) as HouseholdFields;
      const headOfHousehold: PersonFields = {
        ...(head as NonNullable<typeof head>),
        householdId,
        relationToHead: 'head',
        residesActually: true,
        memberStatus: 'active',
      };
      await saveChanges(
        createHouseholdChanges(
          target.villageId,
          household,
          [{ fields: headOfHousehold }],
          householdId,
        ),
      );
      return householdId;
    }
    const edited = editedFields(
      HOUSEHOLD_FORM_FIELDS,
      householdInput(initial, context),
      householdInput(form.values, context),
    );
    const change = patchChange(target.record, 'household', definedOnly(fields), edited);
    if (change) await saveChanges([change]);
    return target.record.id;
  };
  const frame = useSurveyForm({
    form,
    initial,
    formKey: formKeyOf(target),
    save: async (data) => `/households/${await save(data)}`,
  });

  const village =
    target.kind === 'create'
      ? { mooNo: target.mooNo, name: target.villageName }
      : profile.value?.villages.find((v) => v.id === target.record.villageId);
  const title =
    target.kind === 'create'
      ? t('survey.household.newTitle')
      : t('survey.household.editTitle', { houseNo: target.record.fields.houseNo ?? '' });
  const subtitle = village
    ? t('survey.household.village', { mooNo: village.mooNo, name: village.name })
    : undefined;
  const backHref =
    target.kind === 'create' ? `/villages/${target.villageId}` : `/households/${target.record.id}`;

  return (
    <FormFrame
      title={title}
      subtitle={subtitle}
      testPrefix="household"
      backHref={backHref}
      {...frame}
    >
      <HouseSection form={form} />
      {creating && <HeadSection form={form} />}
      <AddressSection
        form={form}
        villageId={target.kind === 'create' ? target.villageId : target.record.villageId}
      />
      <LivingSection form={form} />
      <IncomeSection form={form} />
      <PhotosSection form={form} />
    </FormFrame>
  );
}

interface SectionProps {
  form: Form<HouseholdFormValues, ReturnType<typeof householdFormSchema>>;
}

function HouseSection({ form }: SectionProps) {
  const surveyError =
    form.error('surveyDay') ?? form.error('surveyMonth') ?? form.error('surveyYear');
  return (
    <Section id="household-section-house" title={t('survey.section.house')}>
      <TextField
        {...bindText(form, 'household', 'houseNo')}
        label={fieldLabel('household', 'houseNo')}
        hint={t('survey.household.houseNoHint')}
        maxLength={20}
        autoComplete="off"
      />
      <TextField
        {...bindText(form, 'household', 'houseCode')}
        label={t('survey.household.houseCode')}
        hint={t('survey.household.houseCodeHint')}
        inputMode="numeric"
        maxLength={20}
        autoComplete="off"
      />
      <DatePartsField
        id="household-surveyDate"
        legend={fieldLabel('household', 'surveyDate')}
        value={surveyDateParts(form.values)}
        onChange={(parts) => {
          form.set('surveyDay', parts.day);
          form.set('surveyMonth', parts.month);
          form.set('surveyYear', parts.year);
        }}
        error={surveyError}
        testId="household-survey"
      />
      <CheckboxField
        {...bindCheckbox(form, 'household', 'privacyNoticeGiven')}
        label={t('survey.household.privacyNoticeGiven')}
        hint={t('survey.household.privacyNoticeHint')}
      />
    </Section>
  );
}

function HeadSection({ form }: SectionProps) {
  return (
    <Section id="household-section-head" title={t('survey.section.head')}>
      <p class="field-hint">{t('survey.household.headHint')}</p>
      <SelectField
        {...bindText(form, 'household', 'headTitle')}
        label={fieldLabel('person', 'titlePrefix')}
        options={titleChoices()}
      />
      <TextField
        {...bindText(form, 'household', 'headFirstName')}
        label={fieldLabel('person', 'firstName')}
        maxLength={100}
        autoComplete="off"
      />
      <TextField
        {...bindText(form, 'household', 'headLastName')}
        label={fieldLabel('person', 'lastName')}
        maxLength={100}
        autoComplete="off"
      />
    </Section>
  );
}

function AddressSection({ form, villageId }: SectionProps & { villageId: string }) {
  const gps = fromJsonText<GpsFix>(form.values.gps) ?? null;
  return (
    <Section id="household-section-address" title={t('survey.section.address')}>
      <TextField
        {...bindText(form, 'household', 'soi')}
        label={fieldLabel('household', 'soi')}
        maxLength={100}
      />
      <TextField
        {...bindText(form, 'household', 'road')}
        label={fieldLabel('household', 'road')}
        maxLength={100}
      />
      <TextField
        {...bindText(form, 'household', 'postalCode')}
        label={fieldLabel('household', 'postalCode')}
        inputMode="numeric"
        maxLength={5}
        autoComplete="off"
      />
      <GpsField
        id="household-gps"
        label={fieldLabel('household', 'gps')}
        value={gps}
        onChange={(fix) => form.set('gps', jsonText(fix))}
        error={form.error('gps')}
        testId="household-gps"
      >
        <PickOnMap
          value={gps}
          villageId={villageId}
          onPick={(fix) => form.set('gps', jsonText(fix))}
          testId="household-gps-map"
        />
      </GpsField>
    </Section>
  );
}

function LivingSection({ form }: SectionProps) {
  return (
    <Section id="household-section-living" title={t('survey.section.living')}>
      <SelectField
        {...bindText(form, 'household', 'tenure')}
        label={fieldLabel('household', 'tenure')}
        options={tenureChoices()}
      />
      <SelectField
        {...bindText(form, 'household', 'landDocType')}
        label={fieldLabel('household', 'landDocType')}
        options={landDocChoices()}
      />
      <CheckboxField
        {...bindCheckbox(form, 'household', 'inForestReserve')}
        label={fieldLabel('household', 'inForestReserve')}
      />
      <TextField
        {...bindText(form, 'household', 'taxParcelCode')}
        label={t('survey.household.taxParcelCode')}
        hint={t('survey.household.taxParcelCodeHint')}
        maxLength={10}
        autoComplete="off"
      />
      <SelectField
        {...bindText(form, 'household', 'houseCondition')}
        label={fieldLabel('household', 'houseCondition')}
        options={houseConditionChoices()}
      />
      <SelectField
        {...bindText(form, 'household', 'drinkingWater')}
        label={fieldLabel('household', 'drinkingWater')}
        options={drinkingWaterChoices()}
      />
      <CheckboxField
        {...bindCheckbox(form, 'household', 'toilet')}
        label={fieldLabel('household', 'toilet')}
      />
      <SelectField
        {...bindText(form, 'household', 'electricity')}
        label={fieldLabel('household', 'electricity')}
        options={electricityChoices()}
      />
      <SelectField
        {...bindText(form, 'household', 'wasteDisposal')}
        label={fieldLabel('household', 'wasteDisposal')}
        options={wasteChoices()}
      />
    </Section>
  );
}

function IncomeSection({ form }: SectionProps) {
  const landError = form.error('farmRai') ?? form.error('farmNgan') ?? form.error('farmWah');
  return (
    <Section id="household-section-income" title={t('survey.section.income')}>
      <TextField
        {...bindText(form, 'household', 'householdDebtTHB')}
        label={t('survey.household.householdDebtTHB')}
        inputMode="decimal"
        maxLength={15}
        autoComplete="off"
      />
      <LandAreaField
        id="household-farmLand"
        legend={fieldLabel('household', 'farmLandSqWah')}
        value={farmLandParts(form.values)}
        onChange={(parts) => {
          form.set('farmRai', parts.rai);
          form.set('farmNgan', parts.ngan);
          form.set('farmWah', parts.wah);
        }}
        onBlur={() => form.touch('farmRai')}
        error={landError}
        testId="household-farm"
      />
    </Section>
  );
}

function PhotosSection({ form }: SectionProps) {
  const photos = fromJsonList<AttachmentRef>(form.values.photos) ?? [];
  return (
    <Section id="household-section-photos" title={t('survey.section.photos')}>
      <PhotosField
        id="household-photos"
        legend={fieldLabel('household', 'photos')}
        hint={t('survey.household.photosHint')}
        photos={photos}
        onChange={(next) => form.set('photos', jsonList(next))}
        max={MAX_HOUSE_PHOTOS}
        error={form.error('photos')}
        camera
        testId="household-photos"
      />
    </Section>
  );
}
