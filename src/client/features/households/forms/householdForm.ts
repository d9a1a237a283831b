import type { z } from 'zod';
import {
  type AttachmentRef,
  type GpsFix,
  HouseholdFields,
} from '../../../../shared/model/household';
import { PersonFields } from '../../../../shared/model/person';
import { normalizeHouseCode } from '../../../../shared/rules/houseCode';
import { normalizeThaiDigits } from '../../../../shared/rules/thaiDate';
import { type DateParts, datePartsOf, readDateParts } from '../../../ui/dateParts';
import {
  fromJsonList,
  fromJsonText,
  jsonList,
  jsonText,
  optionalChoice,
  optionalNumber,
  optionalText,
  textOf,
} from '../../../ui/form/formValues';
import { type FormIssue, formSchema } from '../../../ui/formSchema';
import type { FormatMessages } from '../../../ui/validation';
import { type LandParts, landParts, landProblems, squareWahOf } from './landArea';

/** The household form's controls, as typed. */
export type HouseholdFormValues = {
  houseNo: string;
  houseCode: string;
  soi: string;
  road: string;
  postalCode: string;
  /** A `GpsFix` as JSON, empty when none. */
  gps: string;
  surveyDay: string;
  surveyMonth: string;
  surveyYear: string;
  privacyNoticeGiven: boolean;
  tenure: string;
  landDocType: string;
  inForestReserve: boolean;
  taxParcelCode: string;
  houseCondition: string;
  drinkingWater: string;
  toilet: boolean;
  electricity: string;
  wasteDisposal: string;
  householdDebtTHB: string;
  farmRai: string;
  farmNgan: string;
  farmWah: string;
  /** `AttachmentRef`s as JSON. */
  photos: readonly string[];
  /** Head of household: asked only when the household is created (saved as its first member). */
  headTitle: string;
  headFirstName: string;
  headLastName: string;
};

/** What the form knows besides its controls. */
export interface HouseholdFormContext {
  creating: boolean;
  mooNo: number;
  surveyorId: string;
  /** `YYYY-MM-DD` in Bangkok. */
  today: string;
}

/** The household fields this form edits (mooNo and surveyorId come from the village and user). */
export const HOUSEHOLD_FORM_FIELDS = HouseholdFields.omit({
  mooNo: true,
  surveyorId: true,
}).keyof().options;
export type HouseholdFormField = (typeof HOUSEHOLD_FORM_FIELDS)[number];

/** The head's name, by the person schema's rules; the title is required here. */
export const HeadOfHousehold = PersonFields.pick({
  titlePrefix: true,
  firstName: true,
  lastName: true,
}).required({ titlePrefix: true });

/** What the household form saves: the household, and its head when it is created. */
const HouseholdForm = HouseholdFields.extend({ head: HeadOfHousehold.optional() });
const NewHousehold = HouseholdFields.extend({ head: HeadOfHousehold });
export type HouseholdFormData = z.output<typeof HouseholdForm>;

export const HOUSEHOLD_FORMAT_MESSAGES: FormatMessages = {
  postalCode: 'validation.postal_code',
};

export function surveyDateParts(values: HouseholdFormValues): DateParts {
  return { day: values.surveyDay, month: values.surveyMonth, year: values.surveyYear };
}

export function farmLandParts(values: HouseholdFormValues): LandParts {
  return { rai: values.farmRai, ngan: values.farmNgan, wah: values.farmWah };
}

/** A new household's form: the survey date is today, the postal code the organization's. */
export function newHouseholdValues(
  today: string,
  postalCode: string | undefined,
): HouseholdFormValues {
  return householdValues({ surveyDate: today, postalCode, privacyNoticeGiven: false });
}

/** The form showing a household's fields (absent ones empty). */
export function householdValues(fields: Partial<HouseholdFields>): HouseholdFormValues {
  const survey = datePartsOf(fields.surveyDate);
  const land = landParts(fields.farmLandSqWah);
  return {
    houseNo: textOf(fields.houseNo),
    houseCode: textOf(fields.houseCode),
    soi: textOf(fields.soi),
    road: textOf(fields.road),
    postalCode: textOf(fields.postalCode),
    gps: jsonText(fields.gps),
    surveyDay: survey.day,
    surveyMonth: survey.month,
    surveyYear: survey.year,
    privacyNoticeGiven: fields.privacyNoticeGiven === true,
    tenure: textOf(fields.tenure),
    landDocType: textOf(fields.landDocType),
    inForestReserve: fields.inForestReserve === true,
    taxParcelCode: textOf(fields.taxParcelCode),
    houseCondition: textOf(fields.houseCondition),
    drinkingWater: textOf(fields.drinkingWater),
    toilet: fields.toilet === true,
    electricity: textOf(fields.electricity),
    wasteDisposal: textOf(fields.wasteDisposal),
    householdDebtTHB: textOf(fields.householdDebtTHB),
    farmRai: land.rai,
    farmNgan: land.ngan,
    farmWah: land.wah,
    photos: jsonList(fields.photos),
    headTitle: '',
    headFirstName: '',
    headLastName: '',
  };
}

/** The typed-in values as household fields (and the head, when creating) for the schema. */
export function householdInput(
  values: HouseholdFormValues,
  context: HouseholdFormContext,
): Record<string, unknown> {
  const fields: Record<HouseholdFormField | 'mooNo' | 'surveyorId', unknown> = {
    houseNo: values.houseNo,
    mooNo: context.mooNo,
    surveyorId: context.surveyorId,
    houseCode: optionalText(normalizeHouseCode(values.houseCode)),
    soi: optionalText(values.soi),
    road: optionalText(values.road),
    postalCode: optionalText(normalizeThaiDigits(values.postalCode)),
    gps: fromJsonText<GpsFix>(values.gps),
    surveyDate: readDateParts(surveyDateParts(values), context.today, 'day').date?.iso,
    privacyNoticeGiven: values.privacyNoticeGiven,
    tenure: optionalChoice(values.tenure),
    landDocType: optionalChoice(values.landDocType),
    inForestReserve: values.inForestReserve,
    taxParcelCode: optionalText(values.taxParcelCode.toUpperCase()),
    houseCondition: optionalChoice(values.houseCondition),
    drinkingWater: optionalChoice(values.drinkingWater),
    toilet: values.toilet,
    electricity: optionalChoice(values.electricity),
    wasteDisposal: optionalChoice(values.wasteDisposal),
    householdDebtTHB: optionalNumber(values.householdDebtTHB),
    farmLandSqWah: squareWahOf(farmLandParts(values)),
    photos: fromJsonList<AttachmentRef>(values.photos),
  };
  if (!context.creating) return fields;
  const head = {
    // Required: an unchosen title is '' (not absent), so its message says "choose".
    titlePrefix: values.headTitle,
    firstName: values.headFirstName,
    lastName: values.headLastName,
  };
  return { ...fields, head };
}

const HEAD_CONTROLS: Record<string, keyof HouseholdFormValues> = {
  titlePrefix: 'headTitle',
  firstName: 'headFirstName',
  lastName: 'headLastName',
};

const SURVEY_DATE_CONTROLS = ['surveyDay', 'surveyMonth', 'surveyYear'] as const;
const FARM_LAND_CONTROLS = ['farmRai', 'farmNgan', 'farmWah'] as const;

/** The controls that show an issue of a household field. */
function householdControls(path: readonly PropertyKey[]): readonly string[] {
  const [field, part] = path.map(String);
  if (field === 'surveyDate') return SURVEY_DATE_CONTROLS;
  if (field === 'farmLandSqWah') return FARM_LAND_CONTROLS;
  if (field === 'head') return [HEAD_CONTROLS[part ?? ''] ?? 'headFirstName'];
  return [field ?? ''];
}

function householdChecks(values: HouseholdFormValues, context: HouseholdFormContext): FormIssue[] {
  const issues: FormIssue[] = [];
  // A problem of a date or an area is shown once under its group, whichever part was touched.
  const survey = readDateParts(surveyDateParts(values), context.today, 'day');
  if (survey.problem) {
    for (const control of SURVEY_DATE_CONTROLS) {
      issues.push({ control, message: survey.problem.message });
    }
  }
  for (const problem of landProblems(farmLandParts(values))) {
    for (const control of FARM_LAND_CONTROLS) issues.push({ control, message: problem.message });
  }
  // PDPA s.23: the notice is given when the data is collected, so no new household without it.
  if (context.creating && !values.privacyNoticeGiven) {
    issues.push({ control: 'privacyNoticeGiven', message: 'privacy_notice_required' });
  }
  return issues;
}

/** The household form's schema: `HouseholdFields` (with the head when creating) plus form checks. */
export function householdFormSchema(context: HouseholdFormContext) {
  return formSchema({
    // A new household's head is required; NewHousehold's output is a HouseholdForm output.
    fields: (context.creating ? NewHousehold : HouseholdForm) as typeof HouseholdForm,
    toFields: (values: HouseholdFormValues) => householdInput(values, context),
    controlsOf: householdControls,
    checks: (values: HouseholdFormValues) => householdChecks(values, context),
  });
}
