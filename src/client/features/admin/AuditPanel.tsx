import { useCallback, useState } from 'preact/hooks';
import type { AuditEntry, AuditFilter } from '../../../shared/api/admin';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { errorMessage } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/Field';
import { dateTime } from '../../ui/format';
import { t } from '../../ui/i18n';
import { adminApi } from './adminApi';
import { MoreButton } from './QuarantinePanel';
import { RemoteState } from './RemoteState';
import { type Page, usePaged } from './usePaged';
import { useRemote } from './useRemote';

export type AuditFilterForm = Required<{ [K in keyof AuditFilter]: string }>;

export const EMPTY_AUDIT_FILTER: AuditFilterForm = {
  userId: '',
  action: '',
  target: '',
  from: '',
  to: '',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter as the API takes it: blanks left out; null when a date is not `YYYY-MM-DD`. */
export function auditFilterOf(form: AuditFilterForm): AuditFilter | null {
  const filter: AuditFilter = {};
  for (const [key, raw] of Object.entries(form) as [keyof AuditFilter, string][]) {
    const value = raw.trim();
    if (value === '') continue;
    if ((key === 'from' || key === 'to') && !ISO_DATE.test(value)) return null;
    filter[key] = value;
  }
  return filter;
}

/** `details` in one line, for the table (the CSV has it whole). */
export function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  const text = JSON.stringify(details);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/**
 * บันทึกการใช้งาน (admins): who did what, when, filtered by user, action, target and Bangkok
 * dates, newest first, page by page; the same filters download as CSV.
 */
export function AuditPanel() {
  const users = useRemote(adminApi.users);
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const [applied, setApplied] = useState<AuditFilter>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const load = useCallback(
    (before?: string): Promise<Page<AuditEntry>> =>
      adminApi.audit(applied, before).then((r) => ({ items: r.entries, nextBefore: r.nextBefore })),
    [applied],
  );
  const list = usePaged(load);
  const set = (key: keyof AuditFilterForm) => (value: string) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  const apply = (event: Event) => {
    event.preventDefault();
    const filter = auditFilterOf(form);
    if (!filter) {
      setFormError(t('audit.badDate'));
      return;
    }
    setFormError(null);
    setApplied(filter);
  };

  const downloadCsv = async () => {
    setDownloading(true);
    try {
      await adminApi.downloadAudit(applied);
      setFormError(null);
    } catch (failure) {
      setFormError(errorMessage(failure));
    } finally {
      setDownloading(false);
    }
  };

  const userOptions = [
    { value: '', label: t('audit.anyUser') },
    ...(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.username})` })),
  ];

  return (
    <section aria-labelledby="admin-audit-title" data-testid="audit-panel">
      <div class="section-head">
        <h2 id="admin-audit-title">{t('admin.audit')}</h2>
        <Button onClick={() => void downloadCsv()} busy={downloading} testId="audit-csv">
          {t('audit.csv')}
        </Button>
      </div>
      <form class="card audit-filters" onSubmit={apply} aria-label={t('audit.filters')} noValidate>
        <SelectField
          id="audit-user"
          label={t('audit.user')}
          value={form.userId}
          options={userOptions}
          onChange={set('userId')}
        />
        <TextField
          id="audit-action"
          label={t('audit.action')}
          value={form.action}
          onInput={set('action')}
          maxLength={100}
        />
        <TextField
          id="audit-target"
          label={t('audit.target')}
          value={form.target}
          onInput={set('target')}
          maxLength={200}
        />
        <TextField
          id="audit-from"
          label={t('audit.from')}
          value={form.from}
          onInput={set('from')}
          maxLength={10}
        />
        <TextField
          id="audit-to"
          label={t('audit.to')}
          value={form.to}
          onInput={set('to')}
          maxLength={10}
        />
        <div class="actions">
          <Button
            onClick={() => {
              setForm(EMPTY_AUDIT_FILTER);
              setApplied({});
              setFormError(null);
            }}
          >
            {t('audit.clear')}
          </Button>
          <Button type="submit" variant="primary" testId="audit-apply">
            {t('audit.apply')}
          </Button>
        </div>
      </form>
      {formError && <Banner tone="error">{formError}</Banner>}
      <RemoteState remote={list.remote} />
      {list.items && list.items.length === 0 && <p class="muted">{t('audit.empty')}</p>}
      {list.items && list.items.length > 0 && (
        <table class="table audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.user')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((entry) => (
              <tr key={entry.id} data-testid="audit-row">
                <td data-label={t('audit.at')}>{dateTime(entry.at)}</td>
                <td data-label={t('audit.user')} class="mono">
                  {entry.username ?? t('common.none')}
                </td>
                <td data-label={t('audit.action')} class="mono">
                  {entry.action}
                </td>
                <td data-label={t('audit.target')} class="mono small">
                  {entry.target ?? t('common.none')}
                </td>
                <td data-label={t('audit.details')} class="mono small audit-details">
                  {detailsText(entry.details)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MoreButton
        hasMore={list.hasMore}
        busy={list.loadingMore}
        error={list.moreError}
        onMore={list.loadMore}
      />
    </section>
  );
}
