import { RELATIONS_TO_HEAD } from '../../shared/model/person';
import type { DependencyGroup } from '../../shared/rules/adl';
import {
  type HouseholdMissing,
  householdMissing,
  type PersonProfile,
  personProfile,
} from '../../shared/rules/personProfile';
import type { HouseholdView, PersonView } from './people';

/**
 * A village's households as the list and the home counts show them: each with its members and
 * what is derived from them (never stored, recomputed from the answers on every read).
 */

export interface MemberRow {
  person: PersonView;
  profile: PersonProfile;
}

export interface HouseholdRow {
  household: HouseholdView;
  /** Active members first in roster order; deceased and moved-out members after them. */
  members: MemberRow[];
  activeCount: number;
  head: PersonView | null;
  elderly: boolean;
  disabled: boolean;
  bedridden: boolean;
  adlGroups: DependencyGroup[];
  /** What the household's record lacks; members' gaps count in `missingData`. */
  householdMissing: HouseholdMissing[];
  missingData: boolean;
  /** The household or one of its members has edits the server has not acknowledged. */
  unsynced: boolean;
}

/** Natural order of house numbers: "2" < "10" < "12" < "12/3" < "12/10". */
export const houseNoCollator = new Intl.Collator('th', { numeric: true });
/** Thai dictionary order of names (leading vowels such as เ แ โ are skipped as Thai sorts). */
export const nameCollator = new Intl.Collator('th');

export function compareHouseNo(a: string, b: string): number {
  return houseNoCollator.compare(a, b);
}

export function householdRows(
  households: readonly HouseholdView[],
  people: readonly PersonView[],
  today: string,
): HouseholdRow[] {
  const byHousehold = new Map<string, MemberRow[]>();
  for (const person of people) {
    const householdId = person.fields.householdId;
    if (!householdId) continue;
    const list = byHousehold.get(householdId) ?? [];
    list.push({ person, profile: personProfile(person.fields, today) });
    byHousehold.set(householdId, list);
  }
  return households.map((household) =>
    householdRow(household, byHousehold.get(household.id) ?? []),
  );
}

export function householdRow(household: HouseholdView, members: MemberRow[]): HouseholdRow {
  const sorted = [...members].sort(compareMembers);
  const active = sorted.filter((member) => member.profile.active);
  const missing = householdMissing(
    household.fields,
    members.map((member) => member.person.fields),
  );
  const groups = new Set<DependencyGroup>();
  for (const { profile } of active) if (profile.adlGroup) groups.add(profile.adlGroup);
  return {
    household,
    members: sorted,
    activeCount: active.length,
    head: active.find((member) => member.person.fields.relationToHead === 'head')?.person ?? null,
    elderly: active.some((member) => member.profile.elderly),
    disabled: active.some((member) => member.profile.disabled),
    bedridden: active.some((member) => member.profile.bedridden),
    adlGroups: [...groups],
    householdMissing: missing,
    missingData: missing.length > 0 || active.some((member) => member.profile.missing.length > 0),
    unsynced:
      household.unsyncedFields.length > 0 ||
      members.some((member) => member.person.unsyncedFields.length > 0),
  };
}

/** The head first, then by relation, then oldest first; former members after current ones. */
function compareMembers(a: MemberRow, b: MemberRow): number {
  if (a.profile.active !== b.profile.active) return a.profile.active ? -1 : 1;
  const relation = (row: MemberRow) => {
    const index = RELATIONS_TO_HEAD.indexOf(row.person.fields.relationToHead ?? 'other');
    return index < 0 ? RELATIONS_TO_HEAD.length : index;
  };
  const byRelation = relation(a) - relation(b);
  if (byRelation !== 0) return byRelation;
  return (a.person.fields.birthDate ?? '9999').localeCompare(b.person.fields.birthDate ?? '9999');
}

export interface HouseholdFilters {
  elderly: boolean;
  disabled: boolean;
  bedridden: boolean;
  adlGroup: DependencyGroup | '';
  missingData: boolean;
}

export const NO_FILTERS: HouseholdFilters = {
  elderly: false,
  disabled: false,
  bedridden: false,
  adlGroup: '',
  missingData: false,
};

export function matchesFilters(row: HouseholdRow, filters: HouseholdFilters): boolean {
  if (filters.elderly && !row.elderly) return false;
  if (filters.disabled && !row.disabled) return false;
  if (filters.bedridden && !row.bedridden) return false;
  if (filters.adlGroup && !row.adlGroups.includes(filters.adlGroup)) return false;
  if (filters.missingData && !row.missingData) return false;
  return true;
}

export type HouseholdSort = 'houseNo' | 'surveyDate' | 'head';
export const HOUSEHOLD_SORTS: readonly HouseholdSort[] = ['houseNo', 'surveyDate', 'head'];

function headName(row: HouseholdRow): string | null {
  const fields = row.head?.fields;
  return fields ? `${fields.firstName ?? ''} ${fields.lastName ?? ''}`.trim() || null : null;
}

/** A sorted copy: house number (natural), latest survey first, or the head's name (Thai order). */
export function sortRows(rows: readonly HouseholdRow[], sort: HouseholdSort): HouseholdRow[] {
  const byHouseNo = (a: HouseholdRow, b: HouseholdRow) =>
    compareHouseNo(a.household.fields.houseNo ?? '', b.household.fields.houseNo ?? '');
  const compare: Record<HouseholdSort, (a: HouseholdRow, b: HouseholdRow) => number> = {
    houseNo: byHouseNo,
    surveyDate: (a, b) =>
      (b.household.fields.surveyDate ?? '').localeCompare(a.household.fields.surveyDate ?? '') ||
      byHouseNo(a, b),
    head: (a, b) => {
      const [nameA, nameB] = [headName(a), headName(b)];
      // Households without a head go last.
      if (nameA === null || nameB === null) {
        return (nameA === null ? 1 : 0) - (nameB === null ? 1 : 0) || byHouseNo(a, b);
      }
      return nameCollator.compare(nameA, nameB) || byHouseNo(a, b);
    },
  };
  return [...rows].sort(compare[sort]);
}

export interface VillageCounts {
  households: number;
  /** Active members. */
  people: number;
  elderly: number;
  bedridden: number;
  /** Households whose record or a member's lacks required answers. */
  missingData: number;
}

export function villageCounts(rows: readonly HouseholdRow[]): VillageCounts {
  const counts: VillageCounts = {
    households: rows.length,
    people: 0,
    elderly: 0,
    bedridden: 0,
    missingData: 0,
  };
  for (const row of rows) {
    if (row.missingData) counts.missingData += 1;
    for (const { profile } of row.members) {
      if (!profile.active) continue;
      counts.people += 1;
      if (profile.elderly) counts.elderly += 1;
      if (profile.bedridden) counts.bedridden += 1;
    }
  }
  return counts;
}
