import type { z } from 'zod';
import type { AttachmentRef } from '../../../../shared/model/household';
import { VisitFields } from '../../../../shared/model/welfare';
import { ADL_ITEMS, type AdlItem } from '../../../../shared/rules/adl';
import { datePartsOf } from '../../../ui/dateParts';
import { fromJsonList, optionalText } from '../../../ui/form/formValues';
import { type FormIssue, formSchema } from '../../../ui/formSchema';
import { type AdlControl, adlControl } from '../../households/public';
import {
  dateControls,
  dateIssues,
  datePartsIn,
  dateValues,
  readComingDate,
  readPastDate,
} from './caseFormKit';

/** The visit form's controls, as typed: two dates, a note, photos and an optional ADL. */
export type VisitFormValues = {
  visitDay: string;
  visitMonth: string;
  visitYear: string;
  notes: string;
  nextDay: string;
  nextMonth: string;
  nextYear: string;
  /** `AttachmentRef`s as JSON. */
  photos: readonly string[];
  /** Whether the ADL is re-assessed: only then are its items asked and saved. */
  adlAssessed: boolean;
} & Record<AdlControl, string>;

export interface VisitFormContext {
  /** `YYYY-MM-DD` in Bangkok. */
  today: string;
  officerId: string;
  /** The case's person, whose ADL a re-assessment updates. */
  personId?: string | undefined;
}

const Visit = VisitFields.omit({ caseId: true });
export type VisitFormData = z.output<typeof Visit>;

/** A new visit: today, nothing else. */
export function newVisitValues(today: string): VisitFormValues {
  const adl = Object.fromEntries(ADL_ITEMS.map((item) => [adlControl(item), ''])) as Record<
    AdlControl,
    string
  >;
  return {
    ...(dateValues('visit', datePartsOf(today)) as Pick<
      VisitFormValues,
      'visitDay' | 'visitMonth' | 'visitYear'
    >),
    notes: '',
    nextDay: '',
    nextMonth: '',
    nextYear: '',
    photos: [],
    adlAssessed: false,
    ...adl,
  };
}

/** The ADL items as scores, per item as typed ('' = not chosen). */
export function adlScores(values: VisitFormValues): Record<AdlItem, string> {
  return Object.fromEntries(ADL_ITEMS.map((item) => [item, values[adlControl(item)]])) as Record<
    AdlItem,
    string
  >;
}

function adlOf(values: VisitFormValues): Partial<Record<AdlItem, number>> | undefined {
  if (!values.adlAssessed) return undefined;
  const entered = ADL_ITEMS.filter((item) => values[adlControl(item)] !== '');
  return Object.fromEntries(entered.map((item) => [item, Number(values[adlControl(item)])]));
}

function visitInput(values: VisitFormValues, context: VisitFormContext) {
  return {
    personId: context.personId,
    visitedOn: readPastDate(datePartsIn(values, 'visit'), context.today).iso,
    officerId: context.officerId,
    notes: optionalText(values.notes),
    adl: adlOf(values),
    photos: fromJsonList<AttachmentRef>(values.photos),
    nextVisitOn: readComingDate(datePartsIn(values, 'next'), context.today).iso,
  };
}

function visitControls(path: readonly PropertyKey[]): readonly string[] {
  const [field, part] = path.map(String);
  if (field === 'visitedOn') return dateControls('visit');
  if (field === 'nextVisitOn') return dateControls('next');
  if (field === 'adl' && part) return [adlControl(part as AdlItem)];
  return [field ?? ''];
}

function visitChecks(values: VisitFormValues, context: VisitFormContext): FormIssue[] {
  const issues = [
    ...dateIssues('visit', readPastDate(datePartsIn(values, 'visit'), context.today)),
    ...dateIssues('next', readComingDate(datePartsIn(values, 'next'), context.today)),
  ];
  if (values.adlAssessed) {
    for (const item of ADL_ITEMS) {
      const control = adlControl(item);
      if (values[control] === '') issues.push({ control, message: 'adl_item_required' });
    }
  }
  return issues;
}

/** The visit form's schema: `VisitFields` (the case is the page's) plus the form's checks. */
export function visitFormSchema(context: VisitFormContext) {
  return formSchema({
    fields: Visit,
    toFields: (values: VisitFormValues) => visitInput(values, context),
    controlsOf: visitControls,
    checks: (values: VisitFormValues) => visitChecks(values, context),
  });
}
