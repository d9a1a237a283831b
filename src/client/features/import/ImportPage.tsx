import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type ImportCounts,
  type ImportPreview,
  type ImportRequest,
  type ImportSummary,
  MAX_IMPORT_ROWS,
  mayImport,
  type WireCell,
} from '../../../shared/api/imports';
import {
  type ColumnMapping,
  cellText,
  columnLetter,
  guessColumns,
  guessMapping,
  IMPORT_KINDS,
  type ImportField,
  type ImportKind,
  KIND_FIELDS,
  missingFields,
  rememberMapping,
} from '../../../shared/import';
import type { Village } from '../../../shared/model/organization';
import { BE_OFFSET, bangkokDate } from '../../../shared/rules/thaiDate';
import { actionKey } from '../../api/actionKey';
import { db } from '../../db/database';
import { currentUser, profile } from '../../session/state';
import { deviceSync } from '../../sync/deviceSync';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { errorMessage } from '../../ui/errors';
import { date as dateText, numberText } from '../../ui/format';
import { t } from '../../ui/i18n';
import { type ExistingRecords, loadExisting } from './existing';
import { type ImportServer, importServer } from './importApi';
import type { PreviewPlan, ReadSheet } from './importJob';
import { cellErrorText, fieldText } from './importText';
import { keepMapping, recalledMapping } from './mappingMemory';
import { type ImportRunner, RunnerError, workerRunner } from './runner';
import { downloadTemplate } from './templates';
import { VillageExport } from './VillageExport';
import './import.css';

/** What the screen needs from outside; the app's are below, tests hand in fakes. */
export interface ImportDeps {
  runner: () => ImportRunner;
  server: ImportServer;
  existing: (villageIds: readonly string[]) => Promise<ExistingRecords>;
  villages: readonly Village[];
  organization: string;
  userId: string;
  today: string;
  /** The user's role may write people's records (`mayImport`); others see the list only. */
  canImport: boolean;
  /** After an import is written: the app syncs, so this device gets the records at once. */
  onImported?: () => void;
}

type Step =
  | { step: 'choose' }
  | { step: 'reading' }
  | { step: 'mapping' }
  | { step: 'checking'; done: number; total: number }
  | { step: 'preview' }
  | { step: 'saving' }
  | { step: 'done'; counts: ImportCounts };

/** How many errors the preview lists before "and N more". */
const ERRORS_SHOWN = 200;

/**
 * Importing an office's spreadsheet (issue 15): pick the kind and a file, check the column
 * matching, see a dry run (this device's records first, then the server's, which decides),
 * answer likely matches, confirm; undo a whole import from the list below.
 */
export default function ImportPage() {
  const cached = profile.value;
  const deps: ImportDeps = {
    runner: workerRunner,
    server: importServer,
    existing: (villageIds) => loadExisting(db(), villageIds),
    villages: cached?.villages ?? [],
    organization: cached?.organization?.name ?? '',
    userId: currentUser.value?.id ?? '',
    today: bangkokDate(),
    canImport: currentUser.value ? mayImport(currentUser.value.role) : false,
    onImported: () => void deviceSync.value?.requestSync().catch(() => undefined),
  };
  return <ImportScreen deps={deps} />;
}

export function ImportScreen({ deps }: { deps: ImportDeps }) {
  const villages = useMemo(
    () => [...deps.villages].sort((a, b) => a.mooNo - b.mooNo),
    [deps.villages],
  );
  const runner = useRef<ImportRunner | null>(null);
  useEffect(() => () => runner.current?.close(), []);
  const getRunner = () => {
    runner.current ??= deps.runner();
    return runner.current;
  };

  const [kind, setKind] = useState<ImportKind>('people');
  const [state, setState] = useState<Step>({ step: 'choose' });
  const commitKey = useMemo(actionKey, []);
  const [fileName, setFileName] = useState('');
  const [sheet, setSheet] = useState<ReadSheet | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [plan, setPlan] = useState<PreviewPlan | null>(null);
  const [serverPreview, setServerPreview] = useState<ImportPreview | null>(null);
  const [serverProblem, setServerProblem] = useState<string | null>(null);
  const [existing, setExisting] = useState<ExistingRecords | null>(null);
  const [decisions, setDecisions] = useState<Record<string, string>>({});
  /** The likely matches of the first server preview: they stay asked while the user answers. */
  const [questions, setQuestions] = useState<ImportPreview['rows'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);

  const reset = () => {
    setState({ step: 'choose' });
    setSheet(null);
    setMapping(null);
    setPlan(null);
    setServerPreview(null);
    setServerProblem(null);
    setDecisions({});
    setError(null);
  };

  const chooseKind = (next: ImportKind) => {
    setKind(next);
    if (sheet) setMapping(guessMapping(sheet.rows, next, recalledMapping(next)));
    setPlan(null);
    setServerPreview(null);
    if (state.step !== 'choose' && state.step !== 'reading') setState({ step: 'mapping' });
  };

  const readFile = async (file: File) => {
    reset();
    setFileName(file.name);
    setState({ step: 'reading' });
    try {
      const read = await getRunner().read(file);
      setSheet(read);
      setMapping(guessMapping(read.rows, kind, recalledMapping(kind)));
      setState({ step: 'mapping' });
    } catch (failure) {
      const code = failure instanceof RunnerError ? failure.code : 'failed';
      setError(t(`import.readFailed.${code}`, { max: numberText(MAX_IMPORT_ROWS) }));
      setState({ step: 'choose' });
    }
  };

  const request = (answers: Record<string, string>): ImportRequest | null =>
    sheet && mapping
      ? {
          rows: sheet.rows,
          mapping,
          decisions: answers as ImportRequest['decisions'],
          fileName,
        }
      : null;

  const check = async () => {
    if (!sheet || !mapping) return;
    keepMapping(kind, rememberMapping(sheet.rows, mapping));
    setError(null);
    setServerPreview(null);
    setServerProblem(null);
    setDecisions({});
    setQuestions(null);
    setState({ step: 'checking', done: 0, total: Math.max(0, sheet.rows.length - 1) });
    try {
      const records = existing ?? (await deps.existing(villages.map((v) => v.id)));
      setExisting(records);
      const local = await getRunner().plan(
        sheet.rows,
        mapping,
        {
          today: deps.today,
          importedBy: deps.userId,
          villages: villages.map(({ id, mooNo }) => ({ id, mooNo })),
          ...records,
        },
        (done, total) => setState({ step: 'checking', done, total }),
      );
      setPlan(local);
      setState({ step: 'preview' });
    } catch {
      setError(t('import.readFailed.failed'));
      setState({ step: 'mapping' });
      return;
    }
    const body = request({});
    if (!body) return;
    try {
      const preview = await deps.server.preview(body);
      setServerPreview(preview);
      setQuestions(preview.rows.filter(isQuestion));
    } catch (failure) {
      setServerProblem(errorMessage(failure));
    }
  };

  // Each answer to a likely match asks the server again, so the counts say what will be written.
  const answered = JSON.stringify(decisions);
  useEffect(() => {
    if (!questions || Object.keys(decisions).length === 0) return;
    const body = request(decisions);
    if (!body) return;
    let live = true;
    const timer = setTimeout(() => {
      deps.server.preview(body).then(
        (preview) => live && setServerPreview(preview),
        (failure: unknown) => live && setServerProblem(errorMessage(failure)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [answered]);

  const confirm = async () => {
    const body = request(decisions);
    if (!body) return;
    setState({ step: 'saving' });
    setError(null);
    try {
      const result = await deps.server.commit(body, commitKey.of(JSON.stringify(body)));
      commitKey.done();
      setState({ step: 'done', counts: result.import.counts });
      setHistoryVersion((v) => v + 1);
      deps.onImported?.();
    } catch (failure) {
      setError(t('import.failed', { message: errorMessage(failure) }));
      setState({ step: 'preview' });
    }
  };

  const busy = state.step === 'reading' || state.step === 'checking' || state.step === 'saving';
  return (
    <section class="page-section import-page" data-testid="import-page">
      <h1>{t('import.title')}</h1>
      <p class="lead">{t('import.lead')}</p>

      {!deps.canImport && (
        <Banner tone="info" testId="import-not-allowed">
          {t('import.notAllowed')}
        </Banner>
      )}
      {deps.canImport && (
        <div class="import-start">
          <label class="field">
            <span>{t('import.kind')}</span>
            <select
              value={kind}
              disabled={busy}
              data-testid="import-kind"
              onChange={(event) => chooseKind(event.currentTarget.value as ImportKind)}
            >
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`import.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <div class="import-templates">
            <Button
              variant="quiet"
              testId="import-template-xlsx"
              onClick={() => void downloadTemplate(kind, 'xlsx')}
            >
              {t('import.template.xlsx')}
            </Button>
            <Button
              variant="quiet"
              testId="import-template-csv"
              onClick={() => void downloadTemplate(kind, 'csv')}
            >
              {t('import.template.csv')}
            </Button>
          </div>
          <label class="field import-file">
            <span>{t('import.file')}</span>
            <input
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy}
              data-testid="import-file"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                if (file) void readFile(file);
                event.currentTarget.value = '';
              }}
            />
          </label>
        </div>
      )}

      {error && (
        <Banner tone="error" testId="import-error">
          {error}
        </Banner>
      )}
      {state.step === 'reading' && (
        <p class="muted" data-testid="import-reading">
          {t('import.reading')}
        </p>
      )}

      {sheet && mapping && state.step !== 'choose' && state.step !== 'reading' && (
        <>
          <p class="muted small" data-testid="import-file-info">
            {t('import.fileInfo', { name: fileName, rows: numberText(sheet.rows.length) })}
            {sheet.encoding && ` • ${t(`import.encoding.${sheet.encoding}`)}`}
          </p>
          {state.step === 'mapping' ? (
            <MappingStep
              rows={sheet.rows}
              mapping={mapping}
              onChange={setMapping}
              onCheck={() => void check()}
            />
          ) : (
            <div class="import-actions">
              <Button
                testId="import-back"
                disabled={busy}
                onClick={() => setState({ step: 'mapping' })}
              >
                {t('import.back')}
              </Button>
            </div>
          )}
        </>
      )}

      {state.step === 'checking' && <Progress done={state.done} total={state.total} />}

      {plan && sheet && mapping && (state.step === 'preview' || state.step === 'saving') && (
        <PreviewStep
          header={sheet.rows[mapping.headerRow] ?? []}
          rows={sheet.rows}
          plan={plan}
          server={serverPreview}
          questions={questions}
          serverProblem={serverProblem}
          existing={existing}
          decisions={decisions}
          onDecide={(row, choice) => setDecisions((d) => ({ ...d, [String(row)]: choice }))}
          saving={state.step === 'saving'}
          onConfirm={() => void confirm()}
        />
      )}

      {state.step === 'done' && (
        <>
          <Banner tone="success" testId="import-done">
            {t('import.done', {
              create: numberText(state.counts.create),
              update: numberText(state.counts.update),
            })}
          </Banner>
          <Button testId="import-restart" onClick={reset}>
            {t('import.restart')}
          </Button>
        </>
      )}

      <ImportHistory
        server={deps.server}
        version={historyVersion}
        canUndo={deps.canImport}
        onUndone={deps.onImported}
      />
      <VillageExport
        villages={villages}
        organization={deps.organization}
        existing={deps.existing}
      />
    </section>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  return (
    <div class="import-progress" data-testid="import-progress">
      <label>
        <span>{t('import.checking', { done: numberText(done), total: numberText(total) })}</span>
        <progress value={done} max={Math.max(1, total)} />
      </label>
    </div>
  );
}

/** The first non-empty value under the header in a column, to tell the user what it holds. */
function sampleOf(rows: readonly WireCell[][], headerRow: number, column: number): string {
  for (let r = headerRow + 1; r < Math.min(rows.length, headerRow + 20); r++) {
    const text = cellText(rows[r]?.[column]);
    if (text) return text;
  }
  return '';
}

function MappingStep({
  rows,
  mapping,
  onChange,
  onCheck,
}: {
  rows: WireCell[][];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  onCheck: () => void;
}) {
  const header = rows[mapping.headerRow] ?? [];
  const width = Math.max(header.length, mapping.columns.length);
  const missing = missingFields(mapping);
  const setField = (column: number, field: ImportField | null) => {
    const columns = Array.from({ length: width }, (_, i) => mapping.columns[i] ?? null);
    // A field goes to one column: choosing it here takes it from another.
    if (field) for (let i = 0; i < width; i++) if (columns[i] === field) columns[i] = null;
    columns[column] = field;
    onChange({ ...mapping, columns });
  };
  const headerChoices = Array.from({ length: Math.min(rows.length, 20) }, (_, i) => i);
  return (
    <div class="import-mapping" data-testid="import-mapping">
      <h2>{t('import.mapping.title')}</h2>
      <p class="muted">{t('import.mapping.lead')}</p>
      <label class="field">
        <span>{t('import.mapping.headerRow', { row: mapping.headerRow + 1 })}</span>
        <select
          value={String(mapping.headerRow)}
          data-testid="import-header-row"
          onChange={(event) => {
            const headerRow = Number(event.currentTarget.value);
            const columns = guessColumns(
              rows[headerRow] ?? [],
              mapping.kind,
              recalledMapping(mapping.kind),
            );
            onChange({ ...mapping, headerRow, columns });
          }}
        >
          {headerChoices.map((row) => (
            <option key={row} value={row}>
              {t('import.mapping.headerRow', { row: row + 1 })}
            </option>
          ))}
        </select>
      </label>
      <table class="table import-mapping-table">
        <thead>
          <tr>
            <th>{t('import.mapping.column')}</th>
            <th>{t('import.mapping.header')}</th>
            <th>{t('import.mapping.sample')}</th>
            <th>{t('import.mapping.field')}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: width }, (_, column) => (
            <tr key={column} data-testid={`import-column-${columnLetter(column)}`}>
              <td data-label={t('import.mapping.column')}>{columnLetter(column)}</td>
              <td data-label={t('import.mapping.header')}>{cellText(header[column])}</td>
              <td data-label={t('import.mapping.sample')} class="muted">
                {sampleOf(rows, mapping.headerRow, column)}
              </td>
              <td data-label={t('import.mapping.field')}>
                <select
                  value={mapping.columns[column] ?? ''}
                  aria-label={t('import.mapping.field')}
                  data-testid={`import-map-${columnLetter(column)}`}
                  onChange={(event) =>
                    setField(column, (event.currentTarget.value || null) as ImportField | null)
                  }
                >
                  <option value="">{t('import.mapping.skip')}</option>
                  {KIND_FIELDS[mapping.kind].map((field) => (
                    <option key={field} value={field}>
                      {fieldText(field)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {missing.length > 0 && (
        <Banner tone="warning" testId="import-missing">
          {t('import.mapping.missing', { fields: missing.map(fieldText).join(', ') })}
        </Banner>
      )}
      <div class="import-actions">
        <Button variant="primary" testId="import-check" onClick={onCheck}>
          {t('import.check')}
        </Button>
      </div>
    </div>
  );
}

const COUNTED: readonly Exclude<keyof ImportCounts, 'matched'>[] = [
  'rows',
  'create',
  'update',
  'unchanged',
  'likely-match',
  'duplicate',
  'bad',
];

function PreviewStep({
  header,
  rows,
  plan,
  server,
  questions,
  serverProblem,
  existing,
  decisions,
  onDecide,
  saving,
  onConfirm,
}: {
  header: readonly WireCell[];
  rows: WireCell[][];
  plan: PreviewPlan;
  server: ImportPreview | null;
  questions: ImportPreview['rows'] | null;
  serverProblem: string | null;
  existing: ExistingRecords | null;
  decisions: Record<string, string>;
  onDecide: (row: number, choice: string) => void;
  saving: boolean;
  onConfirm: () => void;
}) {
  // The server's dry run is what will be written; this device's is shown until it answers.
  const outcomes = server?.rows ?? plan.rows;
  const counts = server?.counts ?? plan.counts;
  const errors = outcomes.flatMap((outcome) => outcome.errors);
  const matches = questions ?? outcomes.filter(isQuestion);
  const people = useMemo(
    () => new Map((existing?.people ?? []).map((person) => [person.id, person])),
    [existing],
  );
  const writes = counts.create + counts.update + counts['likely-match'];
  return (
    <div class="import-preview" data-testid="import-preview">
      <h2>{t('import.preview.title')}</h2>
      {server ? (
        <p class="muted small" data-testid="import-preview-source" data-source="server">
          {t('import.preview.server')}
        </p>
      ) : serverProblem ? (
        <Banner tone="warning" testId="import-server-problem">
          {t('import.serverUnavailable', { reason: serverProblem })}
        </Banner>
      ) : (
        <p class="muted small" data-testid="import-preview-source" data-source="local">
          {t('import.serverChecking')}
        </p>
      )}
      <dl class="import-counts">
        {COUNTED.map((key) => (
          <div key={key} class={`import-count import-count-${key}`}>
            <dt>{t(`import.count.${key}`)}</dt>
            <dd data-testid={`import-count-${key}`}>{numberText(counts[key])}</dd>
          </div>
        ))}
      </dl>

      {matches.length > 0 && (
        <fieldset class="import-matches" data-testid="import-matches">
          <legend>{t('import.matches.title')}</legend>
          <p class="muted small">{t('import.matches.undecided')}</p>
          {matches.map((outcome) => {
            const name = rowName(rows[outcome.row - 1] ?? [], header);
            const chosen = decisions[String(outcome.row)] ?? '';
            return (
              <div
                key={outcome.row}
                class="import-match"
                data-testid={`import-match-${outcome.row}`}
              >
                <p>{t('import.matches.row', { row: outcome.row, name })}</p>
                {(outcome.candidates ?? []).map((id) => {
                  const person = people.get(id);
                  return (
                    <label key={id} class="import-choice">
                      <input
                        type="radio"
                        name={`match-${outcome.row}`}
                        value={id}
                        checked={chosen === id}
                        data-testid={`import-match-${outcome.row}-person`}
                        onChange={() => onDecide(outcome.row, id)}
                      />
                      <span>
                        {person
                          ? t('import.matches.person', {
                              name: [person.fields.firstName, person.fields.lastName]
                                .filter(Boolean)
                                .join(' '),
                              birth: birthText(person.fields.birthDate),
                            })
                          : t('import.matches.unknown')}
                      </span>
                    </label>
                  );
                })}
                <label class="import-choice">
                  <input
                    type="radio"
                    name={`match-${outcome.row}`}
                    value="new"
                    checked={chosen === 'new'}
                    data-testid={`import-match-${outcome.row}-new`}
                    onChange={() => onDecide(outcome.row, 'new')}
                  />
                  <span>{t('import.matches.new')}</span>
                </label>
              </div>
            );
          })}
        </fieldset>
      )}

      {errors.length > 0 && (
        <div class="import-errors" data-testid="import-errors">
          <h3>{t('import.errors.title', { count: numberText(errors.length) })}</h3>
          <ul>
            {errors.slice(0, ERRORS_SHOWN).map((cellError, i) => (
              <li key={`${cellError.row}-${cellError.column}-${i}`} data-testid="import-error-item">
                {cellErrorText(cellError, header)}
              </li>
            ))}
          </ul>
          {errors.length > ERRORS_SHOWN && (
            <p class="muted">
              {t('import.errors.more', { count: numberText(errors.length - ERRORS_SHOWN) })}
            </p>
          )}
        </div>
      )}

      <div class="import-actions">
        <Button
          variant="primary"
          testId="import-confirm"
          disabled={!server || writes === 0}
          busy={saving}
          busyLabel={t('import.confirming')}
          onClick={onConfirm}
        >
          {t('import.confirm')}
        </Button>
      </div>
    </div>
  );
}

/** A row the user must answer: a likely match with the people it may be. */
function isQuestion(outcome: ImportPreview['rows'][number]): boolean {
  return outcome.action === 'likely-match' && (outcome.candidates?.length ?? 0) > 0;
}

/** A row's name for a likely-match question: its name cells, in the sheet's order. */
function rowName(row: readonly WireCell[], header: readonly WireCell[]): string {
  const nameHeaders = /ชื่อ|นามสกุล|สกุล|name/i;
  return header
    .map((cell, column) => (nameHeaders.test(cellText(cell)) ? cellText(row[column]) : ''))
    .filter(Boolean)
    .join(' ');
}

function birthText(day: string | undefined): string {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})/.exec(day) : null;
  if (!match) return '—';
  return `${Number(match[3])}/${Number(match[2])}/${Number(match[1]) + BE_OFFSET}`;
}

function ImportHistory({
  server,
  version,
  canUndo,
  onUndone,
}: {
  server: ImportServer;
  version: number;
  canUndo: boolean;
  onUndone?: () => void;
}) {
  const [imports, setImports] = useState<ImportSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [undoing, setUndoing] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    server.list().then(
      (list) => {
        if (!live) return;
        setImports(list);
        setProblem(null);
      },
      (failure: unknown) => live && setProblem(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [server, version, reload]);

  const undo = async (summary: ImportSummary) => {
    setBusy(true);
    setNotice(null);
    try {
      const result = await server.undo(summary.id);
      if (result.ok) onUndone?.();
      else setNotice(t('import.history.undoRefused'));
      setReload((n) => n + 1);
    } catch (failure) {
      setNotice(errorMessage(failure));
    } finally {
      setBusy(false);
      setUndoing(null);
    }
  };

  return (
    <section class="import-history" data-testid="import-history">
      <h2>{t('import.history.title')}</h2>
      {notice && (
        <Banner tone="warning" testId="import-history-notice">
          {notice}
        </Banner>
      )}
      {problem ? (
        <p class="muted">{t('import.history.unavailable', { message: problem })}</p>
      ) : !imports ? null : imports.length === 0 ? (
        <p class="muted">{t('import.history.empty')}</p>
      ) : (
        <ul class="import-history-list">
          {imports.map((summary) => (
            <li key={summary.id} data-testid={`import-history-${summary.id}`}>
              <div>
                <strong>{summary.fileName || t(`import.kind.${summary.kind}`)}</strong>{' '}
                <span class="muted">
                  {t(`import.kind.${summary.kind}`)} • {dateText(summary.createdAt)}
                </span>
              </div>
              <div class="muted small">
                {t('import.history.summary', {
                  create: numberText(summary.counts.create),
                  update: numberText(summary.counts.update),
                  records: numberText(summary.records),
                })}
              </div>
              {summary.undoneAt ? (
                <span class="muted small">
                  {t('import.history.undone', { date: dateText(summary.undoneAt) })}
                </span>
              ) : (
                canUndo && (
                  <Button
                    variant="danger"
                    testId={`import-undo-${summary.id}`}
                    onClick={() => setUndoing(summary)}
                  >
                    {t('import.history.undo')}
                  </Button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {undoing && (
        <ConfirmDialog
          title={t('import.history.undoTitle', { file: undoing.fileName })}
          confirmLabel={t('import.history.undo')}
          danger
          busy={busy}
          testId="import-undo-dialog"
          onConfirm={() => void undo(undoing)}
          onCancel={() => setUndoing(null)}
        >
          <p>{t('import.history.undoText')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
