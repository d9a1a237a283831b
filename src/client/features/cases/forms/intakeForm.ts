import type { z } from 'zod';
import type { AttachmentRef, GpsFix } from '../../../../shared/model/household';
import { Uuid } from '../../../../shared/model/organization';
import {
  type CaseCategory,
  INFRASTRUCTURE_CATEGORIES,
  type ProgramCode,
  WelfareCaseFields,
} from '../../../../shared/model/welfare';
import { fromJsonList, fromJsonText, optionalText } from '../../../ui/form/formValues';
import { type FormIssue, formSchema } from '../../../ui/formSchema';
import { t } from '../../../ui/i18n';
import { dateControls, dateIssues, datePartsIn, readComingDate } from './caseFormKit';

/** The intake form's controls, as typed. */
export type CaseIntakeValues = {
  category: string;
  channel: string;
  priority: string;
  description: string;
  /** The village's id; not asked when the case is about a person or household. */
  village: string;
  dueDay: string;
  dueMonth: string;
  dueYear: string;
  /** A `GpsFix` as JSON, empty when none. */
  gps: string;
  locationNote: string;
  /** `AttachmentRef`s as JSON. */
  photos: readonly string[];
};

/** What the intake knows besides its controls: who or what the case is about. */
export interface CaseIntakeContext {
  /** `YYYY-MM-DD` in Bangkok. */
  today: string;
  personId?: string | undefined;
  householdId?: string | undefined;
  /** The beneficiary's village: the case's own. */
  villageId?: string | undefined;
  programCode?: ProgramCode | undefined;
}

/** A case as the intake saves it: the status and the time it was received come at the save. */
const CaseIntake = WelfareCaseFields.omit({
  status: true,
  statusReason: true,
  receivedAt: true,
  closedAt: true,
  assignedTo: true,
}).extend({ villageId: Uuid });
export type CaseIntakeData = z.output<typeof CaseIntake>;

/** The programme an application case is for: its category. */
const PROGRAM_CATEGORY: Partial<Record<ProgramCode, CaseCategory>> = {
  'elderly-allowance': 'elderly-care',
  'disability-allowance': 'disability-care',
};

export function isProgramApplication(program: string | undefined): program is ProgramCode {
  return program !== undefined && Object.hasOwn(PROGRAM_CATEGORY, program);
}

/** A new case's form; an application for a programme comes with its category and a sentence. */
export function newIntakeValues(
  context: CaseIntakeContext,
  defaults: { channel: string; village: string },
): CaseIntakeValues {
  const { programCode } = context;
  return {
    category: (programCode && PROGRAM_CATEGORY[programCode]) ?? '',
    channel: defaults.channel,
    priority: 'normal',
    description: programCode
      ? t('caseForm.intake.applicationText', { program: t(`program.${programCode}`) })
      : '',
    village: context.villageId ?? defaults.village,
    dueDay: '',
    dueMonth: '',
    dueYear: '',
    gps: '',
    locationNote: '',
    photos: [],
  };
}

/** Whether the form asks where the problem is: a request about a place, or about no one. */
export function asksLocation(values: CaseIntakeValues, context: CaseIntakeContext): boolean {
  const standalone = !context.personId && !context.householdId;
  return standalone || (INFRASTRUCTURE_CATEGORIES as readonly string[]).includes(values.category);
}

function intakeInput(values: CaseIntakeValues, context: CaseIntakeContext) {
  const located = asksLocation(values, context);
  return {
    villageId: context.villageId ?? values.village,
    // Unchosen selects stay '' (not absent), so their message says "choose".
    category: values.category,
    personId: context.personId,
    householdId: context.householdId,
    location: located ? fromJsonText<GpsFix>(values.gps) : undefined,
    locationNote: located ? optionalText(values.locationNote) : undefined,
    channel: values.channel,
    description: values.description,
    priority: values.priority,
    dueDate: readComingDate(datePartsIn(values, 'due'), context.today).iso,
    programCode: context.programCode,
    photos: fromJsonList<AttachmentRef>(values.photos),
  };
}

function intakeControls(path: readonly PropertyKey[]): readonly string[] {
  const field = String(path[0] ?? '');
  if (field === 'dueDate') return dateControls('due');
  if (field === 'villageId') return ['village'];
  if (field === 'location') return ['gps'];
  return [field];
}

function intakeChecks(values: CaseIntakeValues, context: CaseIntakeContext): FormIssue[] {
  const issues = dateIssues('due', readComingDate(datePartsIn(values, 'due'), context.today));
  if (!context.villageId && values.village === '') {
    issues.push({ control: 'village', message: 'choose' });
  }
  return issues;
}

/** The intake's schema: `WelfareCaseFields` (less what the save sets) plus the form's checks. */
export function intakeFormSchema(context: CaseIntakeContext) {
  return formSchema({
    fields: CaseIntake,
    toFields: (values: CaseIntakeValues) => intakeInput(values, context),
    controlsOf: intakeControls,
    checks: (values: CaseIntakeValues) => intakeChecks(values, context),
  });
}
