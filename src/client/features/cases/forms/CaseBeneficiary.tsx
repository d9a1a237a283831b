import type { HouseholdView, PersonView } from '../../../records/people';
import { profile } from '../../../session/state';
import { t } from '../../../ui/i18n';
import { personName } from '../../../ui/record/labels';

/** Who a new case is about: the case belongs to their village. */
export interface IntakeBeneficiary {
  person: PersonView | null;
  household: HouseholdView | null;
  villageId: string;
}

/** The beneficiary's name and house, shown instead of a choice of village. */
export function CaseBeneficiary({ beneficiary }: { beneficiary: IntakeBeneficiary }) {
  const { person, household } = beneficiary;
  const village = profile.value?.villages.find((v) => v.id === beneficiary.villageId);
  return (
    <div class="case-beneficiary" data-testid="case-beneficiary">
      <p class="case-beneficiary-label">{t('caseForm.intake.beneficiary')}</p>
      {person && (
        <p class="case-beneficiary-name" data-testid="case-beneficiary-name">
          {personName(person)}
        </p>
      )}
      <p data-testid="case-beneficiary-house">
        {household && t('hh.page.title', { houseNo: household.fields.houseNo ?? '' })}
        {village && ` ${t('caseForm.village', { mooNo: village.mooNo, name: village.name })}`}
      </p>
    </div>
  );
}
