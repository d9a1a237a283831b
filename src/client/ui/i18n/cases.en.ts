import type { casesTh } from './cases.th';

/** English messages of the cases screens: the same keys as `cases.th.ts`. */
export const casesEn: { readonly [K in keyof typeof casesTh]: string } = {};
