import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { z } from 'zod';
import { Banner } from '../Banner';
import { Button } from '../Button';
import { ConfirmDialog } from '../ConfirmDialog';
import { dateTime } from '../format';
import { t } from '../i18n';
import { restoreValues } from './bind';
import { type Draft, useDraft } from './useDraft';
import type { Form, FormValues } from './useForm';

/** What `useSurveyForm` hands to the frame: the draft, the save and their state. */
interface SurveyFormState {
  draft: Draft;
  /** Back to the record as it was: the draft is gone, the form shows the record again. */
  onDiscardDraft: () => void;
  isDirty: boolean;
  submitting: boolean;
  formError: string | null;
  /** Validates and saves; false when something is wrong (the first problem gets the focus). */
  onSave: () => Promise<boolean>;
}

interface FormFrameProps extends SurveyFormState {
  title: string;
  subtitle?: string;
  /** `<prefix>-form`, `<prefix>-save`, `<prefix>-cancel`. */
  testPrefix: string;
  /** Where Cancel goes. */
  backHref: string;
  children: ComponentChildren;
}

interface SurveyFormOptions<V extends FormValues, S extends z.ZodType> {
  form: Form<V, S>;
  /** The values the form opened with: discarding the draft goes back to them. */
  initial: V;
  /** The draft's key, e.g. `person:new:<householdId>`. */
  formKey: string;
  /** Saves on this device; returns the page to open next. */
  save: (data: z.output<S>) => Promise<string>;
}

/**
 * A survey form's draft and save, as `FormFrame` takes them: the draft is kept while the input
 * differs from the record, and removed once the save is done.
 */
export function useSurveyForm<V extends FormValues, S extends z.ZodType>({
  form,
  initial,
  formKey,
  save,
}: SurveyFormOptions<V, S>): SurveyFormState {
  const { route } = useLocation();
  const draft = useDraft({
    formKey,
    values: form.values,
    isDirty: form.isDirty,
    restore: (saved) => restoreValues(form, saved),
  });
  const onSave = async () => {
    let next = '';
    const saved = await form.submit(async (data) => {
      next = await save(data);
    });
    if (saved) {
      await draft.remove();
      form.reset(form.values);
      route(next);
    }
    return saved;
  };
  const onDiscardDraft = () => {
    void draft.remove();
    form.reset(initial);
  };
  return {
    draft,
    onDiscardDraft,
    isDirty: form.isDirty,
    submitting: form.submitting,
    formError: form.formError,
    onSave,
  };
}

/**
 * A survey form page: title, the restored-draft banner, the sections, and a save bar that
 * stays at the bottom of the screen within reach of a thumb.
 */
export function FormFrame(props: FormFrameProps) {
  const { testPrefix, draft } = props;
  const { route } = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const [leaving, setLeaving] = useState(false);
  /** A failed save with no message at any control: a field the form does not show is wrong. */
  const [hiddenProblem, setHiddenProblem] = useState(false);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setHiddenProblem(false);
    if (await props.onSave()) return;
    setTimeout(() => {
      if (!focusFirstProblem(formRef.current) && !props.formError) setHiddenProblem(true);
    }, 0);
  };
  const leave = async () => {
    await draft.remove();
    route(props.backHref);
  };
  // Input typed before a stored draft is restored would be overwritten by it.
  if (!draft.loaded) return <p class="muted">{t('common.loading')}</p>;

  return (
    <form
      ref={formRef}
      class="form survey-form"
      data-testid={`${testPrefix}-form`}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <h1>{props.title}</h1>
      {props.subtitle && <p class="lead">{props.subtitle}</p>}
      {draft.restoredAt && (
        <Banner tone="info" testId="draft-restored">
          <span>{t('draft.restored', { time: dateTime(draft.restoredAt) })}</span>{' '}
          <Button variant="quiet" testId="draft-discard" onClick={props.onDiscardDraft}>
            {t('draft.discard')}
          </Button>
        </Banner>
      )}
      {props.children}
      {props.formError && <Banner tone="error">{props.formError}</Banner>}
      {hiddenProblem && !props.formError && (
        <Banner tone="error">{t('survey.invalidHidden')}</Banner>
      )}
      <div class="save-bar">
        <Button
          testId={`${testPrefix}-cancel`}
          onClick={() => (props.isDirty ? setLeaving(true) : route(props.backHref))}
        >
          {t('common.cancel')}
        </Button>
        <Button
          type="submit"
          variant="primary"
          busy={props.submitting}
          busyLabel={t('common.saving')}
          testId={`${testPrefix}-save`}
        >
          {t('common.save')}
        </Button>
      </div>
      {leaving && (
        <ConfirmDialog
          title={t('survey.leave.title')}
          confirmLabel={t('survey.leave.confirm')}
          danger
          onConfirm={() => void leave()}
          onCancel={() => setLeaving(false)}
          testId="form-leave-dialog"
        >
          <p>{t('survey.leave.body')}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}

/** Brings the first field with a message into view and focuses its control; false if none. */
function focusFirstProblem(form: HTMLFormElement | null): boolean {
  const field = form?.querySelector<HTMLElement>('.field-invalid');
  if (!field) return false;
  field.scrollIntoView?.({ block: 'center' });
  field.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  return true;
}
