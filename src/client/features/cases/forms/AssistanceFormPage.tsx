import { useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { AssistanceFields } from '../../../../shared/model/welfare';
import { bangkokDate } from '../../../../shared/rules/thaiDate';
import { saveChanges } from '../../../sync/deviceSync';
import { SelectField, TextField } from '../../../ui/Field';
import { bindText, saveErrorMessage } from '../../../ui/form/bind';
import { FormFrame, useSurveyForm } from '../../../ui/form/FormFrame';
import { definedOnly } from '../../../ui/form/formValues';
import { useForm } from '../../../ui/form/useForm';
import { t } from '../../../ui/i18n';
import { fieldLabel } from '../../../ui/i18n/recordText';
import { assistanceChanges } from '../caseChanges';
import { type CaseView, caseRef } from '../caseRecords';
import {
  type AssistanceFormContext,
  type AssistanceFormData,
  assistanceFormSchema,
  defaultProgram,
  newAssistanceValues,
} from './assistanceForm';
import { FormDateField, SuggestField, TextAreaField } from './CaseFormFields';
import { CaseLoader, caseSubtitle } from './CaseLoader';
import { programChoices } from './caseFormKit';

/** The regulations assistance is most often given under (docs/domain.md §4). */
const COMMON_BASES = [
  'caseForm.assistance.basis.moi2560',
  'caseForm.assistance.basis.mof2562',
  'caseForm.assistance.basis.elderly2552',
  'caseForm.assistance.basis.disability2553',
] as const;

/** One entry of the case's assistance ledger: cash, goods or both, delivered on a day. */
export default function AssistanceFormPage() {
  const { params } = useRoute();
  const caseId = params.caseId ?? '';
  return (
    <div class="case-form assistance-form-page">
      <CaseLoader caseId={caseId}>
        {(welfareCase) => <AssistanceForm key={caseId} welfareCase={welfareCase} />}
      </CaseLoader>
    </div>
  );
}

function AssistanceForm({ welfareCase }: { welfareCase: CaseView }) {
  const { fields } = welfareCase;
  const [context] = useState<AssistanceFormContext>(() => ({
    today: bangkokDate(),
    category: fields.category ?? 'other',
    personId: fields.personId,
    householdId: fields.householdId,
  }));
  const [initial] = useState(() => newAssistanceValues(defaultProgram(fields), context.today));
  const schema = useMemo(() => assistanceFormSchema(context), [context]);
  const form = useForm({ initial, schema, describeError: saveErrorMessage });

  const save = async (data: AssistanceFormData): Promise<string> => {
    const entry = definedOnly(data) as Omit<AssistanceFields, 'caseId'>;
    await saveChanges(assistanceChanges(caseRef(welfareCase), entry));
    return `/cases/${welfareCase.id}`;
  };
  const frame = useSurveyForm({
    form,
    initial,
    formKey: `assistance:new:${welfareCase.id}`,
    save,
  });

  return (
    <FormFrame
      title={t('caseForm.assistance.title')}
      subtitle={caseSubtitle(welfareCase)}
      testPrefix="assistance"
      backHref={`/cases/${welfareCase.id}`}
      {...frame}
    >
      <SelectField
        {...bindText(form, 'assistance', 'program')}
        label={fieldLabel('assistance', 'programCode')}
        options={programChoices()}
      />
      <TextField
        {...bindText(form, 'assistance', 'amount')}
        label={t('caseForm.assistance.amount')}
        hint={t('caseForm.assistance.amountHint')}
        inputMode="decimal"
        maxLength={15}
        autoComplete="off"
      />
      <TextAreaField
        {...bindText(form, 'assistance', 'inKind')}
        id="assistance-inkind"
        testId="assistance-inkind"
        label={fieldLabel('assistance', 'inKind')}
        hint={t('caseForm.assistance.inKindHint')}
        maxLength={500}
        rows={2}
      />
      <SuggestField
        {...bindText(form, 'assistance', 'basis')}
        label={fieldLabel('assistance', 'legalBasis')}
        suggestions={COMMON_BASES.map((key) => t(key))}
        maxLength={200}
      />
      <TextField
        {...bindText(form, 'assistance', 'approvedBy')}
        id="assistance-approved-by"
        testId="assistance-approved-by"
        label={fieldLabel('assistance', 'approvedBy')}
        maxLength={200}
      />
      <FormDateField
        form={form}
        name="delivered"
        legend={fieldLabel('assistance', 'deliveredAt')}
        testId="assistance-date"
      />
      <TextAreaField
        {...bindText(form, 'assistance', 'note')}
        label={fieldLabel('assistance', 'note')}
        maxLength={500}
        rows={2}
      />
    </FormFrame>
  );
}
