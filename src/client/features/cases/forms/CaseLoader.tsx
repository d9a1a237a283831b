import type { ComponentChildren } from 'preact';
import { db } from '../../../db/database';
import { Banner } from '../../../ui/Banner';
import { useLoaded } from '../../../ui/form/useLoaded';
import { t } from '../../../ui/i18n';
import { type CaseView, getCase } from '../caseRecords';

/**
 * The case a visit or an assistance form writes against, read once when the form opens (a
 * sync arriving meanwhile must not reset the input), or a message when it is not here.
 */
export function CaseLoader(props: {
  caseId: string;
  children: (welfareCase: CaseView) => ComponentChildren;
}) {
  const loaded = useLoaded(() => getCase(db(), props.caseId), [props.caseId]);
  if (loaded.status === 'loading') return <p class="muted">{t('common.loading')}</p>;
  const welfareCase = loaded.status === 'ready' ? loaded.value : null;
  if (!welfareCase) {
    return (
      <Banner tone="error" testId="case-form-missing">
        {t('caseForm.caseMissing')}
      </Banner>
    );
  }
  return <>{props.children(welfareCase)}</>;
}

/** The case's category and status, under the form's title. */
export function caseSubtitle(welfareCase: CaseView): string | undefined {
  const { category, status } = welfareCase.fields;
  if (!category || !status) return undefined;
  return t('caseForm.caseSummary', {
    category: t(`case.category.${category}`),
    status: t(`case.status.${status}`),
  });
}
