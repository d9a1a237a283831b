// Properties of the push policy over random stored records, roles, ops and bases: whatever a
// device sends, what the server would store after it (policy, then merge) never breaks the
// case transition table, an append-only record, or an erasure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Actor, decideMutation, type StoredState } from '../../../src/server/sync/policy';
import { storedCaseStatus } from '../../../src/server/sync/welfareRules';
import { ROLES } from '../../../src/shared/model/roles';
import { CASE_STATUSES } from '../../../src/shared/model/welfare';
import {
  type CaseStatusName,
  mayChangeStatus,
  mayOpenCase,
} from '../../../src/shared/rules/caseStatus';
import { formatHlc } from '../../../src/shared/sync/hlc';
import { mergeMutation } from '../../../src/shared/sync/merge';
import {
  MUTATION_OPS,
  type Mutation,
  type RecordType,
  type SyncRecord,
} from '../../../src/shared/sync/protocol';
import { fieldSizes } from '../../../src/shared/sync/validate';

const VILLAGE = '01900000-0000-7000-8000-0000000000aa';
const RECORD = '01900000-0000-7000-8000-000000000001';
const CASE = '01900000-0000-7000-8000-000000000002';
const DEVICE = 'device-pushing';
const OTHER = 'device-earlier';
const RUNS = { numRuns: 1_000 };

const hlc = (millis: number, clientId: string) => formatHlc({ millis, counter: 0, clientId });

const role = fc.constantFrom(...ROLES);
const op = fc.constantFrom(...MUTATION_OPS);
const status = fc.constantFrom(...(CASE_STATUSES as readonly CaseStatusName[]));
/** A seq the device claims to have seen: nothing, 0, or around the stored one. */
const baseSeq = fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined });

function actorOf(roleName: Actor['role']): Actor {
  return { userId: 'user-pushing', role: roleName, villageIds: new Set([VILLAGE]) };
}

function storedRecord(
  type: RecordType,
  fields: Record<string, unknown>,
  seq: number,
  writer: string,
): SyncRecord {
  const meta = { seq, hlc: hlc(1_000, writer), by: 'user-earlier' };
  return {
    id: RECORD,
    type,
    villageId: VILLAGE,
    schemaVersion: 1,
    fields,
    deleted: false,
    fieldMeta: Object.fromEntries(Object.keys(fields).map((field) => [field, meta])),
    seq,
  };
}

function stateOf(record: SyncRecord | null): StoredState | undefined {
  if (!record) return undefined;
  return {
    type: record.type,
    villageId: record.villageId,
    status: storedCaseStatus(record),
    fieldBytes: fieldSizes(record.fields),
  };
}

function mutationOf(input: {
  op: Mutation['op'];
  type: RecordType;
  patch: Record<string, unknown>;
  base: Record<string, number | undefined>;
  clientId?: string;
}): Mutation {
  const clientId = input.clientId ?? DEVICE;
  const base = Object.fromEntries(
    Object.entries(input.base).filter((entry): entry is [string, number] => entry[1] !== undefined),
  );
  return {
    mutationId: `${clientId}:1`,
    clientId,
    txId: 'tx',
    schemaVersion: 1,
    hlc: hlc(2_000, clientId),
    op: input.op,
    type: input.type,
    id: RECORD,
    villageId: VILLAGE,
    patch: input.patch,
    base,
  };
}

/** Decides, and merges when applied: the record as the server would store it, or null. */
function pushed(
  stored: SyncRecord | null,
  mutation: Mutation,
  actor: Actor,
  erased?: ReadonlyMap<string, number>,
) {
  const verdict = decideMutation({
    mutation,
    actor,
    stored: stateOf(stored),
    erased,
    blobs: new Map(),
  });
  if (!verdict.apply) return null;
  return mergeMutation(stored, mutation, { seq: 20, by: actor.userId }).record;
}

const caseFields = (value: CaseStatusName) => ({
  category: 'elderly-care',
  channel: 'field-visit',
  description: 'ขอรถเข็น',
  priority: 'normal',
  status: value,
  receivedAt: '2026-11-20T09:00:00+07:00',
});

describe('push policy properties', () => {
  it('never lets a role reach a case status the transition table forbids it', () => {
    fc.assert(
      fc.property(
        fc.option(status, { nil: null }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        role,
        op,
        status,
        baseSeq,
        (storedStatus, seq, writtenByPusher, who, mutationOp, to, seen) => {
          const stored =
            storedStatus === null
              ? null
              : storedRecord(
                  'case',
                  caseFields(storedStatus),
                  seq,
                  writtenByPusher ? DEVICE : OTHER,
                );
          const mutation = mutationOf({
            op: mutationOp,
            type: 'case',
            patch: mutationOp === 'create' ? caseFields(to) : { status: to },
            base: { status: seen },
          });
          const after = pushed(stored, mutation, actorOf(who));
          if (!after) return;
          const before = stored?.fields.status as CaseStatusName | undefined;
          const now = after.fields.status as CaseStatusName | undefined;
          if (now === before) return;
          if (before === undefined) {
            expect(now).toBe('received');
            expect(mayOpenCase(who)).toBe(true);
          } else {
            expect(mayChangeStatus(who, before, now as CaseStatusName)).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it('never changes a stored assistance entry or timeline entry, whatever the op', () => {
    const patches = fc.dictionary(
      fc.constantFrom('amountTHB', 'note', 'toStatus', 'fromStatus', 'caseId', 'extra'),
      fc.oneof(fc.integer(), fc.string(), status, fc.constant(null)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom<RecordType>('assistance', 'caseStatusChange'),
        role,
        op,
        patches,
        baseSeq,
        fc.boolean(),
        (type, who, mutationOp, patch, seen, sameDevice) => {
          const fields =
            type === 'assistance'
              ? { caseId: CASE, programCode: 'disaster-relief', amountTHB: 3000 }
              : { caseId: CASE, toStatus: 'received', at: '2026-11-20T09:00:00.000Z' };
          const stored = storedRecord(type, fields, 5, sameDevice ? DEVICE : OTHER);
          const base = Object.fromEntries(Object.keys(patch).map((field) => [field, seen]));
          const mutation = mutationOf({ op: mutationOp, type, patch, base });
          expect(pushed(stored, mutation, actorOf(who))).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it('never brings an erased field back from a device that had not seen the erasure', () => {
    const erasable = fc.constantFrom('nationalId', 'chronicDiseases', 'phone', 'firstName');
    fc.assert(
      fc.property(
        role,
        op,
        erasable,
        fc.oneof(fc.constant(null), fc.string({ minLength: 1 }), fc.constant(['เบาหวาน'])),
        fc.integer({ min: 2, max: 10 }),
        baseSeq,
        fc.boolean(),
        (who, mutationOp, field, value, erasedAt, seen, exists) => {
          const stored = exists
            ? storedRecord('person', { householdId: CASE, lastName: 'ใจดี' }, erasedAt, OTHER)
            : null;
          const mutation = mutationOf({
            op: mutationOp,
            type: 'person',
            patch: { [field]: value },
            base: { [field]: seen },
          });
          const erased = new Map([[field, erasedAt]]);
          const after = pushed(stored, mutation, actorOf(who), erased);
          if (!after || after.fields[field] == null) return;
          expect(seen ?? 0).toBeGreaterThanOrEqual(erasedAt);
        },
      ),
      RUNS,
    );
  });
});
