import { normalizeThaiDigits, normalizeYearInput } from '../../../shared/rules/thaiDate';
import type { HouseholdView, PersonView } from '../../records/people';
import type { RecordChange } from '../../sync/edit';

/**
 * The changes behind the member actions of the roster. A roster keeps its history: a member who
 * died or moved out stays listed with the status and its date; only a person entered by mistake
 * is removed (`delete`), and that too can be undone (`restore`).
 */

export type LeavingStatus = 'deceased' | 'moved-out';

export function statusChange(
  person: PersonView,
  status: LeavingStatus,
  date: string,
): RecordChange {
  return {
    op: 'patch',
    type: 'person',
    id: person.id,
    villageId: person.villageId,
    patch: { memberStatus: status, memberStatusDate: date },
  };
}

export function reactivateChange(person: PersonView): RecordChange {
  return {
    op: 'patch',
    type: 'person',
    id: person.id,
    villageId: person.villageId,
    patch: { memberStatus: 'active', memberStatusDate: null },
  };
}

/**
 * Moves a member to another household. The change carries the TARGET household's village: a
 * person moved to another หมู่ becomes that village's record (its scope on the server), which
 * `patchChange` cannot express as it keeps the record's own village.
 */
export function moveChange(person: PersonView, target: HouseholdView): RecordChange {
  return {
    op: 'patch',
    type: 'person',
    id: person.id,
    villageId: target.villageId,
    patch: { householdId: target.id },
  };
}

export function removeChange(person: PersonView): RecordChange {
  return { op: 'delete', type: 'person', id: person.id, villageId: person.villageId };
}

export function restoreChange(person: PersonView): RecordChange {
  return { op: 'restore', type: 'person', id: person.id, villageId: person.villageId };
}

/** `2025-10-01` as `01/10/2568`, the way a date is typed in Thai offices. */
export function toThaiDateInput(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${Number(y) + 543}`;
}

/**
 * A typed date `วว/ดด/ปปปป` to ISO, or null when it is not a real date. The year is read as
 * พ.ศ. from 2400 up (docs/domain.md §6), Thai digits are accepted, and `-` or `.` may separate.
 */
export function parseThaiDateInput(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(normalizeThaiDigits(text.trim()));
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const gregorian = normalizeYearInput(year);
  const date = new Date(Date.UTC(gregorian, month - 1, day));
  if (date.getUTCFullYear() !== gregorian || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day || gregorian < 1900) return null;
  return date.toISOString().slice(0, 10);
}
