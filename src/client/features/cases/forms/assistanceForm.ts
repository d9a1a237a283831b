import type { z } from 'zod';
import {
  AssistanceFields,
  type CaseCategory,
  PROGRAMS,
  type ProgramCode,
  type WelfareCaseFields,
} from '../../../../shared/model/welfare';
import { datePartsOf } from '../../../ui/dateParts';
import { optionalNumber, optionalText } from '../../../ui/form/formValues';
import { type FormIssue, formSchema } from '../../../ui/formSchema';
import { dateControls, dateIssues, datePartsIn, dateValues, readPastDate } from './caseFormKit';

/** The assistance form's controls, as typed. */
export type AssistanceFormValues = {
  program: string;
  /** THB as typed: Thai digits and thousands separators are fine. */
  amount: string;
  inKind: string;
  basis: string;
  approvedBy: string;
  deliveredDay: string;
  deliveredMonth: string;
  deliveredYear: string;
  note: string;
};

/** What the entry takes from its case. */
export interface AssistanceFormContext {
  /** `YYYY-MM-DD` in Bangkok. */
  today: string;
  category: CaseCategory;
  personId?: string | undefined;
  householdId?: string | undefined;
}

const Entry = AssistanceFields.omit({ caseId: true, reversesId: true });
export type AssistanceFormData = z.output<typeof Entry>;

/** Categories that are programmes of their own. */
const CATEGORY_PROGRAM: Partial<Record<CaseCategory, ProgramCode>> = {
  'housing-repair': 'housing-repair',
  'disaster-relief': 'disaster-relief',
};

/** The programme the case applied for, or the one its category stands for. */
export function defaultProgram(fields: Partial<WelfareCaseFields>): ProgramCode {
  if (fields.programCode && PROGRAMS.includes(fields.programCode)) return fields.programCode;
  return (fields.category && CATEGORY_PROGRAM[fields.category]) ?? 'other';
}

/** A new entry: delivered today. */
export function newAssistanceValues(program: ProgramCode, today: string): AssistanceFormValues {
  return {
    program,
    amount: '',
    inKind: '',
    basis: '',
    approvedBy: '',
    ...(dateValues('delivered', datePartsOf(today)) as Pick<
      AssistanceFormValues,
      'deliveredDay' | 'deliveredMonth' | 'deliveredYear'
    >),
    note: '',
  };
}

function assistanceInput(values: AssistanceFormValues, context: AssistanceFormContext) {
  return {
    personId: context.personId,
    householdId: context.householdId,
    programCode: values.program,
    amountTHB: optionalNumber(values.amount),
    inKind: optionalText(values.inKind),
    legalBasis: optionalText(values.basis),
    approvedBy: optionalText(values.approvedBy),
    deliveredAt: readPastDate(datePartsIn(values, 'delivered'), context.today).iso,
    category: context.category,
    note: optionalText(values.note),
  };
}

function assistanceControls(path: readonly PropertyKey[]): readonly string[] {
  const field = String(path[0] ?? '');
  const controls: Record<string, readonly string[]> = {
    deliveredAt: dateControls('delivered'),
    programCode: ['program'],
    amountTHB: ['amount'],
    legalBasis: ['basis'],
  };
  return controls[field] ?? [field];
}

function assistanceChecks(
  values: AssistanceFormValues,
  context: AssistanceFormContext,
): FormIssue[] {
  const issues = dateIssues(
    'delivered',
    readPastDate(datePartsIn(values, 'delivered'), context.today),
  );
  const amount = optionalNumber(values.amount);
  // Negative amounts belong to reversing entries only, which this form does not make.
  if (amount !== undefined && amount <= 0) {
    issues.push({ control: 'amount', message: 'amount_positive' });
  }
  if (amount === undefined && optionalText(values.inKind) === undefined) {
    issues.push({ control: 'amount', message: 'amount_or_inkind_required' });
    issues.push({ control: 'inKind', message: 'amount_or_inkind_required' });
  }
  return issues;
}

/** The assistance form's schema: `AssistanceFields` plus cash-or-goods and a positive amount. */
export function assistanceFormSchema(context: AssistanceFormContext) {
  return formSchema({
    fields: Entry,
    toFields: (values: AssistanceFormValues) => assistanceInput(values, context),
    controlsOf: assistanceControls,
    checks: (values: AssistanceFormValues) => assistanceChecks(values, context),
  });
}
