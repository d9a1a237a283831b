import { z } from 'zod';
import { AttachmentRef, GpsFix, IsoDate } from './household';
import { Uuid } from './organization';
import { AdlAssessment } from './person';

// The welfare division's records (docs/domain.md §3G, §4): cases (service requests), their status
// changes, visits, assistance delivered and programme enrollments. Each is a record of its own
// linking to its case or person, never an array inside the case (docs/architecture.md §5).

export const CASE_CATEGORIES = [
  'elderly-care',
  'disability-care',
  'health-care',
  'housing-repair',
  'disaster-relief',
  'human-disease-outbreak',
  'animal-disease-outbreak',
  'road',
  'water',
  'waste',
  'electricity',
  'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Requests about a place, not a person: they carry a GPS location instead of a beneficiary. */
export const INFRASTRUCTURE_CATEGORIES = [
  'road',
  'water',
  'waste',
  'electricity',
] as const satisfies readonly CaseCategory[];

export const CASE_CHANNELS = ['walk-in', 'field-visit', 'phone', 'line', 'letter'] as const;
export const CASE_PRIORITIES = ['low', 'normal', 'urgent'] as const;
export const CASE_STATUSES = [
  'received',
  'assessed',
  'approved',
  'in-progress',
  'done',
  'rejected',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Programmes a person is enrolled in; the first two are the statutory allowances (§4). */
export const PROGRAMS = [
  'elderly-allowance',
  'disability-allowance',
  'ltc-care',
  'housing-repair',
  'disaster-relief',
  'other',
] as const;
export type ProgramCode = (typeof PROGRAMS)[number];
export const ENROLLMENT_STATUSES = ['applied', 'active', 'suspended', 'ended'] as const;

const IsoDateTime = z.string().datetime({ offset: true, message: 'invalid_datetime' });
const Text = (max: number) => z.string().trim().min(1).max(max);
const Money = z.number().multipleOf(0.01).min(-10_000_000).max(10_000_000);

/** A case (เรื่อง/คำร้อง), docs/domain.md §3G. `villageId` is the record's own. */
export const WelfareCaseFields = z.object({
  category: z.enum(CASE_CATEGORIES),
  /** The beneficiary: a person and/or their household; neither for an infrastructure request. */
  personId: Uuid.optional(),
  householdId: Uuid.optional(),
  /** Where the problem is (a broken road, a leaking pipe). */
  location: GpsFix.optional(),
  locationNote: z.string().trim().max(200).optional(),
  channel: z.enum(CASE_CHANNELS),
  description: Text(2000),
  priority: z.enum(CASE_PRIORITIES).default('normal'),
  /** Changed only together with a `caseStatusChange` record, by the roles of caseStatus.ts. */
  status: z.enum(CASE_STATUSES),
  /** Why a case was rejected; required with `rejected`. */
  statusReason: z.string().trim().max(500).optional(),
  receivedAt: IsoDateTime,
  closedAt: IsoDateTime.optional(),
  /** A user id. */
  assignedTo: Uuid.optional(),
  dueDate: IsoDate.optional(),
  /** Set when the case is an application for a programme (an allowance enrollment case). */
  programCode: z.enum(PROGRAMS).optional(),
  photos: z.array(AttachmentRef).max(10).optional(),
});
export type WelfareCaseFields = z.infer<typeof WelfareCaseFields>;

/**
 * One status change of a case, kept as its own record so every change stays in the case's
 * timeline on every device, also when two officers changed the status at once (the `status`
 * field of the case then holds a conflict, and both changes are here).
 */
export const CaseStatusChangeFields = z.object({
  caseId: Uuid,
  fromStatus: z.enum(CASE_STATUSES).optional(),
  toStatus: z.enum(CASE_STATUSES),
  reason: z.string().trim().max(500).optional(),
  at: IsoDateTime,
});
export type CaseStatusChangeFields = z.infer<typeof CaseStatusChangeFields>;

/** A home visit or follow-up (การเยี่ยมบ้าน). */
export const VisitFields = z.object({
  caseId: Uuid,
  personId: Uuid.optional(),
  visitedOn: IsoDate,
  /** A user id. */
  officerId: Uuid,
  notes: z.string().trim().max(2000).optional(),
  /** A re-assessment of the person's ADL during the visit. */
  adl: AdlAssessment.optional(),
  photos: z.array(AttachmentRef).max(10).optional(),
  nextVisitOn: IsoDate.optional(),
});
export type VisitFields = z.infer<typeof VisitFields>;

/**
 * One entry of the assistance ledger. Entries are never edited away: a mistake is corrected by
 * a reversing entry (`reversesId`, the negated amount), so totals and history both stay true.
 */
export const AssistanceFields = z.object({
  caseId: Uuid,
  personId: Uuid.optional(),
  householdId: Uuid.optional(),
  programCode: z.enum(PROGRAMS),
  /** Cash in THB; negative only in a reversing entry. */
  amountTHB: Money.optional(),
  /** Goods given instead of (or besides) cash: "ข้าวสาร 5 กก., น้ำดื่ม 2 แพ็ค". */
  inKind: z.string().trim().max(500).optional(),
  legalBasis: z.string().trim().max(200).optional(),
  approvedBy: z.string().trim().max(200).optional(),
  deliveredAt: IsoDate,
  category: z.enum(CASE_CATEGORIES),
  reversesId: Uuid.optional(),
  note: z.string().trim().max(500).optional(),
});
export type AssistanceFields = z.infer<typeof AssistanceFields>;

/** A person's enrollment in a programme (a registry row, e.g. receives the elderly allowance). */
export const ProgramEnrollmentFields = z.object({
  personId: Uuid,
  programCode: z.enum(PROGRAMS),
  since: IsoDate,
  status: z.enum(ENROLLMENT_STATUSES),
  caseId: Uuid.optional(),
  monthlyAmountTHB: Money.optional(),
});
export type ProgramEnrollmentFields = z.infer<typeof ProgramEnrollmentFields>;
