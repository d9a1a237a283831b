import { checkNationalId } from '../../../../shared/rules/nationalId';
import { Banner } from '../../../ui/Banner';
import { TextField } from '../../../ui/Field';
import { t } from '../../../ui/i18n';
import { personName } from '../../../ui/record/labels';
import type { PeopleIndex, PersonSearchEntry } from '../../search/public';

interface NationalIdFieldProps {
  value: string;
  onInput: (value: string) => void;
  onBlur: () => void;
  error: string | undefined;
  /** Everyone on the device, to warn about a duplicate; null while it is being built. */
  people: PeopleIndex | null;
  /** The person being edited, who is not their own duplicate. */
  personId?: string | undefined;
}

/** Other people on the device with this (valid) ID, the person being edited left out. */
export function duplicatesOf(
  nationalId: string,
  people: PeopleIndex | null,
  personId?: string,
): PersonSearchEntry[] {
  const check = checkNationalId(nationalId);
  if (!people || check.problem !== null) return [];
  return people.findByNationalId(check.value).filter((entry) => entry.person.id !== personId);
}

function duplicateText({ person, household }: PersonSearchEntry): string {
  const name = personName(person);
  const houseNo = household?.fields.houseNo;
  const mooNo = household?.fields.mooNo;
  return houseNo !== undefined && mooNo !== undefined
    ? t('survey.nationalId.duplicate', { name, houseNo, mooNo })
    : t('survey.nationalId.duplicateNoHouse', { name });
}

/**
 * เลขประจำตัวประชาชน with its checks as you type (length, then check digit), and two warnings
 * that do not stop a save: an ID starting with 0 (not Thai: no Thai allowance) and an ID that
 * another person on the device already has (the surveyor decides which record is right).
 */
export function NationalIdField(props: NationalIdFieldProps) {
  const check = checkNationalId(props.value);
  const duplicates = duplicatesOf(props.value, props.people, props.personId);
  return (
    <>
      <TextField
        id="person-nationalId"
        label={t('survey.person.nationalId')}
        hint={t('survey.person.nationalIdHint')}
        value={props.value}
        onInput={props.onInput}
        onBlur={props.onBlur}
        error={props.error}
        inputMode="numeric"
        autoComplete="off"
        maxLength={17}
        testId="person-nationalId"
      />
      {check.problem === null && check.nonThai && (
        <Banner tone="warning" testId="national-id-non-thai">
          {t('survey.nationalId.nonThai')}
        </Banner>
      )}
      {duplicates.length > 0 && (
        <Banner tone="warning" testId="national-id-duplicate">
          <ul class="plain-list">
            {duplicates.map((entry) => (
              <li key={entry.person.id}>
                {duplicateText(entry)}{' '}
                {entry.person.fields.householdId && (
                  <a
                    href={`/households/${entry.person.fields.householdId}`}
                    data-testid="national-id-duplicate-link"
                  >
                    {t('survey.nationalId.openHousehold')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </Banner>
      )}
    </>
  );
}
