import { type PersonAnswers, personProfile } from '../../../../shared/rules/personProfile';
import { language, t } from '../../../ui/i18n';

interface PersonDerivedProps {
  answers: PersonAnswers;
  /** `YYYY-MM-DD` in Bangkok. */
  today: string;
  /** `age`: age and elderly band; `welfare`: allowances the person is eligible for, ADL group. */
  show: 'age' | 'welfare';
}

function baht(amount: number): string {
  return amount.toLocaleString(language.value === 'th' ? 'th-TH' : 'en-GB');
}

/** What the answers so far mean (never stored: recomputed from the rules in force today). */
export function PersonDerived({ answers, today, show }: PersonDerivedProps) {
  const derived = personProfile(answers, today);
  if (show === 'age') {
    if (derived.age === null) return null;
    return (
      <p class="derived" role="status" data-testid="person-derived-age">
        {t('survey.derived.age', { age: derived.age })}
        {derived.elderlyBand !== null &&
          ` · ${t('hh.badge.elderlyBand', { band: derived.elderlyBand })}`}
      </p>
    );
  }
  const lines: string[] = [];
  if (derived.elderlyAllowanceTHB > 0) {
    lines.push(t('survey.derived.elderlyAllowance', { amount: baht(derived.elderlyAllowanceTHB) }));
  }
  if (derived.disabilityAllowanceTHB > 0) {
    lines.push(
      t('survey.derived.disabilityAllowance', { amount: baht(derived.disabilityAllowanceTHB) }),
    );
  }
  if (lines.length === 0) lines.push(t('survey.derived.noAllowance'));
  if (derived.adlGroup !== null && derived.adlScore !== null) {
    lines.push(
      t('survey.adl.score', { score: derived.adlScore, group: t(`hh.adl.${derived.adlGroup}`) }),
    );
  }
  if (derived.eligibleNotReceiving.length > 0) lines.push(t('survey.derived.notReceiving'));
  return (
    <div class="derived" role="status" data-testid="person-derived-welfare">
      <p class="derived-title">{t('survey.derived.title')}</p>
      <ul class="plain-list">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
