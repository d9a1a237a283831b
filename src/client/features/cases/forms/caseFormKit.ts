import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_PRIORITIES,
  PROGRAMS,
} from '../../../../shared/model/welfare';
import { type DateParts, readDateParts } from '../../../ui/dateParts';
import { choiceList as choices } from '../../../ui/form/choices';
import type { FormIssue } from '../../../ui/formSchema';
import { t } from '../../../ui/i18n';

/** What the welfare forms share: their selects' options and the reading of dates to come. */

export const categoryChoices = () =>
  choices(CASE_CATEGORIES, (v) => t(`case.category.${v}`), t('caseForm.choose'));
export const channelChoices = () => choices(CASE_CHANNELS, (v) => t(`case.channel.${v}`));
export const priorityChoices = () => choices(CASE_PRIORITIES, (v) => t(`case.priority.${v}`));
export const programChoices = () => choices(PROGRAMS, (v) => t(`program.${v}`));

/** How far ahead a due date or a next visit may be: further is a typing mistake. */
const COMING_YEARS = 5;

/** A date read from its parts: the ISO date, or the `validation.*` message of its problem. */
export interface DateRead {
  iso: string | undefined;
  problem: string | null;
}

/** A date already passed or today (a visit, a delivery); all three parts are needed. */
export function readPastDate(parts: DateParts, today: string): DateRead {
  const read = readDateParts(parts, today, 'day');
  return { iso: read.date?.iso, problem: read.problem?.message ?? null };
}

/** A date to come (a due date, the next visit): today or later, within five years. */
export function readComingDate(parts: DateParts, today: string): DateRead {
  const latest = `${Number(today.slice(0, 4)) + COMING_YEARS}-12-31`;
  // readDateParts refuses what is after its "today": given the latest date, it refuses too far.
  const read = readDateParts(parts, latest, 'day');
  const problem = read.problem?.message;
  if (problem === 'year_in_future' || problem === 'date_in_future') {
    return { iso: undefined, problem: 'date_too_far' };
  }
  if (problem) return { iso: undefined, problem };
  const iso = read.date?.iso;
  if (iso !== undefined && iso < today) return { iso: undefined, problem: 'date_in_past' };
  return { iso, problem: null };
}

/** The day, month and year controls of the date `name` (`dueDay`, `dueMonth`, `dueYear`). */
export function dateControls(name: string): readonly [string, string, string] {
  return [`${name}Day`, `${name}Month`, `${name}Year`];
}

/** The typed parts of the date `name` in a form's values. */
export function datePartsIn(values: Readonly<Record<string, unknown>>, name: string): DateParts {
  const [day, month, year] = dateControls(name).map((control) => String(values[control] ?? ''));
  return { day: day ?? '', month: month ?? '', year: year ?? '' };
}

/** The form values of the date `name` holding `parts`. */
export function dateValues(name: string, parts: DateParts): Record<string, string> {
  const [day, month, year] = dateControls(name);
  return { [day]: parts.day, [month]: parts.month, [year]: parts.year };
}

/** A date's problem, under each of its three controls (shown whichever was touched). */
export function dateIssues(name: string, read: DateRead): FormIssue[] {
  const { problem } = read;
  return problem === null
    ? []
    : dateControls(name).map((control) => ({ control, message: problem }));
}
