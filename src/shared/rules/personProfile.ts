import type { HouseholdFields } from '../model/household';
import type { PersonFields } from '../model/person';
import { adlScore, type DependencyGroup, dependencyGroup } from './adl';
import {
  ageOn,
  disabilityMonthlyAmount,
  ELDERLY_MIN_AGE,
  ELDERLY_RATE_SCHEDULES,
  elderlyMonthlyAmount,
  isElderlyForFiscalYear,
  scheduleOn,
} from './allowance';
import { fiscalQuarter } from './thaiDate';

/**
 * What the app derives from a person's answers (docs/domain.md §3–§4): never stored, always
 * recomputed, so a new rate schedule or a corrected birth date shows at once everywhere.
 */

/** A person's fields as they sit on a device: the server validated them, any may be missing. */
export type PersonAnswers = Partial<PersonFields>;
export type HouseholdAnswers = Partial<HouseholdFields>;

export type Allowance = 'elderly' | 'disability';

/** Answers a survey should have; each missing one is listed for the surveyor to fill in. */
export const PERSON_REQUIRED_ANSWERS = [
  'nationalId',
  'birthDate',
  'sex',
  'relationToHead',
] as const satisfies ReadonlyArray<keyof PersonFields>;
export const HOUSEHOLD_REQUIRED_ANSWERS = ['houseCode', 'gps'] as const satisfies ReadonlyArray<
  keyof HouseholdFields
>;

export type PersonMissing = (typeof PERSON_REQUIRED_ANSWERS)[number] | 'adl';

export interface PersonProfile {
  /** Whole years on `today`; null without a birth date. */
  age: number | null;
  /** Counted at the fiscal year's cut-off (1 September), as the allowance is. */
  elderly: boolean;
  /** The lower bound of the elderly age band (60, 70, 80, 90) on `today`, or null. */
  elderlyBand: number | null;
  /** Monthly amounts the person would be eligible for this month (0: not eligible). */
  elderlyAllowanceTHB: number;
  disabilityAllowanceTHB: number;
  disabled: boolean;
  adlScore: number | null;
  adlGroup: DependencyGroup | null;
  bedridden: boolean;
  /** Eligible for an allowance the person does not receive yet. */
  eligibleNotReceiving: Allowance[];
  missing: PersonMissing[];
  /** Still a member: not deceased, not moved out. */
  active: boolean;
}

export function personProfile(person: PersonAnswers, today: string): PersonProfile {
  const birthDate = person.birthDate ?? null;
  const age = birthDate ? ageOn(birthDate, today) : null;
  const active = (person.memberStatus ?? 'active') === 'active';
  // A national ID starting with 0 is a non-Thai person: no Thai allowance (docs/domain.md §1).
  const thai = !person.nationalId?.startsWith('0');
  const { fiscalYearBE } = fiscalQuarter(`${today}T12:00:00+07:00`);
  const elderly = birthDate !== null && isElderlyForFiscalYear(birthDate, fiscalYearBE);
  const disabled = person.disabilityCard === true || (person.disabilityTypes?.length ?? 0) > 0;
  const score = person.adl ? adlScore(person.adl) : null;
  const adlGroup = score === null ? null : dependencyGroup(score);

  const elderlyAllowanceTHB =
    birthDate && thai && active ? elderlyMonthlyAmount(birthDate, today) : 0;
  const disabilityAllowanceTHB =
    birthDate && thai && active && person.disabilityCard === true
      ? disabilityMonthlyAmount(birthDate, today)
      : 0;
  const eligibleNotReceiving: Allowance[] = [];
  if (elderlyAllowanceTHB > 0 && person.receivesElderlyAllowance !== true)
    eligibleNotReceiving.push('elderly');
  if (disabilityAllowanceTHB > 0 && person.receivesDisabilityAllowance !== true)
    eligibleNotReceiving.push('disability');

  const missing: PersonMissing[] = PERSON_REQUIRED_ANSWERS.filter(
    (field) => person[field] === undefined || person[field] === null || person[field] === '',
  );
  // The elderly and the disabled are assessed for dependency (ADL) at every survey round.
  if ((elderly || disabled) && score === null) missing.push('adl');

  return {
    age,
    elderly,
    elderlyBand: age === null ? null : elderlyBand(age, today),
    elderlyAllowanceTHB,
    disabilityAllowanceTHB,
    disabled,
    adlScore: score,
    adlGroup,
    bedridden: person.bedridden === true || adlGroup === 'bedbound',
    eligibleNotReceiving,
    missing,
    active,
  };
}

/** The band of the schedule in force on `today` that `age` falls in, or null under 60. */
export function elderlyBand(age: number, today: string): number | null {
  if (age < ELDERLY_MIN_AGE) return null;
  const schedule = scheduleOn(ELDERLY_RATE_SCHEDULES, today);
  let band: number | null = null;
  for (const { minAge } of schedule?.bands ?? []) if (age >= minAge) band = minAge;
  return band;
}

export type HouseholdMissing = (typeof HOUSEHOLD_REQUIRED_ANSWERS)[number] | 'head' | 'members';

/** What a household's record lacks, given its active members. */
export function householdMissing(
  household: HouseholdAnswers,
  members: readonly PersonAnswers[],
): HouseholdMissing[] {
  const missing: HouseholdMissing[] = HOUSEHOLD_REQUIRED_ANSWERS.filter(
    (field) => household[field] === undefined || household[field] === null,
  );
  const active = members.filter((member) => (member.memberStatus ?? 'active') === 'active');
  if (active.length === 0) missing.push('members');
  else if (!active.some((member) => member.relationToHead === 'head')) missing.push('head');
  return missing;
}

/** The survey round of a survey date: the Thai fiscal year (พ.ศ.) it falls in. */
export function surveyRound(surveyDate: string): number {
  return fiscalQuarter(`${surveyDate}T12:00:00+07:00`).fiscalYearBE;
}
