import { uuidv7 } from '../../../shared/ids';
import type {
  AssistanceFields,
  CaseStatus,
  ProgramEnrollmentFields,
  VisitFields,
  WelfareCaseFields,
} from '../../../shared/model/welfare';
import { reversalAmountTHB } from '../../../shared/rules/ledger';
import type { RecordChange } from '../../sync/edit';

/**
 * The `RecordChange`s of the welfare screens. Every save goes through `saveChanges` (one local
 * transaction, queued for the server); changes returned together share one txId, so the server
 * lands them all or none.
 */

/** The case a welfare screen writes against: its id, village and current status. */
export interface CaseRef {
  id: string;
  villageId: string;
  status: CaseStatus;
}

/** A new case, `received`, with its first status change in the timeline. */
export function openCaseChanges(
  villageId: string,
  fields: Omit<WelfareCaseFields, 'status'>,
  now: string,
  caseId: string = uuidv7(),
): RecordChange[] {
  return [
    {
      op: 'create',
      type: 'case',
      id: caseId,
      villageId,
      patch: { ...fields, status: 'received' },
    },
    {
      op: 'create',
      type: 'caseStatusChange',
      villageId,
      patch: { caseId, toStatus: 'received', at: now },
    },
  ];
}

/**
 * Moves a case to `to` (check `nextStatuses` for the role first): the case's status field and a
 * status-change record for the timeline, together. Closing sets `closedAt`; reopening clears it.
 */
export function changeStatusChanges(
  caseRef: CaseRef,
  to: CaseStatus,
  now: string,
  reason?: string,
): RecordChange[] {
  const closing = to === 'done' || to === 'rejected';
  return [
    {
      op: 'patch',
      type: 'case',
      id: caseRef.id,
      villageId: caseRef.villageId,
      patch: {
        status: to,
        closedAt: closing ? now : null,
        ...(to === 'rejected' ? { statusReason: reason ?? null } : {}),
      },
    },
    {
      op: 'create',
      type: 'caseStatusChange',
      villageId: caseRef.villageId,
      patch: {
        caseId: caseRef.id,
        fromStatus: caseRef.status,
        toStatus: to,
        at: now,
        ...(reason ? { reason } : {}),
      },
    },
  ];
}

/** `userId` takes the case over: it shows under "assigned to me" in their work list. */
export function assignCaseChanges(caseRef: CaseRef, userId: string): RecordChange[] {
  return [
    {
      op: 'patch',
      type: 'case',
      id: caseRef.id,
      villageId: caseRef.villageId,
      patch: { assignedTo: userId },
    },
  ];
}

/** A visit; with `nextVisitOn` it becomes the case's next follow-up (its due date too). */
export function logVisitChanges(
  caseRef: CaseRef,
  visit: Omit<VisitFields, 'caseId'>,
): RecordChange[] {
  const changes: RecordChange[] = [
    {
      op: 'create',
      type: 'visit',
      villageId: caseRef.villageId,
      patch: { ...visit, caseId: caseRef.id },
    },
  ];
  if (visit.nextVisitOn) {
    changes.push({
      op: 'patch',
      type: 'case',
      id: caseRef.id,
      villageId: caseRef.villageId,
      patch: { dueDate: visit.nextVisitOn },
    });
  }
  return changes;
}

/** A ledger entry of assistance delivered. */
export function assistanceChanges(
  caseRef: CaseRef,
  entry: Omit<AssistanceFields, 'caseId'>,
): RecordChange[] {
  return [
    {
      op: 'create',
      type: 'assistance',
      villageId: caseRef.villageId,
      patch: { ...entry, caseId: caseRef.id },
    },
  ];
}

/** The entry that cancels `entry` (ledger entries are never edited or deleted). */
export function reversalChanges(
  entry: { id: string; villageId: string; fields: AssistanceFields },
  deliveredAt: string,
  note?: string,
): RecordChange[] {
  const { amountTHB, note: _originalNote, ...kept } = entry.fields;
  return [
    {
      op: 'create',
      type: 'assistance',
      villageId: entry.villageId,
      patch: {
        ...kept,
        ...(amountTHB !== undefined
          ? { amountTHB: reversalAmountTHB({ id: entry.id, amountTHB }) }
          : {}),
        deliveredAt,
        reversesId: entry.id,
        ...(note ? { note } : {}),
      },
    },
  ];
}

/** A person's enrollment in a programme. */
export function enrollmentChanges(
  villageId: string,
  enrollment: ProgramEnrollmentFields,
): RecordChange[] {
  return [{ op: 'create', type: 'programEnrollment', villageId, patch: enrollment }];
}
