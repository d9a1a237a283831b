/**
 * What other features may use of people search: the in-memory index of everyone on the device
 * and the filter controls its lists share.
 */
export {
  AdlGroupSelect,
  FilterPanel,
  FlagChips,
  type FlagFilter,
  flagLabel,
  SearchField,
} from './FilterPanel';
export type { PeopleFilters, PeopleIndex, PersonSearchEntry } from './types';
export { usePeopleIndex } from './usePeopleIndex';
