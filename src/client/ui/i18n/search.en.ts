import type { searchTh } from './search.th';

/** English messages of the search screens: the same keys as `search.th.ts`. */
export const searchEn: { readonly [K in keyof typeof searchTh]: string } = {};
