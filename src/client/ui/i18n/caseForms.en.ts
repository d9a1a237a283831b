import type { caseFormsTh } from './caseForms.th';

/** English messages of the caseForms screens: the same keys as `caseForms.th.ts`. */
export const caseFormsEn: { readonly [K in keyof typeof caseFormsTh]: string } = {};
