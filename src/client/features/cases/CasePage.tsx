import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { AssistanceFields, CaseStatus } from '../../../shared/model/welfare';
import { nextStatuses } from '../../../shared/rules/caseStatus';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { mayWrite } from '../../../shared/sync/permissions';
import { db, type TambonDatabase } from '../../db/database';
import { useSensitiveViewLog } from '../../privacy/personPrivacy';
import { currentUser } from '../../session/state';
import { saveChanges } from '../../sync/deviceSync';
import { Banner } from '../../ui/Banner';
import { Button, LinkButton } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { baht, date, dateTime } from '../../ui/format';
import { t } from '../../ui/i18n';
import { fieldLabel } from '../../ui/i18n/recordText';
import { PhotoList } from '../../ui/Photo';
import { Unsynced } from '../../ui/record/Badges';
import { Fact, maybe } from '../../ui/record/Fact';
import { personName } from '../../ui/record/labels';
import { RecordLoading, RecordMissing } from '../../ui/record/RecordPageStatus';
import { useAction } from '../../ui/useAction';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { assignCaseChanges, changeStatusChanges, reversalChanges } from './caseChanges';
import { beneficiaryName, categoryText, gpsText, villageText } from './caseLabels';
import {
  type AssistanceView,
  assistanceEntries,
  assistanceTotalTHB,
  type Beneficiary,
  type CaseView,
  caseRef,
  caseTimeline,
  getCase,
  hasOpenConflict,
  loadBeneficiary,
  type StatusChangeView,
  type TimelineItem,
  type VisitView,
} from './caseRecords';

interface CaseDetail {
  welfareCase: CaseView;
  beneficiary: Beneficiary;
  timeline: TimelineItem[];
  conflict: boolean;
}

async function loadCaseDetail(
  database: TambonDatabase,
  caseId: string,
): Promise<CaseDetail | null> {
  const welfareCase = await getCase(database, caseId);
  if (!welfareCase) return null;
  const [beneficiary, timeline] = await Promise.all([
    loadBeneficiary(database, welfareCase),
    caseTimeline(database, welfareCase),
  ]);
  const conflict = await hasOpenConflict(database, [welfareCase.id, ...timeline.map((i) => i.id)]);
  return { welfareCase, beneficiary, timeline, conflict };
}

/** A case save that did not reach the device's database, in words. */
const saveFailed = () => t('cases.status.saveFailed');

/** An officer takes a case nobody (or someone else) looks after, so it is in their work list. */
function TakeCase({ welfareCase }: { welfareCase: CaseView }) {
  const user = currentUser.value;
  const { busy, error, submit } = useAction(saveFailed);
  if (!user || !mayWrite(user.role, 'visit') || welfareCase.fields.assignedTo === user.id) {
    return null;
  }
  const closed = welfareCase.fields.status === 'done' || welfareCase.fields.status === 'rejected';
  if (closed) return null;
  return (
    <div class="actions">
      <Button
        busy={busy}
        testId="case-take"
        onClick={() =>
          void submit(() => saveChanges(assignCaseChanges(caseRef(welfareCase), user.id)))
        }
      >
        {t('cases.page.take')}
      </Button>
      {error && <Banner tone="error">{error}</Banner>}
    </div>
  );
}

/** The moves this user's role may make from the case's status; rejecting asks why first. */
function StatusActions({ welfareCase }: { welfareCase: CaseView }) {
  const role = currentUser.value?.role;
  const status = welfareCase.fields.status;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, submit } = useAction(saveFailed);
  if (!role || !status || !mayWrite(role, 'caseStatusChange')) return null;
  const moves = nextStatuses(role, status);
  const move = async (to: CaseStatus, why?: string) => {
    const now = new Date().toISOString();
    if (await submit(() => saveChanges(changeStatusChanges(caseRef(welfareCase), to, now, why)))) {
      setRejecting(false);
      setReason('');
      setTried(false);
    }
  };
  const confirmReject = () => {
    setTried(true);
    if (reason.trim()) void move('rejected', reason.trim());
  };
  return (
    <section class="card" aria-labelledby="case-status-title" data-testid="case-status-actions">
      <h2 id="case-status-title">{t('cases.status.title')}</h2>
      {moves.length === 0 && <p class="muted">{t('cases.status.noMoves')}</p>}
      <div class="actions case-status-moves">
        {moves.map((to) => (
          <Button
            key={to}
            variant={to === 'rejected' ? 'danger' : 'primary'}
            busy={busy}
            testId={`status-to-${to}`}
            onClick={() => (to === 'rejected' ? setRejecting(true) : void move(to))}
          >
            {t('cases.status.to', { status: t(`case.status.${to}`) })}
          </Button>
        ))}
      </div>
      {rejecting && (
        <div class="case-reject">
          <div class={tried && !reason.trim() ? 'field field-invalid' : 'field'}>
            <label for="status-reason">{t('cases.status.reason')}</label>
            <textarea
              id="status-reason"
              rows={3}
              maxLength={500}
              value={reason}
              required
              aria-invalid={tried && !reason.trim() ? 'true' : undefined}
              data-testid="status-reason"
              onInput={(event) => setReason(event.currentTarget.value)}
            />
            {tried && !reason.trim() && (
              <p class="field-error" role="alert">
                {t('cases.status.reasonRequired')}
              </p>
            )}
          </div>
          <div class="actions">
            <Button onClick={() => setRejecting(false)} testId="status-cancel">
              {t('common.cancel')}
            </Button>
            <Button variant="danger" busy={busy} testId="status-confirm" onClick={confirmReject}>
              {t('cases.status.confirmReject')}
            </Button>
          </div>
        </div>
      )}
      {error && <Banner tone="error">{error}</Banner>}
    </section>
  );
}

function DetailsCard({
  welfareCase,
  beneficiary,
}: {
  welfareCase: CaseView;
  beneficiary: Beneficiary;
}) {
  const f = welfareCase.fields;
  const user = currentUser.value;
  const { person, household } = beneficiary;
  return (
    <section class="card" aria-labelledby="case-details">
      <h2 id="case-details">{t('cases.page.details')}</h2>
      <dl class="facts hh-facts">
        <Fact view={welfareCase} field="category" label={fieldLabel('case', 'category')}>
          {categoryText(welfareCase)}
        </Fact>
        <Fact view={welfareCase} field="priority" label={fieldLabel('case', 'priority')}>
          {maybe(f.priority, (v) => t(`case.priority.${v}`))}
        </Fact>
        <Fact view={welfareCase} field="channel" label={fieldLabel('case', 'channel')}>
          {maybe(f.channel, (v) => t(`case.channel.${v}`))}
        </Fact>
        <Fact view={welfareCase} field="description" label={fieldLabel('case', 'description')}>
          {f.description && <span class="case-description">{f.description}</span>}
        </Fact>
        <Fact view={welfareCase} field="receivedAt" label={fieldLabel('case', 'receivedAt')}>
          {maybe(f.receivedAt, dateTime)}
        </Fact>
        <Fact view={welfareCase} field="dueDate" label={fieldLabel('case', 'dueDate')}>
          {maybe(f.dueDate, date)}
        </Fact>
        {f.closedAt && (
          <Fact view={welfareCase} field="closedAt" label={fieldLabel('case', 'closedAt')}>
            {dateTime(f.closedAt)}
          </Fact>
        )}
        {f.statusReason && (
          <Fact view={welfareCase} field="statusReason" label={fieldLabel('case', 'statusReason')}>
            {f.statusReason}
          </Fact>
        )}
        {f.programCode && (
          <Fact view={welfareCase} field="programCode" label={fieldLabel('case', 'programCode')}>
            {t(`program.${f.programCode}`)}
          </Fact>
        )}
        {f.assignedTo && (
          <Fact view={welfareCase} field="assignedTo" label={fieldLabel('case', 'assignedTo')}>
            {user && f.assignedTo === user.id
              ? t('cases.page.assignedYou', { name: user.name })
              : t('cases.page.assignedOther')}
          </Fact>
        )}
        {f.personId && (
          <Fact view={welfareCase} field="personId" label={fieldLabel('case', 'personId')}>
            <a href={`/people/${f.personId}`} data-testid="case-person">
              {person ? personName(person) : t('record.unnamed', { id: f.personId.slice(-6) })}
            </a>
          </Fact>
        )}
        {f.householdId && (
          <Fact view={welfareCase} field="householdId" label={fieldLabel('case', 'householdId')}>
            <a href={`/households/${f.householdId}`} data-testid="case-household">
              {t('cases.beneficiary.household', { houseNo: household?.fields.houseNo ?? '' })}
            </a>
          </Fact>
        )}
        {(f.location || f.locationNote) && (
          <Fact view={welfareCase} field="location" label={fieldLabel('case', 'location')}>
            {f.locationNote && <span>{f.locationNote} </span>}
            {f.location && (
              <a
                href={`geo:${f.location.lat},${f.location.lng}`}
                class="mono"
                data-testid="case-location"
              >
                {gpsText(f.location)}
              </a>
            )}
          </Fact>
        )}
      </dl>
    </section>
  );
}

function StatusItem({ record }: { record: StatusChangeView }) {
  const f = record.fields;
  const to = f.toStatus ? t(`case.status.${f.toStatus}`) : '';
  return (
    <>
      <p class="case-timeline-head">
        <strong>
          {f.fromStatus
            ? t('cases.timeline.statusChange', { from: t(`case.status.${f.fromStatus}`), to })
            : to}
        </strong>{' '}
        <span class="muted small">{f.at && dateTime(f.at)}</span> <Unsynced view={record} />
      </p>
      {f.reason && <p>{t('cases.timeline.reason', { reason: f.reason })}</p>}
    </>
  );
}

function VisitItem({ record }: { record: VisitView }) {
  const f = record.fields;
  return (
    <>
      <p class="case-timeline-head">
        <strong>{t('cases.timeline.visit')}</strong>{' '}
        <span class="muted small">{f.visitedOn && date(f.visitedOn)}</span>{' '}
        <Unsynced view={record} />
      </p>
      {f.notes && <p class="case-description">{f.notes}</p>}
      {f.nextVisitOn && (
        <p class="small">{t('cases.timeline.nextVisit', { date: date(f.nextVisitOn) })}</p>
      )}
      {f.photos && f.photos.length > 0 && <PhotoList photos={f.photos} />}
    </>
  );
}

function ReverseDialog({ entry, onDone }: { entry: AssistanceView; onDone: () => void }) {
  const [note, setNote] = useState('');
  const { busy, error, submit } = useAction(saveFailed);
  const reverse = async () => {
    const fields = entry.fields as AssistanceFields;
    const changes = reversalChanges(
      { id: entry.id, villageId: entry.villageId, fields },
      bangkokDate(),
      note.trim() || undefined,
    );
    if (await submit(() => saveChanges(changes))) onDone();
  };
  return (
    <ConfirmDialog
      title={t('cases.assistance.reverseTitle')}
      confirmLabel={t('cases.assistance.reverse')}
      danger
      busy={busy}
      testId="assistance-reverse-dialog"
      onCancel={onDone}
      onConfirm={() => void reverse()}
    >
      <p>{t('cases.assistance.reverseBody', { amount: baht(-(entry.fields.amountTHB ?? 0)) })}</p>
      <TextField
        id="assistance-reverse-note"
        label={t('cases.assistance.reverseNote')}
        value={note}
        maxLength={500}
        testId="assistance-reverse-note"
        onInput={setNote}
      />
      {error && <Banner tone="error">{error}</Banner>}
    </ConfirmDialog>
  );
}

function AssistanceItem({
  record,
  reversedBy,
  mayReverse,
}: {
  record: AssistanceView;
  reversedBy: AssistanceView | null;
  mayReverse: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const f = record.fields;
  const facts: Array<[string, string | undefined]> = [
    [fieldLabel('assistance', 'programCode'), maybe(f.programCode, (v) => t(`program.${v}`))],
    [fieldLabel('assistance', 'amountTHB'), maybe(f.amountTHB, baht)],
    [fieldLabel('assistance', 'inKind'), f.inKind],
    [fieldLabel('assistance', 'legalBasis'), f.legalBasis],
    [fieldLabel('assistance', 'approvedBy'), f.approvedBy],
    [fieldLabel('assistance', 'deliveredAt'), maybe(f.deliveredAt, date)],
    [fieldLabel('assistance', 'note'), f.note],
  ];
  return (
    <>
      <p class="case-timeline-head">
        <strong>
          {f.reversesId ? t('cases.assistance.reversal') : t('cases.timeline.assistance')}
        </strong>{' '}
        {reversedBy && (
          <span class="case-reversed-mark" data-testid="assistance-reversed">
            {t('cases.assistance.reversed')}
          </span>
        )}{' '}
        <Unsynced view={record} />
      </p>
      <dl class={reversedBy ? 'facts case-entry case-entry-reversed' : 'facts case-entry'}>
        {facts.flatMap(([label, value]) =>
          value === undefined
            ? []
            : [<dt key={`${label}-dt`}>{label}</dt>, <dd key={`${label}-dd`}>{value}</dd>],
        )}
      </dl>
      {reversedBy && (
        <a href={`#entry-${reversedBy.id}`} class="small" data-testid="assistance-reversed-by">
          {t('cases.assistance.reversedBy')}
        </a>
      )}
      {f.reversesId && (
        <a href={`#entry-${f.reversesId}`} class="small" data-testid="assistance-reverses">
          {t('cases.assistance.reverses')}
        </a>
      )}
      {mayReverse && !reversedBy && !f.reversesId && (
        <div class="actions">
          <Button
            variant="danger"
            testId={`assistance-reverse-${record.id}`}
            onClick={() => setConfirming(true)}
          >
            {t('cases.assistance.reverse')}
          </Button>
        </div>
      )}
      {confirming && <ReverseDialog entry={record} onDone={() => setConfirming(false)} />}
    </>
  );
}

function Timeline({ timeline, mayRecord }: { timeline: TimelineItem[]; mayRecord: boolean }) {
  const total = assistanceTotalTHB(assistanceEntries(timeline));
  const hasAssistance = timeline.some((item) => item.kind === 'assistance');
  return (
    <section class="card" aria-labelledby="case-timeline-title">
      <h2 id="case-timeline-title">{t('cases.timeline.title')}</h2>
      {hasAssistance && (
        <p class="case-total">
          {t('cases.assistance.total')}:{' '}
          <strong data-testid="assistance-total" data-amount={String(total)}>
            {baht(total)}
          </strong>
        </p>
      )}
      {timeline.length === 0 && <p class="muted">{t('cases.timeline.empty')}</p>}
      <ol class="case-timeline" data-testid="case-timeline">
        {timeline.map((item) => (
          <li
            key={item.id}
            id={`entry-${item.id}`}
            class={`case-timeline-item case-timeline-${item.kind}`}
            data-testid={`timeline-${item.kind}`}
            data-record-id={item.id}
          >
            {item.kind === 'status' && <StatusItem record={item.record} />}
            {item.kind === 'visit' && <VisitItem record={item.record} />}
            {item.kind === 'assistance' && (
              <AssistanceItem
                record={item.record}
                reversedBy={item.reversedBy}
                mayReverse={mayRecord}
              />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The person whose sensitive data the page shows: a case's description, status reasons, visit
 * notes and ADL scores are about its beneficiary (SENSITIVE_FIELDS), so opening it is a view.
 */
function beneficiaryViewed(
  detail: CaseDetail | null | undefined,
): { id: string; villageId: string } | null {
  const personId = detail?.welfareCase.fields.personId;
  if (!detail || !personId) return null;
  return {
    id: personId,
    villageId: detail.beneficiary.person?.villageId ?? detail.welfareCase.villageId,
  };
}

/** `/cases/:caseId`: the case, what the officer may do next, and everything that happened. */
export function CasePage({ caseId }: { caseId: string }) {
  const detail = useLiveQuery(
    async () => loadCaseDetail(db(), caseId),
    [caseId],
    undefined as CaseDetail | null | undefined,
  );
  useSensitiveViewLog(beneficiaryViewed(detail));
  if (detail === undefined) return <RecordLoading />;
  if (detail === null) {
    return <RecordMissing message={t('cases.page.notFound')} testId="case-page-missing" />;
  }
  const { welfareCase, beneficiary } = detail;
  const status = welfareCase.fields.status;
  const role = currentUser.value?.role;
  const mayRecord = role !== undefined && mayWrite(role, 'visit');
  const photos = welfareCase.fields.photos ?? [];
  return (
    <section class="page-section" data-testid="case-page">
      <p>
        <a href="/cases" data-testid="case-back">
          ← {t('cases.page.back')}
        </a>
      </p>
      <h1>
        {beneficiaryName(welfareCase, beneficiary)}
        <span class="hh-title-village"> {villageText(welfareCase.villageId)}</span>
      </h1>
      <p class="case-headline">
        <span class="case-status-chip" data-testid="case-status" data-status={status ?? ''}>
          {status ? t(`case.status.${status}`) : t('common.none')}
        </span>{' '}
        <Unsynced view={welfareCase} field="status" />
        {welfareCase.fields.priority === 'urgent' && (
          <span class="case-urgent">{t('case.priority.urgent')}</span>
        )}
      </p>
      {detail.conflict && (
        <Banner tone="warning" testId="case-conflict">
          {t('cases.page.conflict')} <a href="/sync">{t('cases.page.conflictLink')}</a>
        </Banner>
      )}
      {mayRecord && (
        <div class="actions">
          <LinkButton
            href={`/cases/${welfareCase.id}/visits/new`}
            variant="primary"
            testId="case-add-visit"
          >
            {t('cases.page.addVisit')}
          </LinkButton>
          <LinkButton href={`/cases/${welfareCase.id}/assistance/new`} testId="case-add-assistance">
            {t('cases.page.addAssistance')}
          </LinkButton>
        </div>
      )}
      <StatusActions welfareCase={welfareCase} />
      <TakeCase welfareCase={welfareCase} />
      <DetailsCard welfareCase={welfareCase} beneficiary={beneficiary} />
      {photos.length > 0 && (
        <section class="card" aria-labelledby="case-photos">
          <h2 id="case-photos">
            {t('cases.page.photos')} <Unsynced view={welfareCase} field="photos" />
          </h2>
          <PhotoList photos={photos} />
        </section>
      )}
      <Timeline timeline={detail.timeline} mayRecord={mayRecord} />
    </section>
  );
}

export default function CaseRoute() {
  const { params } = useRoute();
  return <CasePage caseId={params.caseId ?? ''} />;
}
