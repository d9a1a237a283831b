import {
  DRINKING_WATER,
  ELECTRICITY,
  HOUSE_CONDITIONS,
  LAND_DOC_TYPES,
  TENURES,
  WASTE_DISPOSAL,
} from '../../../../shared/model/household';
import {
  EDUCATION_LEVELS,
  HEALTH_SCHEMES,
  OCCUPATIONS,
  RELATIONS_TO_HEAD,
  SEXES,
  TITLE_PREFIXES,
} from '../../../../shared/model/person';
import { ADL_ITEM_MAX, type AdlItem } from '../../../../shared/rules/adl';
import { type Choice, choiceList } from '../../../ui/form/choices';
import { type PlainMessageKey, t } from '../../../ui/i18n';

/**
 * The options of the survey's selects: the schema's values with the labels the household
 * screens show (`hh.*`), and a first option for "not answered" (an empty control).
 */
function choices<T extends string>(values: readonly T[], label: (value: T) => string): Choice[] {
  return choiceList(values, label, t('survey.notAnswered'));
}

export const tenureChoices = () => choices(TENURES, (v) => t(`hh.tenure.${v}`));
export const landDocChoices = () => choices(LAND_DOC_TYPES, (v) => t(`hh.landDocType.${v}`));
export const houseConditionChoices = () =>
  choices(HOUSE_CONDITIONS, (v) => t(`hh.houseCondition.${v}`));
export const drinkingWaterChoices = () =>
  choices(DRINKING_WATER, (v) => t(`hh.drinkingWater.${v}`));
export const electricityChoices = () => choices(ELECTRICITY, (v) => t(`hh.electricity.${v}`));
export const wasteChoices = () => choices(WASTE_DISPOSAL, (v) => t(`hh.wasteDisposal.${v}`));
export const sexChoices = () => choices(SEXES, (v) => t(`hh.sex.${v}`));
export const relationChoices = () => choices(RELATIONS_TO_HEAD, (v) => t(`hh.relation.${v}`));
export const educationChoices = () => choices(EDUCATION_LEVELS, (v) => t(`hh.education.${v}`));
export const occupationChoices = () => choices(OCCUPATIONS, (v) => t(`hh.occupation.${v}`));
export const healthSchemeChoices = () => choices(HEALTH_SCHEMES, (v) => t(`hh.healthScheme.${v}`));

/** `hh.title.other` is empty (no title is printed); the select still needs a word for it. */
export const titleChoices = () =>
  choices(TITLE_PREFIXES, (v) => (v === 'other' ? t('survey.title.other') : t(`hh.title.${v}`)));

/** 0 … the item's maximum, each with what the score means (`survey.adl.<item>.<score>`). */
export function adlChoices(item: AdlItem): Choice[] {
  const scores = Array.from({ length: ADL_ITEM_MAX[item] + 1 }, (_, score) => String(score));
  return choices(scores, (score) => {
    const meaning = `survey.adl.${item}.${score}` as PlainMessageKey;
    return `${score} – ${t(meaning)}`;
  });
}
