import type { reportsTh } from './reports.th';

/** English messages of the reports screens: the same keys as `reports.th.ts`. */
export const reportsEn: { readonly [K in keyof typeof reportsTh]: string } = {};
