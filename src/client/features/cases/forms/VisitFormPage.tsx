import { useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { AttachmentRef } from '../../../../shared/model/household';
import type { VisitFields } from '../../../../shared/model/welfare';
import { ADL_ITEMS } from '../../../../shared/rules/adl';
import { bangkokDate } from '../../../../shared/rules/thaiDate';
import { db } from '../../../db/database';
import { getPerson } from '../../../records/people';
import { currentUser } from '../../../session/state';
import { saveChanges } from '../../../sync/deviceSync';
import type { RecordChange } from '../../../sync/edit';
import { Button } from '../../../ui/Button';
import { CheckboxField } from '../../../ui/CheckboxField';
import { datePartsOf } from '../../../ui/dateParts';
import { bindCheckbox, bindText, saveErrorMessage } from '../../../ui/form/bind';
import { FormFrame, useSurveyForm } from '../../../ui/form/FormFrame';
import { definedOnly, fromJsonList, jsonList } from '../../../ui/form/formValues';
import { type Form, useForm } from '../../../ui/form/useForm';
import { t } from '../../../ui/i18n';
import { fieldLabel } from '../../../ui/i18n/recordText';
import { PhotosField } from '../../../ui/PhotosField';
import { AdlFields, adlControl, patchChange } from '../../households/public';
import { logVisitChanges } from '../caseChanges';
import { addDays, type CaseView, caseRef } from '../caseRecords';
import { FormDateField, TextAreaField } from './CaseFormFields';
import { CaseLoader, caseSubtitle } from './CaseLoader';
import {
  adlScores,
  newVisitValues,
  type VisitFormContext,
  type VisitFormData,
  type VisitFormValues,
  visitFormSchema,
} from './visitForm';

/** `VisitFields.photos` allows 10. */
const MAX_VISIT_PHOTOS = 10;
/** The usual follow-up intervals, one tap each. */
const NEXT_VISIT_DAYS = [7, 14, 30] as const;

/**
 * A home visit of a case, logged on the doorstep with one hand: the date is today, everything
 * else is optional, and the save button stays at the bottom within reach of the thumb.
 */
export default function VisitFormPage() {
  const { params } = useRoute();
  const caseId = params.caseId ?? '';
  return (
    <div class="case-form visit-form-page">
      <CaseLoader caseId={caseId}>
        {(welfareCase) => <VisitForm key={caseId} welfareCase={welfareCase} />}
      </CaseLoader>
    </div>
  );
}

/** A re-assessment during the visit is the person's ADL from now on: patched with the visit. */
async function personAdlChange(data: VisitFormData): Promise<RecordChange | null> {
  if (!data.adl || !data.personId) return null;
  const person = await getPerson(db(), data.personId);
  if (!person || person.deleted) return null;
  return patchChange(person, 'person', { adl: data.adl }, ['adl']);
}

function VisitForm({ welfareCase }: { welfareCase: CaseView }) {
  const [context] = useState<VisitFormContext>(() => ({
    today: bangkokDate(),
    officerId: currentUser.value?.id ?? '',
    personId: welfareCase.fields.personId,
  }));
  const [initial] = useState(() => newVisitValues(context.today));
  const schema = useMemo(() => visitFormSchema(context), [context]);
  const form = useForm({ initial, schema, describeError: saveErrorMessage });

  const save = async (data: VisitFormData): Promise<string> => {
    const visit = definedOnly(data) as Omit<VisitFields, 'caseId'>;
    const changes = logVisitChanges(caseRef(welfareCase), visit);
    const adlChange = await personAdlChange(data);
    await saveChanges(adlChange ? [...changes, adlChange] : changes);
    return `/cases/${welfareCase.id}`;
  };
  const frame = useSurveyForm({ form, initial, formKey: `visit:new:${welfareCase.id}`, save });

  return (
    <FormFrame
      title={t('caseForm.visit.title')}
      subtitle={caseSubtitle(welfareCase)}
      testPrefix="visit"
      backHref={`/cases/${welfareCase.id}`}
      {...frame}
    >
      <FormDateField
        form={form}
        name="visit"
        legend={fieldLabel('visit', 'visitedOn')}
        testId="visit-date"
      />
      <TextAreaField
        {...bindText(form, 'visit', 'notes')}
        label={t('caseForm.visit.notes')}
        hint={t('caseForm.visit.notesHint')}
        maxLength={2000}
        rows={4}
      />
      <NextVisitField form={form} today={context.today} />
      <PhotosField
        id="visit-photos"
        legend={fieldLabel('visit', 'photos')}
        hint={t('caseForm.photosHint')}
        photos={fromJsonList<AttachmentRef>(form.values.photos) ?? []}
        onChange={(next) => form.set('photos', jsonList(next))}
        max={MAX_VISIT_PHOTOS}
        error={form.error('photos')}
        camera
        testId="visit-photos"
      />
      <AdlReassessment form={form} forPerson={context.personId !== undefined} />
    </FormFrame>
  );
}

interface VisitSectionProps {
  form: Form<VisitFormValues, ReturnType<typeof visitFormSchema>>;
}

function NextVisitField({ form, today }: VisitSectionProps & { today: string }) {
  const setNext = (days: number) => {
    const parts = datePartsOf(addDays(today, days));
    form.set('nextDay', parts.day);
    form.set('nextMonth', parts.month);
    form.set('nextYear', parts.year);
  };
  return (
    <div class="visit-next">
      <FormDateField
        form={form}
        name="next"
        legend={fieldLabel('visit', 'nextVisitOn')}
        hint={t('caseForm.visit.nextHint')}
        testId="visit-next"
      />
      <div class="visit-next-quick">
        {NEXT_VISIT_DAYS.map((days) => (
          <Button key={days} testId={`visit-next-${days}`} onClick={() => setNext(days)}>
            {t('caseForm.visit.nextIn', { days })}
          </Button>
        ))}
      </div>
    </div>
  );
}

function AdlReassessment({ form, forPerson }: VisitSectionProps & { forPerson: boolean }) {
  return (
    <div class="visit-adl">
      <CheckboxField
        {...bindCheckbox(form, 'visit', 'adlAssessed')}
        id="visit-adl-toggle"
        testId="visit-adl-toggle"
        label={t('caseForm.visit.adlToggle')}
        hint={forPerson ? t('caseForm.visit.adlHint') : undefined}
      />
      {form.values.adlAssessed && (
        <AdlFields
          scores={adlScores(form.values)}
          onChange={(item, score) => form.set(adlControl(item), score)}
          onClear={() => {
            for (const item of ADL_ITEMS) form.set(adlControl(item), '');
          }}
          error={(item) => form.error(adlControl(item))}
        />
      )}
    </div>
  );
}
