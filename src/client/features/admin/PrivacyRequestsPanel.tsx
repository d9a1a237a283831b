import { useState } from 'preact/hooks';
import {
  type CreatePrivacyRequest,
  type PersonMatch,
  PRIVACY_REQUEST_KINDS,
  type PrivacyRequest,
  type PrivacyRequestKind,
} from '../../../shared/api/privacy';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { currentUser } from '../../session/state';
import { Banner } from '../../ui/Banner';
import { Button, LinkButton } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { errorMessage } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/Field';
import { date } from '../../ui/format';
import { t } from '../../ui/i18n';
import { titledName } from '../../ui/record/labels';
import { useAction } from '../../ui/useAction';
import { adminApi } from './adminApi';
import { RemoteState } from './RemoteState';
import { useRemote } from './useRemote';

interface RequestForm {
  kind: PrivacyRequestKind;
  receivedOn: string;
  requesterName: string;
  requesterContact: string;
  note: string;
}

const blankForm = (): RequestForm => ({
  kind: 'access',
  receivedOn: bangkokDate(),
  requesterName: '',
  requesterContact: '',
  note: '',
});

/** The request as the API takes it, or the message key of what is missing. */
export function requestBody(
  person: PersonMatch | null,
  form: RequestForm,
): CreatePrivacyRequest | 'privacy.needPerson' | 'audit.badDate' | 'privacy.requesterName' {
  if (!person) return 'privacy.needPerson';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.receivedOn)) return 'audit.badDate';
  if (form.requesterName.trim() === '') return 'privacy.requesterName';
  return { personId: person.id, ...form };
}

/** Find a person of the user's villages on the server and choose one. */
function PersonPicker(props: { picked: PersonMatch | null; onPick: (p: PersonMatch) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PersonMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async () => {
    if (q.trim() === '') return;
    try {
      setFound(await adminApi.findPeople(q.trim()));
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <fieldset class="privacy-picker">
      <legend>{t('privacy.person')}</legend>
      <div class="privacy-search">
        <TextField
          id="privacy-person-q"
          label={t('privacy.personSearch')}
          value={q}
          onInput={setQ}
          maxLength={100}
          testId="privacy-person-q"
        />
        <Button onClick={() => void search()} testId="privacy-person-search">
          {t('privacy.search')}
        </Button>
      </div>
      {error && <Banner tone="error">{error}</Banner>}
      {found && found.length === 0 && <p class="muted">{t('privacy.noPeople')}</p>}
      {found && found.length > 0 && (
        <ul class="privacy-people">
          {found.map((person) => (
            <li key={person.id}>
              <span>
                {titledName(person.title, person.name)}{' '}
                <span class="mono small">{person.nationalId ?? ''}</span>
              </span>
              <Button
                variant={props.picked?.id === person.id ? 'primary' : 'secondary'}
                onClick={() => props.onPick(person)}
                testId={`privacy-pick-${person.id}`}
              >
                {t('privacy.pick')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {props.picked && (
        <p>{t('privacy.picked', { name: titledName(props.picked.title, props.picked.name) })}</p>
      )}
    </fieldset>
  );
}

function NewRequestForm({ onCreated }: { onCreated: (request: PrivacyRequest) => void }) {
  const [person, setPerson] = useState<PersonMatch | null>(null);
  const [form, setForm] = useState<RequestForm>(blankForm);
  const { busy, error, setError, submit: run } = useAction();
  const set = (key: keyof RequestForm) => (value: string) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const body = requestBody(person, form);
    if (typeof body === 'string') {
      setError(t(body));
      return;
    }
    await run(async () => {
      onCreated(await adminApi.createPrivacyRequest(body));
      setPerson(null);
      setForm(blankForm());
    });
  };

  return (
    <form class="form card" onSubmit={submit} noValidate data-testid="privacy-form">
      <h3>{t('privacy.new')}</h3>
      <PersonPicker picked={person} onPick={setPerson} />
      <SelectField
        id="privacy-kind"
        label={t('privacy.kind')}
        value={form.kind}
        options={PRIVACY_REQUEST_KINDS.map((kind) => ({
          value: kind,
          label: t(`privacy.kind.${kind}`),
        }))}
        onChange={(kind) => setForm((previous) => ({ ...previous, kind }))}
      />
      <TextField
        id="privacy-received"
        label={t('privacy.receivedOn')}
        value={form.receivedOn}
        onInput={set('receivedOn')}
        maxLength={10}
      />
      <TextField
        id="privacy-requester"
        label={t('privacy.requesterName')}
        value={form.requesterName}
        onInput={set('requesterName')}
        maxLength={200}
      />
      <TextField
        id="privacy-contact"
        label={t('privacy.requesterContact')}
        value={form.requesterContact}
        onInput={set('requesterContact')}
        maxLength={200}
      />
      <TextField
        id="privacy-note"
        label={t('privacy.note')}
        value={form.note}
        onInput={set('note')}
        maxLength={2000}
      />
      {error && <Banner tone="error">{error}</Banner>}
      <div class="actions">
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          busyLabel={t('common.saving')}
          testId="privacy-create"
        >
          {t('privacy.create')}
        </Button>
      </div>
    </form>
  );
}

/** The person a request is about, with the title label in the reader's language. */
export function requestPerson(request: Pick<PrivacyRequest, 'personName' | 'personTitle'>): string {
  return titledName(request.personTitle, request.personName);
}

/** Whether `userId` may approve `request`: an open access request someone else took in. */
export function mayApprove(request: PrivacyRequest, userId: string | undefined): boolean {
  return (
    request.kind === 'access' &&
    request.status === 'open' &&
    request.approvedAt === null &&
    userId !== undefined &&
    request.createdBy !== userId
  );
}

/** Due date, overdue badge and status of one request. */
function RequestStatus({ request }: { request: PrivacyRequest }) {
  if (request.status === 'closed') {
    return (
      <span class="tag tag-off">
        {t('privacy.closed')}
        {request.outcome ? ` · ${t(`privacy.outcome.${request.outcome}`)}` : ''}
      </span>
    );
  }
  return (
    <>
      <span class="tag tag-on">{t('privacy.open')}</span>{' '}
      {request.overdue && (
        <span class="tag privacy-overdue" data-testid="privacy-overdue">
          {t('privacy.overdue')}
        </span>
      )}
    </>
  );
}

/**
 * คำขอของเจ้าของข้อมูล (PDPA s.30–36): take a request in, see each with its 30-day due date,
 * answer it by kind (download the person's data, open the person to correct, erase), close it.
 */
export function PrivacyRequestsPanel() {
  const requests = useRemote(adminApi.privacyRequests);
  const [notice, setNotice] = useState<string | null>(null);
  const [erasing, setErasing] = useState<PrivacyRequest | null>(null);
  const [closing, setClosing] = useState<PrivacyRequest | null>(null);
  const [outcome, setOutcome] = useState<'done' | 'refused'>('done');
  const [closeNote, setCloseNote] = useState('');
  const { busy, error, submit } = useAction();

  const act = async (action: () => Promise<string>) => {
    setNotice(null);
    await submit(async () => {
      setNotice(await action());
      void requests.reload();
    });
    setErasing(null);
    setClosing(null);
  };

  const erase = (request: PrivacyRequest) =>
    act(async () => {
      const result = await adminApi.erasePerson(request.id);
      return t('privacy.erased', { count: result.fields.length });
    });
  const close = (request: PrivacyRequest) =>
    act(async () => {
      await adminApi.closePrivacyRequest(request.id, { outcome, note: closeNote });
      return t(`privacy.outcome.${outcome}`);
    });
  const exportData = (request: PrivacyRequest) =>
    act(async () => {
      await adminApi.downloadPersonData(request.id, request.personId);
      return t('privacy.exported');
    });
  const approve = (request: PrivacyRequest) =>
    act(async () => {
      await adminApi.approvePrivacyRequest(request.id);
      return t('privacy.approved');
    });
  const me = currentUser.value?.id;

  return (
    <section aria-labelledby="admin-privacy-title" data-testid="privacy-panel">
      <div class="section-head">
        <h2 id="admin-privacy-title">{t('admin.privacy')}</h2>
      </div>
      <p class="muted">{t('privacy.intro')}</p>
      {notice && <Banner tone="success">{notice}</Banner>}
      {error && <Banner tone="error">{error}</Banner>}
      <NewRequestForm
        onCreated={(request) => {
          setNotice(t('privacy.created', { date: date(request.dueOn) }));
          void requests.reload();
        }}
      />
      <h3>{t('privacy.list')}</h3>
      <RemoteState remote={requests} />
      {requests.data && requests.data.length === 0 && <p class="muted">{t('privacy.empty')}</p>}
      {requests.data && requests.data.length > 0 && (
        <ul class="privacy-requests">
          {requests.data.map((request) => (
            <li
              key={request.id}
              class={`card privacy-request${request.overdue ? ' privacy-request-overdue' : ''}`}
              data-testid={`privacy-request-${request.id}`}
            >
              <div class="privacy-request-head">
                <strong>{requestPerson(request)}</strong>
                <span>{t(`privacy.kind.${request.kind}`)}</span>
                <RequestStatus request={request} />
              </div>
              <p class="small muted">
                {t('privacy.received', { date: date(request.receivedOn) })} ·{' '}
                {t('privacy.due', { date: date(request.dueOn) })} · {request.requesterName}{' '}
                {request.requesterContact}
              </p>
              {request.note && <p class="small">{request.note}</p>}
              <div class="actions">
                {mayApprove(request, me) && (
                  <Button
                    onClick={() => void approve(request)}
                    busy={busy}
                    testId="privacy-approve"
                  >
                    {t('privacy.approve')}
                  </Button>
                )}
                {request.kind === 'access' &&
                  request.status === 'open' &&
                  (request.approvedAt ? (
                    <Button
                      onClick={() => void exportData(request)}
                      busy={busy}
                      testId="privacy-export"
                    >
                      {t('privacy.export')}
                    </Button>
                  ) : (
                    !mayApprove(request, me) && (
                      <span class="small muted" data-testid="privacy-await-approval">
                        {t('privacy.awaitApproval')}
                      </span>
                    )
                  ))}
                {request.kind === 'rectification' && (
                  <LinkButton href={`/people/${request.personId}`} testId="privacy-open-person">
                    {t('privacy.openPerson')}
                  </LinkButton>
                )}
                {request.kind === 'erasure' && request.status === 'open' && (
                  <Button
                    variant="danger"
                    onClick={() => setErasing(request)}
                    testId="privacy-erase"
                  >
                    {t('privacy.erase')}
                  </Button>
                )}
                {request.status === 'open' && (
                  <Button onClick={() => setClosing(request)} testId="privacy-close">
                    {t('privacy.close')}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {erasing && (
        <ConfirmDialog
          title={t('privacy.eraseTitle', { name: requestPerson(erasing) })}
          confirmLabel={t('privacy.erase')}
          danger
          busy={busy}
          onConfirm={() => void erase(erasing)}
          onCancel={() => setErasing(null)}
          testId="privacy-erase-dialog"
        >
          <p>{t('privacy.eraseWhat')}</p>
          <p>
            <strong>{t('privacy.eraseUndo')}</strong>
          </p>
        </ConfirmDialog>
      )}
      {closing && (
        <ConfirmDialog
          title={t('privacy.closing', { name: requestPerson(closing) })}
          confirmLabel={t('privacy.close')}
          busy={busy}
          onConfirm={() => void close(closing)}
          onCancel={() => setClosing(null)}
          testId="privacy-close-dialog"
        >
          <SelectField
            id="privacy-outcome"
            label={t('privacy.closeNote')}
            value={outcome}
            options={(['done', 'refused'] as const).map((value) => ({
              value,
              label: t(`privacy.outcome.${value}`),
            }))}
            onChange={setOutcome}
          />
          <TextField
            id="privacy-close-note"
            label={t('privacy.note')}
            value={closeNote}
            onInput={setCloseNote}
            maxLength={2000}
          />
        </ConfirmDialog>
      )}
    </section>
  );
}
