import { useState } from 'preact/hooks';
import type { Device } from '../../../shared/api/admin';
import { type QuarantineEntry, RejectQuarantineRequest } from '../../../shared/api/syncAdmin';
import type { Village } from '../../../shared/model/organization';
import { mayWrite } from '../../../shared/sync/permissions';
import { ApiError } from '../../api/http';
import { currentUser } from '../../session/state';
import type { LocalRecord } from '../../sync/localRecords';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { errorMessage } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/Field';
import { dateTime } from '../../ui/format';
import { isMessageKey, t } from '../../ui/i18n';
import { fieldLabel, type RefNames, valueText } from '../../ui/i18n/recordText';
import {
  mergeNames,
  recordLabel,
  referencedIds,
  useRecordNames,
} from '../../ui/record/recordLabel';
import { useAction } from '../../ui/useAction';
import { issueMessage } from '../../ui/validation';
import { adminApi } from './adminApi';
import { userNames } from './ConflictsPanel';
import { RemoteState } from './RemoteState';
import { MoreButton } from './RemoteTable';
import { hlcDateTime, issueText, quarantineReasonText, villageLabel } from './reviewText';
import { type Page, usePaged } from './usePaged';
import { useRemote } from './useRemote';

const loadQuarantine = (before?: string): Promise<Page<QuarantineEntry>> =>
  adminApi.quarantine(before).then((r) => ({ items: r.entries, nextBefore: r.nextBefore }));

const OPS = ['create', 'patch', 'delete', 'restore', 'resolve'] as const;

/** The stored mutation as the reviewer reads it: what it does, and each field it sets. */
export function mutationSummary(raw: unknown): {
  op: (typeof OPS)[number] | null;
  hlc: string | null;
  recordId: string | null;
  fields: Array<[string, unknown]>;
} {
  const mutation = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const op = OPS.find((o) => o === mutation.op) ?? null;
  const patch = mutation.patch;
  const fields =
    typeof patch === 'object' && patch !== null && !Array.isArray(patch)
      ? Object.entries(patch as Record<string, unknown>)
      : [];
  return {
    op,
    hlc: typeof mutation.hlc === 'string' ? mutation.hlc : null,
    recordId: typeof mutation.id === 'string' ? mutation.id : null,
    fields,
  };
}

/** The failing fields of an `invalid_fields` entry (`details: [{path, message}]`). */
function fieldIssues(details: unknown): Array<{ path: string; message: string }> {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is { path: string; message: string } =>
      typeof d?.path === 'string' && typeof d?.message === 'string',
  );
}

/** A refused accept or reject, in Thai: already handled, still not applicable, or the error. */
export function reviewErrorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 409) {
    const details = error.details as { status?: unknown; reason?: unknown } | undefined;
    const statusKey = `quarantine.status.${String(details?.status)}`;
    if (isMessageKey(statusKey)) {
      return t('quarantine.alreadyHandled', {
        status: t(statusKey as 'quarantine.status.open'),
      });
    }
    if (typeof details?.reason === 'string') {
      return t('quarantine.stillRefused', { reason: quarantineReasonText(details.reason) });
    }
  }
  return errorMessage(error);
}

/** The record as the quarantined mutation describes it (a new house carries its number). */
function sentRecord(entry: QuarantineEntry, fields: Array<[string, unknown]>): LocalRecord | null {
  if (!entry.type || !entry.recordId) return null;
  return {
    id: entry.recordId,
    type: entry.type,
    villageId: entry.villageId ?? '',
    fields: Object.fromEntries(fields),
    deleted: false,
    seq: 0,
    unsyncedFields: [],
  };
}

interface EntryProps {
  entry: QuarantineEntry;
  villages: readonly Village[] | null;
  devices: readonly Device[] | null;
  names: RefNames;
  onHandled: (message: string) => void;
}

/** One quarantined mutation: who, where, why, what it sets; accept or reject. */
function QuarantineEntryCard({ entry, villages, devices, names, onHandled }: EntryProps) {
  const [villageId, setVillageId] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const { running: busy, error, submit } = useAction<'accept' | 'reject'>(reviewErrorText);
  const role = currentUser.value?.role;
  const summary = mutationSummary(entry.mutation);
  const mayAccept = role !== undefined && entry.type !== null && mayWrite(role, entry.type);
  const device = devices?.find((d) => d.clientId === entry.clientId);
  const issues = entry.reason === 'invalid_fields' ? fieldIssues(entry.details) : [];
  const idBase = `q-${entry.id}`;

  /** Runs an action; its result is the notice to show. */
  const run = (action: 'accept' | 'reject', call: () => Promise<string>) =>
    submit(async () => onHandled(await call()), action);

  const accept = () =>
    run('accept', async () => {
      const response = await adminApi.acceptQuarantine(entry.id, villageId ? { villageId } : {});
      const count = response.result.conflictFields?.length ?? 0;
      return count > 0
        ? t('quarantine.acceptedWithConflicts', { count })
        : t('quarantine.accepted');
    });

  const reject = () => {
    const parsed = RejectQuarantineRequest.safeParse({ reason });
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      setReasonError(issue ? issueMessage(issue) : t('validation.required'));
      return;
    }
    setReasonError(undefined);
    void run('reject', async () => {
      await adminApi.rejectQuarantine(entry.id, parsed.data);
      return t('quarantine.rejected');
    });
  };

  const villageOptions = [
    {
      value: '',
      label: t('quarantine.sameVillage', { village: villageLabel(villages, entry.villageId) }),
    },
    ...[...(villages ?? [])]
      .filter((v) => v.id !== entry.villageId)
      .sort((a, b) => a.mooNo - b.mooNo)
      .map((v) => ({ value: v.id, label: villageLabel(villages, v.id) })),
  ];

  return (
    <article class="card review-entry" data-testid={`quarantine-${entry.id}`}>
      <h3>
        {entry.type ? t(`record.type.${entry.type}`) : t('quarantine.unknownType')}
        {summary.op && ` · ${t(`quarantine.op.${summary.op}`)}`}
        {entry.recordId && (
          <span class="muted small" data-testid="quarantine-record">
            {' '}
            ·{' '}
            {names.get(entry.recordId) ??
              recordLabel(sentRecord(entry, summary.fields), entry.recordId, entry.type)}
          </span>
        )}
      </h3>
      <dl class="facts">
        <dt>{t('quarantine.reason')}</dt>
        <dd data-testid="quarantine-reason">
          <span class="tag tag-off">{quarantineReasonText(entry.reason)}</span>
          {issues.length > 0 && (
            <ul class="small">
              {issues.map((issue) => (
                <li key={issue.path}>
                  {t('quarantine.issue', {
                    field: fieldLabel(entry.type, issue.path),
                    message: issueText(issue.message),
                  })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('quarantine.user')}</dt>
        <dd>{names.get(entry.userId) ?? entry.username ?? t('quarantine.unknownUser')}</dd>
        <dt>{t('quarantine.device')}</dt>
        <dd>{device?.name || t('devices.unnamed')}</dd>
        <dt>{t('quarantine.village')}</dt>
        <dd>{villageLabel(villages, entry.villageId)}</dd>
        <dt>{t('quarantine.createdAt')}</dt>
        <dd>
          {dateTime(entry.createdAt)}
          {summary.hlc && (
            <span class="muted small">
              {' '}
              ({t('quarantine.change')} {hlcDateTime(summary.hlc)})
            </span>
          )}
        </dd>
      </dl>
      <div class="review-fields">
        <h4>{t('quarantine.fields')}</h4>
        {summary.fields.length === 0 ? (
          <p class="muted">{t('quarantine.noFields')}</p>
        ) : (
          <dl class="facts" data-testid="quarantine-fields">
            {summary.fields.map(([field, value]) => [
              <dt key={`${field}-label`}>{fieldLabel(entry.type, field)}</dt>,
              <dd key={`${field}-value`}>{valueText(entry.type, field, value, names)}</dd>,
            ])}
          </dl>
        )}
      </div>
      {error && <Banner tone="error">{error}</Banner>}
      <div class="form form-section">
        {mayAccept && (
          <>
            <SelectField
              id={`${idBase}-village`}
              label={t('quarantine.acceptVillage')}
              value={villageId}
              options={villageOptions}
              onChange={setVillageId}
              testId="accept-village"
            />
            <div class="actions">
              <Button
                variant="primary"
                busy={busy === 'accept'}
                busyLabel={t('common.saving')}
                disabled={busy !== null}
                testId="quarantine-accept"
                onClick={() => void accept()}
              >
                {t('quarantine.accept')}
              </Button>
            </div>
          </>
        )}
        <TextField
          id={`${idBase}-reason`}
          label={t('quarantine.rejectReason')}
          value={reason}
          onInput={(value) => {
            setReason(value);
            if (reasonError) setReasonError(undefined);
          }}
          error={reasonError}
          maxLength={500}
          testId="reject-reason"
        />
        <div class="actions">
          <Button
            variant="danger"
            busy={busy === 'reject'}
            busyLabel={t('common.saving')}
            disabled={busy !== null}
            testId="quarantine-reject"
            onClick={reject}
          >
            {t('quarantine.reject')}
          </Button>
        </div>
      </div>
    </article>
  );
}

/**
 * ข้อมูลถูกกัก: mutations the server set aside. Supervisors accept (optionally into another
 * village) or reject with a reason; admins may only reject (the server refuses their accept).
 */
export function QuarantinePanel() {
  const list = usePaged(loadQuarantine);
  const villages = useRemote(adminApi.villages);
  const devices = useRemote(adminApi.devices);
  const users = useRemote(adminApi.users);
  const recordNames = useRecordNames(
    (list.items ?? []).flatMap((entry) => [
      ...(entry.recordId ? [entry.recordId] : []),
      ...referencedIds(entry.type, mutationSummary(entry.mutation).fields),
    ]),
  );
  const names = mergeNames(recordNames, userNames(users.data));
  const [notice, setNotice] = useState<string | null>(null);
  const isAdminUser = currentUser.value?.role === 'admin';

  const handled = (message: string) => {
    setNotice(message);
    void list.remote.reload();
  };

  return (
    <section aria-labelledby="admin-quarantine-title">
      <div class="section-head">
        <h2 id="admin-quarantine-title">{t('admin.quarantine')}</h2>
      </div>
      <p class="muted">{t('quarantine.intro')}</p>
      {isAdminUser && <Banner tone="info">{t('quarantine.adminNoAccept')}</Banner>}
      {notice && (
        <Banner tone="success" testId="quarantine-notice">
          {notice}
        </Banner>
      )}
      <RemoteState remote={list.remote} />
      {list.items && list.items.length === 0 && <p class="muted">{t('quarantine.empty')}</p>}
      {list.items?.map((entry) => (
        <QuarantineEntryCard
          key={entry.id}
          entry={entry}
          villages={villages.data}
          devices={devices.data}
          names={names}
          onHandled={handled}
        />
      ))}
      <MoreButton list={list} />
    </section>
  );
}
