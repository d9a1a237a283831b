import { z } from 'zod';
import { ADL_ITEM_MAX } from '../rules/adl';
import { isValidNationalId } from '../rules/nationalId';
import { AttachmentRef, IsoDate } from './household';
import { Uuid } from './organization';

export const TITLE_PREFIXES = ['mr', 'mrs', 'miss', 'master', 'girl', 'other'] as const;
export const SEXES = ['M', 'F'] as const;
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export const RELATIONS_TO_HEAD = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'relative',
  'other',
] as const;
export const MEMBER_STATUSES = ['active', 'deceased', 'moved-out'] as const;
export const EDUCATION_LEVELS = [
  'none',
  'primary',
  'lower-sec',
  'upper-sec',
  'diploma',
  'bachelor',
] as const;
export const OCCUPATIONS = [
  'rice-farming',
  'field-crops',
  'livestock',
  'labour',
  'trade',
  'government',
  'student',
  'unemployed',
  'other',
] as const;
export const HEALTH_SCHEMES = ['ucs', 'sso', 'csmbs', 'other'] as const;
/** The person's answer about their sensitive data (PDPA s.19, s.26): asked, refused, taken back. */
export const SENSITIVE_DATA_CONSENTS = ['given', 'refused', 'withdrawn'] as const;
export type SensitiveDataConsent = (typeof SENSITIVE_DATA_CONSENTS)[number];
/**
 * The privacy notice (PDPA s.23) surveyors read to people now. A person told an older version
 * is asked again: raise it whenever the notice's text changes.
 */
export const PRIVACY_NOTICE_VERSION = '1';
/** MSDHS notification 2555: 1 seeing … 7 autism. */
export const DISABILITY_TYPES = [1, 2, 3, 4, 5, 6, 7] as const;

const adlItem = (max: number) => z.number().int().min(0).max(max);
export const AdlAssessment = z.object(
  Object.fromEntries(Object.entries(ADL_ITEM_MAX).map(([item, max]) => [item, adlItem(max)])) as {
    [K in keyof typeof ADL_ITEM_MAX]: ReturnType<typeof adlItem>;
  },
);
export type AdlAssessment = z.infer<typeof AdlAssessment>;

/** A member of a household (สมาชิกครัวเรือน), docs/domain.md §3 C–F. */
export const PersonFields = z.object({
  householdId: Uuid,
  nationalId: z.string().refine(isValidNationalId, { message: 'invalid_national_id' }).optional(),
  titlePrefix: z.enum(TITLE_PREFIXES).optional(),
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  sex: z.enum(SEXES).optional(),
  birthDate: IsoDate.optional(),
  birthDatePrecision: z.enum(DATE_PRECISIONS).optional(),
  relationToHead: z.enum(RELATIONS_TO_HEAD).optional(),
  residesActually: z.boolean().optional(),
  memberStatus: z.enum(MEMBER_STATUSES).default('active'),
  memberStatusDate: IsoDate.optional(),
  education: z.enum(EDUCATION_LEVELS).optional(),
  occupation: z.enum(OCCUPATIONS).optional(),
  incomeMonthlyTHB: z.number().nonnegative().optional(),
  stateWelfareCard: z.boolean().optional(),
  healthScheme: z.enum(HEALTH_SCHEMES).optional(),
  chronicDiseases: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
  adl: AdlAssessment.optional(),
  disabilityCard: z.boolean().optional(),
  disabilityTypes: z.array(z.union(DISABILITY_TYPES.map((t) => z.literal(t)))).optional(),
  bedridden: z.boolean().optional(),
  /** Whether the person already gets the allowance, as the family reports (docs/domain.md §3F). */
  receivesElderlyAllowance: z.boolean().optional(),
  receivesDisabilityAllowance: z.boolean().optional(),
  idCardPhotos: z.array(AttachmentRef).max(5).optional(),
  /** PDPA notice (docs/domain.md §5.3): which version the person was told, when, and by whom. */
  privacyNoticeVersion: z.string().max(20).optional(),
  privacyNoticeAt: z.string().optional(),
  privacyNoticeBy: Uuid.optional(),
  sensitiveDataConsent: z.enum(SENSITIVE_DATA_CONSENTS).optional(),
  sensitiveDataConsentAt: z
    .string()
    .datetime({ offset: true, message: 'invalid_datetime' })
    .optional(),
});
export type PersonFields = z.infer<typeof PersonFields>;
