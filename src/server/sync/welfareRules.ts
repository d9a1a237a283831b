// Welfare records' own rules on top of roles and villages (DOMAIN.md §3G): who may move a case
// to which status, and which records are an append-only ledger. Checked for every pushed
// mutation in the push transaction; a refused one is quarantined with the reason.
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
const APPEND_ONLY: readonly RecordType[] = ['assistance', 'caseStatusChange'];

/** A case's status as stored, and whether the pushing device had seen it. */
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

export function checkWelfareRules(
  mutation: Mutation,
  role: Role,
  current: StoredStatus | undefined,
): WelfareRejection | null {
  if (APPEND_ONLY.includes(mutation.type) && mutation.op !== 'create') {
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
  const to = patch.status as CaseStatusName;
  const from = statusSeenByDevice(mutation, current);
  if (from === to) return null;
  const allowed = from ? mayChangeStatus(role, from, to) : mayEnterStatus(role, to);
  if (!allowed) return { reason: 'status_not_allowed', details: { from, to, role } };
  return null;
}

/**
 * A timeline entry must name a move the role could make: the first `received` of a new case
 * (a surveyor opening one writes it), or a status the role may enter. The case's own status
 * field is what the transition table guards; this keeps its history from telling otherwise.
 */
function checkStatusChangeRecord(
  patch: Record<string, unknown>,
  role: Role,
): WelfareRejection | null {
  const to = patch.toStatus as CaseStatusName;
  const opening = to === 'received' && patch.fromStatus === undefined;
  const allowed = opening ? mayOpenCase(role) : mayEnterStatus(role, to);
  return allowed ? null : { reason: 'status_not_allowed', details: { to, role } };
}

/**
 * The status the device changed from: the stored one when the device had seen it (its base is
 * that value's seq, or its own earlier edit wrote it). A change made without seeing it is a
 * conflict for the merge to keep; the device's starting point is then unknown.
 */
function statusSeenByDevice(
  mutation: Mutation,
  current: StoredStatus | undefined,
): CaseStatusName | null {
  if (!current) return null;
  const base = mutation.base.status ?? 0;
  if (base >= current.seq || current.clientId === mutation.clientId) return current.value;
  return null;
}
