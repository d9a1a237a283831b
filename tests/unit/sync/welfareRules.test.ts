import { describe, expect, it } from 'vitest';
import {
  checkWelfareRules,
  type StoredCase,
  type StoredStatus,
  storedCaseStatus,
} from '../../../src/server/sync/welfareRules';
import { uuidv7 } from '../../../src/shared/ids';
import { formatHlc } from '../../../src/shared/sync/hlc';
import type {
  Mutation,
  MutationOp,
  RecordType,
  SyncRecord,
} from '../../../src/shared/sync/protocol';

const DEVICE = 'device-officer-a';
const OTHER = 'device-officer-b';
let counter = 0;

function mutation(
  type: RecordType,
  op: MutationOp,
  patch: Record<string, unknown>,
  base: Record<string, number> = {},
): Mutation {
  counter += 1;
  return {
    mutationId: `${DEVICE}:${counter}`,
    clientId: DEVICE,
    txId: `tx-${counter}`,
    schemaVersion: 1,
    hlc: formatHlc({ millis: Date.now(), counter: 0, clientId: DEVICE }),
    op,
    type,
    id: uuidv7(),
    villageId: uuidv7(),
    patch,
    base,
  };
}

const stored = (value: StoredStatus['value'], seq: number, clientId = OTHER): StoredCase => ({
  exists: true,
  status: { value, seq, clientId },
});
/** No record with this id. */
const none: StoredCase = { exists: false };

describe('checkWelfareRules: the append-only ledger', () => {
  it.each(['patch', 'delete', 'restore', 'resolve'] as const)(
    'refuses %s of assistance and caseStatusChange',
    (op) => {
      for (const type of ['assistance', 'caseStatusChange'] as const) {
        expect(checkWelfareRules(mutation(type, op, {}), 'supervisor', none)).toEqual({
          reason: 'append_only',
          details: { type, op },
        });
      }
    },
  );

  it('accepts creating them, a reversing entry included', () => {
    const reversal = mutation('assistance', 'create', { amountTHB: -500, reversesId: uuidv7() });
    expect(checkWelfareRules(reversal, 'welfare', none)).toBeNull();
    const change = mutation('caseStatusChange', 'create', { toStatus: 'approved' });
    expect(checkWelfareRules(change, 'supervisor', none)).toBeNull();
  });

  it('accepts a timeline entry only for a move the role could make', () => {
    const opening = mutation('caseStatusChange', 'create', { toStatus: 'received' });
    expect(checkWelfareRules(opening, 'surveyor', none)).toBeNull();
    const approving = mutation('caseStatusChange', 'create', {
      fromStatus: 'assessed',
      toStatus: 'approved',
    });
    expect(checkWelfareRules(approving, 'welfare', none)?.reason).toBe('status_not_allowed');
    const assessing = mutation('caseStatusChange', 'create', {
      fromStatus: 'received',
      toStatus: 'assessed',
    });
    expect(checkWelfareRules(assessing, 'surveyor', none)?.reason).toBe('status_not_allowed');
    expect(checkWelfareRules(assessing, 'welfare', none)).toBeNull();
  });

  it('leaves other record types alone', () => {
    expect(checkWelfareRules(mutation('visit', 'delete', {}), 'welfare', none)).toBeNull();
    expect(
      checkWelfareRules(mutation('household', 'patch', { status: 'x' }), 'surveyor', none),
    ).toBeNull();
  });
});

describe('checkWelfareRules: opening a case', () => {
  it('accepts a case created received by a role that may open cases', () => {
    for (const role of ['surveyor', 'welfare', 'supervisor'] as const) {
      expect(
        checkWelfareRules(mutation('case', 'create', { status: 'received' }), role, none),
      ).toBeNull();
    }
  });

  it('refuses a case created in another status, or by an admin', () => {
    expect(
      checkWelfareRules(mutation('case', 'create', { status: 'done' }), 'supervisor', none),
    ).toEqual({ reason: 'status_not_allowed', details: { from: null, to: 'done' } });
    expect(
      checkWelfareRules(mutation('case', 'create', { status: 'received' }), 'admin', none)?.reason,
    ).toBe('status_not_allowed');
    // Without a status, a later patch could set any status the role may enter (`done`).
    expect(
      checkWelfareRules(mutation('case', 'create', { category: 'road' }), 'welfare', none),
    ).toEqual({ reason: 'status_not_allowed', details: { from: null, to: null } });
  });
});

describe('checkWelfareRules: changing a case status', () => {
  it('checks the move from the stored status when the device had seen it', () => {
    const seen = (to: string) => mutation('case', 'patch', { status: to }, { status: 7 });
    expect(checkWelfareRules(seen('assessed'), 'welfare', stored('received', 7))).toBeNull();
    expect(checkWelfareRules(seen('approved'), 'welfare', stored('assessed', 7))).toEqual({
      reason: 'status_not_allowed',
      details: { from: 'assessed', to: 'approved', role: 'welfare' },
    });
    expect(checkWelfareRules(seen('approved'), 'supervisor', stored('assessed', 7))).toBeNull();
    expect(checkWelfareRules(seen('assessed'), 'surveyor', stored('received', 7))?.reason).toBe(
      'status_not_allowed',
    );
  });

  it("counts the device's own earlier write as seen", () => {
    const own = mutation('case', 'patch', { status: 'done' }, { status: 3 });
    expect(checkWelfareRules(own, 'welfare', stored('in-progress', 9, DEVICE))).toBeNull();
    const skip = mutation('case', 'patch', { status: 'done' }, { status: 3 });
    expect(checkWelfareRules(skip, 'welfare', stored('assessed', 9, DEVICE))?.reason).toBe(
      'status_not_allowed',
    );
  });

  it('does not apply a move made without seeing the stored status, even an allowed one', () => {
    // The device saw seq 3; another officer has since written seq 9.
    const blind = (to: string) => mutation('case', 'patch', { status: to }, { status: 3 });
    expect(checkWelfareRules(blind('in-progress'), 'welfare', stored('approved', 9))).toEqual({
      reason: 'status_unseen',
      details: { from: 'approved', to: 'in-progress', base: 3, storedSeq: 9 },
    });
    expect(checkWelfareRules(blind('approved'), 'welfare', stored('assessed', 9))).toEqual({
      reason: 'status_not_allowed',
      details: { from: 'assessed', to: 'approved', role: 'welfare' },
    });
    // No base at all is not having seen it either.
    const bare = mutation('case', 'patch', { status: 'in-progress' });
    expect(checkWelfareRules(bare, 'welfare', stored('approved', 9))?.reason).toBe('status_unseen');
    // A reviewer accepting it from quarantine has the stored status in front of them.
    expect(checkWelfareRules(bare, 'welfare', stored('approved', 9), true)).toBeNull();
  });

  it('lets a case stored without a status only be opened', () => {
    const exists: StoredCase = { exists: true };
    const done = mutation('case', 'patch', { status: 'done' }, { status: 0 });
    expect(checkWelfareRules(done, 'supervisor', exists)?.reason).toBe('status_not_allowed');
    const open = mutation('case', 'patch', { status: 'received' }, { status: 0 });
    expect(checkWelfareRules(open, 'surveyor', exists)).toBeNull();
  });

  it('keeps append-only records unchanged by a create over a stored id', () => {
    const again = mutation('assistance', 'create', { amountTHB: 50_000 });
    expect(checkWelfareRules(again, 'supervisor', { exists: true })?.reason).toBe('append_only');
  });

  it('lets a patch without status, or with an unchanged status, through', () => {
    const other = mutation('case', 'patch', { priority: 'urgent' });
    expect(checkWelfareRules(other, 'surveyor', stored('approved', 4))).toBeNull();
    const same = mutation('case', 'patch', { status: 'approved' }, { status: 4 });
    expect(checkWelfareRules(same, 'surveyor', stored('approved', 4))).toBeNull();
  });
});

describe('storedCaseStatus', () => {
  const record = (type: RecordType, fields: Record<string, unknown>): SyncRecord => ({
    id: uuidv7(),
    type,
    villageId: uuidv7(),
    schemaVersion: 1,
    fields,
    deleted: false,
    fieldMeta: {
      status: { seq: 12, hlc: formatHlc({ millis: 1, counter: 0, clientId: OTHER }), by: 'u' },
    },
    seq: 12,
  });

  it("reads a case's status, its seq and the device that wrote it", () => {
    expect(storedCaseStatus(record('case', { status: 'assessed' }))).toEqual({
      value: 'assessed',
      seq: 12,
      clientId: OTHER,
    });
    expect(storedCaseStatus(record('programEnrollment', { status: 'active' }))).toBeUndefined();
    expect(storedCaseStatus(record('case', {}))).toBeUndefined();
  });
});
