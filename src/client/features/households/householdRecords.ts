import { uuidv7 } from '../../../shared/ids';
import type { HouseholdFields } from '../../../shared/model/household';
import type { PersonFields } from '../../../shared/model/person';
import type { FieldValues } from '../../../shared/sync/protocol';
import type { RecordChange } from '../../sync/edit';
import type { RecordView } from '../../sync/recordView';

/**
 * The `RecordChange`s a household or person save makes. Every write goes through `saveChanges`
 * (one local transaction, queued for the server).
 */

/** A new household and its first members, saved together (one txId: all or nothing). */
export function createHouseholdChanges(
  villageId: string,
  household: HouseholdFields,
  members: ReadonlyArray<{ id?: string; fields: PersonFields }>,
  householdId?: string,
): RecordChange[] {
  const id = householdId ?? uuidv7();
  return [
    { op: 'create', type: 'household', id, villageId, patch: household },
    ...members.map(
      (member): RecordChange => ({
        op: 'create',
        type: 'person',
        ...(member.id ? { id: member.id } : {}),
        villageId,
        patch: { ...member.fields, householdId: id },
      }),
    ),
  ];
}

/**
 * The fields among `edited` whose value in `next` differs from `current`: a patch carries
 * changed fields only, so two surveyors editing different answers of one household never
 * conflict. An edited field absent from `next` is cleared with null; fields the form does not
 * edit (a newer app's answers, photos added elsewhere) are never touched.
 */
export function changedFields(
  current: FieldValues,
  next: FieldValues,
  edited: readonly string[],
): FieldValues {
  const patch: FieldValues = {};
  for (const name of edited) {
    const before = current[name] ?? undefined;
    const after = next[name] ?? undefined;
    if (sameValue(before, after)) continue;
    patch[name] = after === undefined ? null : after;
  }
  return patch;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A patch of the edited fields that changed, or null when none did. */
export function patchChange<F>(
  record: RecordView<F>,
  type: 'household' | 'person',
  next: Partial<F>,
  edited: ReadonlyArray<keyof F & string>,
): RecordChange | null {
  const patch = changedFields(record.fields as FieldValues, next as FieldValues, edited);
  if (Object.keys(patch).length === 0) return null;
  return { op: 'patch', type, id: record.id, villageId: record.villageId, patch };
}
