import { date } from '../../ui/format';
import { t } from '../../ui/i18n';
import { beneficiaryName, categoryText, villageText } from './caseLabels';
import type { Beneficiary, CaseView } from './caseRecords';

/** One case in a list: a big link to the case with who, what, status and when. */
export function CaseRow({
  welfareCase,
  beneficiary,
  testId,
}: {
  welfareCase: CaseView;
  beneficiary: Beneficiary | undefined;
  testId: string;
}) {
  const f = welfareCase.fields;
  return (
    <li class="case-row" data-priority={f.priority ?? 'normal'}>
      <a href={`/cases/${welfareCase.id}`} class="case-link" data-testid={testId}>
        <span class="case-row-name">{beneficiaryName(welfareCase, beneficiary)}</span>
        <span class="case-row-meta">
          <span>{categoryText(welfareCase)}</span>
          {f.status && (
            <span class="case-status-chip" data-status={f.status}>
              {t(`case.status.${f.status}`)}
            </span>
          )}
          {f.priority === 'urgent' && <span class="case-urgent">{t('case.priority.urgent')}</span>}
        </span>
        <span class="case-row-meta muted small">
          {f.dueDate ? (
            <span class="case-due">{t('cases.row.due', { date: date(f.dueDate) })}</span>
          ) : (
            f.receivedAt && <span>{t('cases.row.received', { date: date(f.receivedAt) })}</span>
          )}
          <span>{villageText(welfareCase.villageId)}</span>
        </span>
      </a>
    </li>
  );
}

/** A titled list of case rows, or a quiet "nothing here". */
export function CaseSection({
  title,
  cases,
  beneficiaries,
  testId,
  rowTestId,
  tone,
}: {
  title: string;
  cases: readonly CaseView[];
  beneficiaries: Map<string, Beneficiary>;
  testId: string;
  rowTestId: (caseId: string) => string;
  tone?: 'overdue' | 'due';
}) {
  const headingId = `${testId}-title`;
  return (
    <section
      class={tone ? `card case-section case-section-${tone}` : 'card case-section'}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <h2 id={headingId}>
        {title} ({cases.length})
      </h2>
      {cases.length === 0 ? (
        <p class="muted">{t('cases.work.none')}</p>
      ) : (
        <ul class="case-list">
          {cases.map((c) => (
            <CaseRow
              key={c.id}
              welfareCase={c}
              beneficiary={beneficiaries.get(c.id)}
              testId={rowTestId(c.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
