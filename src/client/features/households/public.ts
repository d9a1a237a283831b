/**
 * What other features may use of the household survey: the ADL questions (a welfare visit asks
 * them again) and the patch a record edit makes.
 */
export { AdlFields } from './forms/AdlFields';
export { type AdlControl, adlControl } from './forms/personForm';
export { patchChange } from './householdRecords';
