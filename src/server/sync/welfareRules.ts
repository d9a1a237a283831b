// Welfare records' own rules on top of roles and villages (docs/domain.md §3G): who may move a case
// to which status, and which records are an append-only ledger. Part of the push policy
// (policy.ts); a refused mutation is quarantined with the reason.
import type { Role } from '../../shared/model/user';
import {
  type CaseStatusName,
  mayChangeStatus,
  mayEnterStatus,
  mayOpenCase,
} from '../../shared/rules/caseStatus';
import { parseHlc } from '../../shared/sync/hlc';
import type { QuarantineReason } from '../../shared/sync/permissions';
import type { Mutation, RecordType, SyncRecord } from '../../shared/sync/protocol';

/** Ledger entries and status changes are corrected by a new entry, never edited or deleted. */
export const APPEND_ONLY: readonly RecordType[] = ['assistance', 'caseStatusChange'];

/** A case's status as stored, and who wrote it at which seq (to tell whether a device saw it). */
export interface StoredStatus {
  value: CaseStatusName;
  seq: number;
  clientId: string | null;
}

export function storedCaseStatus(record: SyncRecord): StoredStatus | undefined {
  const value = record.fields.status;
  const meta = record.fieldMeta.status;
  if (record.type !== 'case' || typeof value !== 'string' || !meta) return undefined;
  return {
    value: value as CaseStatusName,
    seq: meta.seq,
    clientId: parseHlc(meta.hlc)?.clientId ?? null,
  };
}

export interface WelfareRejection {
  reason: QuarantineReason;
  details?: unknown;
}

/** What the welfare rules need of the stored record. */
export interface StoredCase {
  /** Whether the record is stored at all. */
  exists: boolean;
  status?: StoredStatus | undefined;
}

/**
 * `reviewing`: a reviewer accepting a quarantined move has the stored status in front of them,
 * so the move counts as made from it.
 */
export function checkWelfareRules(
  mutation: Mutation,
  role: Role,
  stored: StoredCase,
  reviewing = false,
): WelfareRejection | null {
  if (APPEND_ONLY.includes(mutation.type) && (mutation.op !== 'create' || stored.exists)) {
    return { reason: 'append_only', details: { type: mutation.type, op: mutation.op } };
  }
  const patch = mutation.patch as Record<string, unknown>;
  if (mutation.type === 'caseStatusChange') return checkStatusChangeRecord(patch, role);
  if (mutation.type !== 'case') return null;
  if (mutation.op === 'create') {
    // A case created without a status would take its first status from a later patch, which
    // only the "may enter" check guards: straight to `done` without assessment or approval.
    if (!mayOpenCase(role) || patch.status !== 'received') {
      return { reason: 'status_not_allowed', details: { from: null, to: patch.status ?? null } };
    }
    return null;
  }
  if (!Object.hasOwn(patch, 'status')) return null;
  return checkStatusMove(mutation, role, patch.status as CaseStatusName, stored.status, reviewing);
}

/**
 * A move is judged from the stored status, never from what the device claims. One the role may
 * not make from there is refused; one it may make but from a status the device had not seen
 * (its base is older and another device wrote the status) is not applied either: the device
 * decided on a case that has since moved, so a supervisor looks at it in quarantine.
 */
function checkStatusMove(
  mutation: Mutation,
  role: Role,
  to: CaseStatusName,
  stored: StoredStatus | undefined,
  reviewing: boolean,
): WelfareRejection | null {
  if (!stored) {
    // A case without a status (stored before cases needed one) can only be opened.
    if (to === 'received' && mayOpenCase(role)) return null;
    return { reason: 'status_not_allowed', details: { from: null, to, role } };
  }
  const from = stored.value;
  if (from === to) return null;
  if (!mayChangeStatus(role, from, to)) {
    return { reason: 'status_not_allowed', details: { from, to, role } };
  }
  if (reviewing || sawStatus(mutation, stored)) return null;
  return {
    reason: 'status_unseen',
    details: { from, to, base: mutation.base.status ?? null, storedSeq: stored.seq },
  };
}

/** The device's base is the stored value's seq, or its own earlier edit wrote it. */
function sawStatus(mutation: Mutation, stored: StoredStatus): boolean {
  const base = Object.hasOwn(mutation.base, 'status') ? (mutation.base.status as number) : 0;
  return base >= stored.seq || stored.clientId === mutation.clientId;
}

/**
 * A timeline entry must name a move the role could make: the first `received` of a new case
 * (a surveyor opening one writes it), the move from its `fromStatus`, or else a status the role
 * may enter. The case's own status field is what the transition table guards; this keeps its
 * history from telling otherwise.
 */
function checkStatusChangeRecord(
  patch: Record<string, unknown>,
  role: Role,
): WelfareRejection | null {
  const to = patch.toStatus as CaseStatusName;
  const from = patch.fromStatus as CaseStatusName | undefined;
  const allowed =
    from !== undefined
      ? mayChangeStatus(role, from, to)
      : to === 'received'
        ? mayOpenCase(role)
        : mayEnterStatus(role, to);
  return allowed ? null : { reason: 'status_not_allowed', details: { to, role } };
}
