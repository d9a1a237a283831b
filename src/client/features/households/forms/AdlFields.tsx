import { ADL_ITEMS, type AdlItem, adlScore, dependencyGroup } from '../../../../shared/rules/adl';
import { Button } from '../../../ui/Button';
import { SelectField } from '../../../ui/Field';
import { t } from '../../../ui/i18n';
import { adlChoices } from './choices';

interface AdlFieldsProps {
  /** Per item, the score as typed ('' = not assessed). */
  scores: Readonly<Record<AdlItem, string>>;
  onChange: (item: AdlItem, score: string) => void;
  onClear: () => void;
  error: (item: AdlItem) => string | undefined;
}

/**
 * The 10 items of the Thai Barthel ADL (Dept. of Health), with the total and the dependency
 * group as they are chosen. Optional as a whole; once one item is scored, all 10 are needed.
 */
export function AdlFields({ scores, onChange, onClear, error }: AdlFieldsProps) {
  const entered = ADL_ITEMS.filter((item) => scores[item] !== '');
  const numbers = Object.fromEntries(entered.map((item) => [item, Number(scores[item])]));
  const score = adlScore(numbers);
  return (
    <fieldset class="adl-fields" data-testid="person-adl">
      <legend>{t('survey.adl.title')}</legend>
      <p class="field-hint">{t('survey.adl.hint')}</p>
      {ADL_ITEMS.map((item) => (
        <SelectField
          key={item}
          id={`person-adl-${item}`}
          label={t(`survey.adl.${item}`)}
          value={scores[item]}
          options={adlChoices(item)}
          onChange={(value) => onChange(item, value)}
          error={error(item)}
          testId={`person-adl-${item}`}
        />
      ))}
      <div class="adl-score" role="status" data-testid="person-adl-score">
        {score === null
          ? t('survey.adl.partial', { count: entered.length })
          : t('survey.adl.score', {
              score,
              group: t(`hh.adl.${dependencyGroup(score)}`),
            })}
      </div>
      {entered.length > 0 && (
        <Button variant="quiet" testId="person-adl-clear" onClick={onClear}>
          {t('survey.adl.clear')}
        </Button>
      )}
    </fieldset>
  );
}
