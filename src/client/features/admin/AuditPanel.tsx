import { useCallback, useState } from 'preact/hooks';
import type { AuditEntry, AuditFilter } from '../../../shared/api/admin';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { DatePartsField } from '../../ui/DatePartsField';
import { type DateParts, readDateParts } from '../../ui/dateParts';
import { SelectField, TextField } from '../../ui/Field';
import { dateTime } from '../../ui/format';
import { t } from '../../ui/i18n';
import { useRecordNames } from '../../ui/record/recordLabel';
import { useAction } from '../../ui/useAction';
import { adminApi } from './adminApi';
import { AUDIT_ACTIONS, type AuditNames, actionText, detailLines, targetText } from './auditText';
import { MoreButton, RemoteTable } from './RemoteTable';
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

const NO_DATE: DateParts = { day: '', month: '', year: '' };

/** A พ.ศ. date typed in parts as `YYYY-MM-DD`: '' when left empty, null when incomplete. */
export function isoOfParts(parts: DateParts, today = bangkokDate()): string | null {
  const read = readDateParts(parts, today, 'day');
  if (read.problem) return null;
  return read.date?.iso ?? '';
}

/** `details` in one line (kept for the CSV-like copy; the table shows `detailLines`). */
export function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  const text = JSON.stringify(details);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/**
 * บันทึกการใช้งาน (admins): who did what, when, filtered by user, action, target and Bangkok
 * dates (typed in พ.ศ.), newest first, page by page; the same filters download as CSV. Actions,
 * targets and details read as Thai words: names instead of ids, key/value lines instead of JSON.
 */
export function AuditPanel() {
  const users = useRemote(adminApi.users);
  const devices = useRemote(adminApi.devices);
  const villages = useRemote(adminApi.villages);
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const [from, setFrom] = useState<DateParts>(NO_DATE);
  const [to, setTo] = useState<DateParts>(NO_DATE);
  const [applied, setApplied] = useState<AuditFilter>({});
  const { busy: downloading, error: formError, setError: setFormError, submit } = useAction();
  // Open on a desk screen; folded on a phone, where the filters would fill the first screen.
  const [filtersOpen, setFiltersOpen] = useState(
    () => typeof matchMedia !== 'function' || matchMedia('(min-width: 700px)').matches,
  );
  const load = useCallback(
    (before?: string): Promise<Page<AuditEntry>> =>
      adminApi.audit(applied, before).then((r) => ({ items: r.entries, nextBefore: r.nextBefore })),
    [applied],
  );
  const list = usePaged(load);
  const records = useRecordNames(
    (list.items ?? []).flatMap((entry) => (entry.target ? [entry.target] : [])),
  );
  const names: AuditNames = {
    users: new Map((users.data ?? []).map((u) => [u.id, `${u.name} (${u.username})`])),
    devices: new Map((devices.data ?? []).map((d) => [d.clientId, d.name || t('devices.unnamed')])),
    villages: villages.data,
    records,
  };
  const set = (key: keyof AuditFilterForm) => (value: string) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  const apply = (event: Event) => {
    event.preventDefault();
    const fromIso = isoOfParts(from);
    const toIso = isoOfParts(to);
    const filter =
      fromIso === null || toIso === null
        ? null
        : auditFilterOf({ ...form, from: fromIso, to: toIso });
    if (!filter) {
      setFormError(t('audit.badDateParts'));
      return;
    }
    setFormError(null);
    setApplied(filter);
  };

  const downloadCsv = () => submit(() => adminApi.downloadAudit(applied));

  const userOptions = [
    { value: '', label: t('audit.anyUser') },
    ...(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.username})` })),
  ];
  const actionOptions = [
    { value: '', label: t('audit.anyAction') },
    ...AUDIT_ACTIONS.map((action) => ({ value: action, label: actionText(action) })),
  ];

  return (
    <section aria-labelledby="admin-audit-title" data-testid="audit-panel">
      <div class="section-head">
        <h2 id="admin-audit-title">{t('admin.audit')}</h2>
        <Button onClick={() => void downloadCsv()} busy={downloading} testId="audit-csv">
          {t('audit.csv')}
        </Button>
      </div>
      <details
        class="card audit-filter-box"
        open={filtersOpen}
        onToggle={(event) => setFiltersOpen((event.currentTarget as HTMLDetailsElement).open)}
      >
        <summary data-testid="audit-filters-toggle">{t('audit.filters')}</summary>
        <form class="audit-filters" onSubmit={apply} aria-label={t('audit.filters')} noValidate>
          <SelectField
            id="audit-user"
            label={t('audit.user')}
            value={form.userId}
            options={userOptions}
            onChange={set('userId')}
          />
          <SelectField
            id="audit-action"
            label={t('audit.action')}
            value={form.action}
            options={actionOptions}
            onChange={set('action')}
            testId="audit-action"
          />
          <TextField
            id="audit-target"
            label={t('audit.target')}
            value={form.target}
            onInput={set('target')}
            maxLength={200}
          />
          <DatePartsField
            id="audit-from"
            legend={t('audit.from')}
            value={from}
            onChange={setFrom}
            testId="audit-from"
          />
          <DatePartsField
            id="audit-to"
            legend={t('audit.to')}
            value={to}
            onChange={setTo}
            testId="audit-to"
          />
          <div class="actions">
            <Button
              onClick={() => {
                setForm(EMPTY_AUDIT_FILTER);
                setFrom(NO_DATE);
                setTo(NO_DATE);
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
      </details>
      {formError && <Banner tone="error">{formError}</Banner>}
      <RemoteTable
        remote={list.remote}
        items={list.items}
        empty={t('audit.empty')}
        class="audit-table"
        rowKey={(entry) => entry.id}
        rowData={(entry) => ({ 'data-testid': 'audit-row', 'data-action': entry.action })}
        columns={[
          { label: t('audit.at'), class: 'audit-at', cell: (entry) => dateTime(entry.at) },
          {
            label: t('audit.user'),
            cell: (entry) =>
              (entry.userId && names.users.get(entry.userId)) ?? entry.username ?? t('common.none'),
          },
          {
            label: t('audit.action'),
            testId: 'audit-action-text',
            cell: (entry) => actionText(entry.action),
          },
          {
            label: t('audit.target'),
            testId: 'audit-target',
            cell: (entry) => targetText(entry, names),
          },
          {
            label: t('audit.details'),
            class: 'audit-details',
            cell: (entry) => <AuditDetails details={entry.details} names={names} />,
          },
        ]}
      />
      <MoreButton list={list} />
    </section>
  );
}

function AuditDetails({ details, names }: { details: unknown; names: AuditNames }) {
  const lines = detailLines(details, names);
  if (lines.length === 0) return <span class="muted">{t('common.none')}</span>;
  return (
    <dl class="audit-detail-lines" data-testid="audit-details">
      {lines.map(([label, value], index) => [
        <dt key={`k${index}`}>{label}</dt>,
        <dd key={`v${index}`}>{value}</dd>,
      ])}
    </dl>
  );
}
