import type { DependencyGroup } from '../../../shared/rules/adl';
import type { PersonProfile } from '../../../shared/rules/personProfile';
import type { HouseholdView, PersonView } from '../../records/people';

/** One person as search and the lists show them: the record, their household, what is derived. */
export interface PersonSearchEntry {
  person: PersonView;
  /** Null when the household is not on this device (yet). */
  household: HouseholdView | null;
  profile: PersonProfile;
}

/**
 * What a list or search keeps. Each set filter must hold (AND). A flag keeps only the people it
 * names when true; false or absent does not filter (`elderly: false` is everyone, not the young).
 */
export interface PeopleFilters {
  villageId?: string;
  householdId?: string;
  elderly?: boolean;
  disabled?: boolean;
  bedridden?: boolean;
  adlGroup?: DependencyGroup;
  /** Only people (or their households) with answers missing. */
  missingData?: boolean;
  /** Eligible for an allowance they do not receive. */
  eligibleNotReceiving?: boolean;
  /** Deceased and moved-out members too (default: active members only). */
  includeInactive?: boolean;
}

/**
 * Every person on the device, in memory, for search-as-you-type and filters. The query matches
 * prefixes of first and last names (and of the words inside them: Thai runs words together),
 * national ID digits (a prefix, or the last digits), and the house number.
 */
export interface PeopleIndex {
  readonly size: number;
  search(query: string, filters?: PeopleFilters, limit?: number): PersonSearchEntry[];
  /** Everyone with this national ID (normalized first), e.g. to warn about a duplicate. */
  findByNationalId(nationalId: string): PersonSearchEntry[];
}
