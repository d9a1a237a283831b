import type { z } from 'zod';
import type { AttachmentRef } from '../../../../shared/model/household';
import { PersonFields, PRIVACY_NOTICE_VERSION } from '../../../../shared/model/person';
import { ADL_ITEMS, type AdlItem } from '../../../../shared/rules/adl';
import { checkNationalId, normalizeNationalId } from '../../../../shared/rules/nationalId';
import type { PersonAnswers } from '../../../../shared/rules/personProfile';
import { type DateParts, datePartsOf, readDateParts } from '../../../ui/dateParts';
import {
  fromJsonList,
  jsonList,
  optionalChoice,
  optionalNumber,
  optionalText,
  textOf,
} from '../../../ui/form/formValues';
import { type FormIssue, formSchema } from '../../../ui/formSchema';

/** `adlFeeding`, `adlGrooming`…: one select per Barthel ADL item. */
export type AdlControl = `adl${Capitalize<AdlItem>}`;

export function adlControl(item: AdlItem): AdlControl {
  return `adl${item[0]?.toUpperCase()}${item.slice(1)}` as AdlControl;
}

/**
 * Common chronic diseases offered as checkboxes. The stored value is the Thai name (the field
 * is free text shared with other sources); `code` names the label.
 */
export const COMMON_CHRONIC_DISEASES = [
  { code: 'diabetes', value: 'เบาหวาน' },
  { code: 'hypertension', value: 'ความดันโลหิตสูง' },
  { code: 'heart', value: 'หัวใจ' },
  { code: 'stroke', value: 'หลอดเลือดสมอง' },
  { code: 'kidney', value: 'ไตเรื้อรัง' },
  { code: 'copd', value: 'ปอดอุดกั้นเรื้อรัง' },
  { code: 'cancer', value: 'มะเร็ง' },
] as const;
const COMMON_DISEASE_VALUES: readonly string[] = COMMON_CHRONIC_DISEASES.map((d) => d.value);

/** The person form's controls, as typed. */
export type PersonFormValues = {
  nationalId: string;
  titlePrefix: string;
  firstName: string;
  lastName: string;
  sex: string;
  birthDay: string;
  birthMonth: string;
  /** พ.ศ. (2400 and above) or ค.ศ. */
  birthYear: string;
  relationToHead: string;
  residesActually: boolean;
  education: string;
  occupation: string;
  incomeMonthlyTHB: string;
  stateWelfareCard: boolean;
  healthScheme: string;
  /** The common diseases ticked (their Thai names). */
  chronicDiseases: readonly string[];
  /** Other diseases, separated by commas. */
  chronicOther: string;
  disabilityCard: boolean;
  /** `'1'`–`'7'` */
  disabilityTypes: readonly string[];
  bedridden: boolean;
  receivesElderlyAllowance: boolean;
  receivesDisabilityAllowance: boolean;
  /** `AttachmentRef`s as JSON. */
  idCardPhotos: readonly string[];
} & PrivacyValues &
  Record<AdlControl, string>;

/** The PDPA notice given to the person and their consent to sensitive fields (docs/domain.md §5.2–3). */
export type PrivacyValues = {
  privacyNoticeVersion: string;
  /** ISO date-time the notice was given. */
  privacyNoticeAt: string;
  /** The user who gave it. */
  privacyNoticeBy: string;
  /** `given`, `refused`, `withdrawn` or '' (not asked). */
  sensitiveDataConsent: string;
  sensitiveDataConsentAt: string;
};
type NoticeValues = Pick<
  PrivacyValues,
  'privacyNoticeVersion' | 'privacyNoticeAt' | 'privacyNoticeBy'
>;
type ConsentValues = Pick<PrivacyValues, 'sensitiveDataConsent' | 'sensitiveDataConsentAt'>;

export interface PersonFormContext {
  householdId: string;
  /** `YYYY-MM-DD` in Bangkok. */
  today: string;
  /**
   * False for roles that may not see whole national IDs: the form neither shows, checks nor
   * sends the ID, and `storedNationalId` (the person's, if any) still feeds what is derived.
   */
  editsNationalId: boolean;
  storedNationalId?: string | undefined;
}

/**
 * The person fields this form edits: all but the household (it comes with the form) and
 * status changes (they have their own actions).
 */
export const PERSON_FORM_FIELDS = PersonFields.omit({
  householdId: true,
  memberStatus: true,
  memberStatusDate: true,
}).keyof().options;
export type PersonFormField = (typeof PERSON_FORM_FIELDS)[number];
export type PersonFormData = z.output<typeof PersonFields>;

export function birthDateParts(values: PersonFormValues): DateParts {
  return { day: values.birthDay, month: values.birthMonth, year: values.birthYear };
}

/** A new member's form: living in the house unless the surveyor says otherwise. */
export function newPersonValues(): PersonFormValues {
  return personValues({ residesActually: true });
}

/**
 * The form showing a person's fields (absent ones empty; the birth year in พ.ศ.); without
 * `withNationalId` the ID stays out of the form, and so out of its drafts.
 */
export function personValues(
  fields: Partial<PersonFields>,
  withNationalId = true,
): PersonFormValues {
  const birth = datePartsOf(fields.birthDate, fields.birthDatePrecision);
  const diseases = fields.chronicDiseases ?? [];
  const adl = Object.fromEntries(
    ADL_ITEMS.map((item) => [adlControl(item), textOf(fields.adl?.[item])]),
  ) as Record<AdlControl, string>;
  return {
    nationalId: withNationalId ? textOf(fields.nationalId) : '',
    titlePrefix: textOf(fields.titlePrefix),
    firstName: textOf(fields.firstName),
    lastName: textOf(fields.lastName),
    sex: textOf(fields.sex),
    birthDay: birth.day,
    birthMonth: birth.month,
    birthYear: birth.year,
    relationToHead: textOf(fields.relationToHead),
    residesActually: fields.residesActually === true,
    education: textOf(fields.education),
    occupation: textOf(fields.occupation),
    incomeMonthlyTHB: textOf(fields.incomeMonthlyTHB),
    stateWelfareCard: fields.stateWelfareCard === true,
    healthScheme: textOf(fields.healthScheme),
    chronicDiseases: diseases.filter((d) => COMMON_DISEASE_VALUES.includes(d)),
    chronicOther: diseases.filter((d) => !COMMON_DISEASE_VALUES.includes(d)).join(', '),
    disabilityCard: fields.disabilityCard === true,
    disabilityTypes: (fields.disabilityTypes ?? []).map(String),
    bedridden: fields.bedridden === true,
    receivesElderlyAllowance: fields.receivesElderlyAllowance === true,
    receivesDisabilityAllowance: fields.receivesDisabilityAllowance === true,
    idCardPhotos: jsonList(fields.idCardPhotos),
    privacyNoticeVersion: textOf(fields.privacyNoticeVersion),
    privacyNoticeAt: textOf(fields.privacyNoticeAt),
    privacyNoticeBy: textOf(fields.privacyNoticeBy),
    sensitiveDataConsent: textOf(fields.sensitiveDataConsent),
    sensitiveDataConsentAt: textOf(fields.sensitiveDataConsentAt),
    ...adl,
  };
}

/** Whether the person was told the notice surveyors read now (an older one is read again). */
export function hasCurrentNotice(values: NoticeValues): boolean {
  return values.privacyNoticeVersion === PRIVACY_NOTICE_VERSION;
}

/**
 * Ticking "notice given" records the current version, `now` and the user; unticking puts back
 * what was stored (a notice once given is never erased from the form).
 */
export function noticeValues(
  given: boolean,
  stored: NoticeValues,
  userId: string,
  now: string,
): NoticeValues {
  if (!given || hasCurrentNotice(stored)) {
    const { privacyNoticeVersion, privacyNoticeAt, privacyNoticeBy } = stored;
    return { privacyNoticeVersion, privacyNoticeAt, privacyNoticeBy };
  }
  return {
    privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    privacyNoticeAt: now,
    privacyNoticeBy: userId,
  };
}

/** A new consent answer is dated `now`; going back to the stored answer keeps its date. */
export function consentValues(consent: string, stored: ConsentValues, now: string): ConsentValues {
  if (consent === stored.sensitiveDataConsent) {
    return { sensitiveDataConsent: consent, sensitiveDataConsentAt: stored.sensitiveDataConsentAt };
  }
  return { sensitiveDataConsent: consent, sensitiveDataConsentAt: consent === '' ? '' : now };
}

/** Ticked common diseases first (in list order), then the others typed, each once. */
export function chronicDiseasesOf(values: PersonFormValues): string[] | undefined {
  const ticked = COMMON_DISEASE_VALUES.filter((d) => values.chronicDiseases.includes(d));
  const other = values.chronicOther
    .split(/[,\n]/)
    .map((d) => d.trim())
    .filter(Boolean);
  const all = [...new Set([...ticked, ...other])];
  return all.length === 0 ? undefined : all;
}

/** The ADL items as numbers; none entered is no assessment (all 10 are needed once started). */
export function adlOf(values: PersonFormValues): Partial<Record<AdlItem, number>> | undefined {
  const entered = ADL_ITEMS.filter((item) => values[adlControl(item)] !== '');
  if (entered.length === 0) return undefined;
  return Object.fromEntries(entered.map((item) => [item, Number(values[adlControl(item)])]));
}

function disabilityTypesOf(values: PersonFormValues): number[] | undefined {
  const types = values.disabilityTypes.map(Number).sort((a, b) => a - b);
  return types.length === 0 ? undefined : types;
}

/** The typed-in values as person fields, for the schema. */
export function personInput(
  values: PersonFormValues,
  context: PersonFormContext,
): Record<PersonFormField | 'householdId', unknown> {
  const birth = readDateParts(birthDateParts(values), context.today).date;
  return {
    householdId: context.householdId,
    nationalId: context.editsNationalId
      ? optionalText(normalizeNationalId(values.nationalId))
      : undefined,
    titlePrefix: optionalChoice(values.titlePrefix),
    firstName: values.firstName,
    lastName: values.lastName,
    sex: optionalChoice(values.sex),
    birthDate: birth?.iso,
    birthDatePrecision: birth?.precision,
    relationToHead: optionalChoice(values.relationToHead),
    residesActually: values.residesActually,
    education: optionalChoice(values.education),
    occupation: optionalChoice(values.occupation),
    incomeMonthlyTHB: optionalNumber(values.incomeMonthlyTHB),
    stateWelfareCard: values.stateWelfareCard,
    healthScheme: optionalChoice(values.healthScheme),
    chronicDiseases: chronicDiseasesOf(values),
    adl: adlOf(values),
    disabilityCard: values.disabilityCard,
    disabilityTypes: disabilityTypesOf(values),
    bedridden: values.bedridden,
    receivesElderlyAllowance: values.receivesElderlyAllowance,
    receivesDisabilityAllowance: values.receivesDisabilityAllowance,
    idCardPhotos: fromJsonList<AttachmentRef>(values.idCardPhotos),
    privacyNoticeVersion: optionalText(values.privacyNoticeVersion),
    privacyNoticeAt: optionalText(values.privacyNoticeAt),
    privacyNoticeBy: optionalText(values.privacyNoticeBy),
    sensitiveDataConsent: optionalChoice(values.sensitiveDataConsent),
    sensitiveDataConsentAt: optionalText(values.sensitiveDataConsentAt),
  };
}

/** The answers as far as they are valid, for what is derived live (age, allowances, ADL group). */
export function personAnswers(values: PersonFormValues, context: PersonFormContext): PersonAnswers {
  const input = personInput(values, context);
  const id = checkNationalId(values.nationalId);
  const typedId = id.problem === null ? id.value : undefined;
  return {
    ...(input as PersonAnswers),
    nationalId: context.editsNationalId ? typedId : context.storedNationalId,
    incomeMonthlyTHB: Number.isNaN(input.incomeMonthlyTHB)
      ? undefined
      : (input.incomeMonthlyTHB as number),
  };
}

const BIRTH_DATE_CONTROLS = ['birthDay', 'birthMonth', 'birthYear'] as const;

function personControls(path: readonly PropertyKey[]): readonly string[] {
  const [field, part] = path.map(String);
  if (field === 'birthDate' || field === 'birthDatePrecision') return BIRTH_DATE_CONTROLS;
  if (field === 'adl' && part) return [adlControl(part as AdlItem)];
  if (field === 'chronicDiseases') return ['chronicOther'];
  return [field ?? ''];
}

function personChecks(values: PersonFormValues, context: PersonFormContext): FormIssue[] {
  const issues: FormIssue[] = [];
  // Shown once under the date, whichever part was touched.
  const birth = readDateParts(birthDateParts(values), context.today);
  if (birth.problem) {
    for (const control of BIRTH_DATE_CONTROLS)
      issues.push({ control, message: birth.problem.message });
  }
  // An assessment, once started, needs all 10 items (the schema would only say "required").
  if (adlOf(values) !== undefined) {
    for (const item of ADL_ITEMS) {
      const control = adlControl(item);
      if (values[control] === '') issues.push({ control, message: 'adl_item_required' });
    }
  }
  // The schema tells a wrong ID from a right one; say whether digits are missing or one is wrong.
  const typedId = context.editsNationalId ? values.nationalId.trim() : '';
  if (typedId !== '' && checkNationalId(values.nationalId).problem === 'format') {
    issues.push({ control: 'nationalId', message: 'national_id_length' });
  }
  return issues;
}

/** The person form's schema: `PersonFields` plus the checks only typed-in values need. */
export function personFormSchema(context: PersonFormContext) {
  return formSchema({
    fields: PersonFields,
    toFields: (values: PersonFormValues) => personInput(values, context),
    controlsOf: personControls,
    checks: (values: PersonFormValues) => personChecks(values, context),
  });
}
