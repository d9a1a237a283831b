import { useMemo, useState } from 'preact/hooks';
import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db } from '../../db/database';
import { compareHouseNo } from '../../records/householdRows';
import type { HouseholdView, PersonView } from '../../records/people';
import { profile } from '../../session/state';
import { saveChanges } from '../../sync/deviceSync';
import type { RecordChange } from '../../sync/edit';
import { Banner } from '../../ui/Banner';
import { Button, LinkButton } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { date } from '../../ui/format';
import { t } from '../../ui/i18n';
import { personName } from '../../ui/record/labels';
import { useAction } from '../../ui/useAction';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { loadMoveTargets } from './householdQueries';
import {
  type LeavingStatus,
  moveChange,
  parseThaiDateInput,
  reactivateChange,
  removeChange,
  restoreChange,
  statusChange,
  toThaiDateInput,
} from './memberChanges';

type Dialog = LeavingStatus | 'move' | 'remove' | 'reactivate' | null;

interface DialogProps {
  person: PersonView;
  busy: boolean;
  onSave: (change: RecordChange) => void;
  onCancel: () => void;
}

/** Deceased or moved out, on a date typed in พ.ศ. (today by default). */
function StatusDialog({
  person,
  status,
  busy,
  onSave,
  onCancel,
}: DialogProps & { status: LeavingStatus }) {
  const today = bangkokDate();
  const [text, setText] = useState(toThaiDateInput(today));
  const [tried, setTried] = useState(false);
  const parsed = parseThaiDateInput(text);
  const valid = parsed !== null && parsed <= today;
  const name = personName(person);
  return (
    <ConfirmDialog
      title={
        status === 'deceased'
          ? t('hh.member.deceasedTitle', { name })
          : t('hh.member.movedOutTitle', { name })
      }
      confirmLabel={t('common.save')}
      busy={busy}
      testId="member-status-dialog"
      onCancel={onCancel}
      onConfirm={() => {
        setTried(true);
        if (valid) onSave(statusChange(person, status, parsed));
      }}
    >
      <TextField
        id="member-status-date"
        label={t('hh.member.statusDate')}
        value={text}
        inputMode="numeric"
        maxLength={10}
        testId="member-status-date"
        onInput={setText}
        hint={valid ? t('hh.member.statusDateHint', { date: date(parsed) }) : undefined}
        error={tried && !valid ? t('hh.member.statusDateInvalid') : undefined}
      />
      <p class="small">{t('hh.member.statusKept')}</p>
    </ConfirmDialog>
  );
}

const MOVE_CHOICES = 20;

/** Another household of the user's villages, found by house number. */
function MoveDialog({ person, busy, onSave, onCancel }: DialogProps) {
  const villages = profile.value?.villages ?? [];
  const villageIds = villages.map((village) => village.id);
  const targets = useLiveQuery(
    async () => loadMoveTargets(db(), villageIds),
    [villageIds.join()],
    [],
  );
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<HouseholdView | null>(null);
  const [tried, setTried] = useState(false);
  const mooNo = (household: HouseholdView) =>
    household.fields.mooNo ?? villages.find((v) => v.id === household.villageId)?.mooNo ?? 0;
  const choices = useMemo(() => {
    const text = query.trim();
    return targets
      .filter(
        (household) =>
          household.id !== person.fields.householdId &&
          (household.fields.houseNo ?? '').startsWith(text),
      )
      .sort(
        (a, b) =>
          compareHouseNo(a.fields.houseNo ?? '', b.fields.houseNo ?? '') || mooNo(a) - mooNo(b),
      )
      .slice(0, MOVE_CHOICES);
  }, [targets, query, person.fields.householdId]);
  return (
    <ConfirmDialog
      title={t('hh.member.moveTitle', { name: personName(person) })}
      confirmLabel={t('hh.member.moveConfirm')}
      busy={busy}
      testId="member-move-dialog"
      onCancel={onCancel}
      onConfirm={() => {
        setTried(true);
        if (chosen) onSave(moveChange(person, chosen));
      }}
    >
      <TextField
        id="member-move-search"
        label={t('hh.member.moveSearch')}
        value={query}
        testId="member-move-search"
        onInput={setQuery}
      />
      {query.trim() && choices.length === 0 && <p class="muted">{t('hh.member.moveNone')}</p>}
      <fieldset class="hh-move-choices">
        <legend class="hh-visually-hidden">{t('hh.member.moveChoose')}</legend>
        {choices.map((household) => (
          <label key={household.id} class="hh-chip">
            <input
              type="radio"
              name="member-move-target"
              checked={chosen?.id === household.id}
              data-testid={`move-target-${mooNo(household)}-${household.fields.houseNo}`}
              onChange={() => setChosen(household)}
            />
            {t('hh.member.moveTarget', {
              houseNo: household.fields.houseNo ?? '',
              mooNo: mooNo(household),
            })}
          </label>
        ))}
      </fieldset>
      {tried && !chosen && (
        <p class="field-error" role="alert">
          {t('hh.member.moveChoose')}
        </p>
      )}
    </ConfirmDialog>
  );
}

function SimpleDialog({
  person,
  kind,
  busy,
  onSave,
  onCancel,
}: DialogProps & { kind: 'remove' | 'reactivate' }) {
  const name = personName(person);
  const remove = kind === 'remove';
  return (
    <ConfirmDialog
      title={
        remove ? t('hh.member.removeTitle', { name }) : t('hh.member.reactivateTitle', { name })
      }
      confirmLabel={remove ? t('hh.member.remove') : t('hh.member.reactivate')}
      danger={remove}
      busy={busy}
      testId={`member-${kind}-dialog`}
      onCancel={onCancel}
      onConfirm={() => onSave(remove ? removeChange(person) : reactivateChange(person))}
    >
      <p>{remove ? t('hh.member.removeBody') : t('hh.member.reactivateBody')}</p>
    </ConfirmDialog>
  );
}

interface MemberActionsProps {
  person: PersonView;
  /** Removed as entered by mistake: the only action is to restore. */
  removed?: boolean;
  /** Buttons shown at once (person page) instead of behind "จัดการ" (roster rows). */
  open?: boolean;
  /** Link to the person page from the menu. */
  showProfileLink?: boolean;
}

/**
 * What can happen to a member: edit, died, moved out (both undoable), moved to another
 * household, removed as entered by mistake (restorable). Every change goes through `saveChanges`.
 */
export function MemberActions({ person, removed, open, showProfileLink }: MemberActionsProps) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const { busy, error, submit } = useAction(() => t('hh.member.saveFailed'));
  const active = (person.fields.memberStatus ?? 'active') === 'active';

  const save = async (change: RecordChange) => {
    if (await submit(() => saveChanges([change]))) setDialog(null);
  };
  const dialogProps = {
    person,
    busy,
    onSave: (c: RecordChange) => void save(c),
    onCancel: () => setDialog(null),
  };

  if (removed) {
    return (
      <div class="actions">
        <Button
          busy={busy}
          testId="member-restore"
          onClick={() => void save(restoreChange(person))}
        >
          {t('hh.member.restore')}
        </Button>
        {error && <Banner tone="error">{error}</Banner>}
      </div>
    );
  }

  const buttons = (
    <div class="actions">
      {showProfileLink && (
        <LinkButton href={`/people/${person.id}`} testId="member-view">
          {t('hh.member.view')}
        </LinkButton>
      )}
      <LinkButton href={`/people/${person.id}/edit`} testId="member-edit">
        {t('hh.member.edit')}
      </LinkButton>
      {active ? (
        <>
          <Button testId="member-deceased" onClick={() => setDialog('deceased')}>
            {t('hh.member.deceased')}
          </Button>
          <Button testId="member-moved-out" onClick={() => setDialog('moved-out')}>
            {t('hh.member.movedOut')}
          </Button>
          <Button testId="member-move" onClick={() => setDialog('move')}>
            {t('hh.member.move')}
          </Button>
        </>
      ) : (
        <Button testId="member-reactivate" onClick={() => setDialog('reactivate')}>
          {t('hh.member.reactivate')}
        </Button>
      )}
      <Button variant="danger" testId="member-remove" onClick={() => setDialog('remove')}>
        {t('hh.member.remove')}
      </Button>
    </div>
  );

  return (
    <>
      {open ? (
        buttons
      ) : (
        <details class="hh-member-actions">
          <summary data-testid="member-manage">{t('hh.member.manage')}</summary>
          {buttons}
        </details>
      )}
      {error && <Banner tone="error">{error}</Banner>}
      {(dialog === 'deceased' || dialog === 'moved-out') && (
        <StatusDialog {...dialogProps} status={dialog} />
      )}
      {dialog === 'move' && <MoveDialog {...dialogProps} />}
      {(dialog === 'remove' || dialog === 'reactivate') && (
        <SimpleDialog {...dialogProps} kind={dialog} />
      )}
    </>
  );
}
